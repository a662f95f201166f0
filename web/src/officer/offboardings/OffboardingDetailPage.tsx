import { useState } from "react";
import { Link, useParams } from "react-router-dom";

import { api, download } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, Loading, Notice, Page } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { ErasureDateForm } from "./ErasureDateForm";
import { OffboardingState } from "./OffboardingState";
import { DATA_SERVICES, DATE_CHANGEABLE, type Offboarding } from "./types";

/** `/app/privacy/offboardings/:id`: one client's offboarding, its erasure date, which services
 * confirmed the erasure, and its certificate of deletion. */
export function OffboardingDetailPage() {
  const { id = "" } = useParams();
  const { t, locale } = useLanguage();
  const loaded = useLoad((signal) => api<Offboarding>("privacy", `/offboardings/${id}`, { signal }), [id]);
  const [saved, setSaved] = useState<Offboarding | null>(null);
  const data = saved?.id === id ? saved : loaded.data;
  const certificate = useAction(() =>
    download("privacy", `/offboardings/${id}/certificate`, `certificate-of-deletion-${data?.reference ?? id}.json`),
  );
  const title = data ? t("officer.offboardingPage.detailTitle", { reference: data.reference }) : t("officer.offboardingPage.detailLoading");
  return (
    <Page
      title={title}
      actions={
        data?.certificate_issued ? (
          <button type="button" onClick={() => void certificate.run()} disabled={certificate.busy}>
            {certificate.busy ? t("officer.offboardingPage.certificateBusy") : t("officer.offboardingPage.downloadCertificate")}
          </button>
        ) : null
      }
    >
      <p>
        <Link to="/app/privacy/offboardings">{t("officer.offboardingPage.back")}</Link>
      </p>
      <ErrorMessage error={certificate.error} />
      <Loading loading={loaded.loading && !data} error={loaded.error}>
        {data ? (
          <>
            <section className="card" aria-labelledby="officer-offboarding-status">
              <h2 id="officer-offboarding-status">{t("officer.request.status")}</h2>
              <dl className="officer-facts">
                <dt>{t("officer.requests.client")}</dt>
                <dd>
                  <code className="officer-hash">{data.tenant_id}</code>
                </dd>
                <dt>{t("officer.offboardingPage.state")}</dt>
                <dd>
                  <OffboardingState state={data.state} />
                </dd>
                <dt>{t("officer.offboardingPage.requested")}</dt>
                <dd>{formatDate(data.requested_at, locale)}</dd>
                <dt>{t("officer.offboardingPage.offered")}</dt>
                <dd>{data.export_offered_at ? formatDate(data.export_offered_at, locale) : t("officer.offboardingPage.notYet")}</dd>
                <dt>{t("officer.offboardingPage.eraseOn")}</dt>
                <dd>
                  {formatDate(data.erase_on, locale)} ({t("officer.offboardingPage.agreedBy", { by: t(`officer.agreedBy.${data.erase_on_agreed_by}`) })})
                </dd>
                {data.hold_reason ? (
                  <>
                    <dt>{t("officer.offboardingPage.hold")}</dt>
                    <dd>{data.hold_reason}</dd>
                  </>
                ) : null}
                <dt>{t("officer.offboardingPage.erasureAsked")}</dt>
                <dd>
                  {data.erasure_asked_at
                    ? t("officer.offboardingPage.askedTimes", { at: formatDate(data.erasure_asked_at, locale), attempts: data.erasure_attempts })
                    : t("officer.offboardingPage.notYet")}
                </dd>
                <dt>{t("officer.offboardingPage.erasedAtLabel")}</dt>
                <dd>{data.erased_at ? formatDate(data.erased_at, locale) : t("officer.offboardingPage.notYet")}</dd>
                <dt>{t("officer.offboardingPage.backupExpires")}</dt>
                <dd>{data.last_backup_expires_at ? formatDate(data.last_backup_expires_at, locale) : "—"}</dd>
                <dt>{t("officer.offboardingPage.certificate")}</dt>
                <dd>{data.certificate_issued ? t("officer.offboardingPage.issued") : t("officer.offboardingPage.notIssued")}</dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="officer-offboarding-services">
              <h2 id="officer-offboarding-services">{t("officer.offboardingPage.services")}</h2>
              <p className="hint">{t("officer.offboardingPage.servicesHint")}</p>
              <ul className="officer-list">
                {DATA_SERVICES.map((service) => {
                  const answered = data.services_answered.includes(service);
                  return (
                    <li key={service}>
                      {service}:{" "}
                      <span className={`badge ${answered ? "good" : ""}`}>
                        {answered ? t("officer.offboardingPage.receiptIn") : t("officer.offboardingPage.noReceipt")}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </section>
            <section className="card" aria-labelledby="officer-offboarding-date">
              <h2 id="officer-offboarding-date">{t("officer.offboardingPage.dateTitle")}</h2>
              {saved?.id === id ? <Notice>{t("officer.offboardingPage.dateSaved", { date: formatDate(saved.erase_on, locale) })}</Notice> : null}
              {!DATE_CHANGEABLE.has(data.state) ? (
                <p>{t("officer.offboardingPage.dateFixed")}</p>
              ) : data.export_offered_at === null ? (
                <p>{t("officer.offboardingPage.dateAfterOffer")}</p>
              ) : (
                <ErasureDateForm key={data.id} offboarding={data} onSaved={setSaved} />
              )}
            </section>
          </>
        ) : null}
      </Loading>
    </Page>
  );
}
