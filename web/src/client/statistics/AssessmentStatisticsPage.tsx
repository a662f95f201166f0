import { Link, useParams } from "react-router-dom";

import { api, ApiError } from "../../api/http";
import { useLanguage } from "../../i18n";
import { Loading, Page } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { fetchQuestions } from "../assessments/data";
import type { AssessmentRead } from "../assessments/types";
import { BarChart } from "./charts/BarChart";
import { CsvButton } from "./CsvButton";
import { count, decimal, percent, seconds } from "./format";
import { QuestionBreakdown } from "./QuestionBreakdown";
import { StatisticsNav } from "./StatisticsNav";
import type { AssessmentStatistics, QuestionList } from "./types";
import "./charts/charts.css";
import "./statistics.css";

/** 404 means "nothing about it has arrived yet": shown as no figures, not as an error. */
async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (caught) {
    if (caught instanceof ApiError && caught.status === 404) return null;
    throw caught;
  }
}

/** One assessment's figures: reach, participation, score, then every question and option. */
export function AssessmentStatisticsPage() {
  const { id = "" } = useParams();
  const { t, locale } = useLanguage();
  const loaded = useLoad(
    async (signal) => {
      const [assessment, totals, questions, bank] = await Promise.all([
        orNull(api<AssessmentRead>("assessments", `/assessments/${id}`, { signal })),
        orNull(api<AssessmentStatistics>("analytics", `/statistics/assessments/${id}`, { signal })),
        api<QuestionList>("analytics", `/statistics/assessments/${id}/questions`, { signal }),
        fetchQuestions(signal),
      ]);
      return { assessment, totals, questions: questions.items, bank: new Map(bank.map((question) => [question.id, question])) };
    },
    [id],
  );
  const data = loaded.data;
  const title = data?.assessment?.title ?? t("statistics.unknownAssessment", { id: id.slice(0, 8) });
  // In the assessment's own order when it is known; analytics' order otherwise.
  const order = data?.assessment?.question_ids ?? [];
  const questions = [...(data?.questions ?? [])].sort((a, b) => {
    const left = order.indexOf(a.question_id);
    const right = order.indexOf(b.question_id);
    return (left < 0 ? 999 : left) - (right < 0 ? 999 : right);
  });
  const totals = data?.totals;
  return (
    <Page title={t("statistics.assessment.title", { title })}>
      <StatisticsNav />
      <p>
        <Link to="/app/statistics">{t("statistics.back")}</Link>
        {data?.assessment ? (
          <>
            {" · "}
            <Link to={`/app/assessments/${id}`}>{t("statistics.assessment.open")}</Link>
          </>
        ) : null}
      </p>
      <Loading loading={loaded.loading} error={loaded.error}>
        {totals ? (
          <section aria-labelledby="assessment-totals">
            <h2 id="assessment-totals">{t("statistics.assessment.totals")}</h2>
            <ul className="figures">
              {[
                [count(totals.respondents, locale), t("statistics.col.respondents")],
                [percent(totals.participation_rate, locale), t("statistics.col.participation")],
                [count(totals.answers, locale), t("statistics.col.answers")],
                [percent(totals.share_correct, locale), t("statistics.col.shareCorrect")],
                [decimal(totals.mean_score, locale), t("statistics.col.meanScore")],
                [seconds(totals.median_seconds_to_answer, t), t("statistics.col.median")],
              ].map(([value, name]) => (
                <li key={name}>
                  <span className="figure-value">{value}</span> <span className="figure-name">{name}</span>
                </li>
              ))}
            </ul>
            <BarChart
              title={t("statistics.chart.reach")}
              labelHeading={t("statistics.col.stage")}
              valueHeading={t("statistics.col.count")}
              bars={[
                ["dispatched", totals.dispatched],
                ["sent", totals.sent],
                ["delivered", totals.delivered],
                ["bounced", totals.bounced],
                ["suppressed", totals.suppressed],
                ["respondents", totals.respondents],
              ].map(([key, value]) => ({ label: t(`statistics.col.${key}`), value: value as number, display: count(value as number, locale) }))}
            />
          </section>
        ) : (
          <p>{t("statistics.assessment.none")}</p>
        )}
        <section aria-labelledby="assessment-questions">
          <div className="section-head">
            <h2 id="assessment-questions">{t("statistics.assessment.questions")}</h2>
            <CsvButton path={`/statistics/assessments/${id}/questions.csv`} filename={`assessment-${id}-questions.csv`} label={t("statistics.csv.questions")} />
          </div>
          {questions.length === 0 ? <p>{t("statistics.assessment.noQuestions")}</p> : null}
          {questions.map((question, index) => (
            <QuestionBreakdown
              key={question.question_id}
              stats={question}
              question={data?.bank.get(question.question_id)}
              number={index + 1}
              detailsTo={`/app/statistics/assessments/${id}/questions/${question.question_id}`}
            />
          ))}
        </section>
      </Loading>
    </Page>
  );
}
