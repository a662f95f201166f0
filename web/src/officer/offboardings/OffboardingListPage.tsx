import { Link } from "react-router-dom";

import { useLanguage } from "../../i18n";
import { formatDate, Page, SelectField } from "../../ui/components";
import { PagedResults } from "../shared/PagedResults";
import { TableWrap } from "../shared/TableWrap";
import { usePagedList } from "../shared/usePagedList";
import { OffboardingState } from "./OffboardingState";
import { OFFBOARDING_STATES, type Offboarding } from "./types";

/** `/app/privacy/offboardings`: clients leaving (P12), newest request first. `?pending=true`
 * keeps those not yet erased; `?state=` one state. */
export function OffboardingListPage() {
  const { t, locale } = useLanguage();
  const list = usePagedList<Offboarding, "state" | "pending">("/offboardings", ["state", "pending"]);
  const { state, pending } = list.filters;
  const { update } = list;
  return (
    <Page title={t("officer.offboardingPage.title")}>
      <p>{t("officer.offboardingPage.intro")}</p>
      <div className="officer-filters">
        <SelectField label={t("officer.offboardingPage.show")} value={pending} onChange={(event) => update("pending", event.target.value)}>
          <option value="">{t("officer.offboardingPage.all")}</option>
          <option value="true">{t("officer.offboardingPage.pendingOnly")}</option>
          <option value="false">{t("officer.offboardingPage.erasedOnly")}</option>
        </SelectField>
        <SelectField label={t("officer.offboardingPage.state")} value={state} onChange={(event) => update("state", event.target.value)}>
          <option value="">{t("officer.any")}</option>
          {OFFBOARDING_STATES.map((value) => (
            <option key={value} value={value}>
              {t(`officer.offboardingState.${value}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <PagedResults {...list} onPage={list.goTo} empty={t("officer.offboardingPage.none")}>
        {(data) => (
          <>
            <p className="hint">{t("officer.offboardingPage.count", { total: data.total })}</p>
            <TableWrap label={t("officer.offboardingPage.title")}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("officer.requests.reference")}</th>
                    <th scope="col">{t("officer.requests.client")}</th>
                    <th scope="col">{t("officer.offboardingPage.state")}</th>
                    <th scope="col">{t("officer.offboardingPage.requested")}</th>
                    <th scope="col">{t("officer.offboardingPage.eraseOn")}</th>
                    <th scope="col">{t("officer.offboardingPage.certificate")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">
                        <Link to={`/app/privacy/offboardings/${item.id}`}>{item.reference}</Link>
                      </th>
                      <td>
                        <code className="officer-hash">{item.tenant_id}</code>
                      </td>
                      <td>
                        <OffboardingState state={item.state} />
                      </td>
                      <td>{formatDate(item.requested_at, locale)}</td>
                      <td>{item.erased_at ? t("officer.offboardingPage.erasedAt", { date: formatDate(item.erased_at, locale) }) : formatDate(item.erase_on, locale)}</td>
                      <td>{item.certificate_issued ? t("officer.offboardingPage.issued") : t("officer.offboardingPage.notIssued")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        )}
      </PagedResults>
    </Page>
  );
}
