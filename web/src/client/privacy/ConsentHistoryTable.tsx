import { useState } from "react";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { PagedTable } from "./PagedTable";
import { RequestTable } from "./RequestTable";
import type { ConsentHistory, NumberedPage, OwnConsentRequest } from "./types";

const PAGE_SIZE = 10;

/** Every grant, withdrawal and objection with its proof; and how withdrawals and objections ended. */
export function ConsentHistoryTable({ round }: { round: number }) {
  const { t, locale } = useLanguage();
  const [page, setPage] = useState(1);
  const history = useLoad(
    (signal) => api<ConsentHistory>("privacy", "/me/consents/history", { query: { page, page_size: PAGE_SIZE }, signal }),
    [page, round],
  );
  const asked = useLoad(
    (signal) => api<NumberedPage<OwnConsentRequest>>("privacy", "/me/consents/requests", { query: { page: 1, page_size: 20 }, signal }),
    [round],
  );
  return (
    <>
      <h4>{t("privacy.consents.history")}</h4>
      <PagedTable list={history} page={page} pageSize={PAGE_SIZE} onPage={setPage} empty={t("privacy.consents.noHistory")}>
        {(items) => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("privacy.consents.when")}</th>
                  <th scope="col">{t("privacy.consents.purpose")}</th>
                  <th scope="col">{t("privacy.consents.action")}</th>
                  <th scope="col">{t("privacy.consents.how")}</th>
                  <th scope="col">{t("privacy.consents.policy")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatDate(entry.at, locale)}</td>
                    <td>{t(`privacy.purpose.${entry.purpose}`)}</td>
                    <td>
                      {t(`privacy.consents.action.${entry.action}`)}
                      {entry.wording ? <div className="hint">“{entry.wording}”</div> : null}
                    </td>
                    <td>{t(`privacy.consents.channel.${entry.channel}`)}</td>
                    <td>{entry.policy_version ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedTable>
      {asked.data?.items.length ? (
        <>
          <h4>{t("privacy.consents.requests")}</h4>
          <RequestTable
            items={asked.data.items}
            rowKey={(request) => request.request_id}
            columns={[
              {
                header: t("privacy.consents.outcome"),
                cell: (request) => request.reason ?? (request.decided_at ? formatDate(request.decided_at, locale) : "—"),
              },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
