import { Link } from "react-router-dom";

import { useLanguage } from "../../i18n";
import { formatDate, Page, SelectField } from "../../ui/components";
import { PagedResults } from "../shared/PagedResults";
import { usePagedList } from "../shared/usePagedList";
import { TimeLeft } from "./TimeLeft";
import type { BreachSummary } from "./types";

/** `/app/privacy/breaches`: the breach register with each one's 72-hour countdown. */
export function BreachListPage() {
  const { t, locale } = useLanguage();
  const list = usePagedList<BreachSummary, "open">("/breaches", ["open"]);
  const { open } = list.filters;
  const { update } = list;
  return (
    <Page
      title={t("officer.breaches.title")}
      actions={
        <Link className="button primary" to="/app/privacy/breaches/new">
          {t("officer.breaches.new")}
        </Link>
      }
    >
      <div className="officer-filters">
        <SelectField label={t("officer.breaches.show")} value={open} onChange={(e) => update("open", e.target.value)}>
          <option value="">{t("officer.breaches.all")}</option>
          <option value="true">{t("officer.breaches.openOnly")}</option>
          <option value="false">{t("officer.breaches.notifiedOnly")}</option>
        </SelectField>
      </div>
      <PagedResults {...list} onPage={list.goTo} empty={t("officer.breaches.none")}>
        {(data) => (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("officer.breaches.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("officer.requests.reference")}</th>
                  <th scope="col">{t("officer.breaches.discovered")}</th>
                  <th scope="col">{t("officer.breaches.deadline")}</th>
                  <th scope="col">{t("officer.breaches.timeLeft")}</th>
                  <th scope="col">{t("officer.breaches.authorityNotified")}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <Link to={`/app/privacy/breaches/${item.id}`}>{item.reference}</Link>
                    </th>
                    <td>{formatDate(item.discovered_at, locale)}</td>
                    <td>{formatDate(item.deadline, locale)}</td>
                    <td>
                      <TimeLeft deadline={item.deadline} notified={item.authority_notified_at !== null} />
                    </td>
                    <td>{item.authority_notified_at ? formatDate(item.authority_notified_at, locale) : t("officer.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedResults>
    </Page>
  );
}
