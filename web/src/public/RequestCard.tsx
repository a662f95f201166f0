import { useLanguage } from "../i18n";
import { formatDay } from "./dates";
import { stepsOf } from "./requestSteps";
import type { PublicRequestStatus } from "./types";

const FINISHED = ["completed", "verified", "denied", "canceled", "withdrawn"];

/** One request opened from the intake (one per organisation holding the address). */
export function RequestCard({ request }: { request: PublicRequestStatus }) {
  const { t, locale } = useLanguage();
  const headingId = `request-${request.reference}`;
  return (
    <li className="card pub-request-card">
      <h3 id={headingId}>{t("public.status.request", { reference: request.reference })}</h3>
      <dl className="pub-facts">
        <dt>{t("public.status.type")}</dt>
        <dd>{t(`public.type.${request.request_type}`)}</dd>
        <dt>{t("public.status.state")}</dt>
        <dd>
          <span className={`badge ${badgeOf(request.state)}`}>{t(`public.state.${request.state}`)}</span>
        </dd>
        <dt>{t("public.status.due")}</dt>
        <dd>
          {formatDay(request.due_on, locale)}
          {FINISHED.includes(request.state)
            ? null
            : request.days_left >= 0
              ? ` (${t("public.status.daysLeft", { days: request.days_left })})`
              : ` (${t("public.status.overdue", { days: -request.days_left })})`}
        </dd>
      </dl>
      <h4 id={`${headingId}-steps`}>{t("public.status.steps")}</h4>
      <ol className="pub-steps" aria-labelledby={`${headingId}-steps`}>
        {stepsOf(request).map((step) => (
          <li key={step.key} className={`pub-step ${step.status}`}>
            <span className="pub-step-mark" aria-hidden="true">
              {step.status === "done" ? "✓" : step.status === "current" ? "→" : step.status === "skipped" ? "–" : "○"}
            </span>{" "}
            {t(`public.step.${step.key}`)}: <strong>{t(`public.stepStatus.${step.status}`)}</strong>
          </li>
        ))}
      </ol>
      {request.download_link ? (
        <p>
          <a className="button primary" href={request.download_link}>
            {t("public.status.download", { reference: request.reference })}
          </a>
        </p>
      ) : null}
      {request.state === "denied" ? <p className="hint">{t("public.status.deniedHint")}</p> : null}
    </li>
  );
}

function badgeOf(state: string): string {
  if (state === "completed" || state === "verified") return "good";
  if (state === "denied" || state === "failed") return "bad";
  if (state === "canceled" || state === "withdrawn") return "";
  return "warn";
}
