import { useCallback, useEffect, useState } from "react";
import { Link, useLocation, useParams, useSearchParams } from "react-router-dom";

import { useT } from "../i18n";
import { ErrorMessage, Loading, Page } from "../ui/components";
import { useLoad } from "../ui/hooks";
import { Layout } from "../ui/Layout";
import { RequestCard } from "./RequestCard";
import { loadStatus } from "./requestApi";
import { WITHDRAWABLE } from "./requestSteps";
import type { IntakeStatus, WithdrawalOut } from "./types";
import { VerificationForm } from "./VerificationForm";
import { WithdrawalNotice, WithdrawSection } from "./WithdrawSection";
import "./public.css";

/** While discovery runs the page asks again this often (ms). */
const POLL_MS = 4000;

function withdrawable(status: IntakeStatus): boolean {
  if (status.state === "awaiting_code" || status.state === "discovering") return true;
  return status.state === "opened" && status.requests.some((request) => WITHDRAWABLE.includes(request.state));
}

/** /data-request/:intake?status_token=… — the code step, then where each request stands. */
export function RequestStatusPage() {
  const t = useT();
  const { intake = "" } = useParams();
  const [search] = useSearchParams();
  const statusToken = search.get("status_token") ?? "";
  const location = useLocation();
  const email = (location.state as { email?: string } | null)?.email ?? null;
  const [withdrawal, setWithdrawal] = useState<WithdrawalOut | null>(null);

  const load = useCallback((signal: AbortSignal) => loadStatus(intake, statusToken, signal), [intake, statusToken]);
  const status = useLoad(load, [intake, statusToken]);
  const { reload } = status;
  const state = status.data?.state;

  useEffect(() => {
    if (state !== "discovering") return;
    const timer = window.setInterval(reload, POLL_MS);
    return () => window.clearInterval(timer);
  }, [state, reload]);

  const onWithdrawn = useCallback(
    (outcome: WithdrawalOut) => {
      setWithdrawal(outcome);
      reload();
    },
    [reload],
  );

  if (!statusToken) {
    return (
      <Layout>
        <Page title={t("public.status.title")}>
          <p role="alert">{t("public.status.noToken")}</p>
          <p>
            <Link to="/data-request">{t("public.status.startAgain")}</Link>
          </p>
        </Page>
      </Layout>
    );
  }

  const notFound = status.error?.status === 404 || status.error?.status === 422;
  return (
    <Layout>
      <Page
        title={t("public.status.title")}
        actions={
          <button type="button" onClick={reload} disabled={status.loading}>
            {t("public.status.refresh")}
          </button>
        }
      >
        {withdrawal ? <WithdrawalNotice outcome={withdrawal} /> : null}
        {notFound ? (
          <>
            <p role="alert">{t("public.status.notFound")}</p>
            <p>
              <Link to="/data-request">{t("public.status.startAgain")}</Link>
            </p>
          </>
        ) : status.data ? (
          // Shown while a reload runs too, so the page does not blink every few seconds.
          <>
            <ErrorMessage error={status.error} />
            <StatusBody
              status={status.data}
              intake={intake}
              statusToken={statusToken}
              email={email}
              onChanged={reload}
            />
            {withdrawable(status.data) ? (
              <WithdrawSection intake={intake} statusToken={statusToken} onWithdrawn={onWithdrawn} />
            ) : null}
            <KeepAddress />
          </>
        ) : (
          <Loading loading={status.loading} error={status.error}>
            {null}
          </Loading>
        )}
      </Page>
    </Layout>
  );
}

function StatusBody({
  status,
  intake,
  statusToken,
  email,
  onChanged,
}: {
  status: IntakeStatus;
  intake: string;
  statusToken: string;
  email: string | null;
  onChanged: () => void;
}) {
  const t = useT();
  switch (status.state) {
    case "awaiting_code":
      return <VerificationForm intake={intake} statusToken={statusToken} email={email} onVerified={onChanged} />;
    case "discovering":
      return (
        <section aria-labelledby="discovering" className="card">
          <h2 id="discovering">{t("public.status.discoveringTitle")}</h2>
          <p role="status">{t("public.status.discovering")}</p>
        </section>
      );
    case "withdrawn":
      return (
        <section aria-labelledby="withdrawn" className="card">
          <h2 id="withdrawn">{t("public.status.withdrawnTitle")}</h2>
          <p>{t("public.status.withdrawn")}</p>
        </section>
      );
    case "expired":
      return (
        <section aria-labelledby="expired" className="card">
          <h2 id="expired">{t("public.status.expiredTitle")}</h2>
          <p>{t("public.status.expired")}</p>
          <p>
            <Link to="/data-request">{t("public.status.startAgain")}</Link>
          </p>
        </section>
      );
    default:
      return (
        <section aria-labelledby="requests">
          <h2 id="requests">{t("public.status.requestsTitle")}</h2>
          <p>{t("public.status.requestsIntro")}</p>
          {status.requests.length ? (
            <ul className="pub-plain-list">
              {status.requests.map((request) => (
                <RequestCard key={request.reference} request={request} />
              ))}
            </ul>
          ) : (
            <p>{t("public.status.noRequests")}</p>
          )}
        </section>
      );
  }
}

/** The status token is shown once and never emailed: this address is the only way back. */
function KeepAddress() {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const address = window.location.href;
  function copy() {
    void navigator.clipboard?.writeText(address).then(() => setCopied(true));
  }
  return (
    <section aria-labelledby="keep" className="pub-policy-section pub-keep-address">
      <h2 id="keep">{t("public.keep.title")}</h2>
      <p>{t("public.keep.text")}</p>
      <div className="field">
        <label htmlFor="status-address">{t("public.keep.address")}</label>
        <input id="status-address" readOnly value={address} onFocus={(event) => event.target.select()} />
      </div>
      {navigator.clipboard ? (
        <button type="button" onClick={copy}>
          {t("public.keep.copy")}
        </button>
      ) : null}
      {copied ? <span role="status"> {t("public.keep.copied")}</span> : null}
    </section>
  );
}
