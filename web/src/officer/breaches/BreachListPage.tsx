import { Link, useSearchParams } from "react-router-dom";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { formatDate, Loading, Page, SelectField } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { PageNav } from "../shared/PageNav";
import { PAGE_SIZE, type PageOf } from "../shared/types";
import { TimeLeft } from "./TimeLeft";
import type { BreachSummary } from "./types";

/** `/app/privacy/breaches`: the breach register with each one's 72-hour countdown. */
export function BreachListPage() {
  const { t, locale } = useLanguage();
  const [params, setParams] = useSearchParams();
  const open = params.get("open") ?? "";
  const page = Number(params.get("page") ?? "1") || 1;
  const { data, error, loading } = useLoad(
    (signal) => api<PageOf<BreachSummary>>("privacy", "/breaches", { query: { open, page, page_size: PAGE_SIZE }, signal }),
    [open, page],
  );
  function update(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "page") next.delete("page");
    setParams(next);
  }
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
      <Loading loading={loading && !data} error={error}>
        {data && data.items.length === 0 ? <p>{t("officer.breaches.none")}</p> : null}
        {data && data.items.length > 0 ? (
          <>
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
            <PageNav page={page} pageSize={PAGE_SIZE} total={data.total} onChange={(next) => update("page", String(next))} />
          </>
        ) : null}
      </Loading>
    </Page>
  );
}
