import { useState } from "react";

import { api } from "../../api/http";
import type { PublicVersion } from "../../api/privacy";
import { useLanguage } from "../../i18n";
import { formatDate, Page } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { PagedResults } from "../shared/PagedResults";
import { PAGE_SIZE, type PageOf } from "../shared/types";
import { PublishForm } from "./PublishForm";
import { WithdrawVersion } from "./WithdrawVersion";
import { TableWrap } from "../shared/TableWrap";

export interface PolicyVersion extends PublicVersion {
  id: string;
  status: "upcoming" | "current" | "superseded" | "withdrawn";
  withdrawn_at: string | null;
  withdrawal_reason: string | null;
  acceptances: number;
}

const STATUS_BADGE: Record<string, string> = { current: "good", upcoming: "warn", superseded: "", withdrawn: "bad" };

/** `/app/privacy/policies`: every version of the privacy policy; publish one, withdraw an upcoming one. */
export function PoliciesPage() {
  const { t, locale } = useLanguage();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(
    (signal) => api<PageOf<PolicyVersion>>("privacy", "/policies", { query: { page, page_size: PAGE_SIZE }, signal }),
    [page],
  );
  return (
    <Page title={t("officer.policies.title")}>
      <PagedResults data={data} loading={loading} error={error} page={page} onPage={setPage} empty={t("officer.policies.none")}>
        {(data) => (
          <>
            <TableWrap label={t("officer.policies.title")}>
              <table>
                <caption className="visually-hidden">{t("officer.policies.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("officer.policies.label")}</th>
                    <th scope="col">{t("officer.policies.effectiveOn")}</th>
                    <th scope="col">{t("officer.policies.status")}</th>
                    <th scope="col">{t("officer.policies.summary")}</th>
                    <th scope="col">{t("officer.policies.acceptances")}</th>
                    <th scope="col">{t("officer.request.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((version) => (
                    <tr key={version.id}>
                      <th scope="row">{version.label}</th>
                      <td>{formatDate(version.effective_on, locale, false)}</td>
                      <td>
                        <span className={`badge ${STATUS_BADGE[version.status] ?? ""}`}>{t(`officer.policies.statuses.${version.status}`)}</span>
                        {version.withdrawal_reason ? <p className="hint">{version.withdrawal_reason}</p> : null}
                      </td>
                      <td>{version.summary}</td>
                      <td>{version.acceptances}</td>
                      <td>{version.status === "upcoming" ? <WithdrawVersion version={version} onDone={reload} /> : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        )}
      </PagedResults>
      <PublishForm onDone={reload} />
    </Page>
  );
}
