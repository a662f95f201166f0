import { useState } from "react";
import { Link } from "react-router-dom";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, Page } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { Hash } from "../shared/Hash";
import { PagedResults } from "../shared/PagedResults";
import type { PageOf } from "../shared/types";
import type { AuditEntry } from "../requests/types";
import { TableWrap } from "../shared/TableWrap";

interface Verification {
  intact: boolean;
  first_break: number | null;
  entries: number;
}

const AUDIT_PAGE = 50;

/** `/app/privacy/audit`: the hash-chained audit log, newest first, and a check of the whole chain. */
export function AuditPage() {
  const { t, locale } = useLanguage();
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<Verification | null>(null);
  const { data, error, loading } = useLoad(
    (signal) => api<PageOf<AuditEntry>>("privacy", "/audit", { query: { page, page_size: AUDIT_PAGE }, signal }),
    [page],
  );
  const verify = useAction(async () => {
    setResult(null);
    setResult(await api<Verification>("privacy", "/audit/verification"));
  });
  return (
    <Page title={t("officer.audit.title")}>
      <section className="card" aria-labelledby="officer-audit-verify">
        <h2 id="officer-audit-verify">{t("officer.audit.verification")}</h2>
        <p>{t("officer.audit.verifyIntro")}</p>
        <button type="button" className="primary" disabled={verify.busy} onClick={() => void verify.run()}>
          {verify.busy ? t("officer.audit.verifying") : t("officer.audit.verify")}
        </button>
        <ErrorMessage error={verify.error} />
        <div role="status">
          {result ? (
            result.intact ? (
              <p className="officer-countdown">
                <span className="badge good">{t("officer.audit.intact")}</span> {t("officer.audit.intactText", { entries: result.entries })}
              </p>
            ) : (
              <p className="officer-countdown">
                <span className="badge bad">{t("officer.audit.broken")}</span> {t("officer.audit.brokenText", { seq: result.first_break ?? "?", entries: result.entries })}
              </p>
            )
          ) : null}
        </div>
      </section>
      <section className="card" aria-labelledby="officer-audit-log">
        <h2 id="officer-audit-log">{t("officer.audit.entries")}</h2>
        <PagedResults data={data} loading={loading} error={error} page={page} pageSize={AUDIT_PAGE} onPage={setPage} empty={t("officer.audit.empty")}>
          {(data) => (
            <>
              <p>{t("officer.audit.total", { total: data.total })}</p>
              <TableWrap label={t("officer.audit.entries")}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("officer.audit.seq")}</th>
                      <th scope="col">{t("officer.request.when")}</th>
                      <th scope="col">{t("officer.audit.action")}</th>
                      <th scope="col">{t("officer.request.by")}</th>
                      <th scope="col">{t("officer.audit.details")}</th>
                      <th scope="col">{t("officer.audit.hash")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((entry) => (
                      <tr key={entry.seq}>
                        <th scope="row">{entry.seq}</th>
                        <td>{formatDate(entry.at, locale)}</td>
                        <td>
                          <code>{entry.action}</code>
                          {entry.request_id && (entry.action.startsWith("request") || entry.action.startsWith("receipt") || entry.action.startsWith("proof")) ? (
                            <>
                              <br />
                              <Link to={`/app/privacy/requests/${entry.request_id}`}>{t("officer.audit.openRequest")}</Link>
                            </>
                          ) : null}
                        </td>
                        <td>{t(`officer.actor.${entry.actor}`)}</td>
                        <td>
                          <code className="officer-hash">{JSON.stringify(entry.details)}</code>
                        </td>
                        <td>
                          <Hash value={entry.hash} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </>
          )}
        </PagedResults>
      </section>
    </Page>
  );
}
