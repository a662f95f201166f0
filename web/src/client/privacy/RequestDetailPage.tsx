import { useState } from "react";
import { Link, useParams } from "react-router-dom";

import { api, download } from "../../api/http";
import { useSession } from "../../auth/session";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, Loading, Notice, Page } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { DecisionForm } from "./DecisionForm";
import { DueBadge, StateBadge } from "./StateBadge";
import type { RequestDetail } from "./types";
import "./privacy.css";

/** One participant's request (`/app/privacy/requests/:id`, the path the admins are emailed). */
export function RequestDetailPage() {
  const { t } = useLanguage();
  const { can } = useSession();
  if (!can("admin")) {
    return (
      <Page title={t("privacy.detail.title")}>
        <p>{t("error.forbidden")}</p>
      </Page>
    );
  }
  return <RequestDetailView />;
}

function RequestDetailView() {
  const { t, locale } = useLanguage();
  const { id = "" } = useParams();
  const loaded = useLoad((signal) => api<RequestDetail>("privacy", `/client/requests/${id}`, { signal }), [id]);
  const [current, setCurrent] = useState<RequestDetail | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const request = current ?? loaded.data;

  const cancel = useAction(async () => {
    setCurrent(await api<RequestDetail>("privacy", `/client/requests/${id}/cancellation`, { body: {} }));
  });
  const bundle = useAction(async (reference: string) => {
    await download("privacy", `/client/requests/${id}/proof-bundle`, `proof-bundle-${reference}.json`);
  });

  async function onCancel() {
    if (!window.confirm(t("privacy.detail.confirmCancel"))) return;
    setMessage(null);
    if (await cancel.run()) setMessage(t("privacy.detail.canceled"));
  }

  const title = request ? t("privacy.detail.titleOf", { reference: request.reference }) : t("privacy.detail.title");
  return (
    <Page title={title} actions={<Link to="/app/privacy#privacy-participant-requests">{t("privacy.detail.back")}</Link>}>
      <Loading loading={loaded.loading && !request} error={loaded.error}>
        {request ? (
          <>
            {message ? <Notice>{message}</Notice> : null}
            <div className="card">
              <dl className="privacy-facts">
                <dt>{t("privacy.field.type")}</dt>
                <dd>{t(`privacy.type.${request.request_type}`)}</dd>
                <dt>{t("privacy.field.state")}</dt>
                <dd>
                  <StateBadge state={request.state} />
                </dd>
                <dt>{t("privacy.detail.email")}</dt>
                <dd>{request.email ?? t("privacy.detail.forgotten")}</dd>
                <dt>{t("privacy.field.received")}</dt>
                <dd>{formatDate(request.received_at, locale)}</dd>
                <dt>{t("privacy.field.due")}</dt>
                <dd>
                  {formatDate(request.due_on, locale, false)}{" "}
                  <DueBadge daysLeft={request.days_left} overdue={request.overdue} nearlyDue={request.nearly_due} />
                  {request.paused ? <> ({t("privacy.detail.paused")})</> : null}
                </dd>
                <dt>{t("privacy.detail.channel")}</dt>
                <dd>{t(`privacy.channel.${request.channel}`)}</dd>
                {request.request_type === "rectification" ? (
                  <>
                    <dt>{t("privacy.detail.corrections")}</dt>
                    <dd>{[request.corrected_name, request.corrected_email].filter(Boolean).join(", ") || "—"}</dd>
                  </>
                ) : null}
                {request.request_type === "restriction" ? (
                  <>
                    <dt>{t("privacy.detail.restriction")}</dt>
                    <dd>{request.restrict ? t("privacy.detail.restrictOn") : t("privacy.detail.restrictOff")}</dd>
                  </>
                ) : null}
                {request.decided_at ? (
                  <>
                    <dt>{t("privacy.detail.decidedAt")}</dt>
                    <dd>{formatDate(request.decided_at, locale)}</dd>
                  </>
                ) : null}
                {request.denial_reason ? (
                  <>
                    <dt>{t("privacy.detail.denialReason")}</dt>
                    <dd>
                      {t(`privacy.denial.${request.denial_reason}`)}
                      {request.denial_note ? <>: {request.denial_note}</> : null}
                    </dd>
                  </>
                ) : null}
                {request.starts_after ? (
                  <>
                    <dt>{t("privacy.detail.startsAfter")}</dt>
                    <dd>{formatDate(request.starts_after, locale)}</dd>
                  </>
                ) : null}
                {request.exception_note ? (
                  <>
                    <dt>{t("privacy.detail.exception")}</dt>
                    <dd>{request.exception_note}</dd>
                  </>
                ) : null}
                {request.failure_reason ? (
                  <>
                    <dt>{t("privacy.detail.failure")}</dt>
                    <dd>{request.failure_reason}</dd>
                  </>
                ) : null}
              </dl>
              <div className="privacy-actions">
                <button type="button" disabled={bundle.busy} onClick={() => void bundle.run(request.reference)}>
                  {t("privacy.detail.proofBundle")}
                </button>
                {request.before_point_of_no_return && !["canceled", "withdrawn", "denied"].includes(request.state) ? (
                  <button type="button" className="danger" disabled={cancel.busy} onClick={() => void onCancel()}>
                    {t("privacy.detail.cancel")}
                  </button>
                ) : null}
              </div>
              <ErrorMessage error={bundle.error ?? cancel.error} />
            </div>
            {request.state === "awaiting_decision" ? (
              <div className="card">
                <DecisionForm
                  request={request}
                  onDecided={(detail) => {
                    setCurrent(detail);
                    setMessage(t("privacy.decision.recorded"));
                  }}
                />
              </div>
            ) : null}
            <RequestHistory request={request} />
          </>
        ) : null}
      </Loading>
    </Page>
  );
}

function RequestHistory({ request }: { request: RequestDetail }) {
  const { t, locale } = useLanguage();
  return (
    <>
      <h2>{t("privacy.detail.history")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("privacy.consents.when")}</th>
              <th scope="col">{t("privacy.detail.move")}</th>
              <th scope="col">{t("privacy.detail.by")}</th>
              <th scope="col">{t("privacy.detail.note")}</th>
            </tr>
          </thead>
          <tbody>
            {request.transitions.map((move, index) => (
              <tr key={`${move.at}-${index}`}>
                <td>{formatDate(move.at, locale)}</td>
                <td>
                  {t(`privacy.state.${move.from_state}`)} → {t(`privacy.state.${move.to_state}`)}
                </td>
                <td>{t(`privacy.actor.${move.actor}`)}</td>
                <td>{move.note ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {request.jobs.length ? (
        <>
          <h2>{t("privacy.detail.jobs")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("privacy.detail.service")}</th>
                  <th scope="col">{t("privacy.detail.step")}</th>
                  <th scope="col">{t("privacy.field.state")}</th>
                  <th scope="col">{t("privacy.detail.finished")}</th>
                </tr>
              </thead>
              <tbody>
                {request.jobs.map((job, index) => (
                  <tr key={index}>
                    <td>{String(job.service ?? "")}</td>
                    <td>{String(job.step ?? "")}</td>
                    <td>{String(job.status ?? "")}</td>
                    <td>{formatDate(typeof job.finished_at === "string" ? job.finished_at : null, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}
