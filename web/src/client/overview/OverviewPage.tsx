import { Link } from "react-router-dom";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { Loading, Page } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { phaseBadge, phaseOf } from "../assessments/status";
import { formatInZone } from "../assessments/timezone";
import type { AssessmentRead, ClientInfo, OffsetPage } from "../assessments/types";
import "./overview.css";

const RECENT = 100;

/** The client's dashboard: a few counts, the latest assessments, the way to the statistics. */
export function OverviewPage() {
  const { t, locale } = useLanguage();
  const loaded = useLoad(async (signal) => {
    const count = (path: string) => api<OffsetPage<unknown>>("assessments", path, { query: { limit: 1 }, signal }).then((page) => page.total);
    const [client, participants, questions, assessments] = await Promise.all([
      api<ClientInfo>("accounts", "/client", { signal }),
      count("/participants"),
      count("/questions"),
      api<OffsetPage<AssessmentRead>>("assessments", "/assessments", { query: { limit: RECENT }, signal }),
    ]);
    return { client, participants, questions, assessments };
  }, []);
  const data = loaded.data;
  const timeZone = data?.client.time_zone ?? "Europe/Tallinn";
  const phases = data?.assessments.items.map((assessment) => ({ assessment, phase: phaseOf(assessment, timeZone) })) ?? [];
  const openQuizzes = phases.filter(({ assessment, phase }) => assessment.kind === "quiz" && phase === "open").length;
  const runningDaily = phases.filter(({ assessment, phase }) => assessment.kind === "daily_questions" && phase === "running").length;
  return (
    <Page title={data ? t("overview.titleOf", { name: data.client.organisation_name }) : t("overview.title")}>
      <Loading loading={loaded.loading} error={loaded.error}>
        {data ? (
          <>
            <ul className="overview-counts">
              <li className="card">
                <Link to="/app/participants">
                  <span className="count">{data.participants.toLocaleString(locale)}</span> {t("overview.participants")}
                </Link>
              </li>
              <li className="card">
                <Link to="/app/questions">
                  <span className="count">{data.questions.toLocaleString(locale)}</span> {t("overview.questions")}
                </Link>
              </li>
              <li className="card">
                <Link to="/app/assessments">
                  <span className="count">{openQuizzes.toLocaleString(locale)}</span> {t("overview.openQuizzes")}
                </Link>
              </li>
              <li className="card">
                <Link to="/app/assessments">
                  <span className="count">{runningDaily.toLocaleString(locale)}</span> {t("overview.runningDaily")}
                </Link>
              </li>
            </ul>

            <section aria-labelledby="overview-latest">
              <h2 id="overview-latest">{t("overview.latest")}</h2>
              {phases.length === 0 ? (
                <p>
                  {t("overview.none")} <Link to="/app/assessments/new-quiz">{t("overview.createQuiz")}</Link>
                </p>
              ) : (
                <ul className="overview-latest">
                  {phases.slice(0, 5).map(({ assessment, phase }) => (
                    <li key={assessment.id}>
                      <Link to={`/app/assessments/${assessment.id}`}>{assessment.title}</Link>{" "}
                      <span className={phaseBadge(phase)}>{t(`assessments.phase.${phase}`)}</span>{" "}
                      <span className="hint">
                        {t(`assessments.kind.${assessment.kind}`)} · {t("overview.created", { date: formatInZone(assessment.created_at, locale, timeZone) })}
                      </span>{" "}
                      {assessment.status === "published" ? <Link to={`/app/statistics/assessments/${assessment.id}`}>{t("overview.statisticsOf", { title: assessment.title })}</Link> : null}
                    </li>
                  ))}
                </ul>
              )}
              <p>
                <Link to="/app/assessments">{t("overview.allAssessments")}</Link>
              </p>
            </section>

            <section aria-labelledby="overview-statistics">
              <h2 id="overview-statistics">{t("overview.statistics")}</h2>
              <p>{t("overview.statisticsText")}</p>
              <p>
                <Link className="button" to="/app/statistics">
                  {t("overview.toStatistics")}
                </Link>
              </p>
            </section>
          </>
        ) : null}
      </Loading>
    </Page>
  );
}
