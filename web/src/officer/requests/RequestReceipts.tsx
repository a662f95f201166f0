import { Link } from "react-router-dom";

import { useT } from "../../i18n";
import { Hash } from "../shared/Hash";
import type { Job, JobReceipt } from "./types";

/** The signed receipts the data services sent, each with where it sits in the audit chain:
 * the receipt's SHA-256 digest, its signature and the hash of the audit entry that chained it,
 * as the request's detail gives them. */
export function RequestReceipts({ jobs }: { jobs: Job[] }) {
  const t = useT();
  const withReceipt = jobs.filter((job): job is Job & { receipt: JobReceipt } => job.receipt !== null);
  const anyMissing = withReceipt.some(({ receipt }) => receipt.sha256 === undefined || receipt.signature === undefined || receipt.audit_hash === undefined);
  return (
    <section className="card" aria-labelledby="officer-request-receipts">
      <h2 id="officer-request-receipts">{t("officer.request.receipts")}</h2>
      {withReceipt.length === 0 ? <p>{t("officer.request.noReceipts")}</p> : <p className="hint">{t("officer.request.receiptsHint")}</p>}
      {anyMissing ? (
        <p className="hint">
          {t("officer.request.proofsMissing")} <Link to="/app/privacy/audit">{t("officer.request.proofsInAudit")}</Link>
        </p>
      ) : null}
      {withReceipt.map(({ service, step, receipt }) => {
        const headingId = `officer-receipt-${service}-${step}`;
        return (
          <article key={headingId} aria-labelledby={headingId}>
            <h3 id={headingId}>{t("officer.request.receiptOf", { service, step: t(`officer.step.${step}`) })}</h3>
            <dl className="officer-facts">
              <dt>{t("officer.request.rowsDeleted")}</dt>
              <dd>{receipt.rows_deleted}</dd>
              <dt>{t("officer.request.rowsAnonymised")}</dt>
              <dd>{receipt.rows_anonymised}</dd>
              <dt>{t("officer.request.method")}</dt>
              <dd>{receipt.method ?? "—"}</dd>
              <dt>{t("officer.request.signingKey")}</dt>
              <dd>
                <Hash value={receipt.key_id} />
              </dd>
              <dt>{t("officer.request.signature")}</dt>
              <dd>
                <Hash value={receipt.signature} />
              </dd>
              <dt>{t("officer.request.digest")}</dt>
              <dd>
                <Hash value={receipt.sha256} />
              </dd>
              <dt>{t("officer.request.auditSeq")}</dt>
              <dd>{receipt.audit_seq}</dd>
              <dt>{t("officer.request.entryHash")}</dt>
              <dd>
                <Hash value={receipt.audit_hash} />
              </dd>
            </dl>
          </article>
        );
      })}
    </section>
  );
}
