import { useParams } from "react-router-dom";

import { api, download } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, Loading, Page } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { DueBadge } from "../shared/DueBadge";
import { RequestActions } from "./RequestActions";
import { RequestJobs } from "./RequestJobs";
import { RequestReceipts } from "./RequestReceipts";
import { RequestTransitions } from "./RequestTransitions";
import type { RequestDetail } from "./types";

/** `/app/privacy/requests/:id`: one request, its legal clock, its jobs and their proofs. */
export function RequestDetailPage() {
  const { id = "" } = useParams();
  const { t, locale } = useLanguage();
  const { data, error, loading, reload } = useLoad((signal) => api<RequestDetail>("privacy", `/requests/${id}`, { signal }), [id]);
  const bundle = useAction(() => download("privacy", `/requests/${id}/proof-bundle`, `proof-bundle-${data?.reference ?? id}.json`));
  const title = data ? t("officer.request.title", { reference: data.reference }) : t("officer.request.titleLoading");
  return (
    <Page
      title={title}
      actions={
        data ? (
          <button type="button" onClick={() => void bundle.run()} disabled={bundle.busy}>
            {bundle.busy ? t("officer.request.bundleBusy") : t("officer.request.bundle")}
          </button>
        ) : null
      }
    >
      <ErrorMessage error={bundle.error} />
      <Loading loading={loading && !data} error={error}>
        {data ? (
          <>
            <section className="card" aria-labelledby="officer-request-subject">
              <h2 id="officer-request-subject">{t("officer.request.subject")}</h2>
              <dl className="officer-facts">
                <dt>{t("officer.request.email")}</dt>
                <dd>{data.email ?? t("officer.request.emailForgotten")}</dd>
                <dt>{t("officer.requests.subject")}</dt>
                <dd>{t(`officer.subject.${data.subject_kind}`)}</dd>
                <dt>{t("officer.requests.client")}</dt>
                <dd>{data.tenant_id ?? t("officer.request.noClient")}</dd>
                <dt>{t("officer.request.language")}</dt>
                <dd>{data.language}</dd>
                {data.corrected_email ? (
                  <>
                    <dt>{t("officer.request.correctedEmail")}</dt>
                    <dd>{data.corrected_email}</dd>
                  </>
                ) : null}
                {data.corrected_name ? (
                  <>
                    <dt>{t("officer.request.correctedName")}</dt>
                    <dd>{data.corrected_name}</dd>
                  </>
                ) : null}
                {data.restrict !== null ? (
                  <>
                    <dt>{t("officer.request.restrict")}</dt>
                    <dd>{data.restrict ? t("officer.request.restrictOn") : t("officer.request.restrictOff")}</dd>
                  </>
                ) : null}
              </dl>
            </section>
            <section className="card" aria-labelledby="officer-request-status">
              <h2 id="officer-request-status">{t("officer.request.status")}</h2>
              <dl className="officer-facts">
                <dt>{t("officer.requests.type")}</dt>
                <dd>{t(`officer.type.${data.request_type}`)}</dd>
                <dt>{t("officer.requests.state")}</dt>
                <dd>{t(`officer.state.${data.state}`)}</dd>
                <dt>{t("officer.request.channel")}</dt>
                <dd>{t(`officer.channel.${data.channel}`)}</dd>
                <dt>{t("officer.requests.received")}</dt>
                <dd>{formatDate(data.received_at, locale)}</dd>
                <dt>{t("officer.requests.due")}</dt>
                <dd>
                  {formatDate(data.due_at, locale, false)} <DueBadge clock={data} />
                </dd>
                {data.extended_by_months ? (
                  <>
                    <dt>{t("officer.request.extended")}</dt>
                    <dd>{t("officer.request.extendedBy", { months: data.extended_by_months, reason: data.extension_reason ?? "" })}</dd>
                  </>
                ) : null}
                {data.decided_at ? (
                  <>
                    <dt>{t("officer.request.decidedAt")}</dt>
                    <dd>{formatDate(data.decided_at, locale)}</dd>
                  </>
                ) : null}
                {data.denial_reason ? (
                  <>
                    <dt>{t("officer.request.denialReason")}</dt>
                    <dd>
                      {t(`officer.denial.${data.denial_reason}`)}
                      {data.denial_note ? ` — ${data.denial_note}` : ""}
                    </dd>
                  </>
                ) : null}
                {data.starts_after ? (
                  <>
                    <dt>{t("officer.request.startsAfter")}</dt>
                    <dd>{formatDate(data.starts_after, locale)}</dd>
                  </>
                ) : null}
                {data.failure_reason ? (
                  <>
                    <dt>{t("officer.request.failure")}</dt>
                    <dd>{data.failure_reason}</dd>
                  </>
                ) : null}
                {data.exception_note ? (
                  <>
                    <dt>{t("officer.request.exception")}</dt>
                    <dd>{data.exception_note}</dd>
                  </>
                ) : null}
                {data.closed_at ? (
                  <>
                    <dt>{t("officer.request.closedAt")}</dt>
                    <dd>{formatDate(data.closed_at, locale)}</dd>
                  </>
                ) : null}
              </dl>
            </section>
            <RequestActions request={data} onChanged={reload} />
            <RequestJobs jobs={data.jobs} />
            <RequestReceipts jobs={data.jobs} />
            <RequestTransitions transitions={data.transitions} />
          </>
        ) : null}
      </Loading>
    </Page>
  );
}
