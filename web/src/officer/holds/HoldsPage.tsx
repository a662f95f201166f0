import { useSearchParams } from "react-router-dom";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, Loading, Page, SelectField } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { PageNav } from "../shared/PageNav";
import { PAGE_SIZE, type PageOf } from "../shared/types";
import { HoldForm } from "./HoldForm";
import { ReleaseHold } from "./ReleaseHold";
import { TableWrap } from "../shared/TableWrap";

export interface Hold {
  id: string;
  tenant_id: string;
  subject_ref: string | null;
  scope: "client" | "person";
  reason: string;
  owner: string;
  placed_by: string;
  placed_at: string;
  released_by: string | null;
  released_at: string | null;
  release_note: string | null;
  active: boolean;
}

/** `/app/privacy/holds`: legal holds on a client or a person; placed and released, never deleted. */
export function HoldsPage() {
  const { t, locale } = useLanguage();
  const [params, setParams] = useSearchParams();
  const active = params.get("active") ?? "";
  const page = Number(params.get("page") ?? "1") || 1;
  const { data, error, loading, reload } = useLoad(
    (signal) => api<PageOf<Hold>>("privacy", "/holds", { query: { active, page, page_size: PAGE_SIZE }, signal }),
    [active, page],
  );
  function update(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "page") next.delete("page");
    setParams(next);
  }
  return (
    <Page title={t("officer.holds.title")}>
      <p>{t("officer.holds.intro")}</p>
      <div className="officer-filters">
        <SelectField label={t("officer.breaches.show")} value={active} onChange={(e) => update("active", e.target.value)}>
          <option value="">{t("officer.holds.all")}</option>
          <option value="true">{t("officer.holds.standing")}</option>
          <option value="false">{t("officer.holds.released")}</option>
        </SelectField>
      </div>
      <Loading loading={loading && !data} error={error}>
        {data && data.items.length === 0 ? <p>{t("officer.holds.none")}</p> : null}
        {data && data.items.length > 0 ? (
          <>
            <TableWrap label={t("officer.holds.title")}>
              <table>
                <caption className="visually-hidden">{t("officer.holds.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("officer.holds.on")}</th>
                    <th scope="col">{t("officer.holds.reason")}</th>
                    <th scope="col">{t("officer.holds.owner")}</th>
                    <th scope="col">{t("officer.holds.placed")}</th>
                    <th scope="col">{t("officer.holds.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((hold) => (
                    <tr key={hold.id}>
                      <th scope="row">
                        {hold.scope === "client" ? t("officer.holds.client", { id: hold.tenant_id }) : t("officer.holds.person", { id: hold.tenant_id })}
                        {hold.subject_ref ? (
                          <>
                            <br />
                            <code className="officer-hash">{hold.subject_ref}</code>
                          </>
                        ) : null}
                      </th>
                      <td>{hold.reason}</td>
                      <td>{hold.owner}</td>
                      <td>{formatDate(hold.placed_at, locale)}</td>
                      <td>
                        {hold.active ? (
                          <>
                            <span className="badge warn">{t("officer.holds.isActive")}</span>
                            <ReleaseHold hold={hold} onDone={reload} />
                          </>
                        ) : (
                          <span className="badge">
                            {t("officer.holds.releasedAt", { at: formatDate(hold.released_at, locale) })}
                            {hold.release_note ? ` — ${hold.release_note}` : ""}
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <PageNav page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(next) => update("page", String(next))} />
          </>
        ) : null}
      </Loading>
      <HoldForm onDone={reload} />
    </Page>
  );
}
