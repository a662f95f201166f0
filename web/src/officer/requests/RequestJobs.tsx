import { useLanguage } from "../../i18n";
import { formatDate } from "../../ui/components";
import type { Job } from "./types";
import { TableWrap } from "../shared/TableWrap";

const STATUS_BADGE: Record<string, string> = { done: "good", skipped: "", failed: "bad", running: "warn", queued: "" };

/** Each data service's job for the request: its step, status and what happened. */
export function RequestJobs({ jobs }: { jobs: Job[] }) {
  const { t, locale } = useLanguage();
  return (
    <section className="card" aria-labelledby="officer-request-jobs">
      <h2 id="officer-request-jobs">{t("officer.request.jobs")}</h2>
      {jobs.length === 0 ? (
        <p>{t("officer.request.noJobs")}</p>
      ) : (
        <TableWrap label={t("officer.request.jobs")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("officer.request.service")}</th>
                <th scope="col">{t("officer.request.step")}</th>
                <th scope="col">{t("officer.request.jobStatus")}</th>
                <th scope="col">{t("officer.request.attempts")}</th>
                <th scope="col">{t("officer.request.finished")}</th>
                <th scope="col">{t("officer.request.jobNote")}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={`${job.service}-${job.step}`}>
                  <th scope="row">{job.service}</th>
                  <td>{t(`officer.step.${job.step}`)}</td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[job.status] ?? ""}`}>{t(`officer.jobStatus.${job.status}`)}</span>
                  </td>
                  <td>{job.attempts}</td>
                  <td>{formatDate(job.finished_at, locale)}</td>
                  <td>
                    {job.last_error ? <span>{t("officer.request.lastError", { error: job.last_error })}</span> : null}
                    {job.next_attempt_at ? <span> {t("officer.request.nextAttempt", { at: formatDate(job.next_attempt_at, locale) })}</span> : null}
                    {job.skip_reason ? <span>{job.skip_reason}</span> : null}
                    {job.receipt ? <span>{t("officer.request.hasReceipt", { seq: job.receipt.audit_seq })}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
