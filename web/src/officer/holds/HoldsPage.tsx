import { useLanguage } from "../../i18n";
import { formatDate, Page, SelectField } from "../../ui/components";
import { PagedResults } from "../shared/PagedResults";
import { usePagedList } from "../shared/usePagedList";
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
  const list = usePagedList<Hold, "active">("/holds", ["active"]);
  const { active } = list.filters;
  const { update, reload } = list;
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
      <PagedResults {...list} onPage={list.goTo} empty={t("officer.holds.none")}>
        {(data) => (
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
        )}
      </PagedResults>
      <HoldForm onDone={reload} />
    </Page>
  );
}
