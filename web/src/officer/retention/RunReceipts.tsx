import { useState } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { Loading } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { Hash } from "../shared/Hash";
import type { RunDetail } from "./types";

/** A run's per-service results and receipts, fetched when opened. */
export function RunReceipts({ runId, category }: { runId: string; category: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t("officer.retention.hideReceipts") : t("officer.retention.showReceipts")}
        <span className="visually-hidden"> {t("officer.retention.showReceiptsNamed", { category })}</span>
      </button>
      {open ? <RunResults runId={runId} /> : null}
    </>
  );
}

function RunResults({ runId }: { runId: string }) {
  const t = useT();
  const { data, error, loading } = useLoad((signal) => api<RunDetail>("privacy", `/retention/runs/${runId}`, { signal }), [runId]);
  return (
    <Loading loading={loading} error={error}>
      {data ? (
        <ul className="officer-list">
          {data.results.map((result) => (
            <li key={result.service}>
              <strong>{result.service}</strong>: {t("officer.retention.rowsDone", { rows: Object.values(result.rows_affected).reduce((a, b) => a + b, 0) })}{" "}
              {data.dry_run ? null : result.receipt_verified ? (
                <span className="badge good">{t("officer.retention.receiptVerified")}</span>
              ) : (
                <span className="badge bad">{t("officer.retention.receiptRejected", { error: result.receipt_error ?? "—" })}</span>
              )}
              {result.receipt_sha256 ? (
                <>
                  <br />
                  {t("officer.request.digest")}: <Hash value={result.receipt_sha256} />
                </>
              ) : null}
              {typeof result.receipt?.signature === "string" ? (
                <>
                  <br />
                  {t("officer.request.signature")}: <Hash value={result.receipt.signature} />
                </>
              ) : null}
            </li>
          ))}
          {data.waiting_for.length ? <li>{t("officer.breaches.waitingFor", { services: data.waiting_for.join(", ") })}</li> : null}
        </ul>
      ) : null}
    </Loading>
  );
}
