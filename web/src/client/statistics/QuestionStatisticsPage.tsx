import { Link, useParams } from "react-router-dom";

import { api, ApiError } from "../../api/http";
import { useLanguage } from "../../i18n";
import { Loading, Page } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import type { AssessmentRead, QuestionRead } from "../assessments/types";
import { CsvButton } from "./CsvButton";
import { QuestionBreakdown } from "./QuestionBreakdown";
import { StatisticsNav } from "./StatisticsNav";
import type { QuestionList } from "./types";
import "./charts/charts.css";
import "./statistics.css";

async function orUndefined<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (caught) {
    if (caught instanceof ApiError && caught.status === 404) return undefined;
    throw caught;
  }
}

/** One question within one assessment: every option (or scale point) and its share. */
export function QuestionStatisticsPage() {
  const { id = "", questionId = "" } = useParams();
  const { t } = useLanguage();
  const loaded = useLoad(
    async (signal) => {
      const [list, question, assessment] = await Promise.all([
        api<QuestionList>("analytics", `/statistics/assessments/${id}/questions`, { signal }),
        orUndefined(api<QuestionRead>("assessments", `/questions/${questionId}`, { signal })),
        orUndefined(api<AssessmentRead>("assessments", `/assessments/${id}`, { signal })),
      ]);
      return { stats: list.items.find((item) => item.question_id === questionId), question, assessment };
    },
    [id, questionId],
  );
  const data = loaded.data;
  const number = (data?.assessment?.question_ids.indexOf(questionId) ?? -1) + 1 || 1;
  const assessmentTitle = data?.assessment?.title ?? t("statistics.unknownAssessment", { id: id.slice(0, 8) });
  return (
    <Page title={t("statistics.question.title", { n: number, title: assessmentTitle })}>
      <StatisticsNav />
      <p>
        <Link to={`/app/statistics/assessments/${id}`}>{t("statistics.question.back", { title: assessmentTitle })}</Link>
      </p>
      <Loading loading={loaded.loading} error={loaded.error}>
        {data?.question ? (
          <p className="hint">
            {t(`assessments.questionKind.${data.question.kind}`)}
            {data.question.topics.length ? ` · ${t("statistics.question.topics", { topics: data.question.topics.join(", ") })}` : ""}
          </p>
        ) : null}
        {data?.stats ? <QuestionBreakdown stats={data.stats} question={data.question} number={number} headingLevel={2} /> : <p>{t("statistics.question.none")}</p>}
        <p>
          <CsvButton path={`/statistics/assessments/${id}/questions.csv`} filename={`assessment-${id}-questions.csv`} label={t("statistics.csv.questions")} />
        </p>
      </Loading>
    </Page>
  );
}
