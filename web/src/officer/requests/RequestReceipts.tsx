import { useT } from "../../i18n";
import { ErrorMessage } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { auditEntry } from "../shared/auditEntry";
import { Hash } from "../shared/Hash";
import type { AuditEntry, Job } from "./types";

/** The signed receipts the data services sent, each with where it sits in the audit chain:
 * the receipt's SHA-256 digest and the signing key (from its audit entry) and that entry's hash. */
export function RequestReceipts({ jobs }: { jobs: Job[] }) {
  const t = useT();
  const withReceipt = jobs.filter((job) => job.receipt !== null);
  const seqs = withReceipt.map((job) => job.receipt?.audit_seq ?? 0);
  const entries = useLoad(
    async (signal) => {
      const found = new Map<number, AuditEntry>();
      for (const seq of seqs) {
        const entry = await auditEntry(seq, signal);
        if (entry) found.set(seq, entry);
      }
      return found;
    },
    [seqs.join(",")],
  );
  return (
    <section className="card" aria-labelledby="officer-request-receipts">
      <h2 id="officer-request-receipts">{t("officer.request.receipts")}</h2>
      {withReceipt.length === 0 ? <p>{t("officer.request.noReceipts")}</p> : <p className="hint">{t("officer.request.receiptsHint")}</p>}
      <ErrorMessage error={entries.error} />
      {withReceipt.map((job) => {
        const receipt = job.receipt;
        if (!receipt) return null;
        const entry = entries.data?.get(receipt.audit_seq);
        const digest = typeof entry?.details.receipt_sha256 === "string" ? entry.details.receipt_sha256 : null;
        const headingId = `officer-receipt-${job.service}-${job.step}`;
        return (
          <article key={headingId} aria-labelledby={headingId}>
            <h3 id={headingId}>{t("officer.request.receiptOf", { service: job.service, step: t(`officer.step.${job.step}`) })}</h3>
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
              <dd>{entry ? t("officer.request.signatureVerified") : entries.loading ? t("app.loading") : "—"}</dd>
              <dt>{t("officer.request.digest")}</dt>
              <dd>{entries.loading && !entry ? t("app.loading") : <Hash value={digest} />}</dd>
              <dt>{t("officer.request.auditSeq")}</dt>
              <dd>{receipt.audit_seq}</dd>
              <dt>{t("officer.request.entryHash")}</dt>
              <dd>{entries.loading && !entry ? t("app.loading") : <Hash value={entry?.hash} />}</dd>
            </dl>
          </article>
        );
      })}
    </section>
  );
}
