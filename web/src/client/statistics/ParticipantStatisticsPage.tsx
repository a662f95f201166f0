import { Link, useParams } from "react-router-dom";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, Loading, Page } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { fetchNamesByRef, pseudonym } from "../assessments/data";
import { BarChart } from "./charts/BarChart";
import { count, percent } from "./format";
import { StatisticsNav } from "./StatisticsNav";
import type { ParticipantStatistics } from "./types";
import "./charts/charts.css";
import "./statistics.css";

/** One person's figures: answers, correct answers, score, daily-question streak, last answer. */
export function ParticipantStatisticsPage() {
  const { subjectRef = "" } = useParams();
  const { t, locale } = useLanguage();
  const loaded = useLoad(
    async (signal) => {
      const [stats, names] = await Promise.all([
        api<ParticipantStatistics>("analytics", `/statistics/participants/${subjectRef}`, { signal }),
        fetchNamesByRef(signal),
      ]);
      return { stats, person: names.get(subjectRef) };
    },
    [subjectRef],
  );
  const stats = loaded.data?.stats;
  const name = loaded.data?.person?.name ?? t("statistics.pseudonym", { ref: pseudonym(subjectRef) });
  return (
    <Page title={t("statistics.participant.title", { name })}>
      <StatisticsNav />
      <p>
        <Link to="/app/statistics/participants">{t("statistics.participant.back")}</Link>
      </p>
      <Loading loading={loaded.loading} error={loaded.error}>
        {stats ? (
          <>
            <ul className="figures">
              {[
                [count(stats.answers, locale), t("statistics.col.answers")],
                [count(stats.graded_answers, locale), t("statistics.col.graded")],
                [count(stats.correct_answers, locale), t("statistics.col.correct")],
                [percent(stats.score, locale), t("statistics.col.score")],
                [count(stats.daily_question_streak, locale), t("statistics.col.streak")],
                [formatDate(stats.last_answered_at, locale), t("statistics.col.lastAnswer")],
              ].map(([value, label]) => (
                <li key={label}>
                  <span className="figure-value">{value}</span> <span className="figure-name">{label}</span>
                </li>
              ))}
            </ul>
            <BarChart
              title={t("statistics.chart.person", { name })}
              labelHeading={t("statistics.col.kindOfAnswer")}
              valueHeading={t("statistics.col.count")}
              bars={[
                { label: t("statistics.col.answers"), value: stats.answers, display: count(stats.answers, locale) },
                { label: t("statistics.col.graded"), value: stats.graded_answers, display: count(stats.graded_answers, locale) },
                { label: t("statistics.col.correct"), value: stats.correct_answers, display: count(stats.correct_answers, locale) },
              ]}
            />
            <p className="hint">{t("statistics.participant.pseudonym", { ref: subjectRef })}</p>
          </>
        ) : null}
      </Loading>
    </Page>
  );
}
