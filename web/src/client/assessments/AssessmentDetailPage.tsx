import { Link, useLocation, useParams } from "react-router-dom";

import { api } from "../../api/http";
import { useSession } from "../../auth/session";
import { useLanguage } from "../../i18n";
import { ErrorMessage, Loading, Notice, Page } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { fetchGroups, fetchNamesByRef, fetchQuestions } from "./data";
import { DeleteAssessment } from "./DeleteAssessment";
import { DeliveryLog } from "./DeliveryLog";
import { phaseBadge, phaseOf, scheduleText } from "./status";
import { formatInZone } from "./timezone";
import type { AssessmentRead, AssessmentResults } from "./types";
import { useTimeZone } from "./useTimeZone";
import { TableWrap } from "./TableWrap";
import "./assessments.css";

/** One quiz or series of daily questions: what it is, where it stands, who got it, delete. */
export function AssessmentDetailPage() {
  const { id = "" } = useParams();
  const { t, locale } = useLanguage();
  const { can } = useSession();
  const location = useLocation();
  const { timeZone } = useTimeZone();
  const loaded = useLoad(
    async (signal) => {
      const [assessment, results, questions, groups, names] = await Promise.all([
        api<AssessmentRead>("assessments", `/assessments/${id}`, { signal }),
        api<AssessmentResults>("assessments", `/assessments/${id}/results`, { signal }),
        fetchQuestions(signal),
        fetchGroups(signal),
        fetchNamesByRef(signal),
      ]);
      return { assessment, results, questions, groups, names };
    },
    [id],
  );
  const publish = useAction(async () => {
    await api("assessments", `/assessments/${id}/publish`, { method: "POST" });
    loaded.reload();
  });
  const saved = (location.state as { saved?: string } | null)?.saved;
  const data = loaded.data;
  const assessment = data?.assessment;
  const phase = assessment ? phaseOf(assessment, timeZone) : "draft";
  const questionText = new Map(data?.questions.map((question) => [question.id, question.text]));
  const perQuestion = new Map(data?.results.questions.map((question) => [question.question_id, question]));
  return (
    <Page title={assessment?.title ?? t("assessments.assessment")}>
      <p>
        <Link to="/app/assessments">{t("assessments.back")}</Link>
      </p>
      {saved ? <Notice>{t(saved === "published" ? "assessments.saved.published" : "assessments.saved.draft")}</Notice> : null}
      <Loading loading={loaded.loading && !data} error={loaded.error}>
        {assessment && data ? (
          <>
            <section className="card" aria-labelledby="summary-heading">
              <h2 id="summary-heading">{t("assessments.summary")}</h2>
              <dl className="facts">
                <dt>{t("assessments.kind")}</dt>
                <dd>{t(`assessments.kind.${assessment.kind}`)}</dd>
                <dt>{t("assessments.status")}</dt>
                <dd>
                  <span className={phaseBadge(phase)}>{t(`assessments.phase.${phase}`)}</span>
                </dd>
                <dt>{t("assessments.schedule")}</dt>
                <dd>{scheduleText(assessment, t, locale, timeZone)}</dd>
                <dt>{t("assessments.channels")}</dt>
                <dd>
                  {assessment.channels.map((channel) => t(`assessments.channel.${channel}`)).join(", ")}
                  {assessment.email_fallback ? ` (${t("assessments.emailFallback")})` : ""}
                </dd>
                <dt>{t("assessments.audience")}</dt>
                <dd>
                  {[
                    assessment.participant_ids.length ? t("assessments.audience.participantsCount", { count: assessment.participant_ids.length }) : "",
                    ...data.groups.filter((group) => assessment.group_ids.includes(group.id)).map((group) => t("assessments.audience.group", { name: group.name, count: group.members })),
                  ]
                    .filter(Boolean)
                    .join("; ") || "—"}
                </dd>
                <dt>{t("assessments.showCorrect")}</dt>
                <dd>{assessment.show_correct ? t("assessments.yes") : t("assessments.no")}</dd>
                <dt>{t("assessments.reminders")}</dt>
                <dd>
                  {assessment.max_reminders && assessment.reminder_after_hours
                    ? t("assessments.reminders.value", { count: assessment.max_reminders, hours: assessment.reminder_after_hours })
                    : t("assessments.no")}
                </dd>
                <dt>{t("assessments.publishedAt")}</dt>
                <dd>{formatInZone(assessment.published_at, locale, timeZone)}</dd>
              </dl>
              {assessment.status !== "published" && can("editor") ? (
                <>
                  <ErrorMessage error={publish.error} />
                  <button type="button" className="primary" disabled={publish.busy} onClick={() => void publish.run()}>
                    {t("assessments.publish")}
                  </button>
                </>
              ) : null}
            </section>

            <section aria-labelledby="results-heading">
              <h2 id="results-heading">{t("assessments.results")}</h2>
              <p>
                {t("assessments.results.dispatches", { sent: data.results.dispatches, answered: data.results.answered_dispatches })}{" "}
                <Link to={`/app/statistics/assessments/${assessment.id}`}>{t("assessments.results.statistics")}</Link>
              </p>
              <TableWrap label={t("assessments.results")}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t("assessments.question")}</th>
                      <th scope="col">{t("assessments.results.answers")}</th>
                      <th scope="col">{t("assessments.results.correct")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {assessment.question_ids.map((questionId, index) => (
                      <tr key={questionId}>
                        <td>{index + 1}</td>
                        <td>{questionText.get(questionId) ?? questionId}</td>
                        <td>{perQuestion.get(questionId)?.answers ?? 0}</td>
                        <td>{perQuestion.get(questionId)?.correct_answers ?? 0}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </section>

            <DeliveryLog assessmentId={assessment.id} names={data.names} />
            {can("admin") ? <DeleteAssessment id={assessment.id} title={assessment.title} /> : null}
          </>
        ) : null}
      </Loading>
    </Page>
  );
}
