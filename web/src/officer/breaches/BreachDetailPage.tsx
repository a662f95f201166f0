import { Link, useParams } from "react-router-dom";

import { api, download } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, Loading, Page } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { AuthorityNotificationForm } from "./AuthorityNotificationForm";
import { CensusCard } from "./CensusCard";
import { NoticesCard } from "./NoticesCard";
import { TimeLeft } from "./TimeLeft";
import type { BreachView } from "./types";

/** `/app/privacy/breaches/:id`: a breach, its 72-hour clock, the census, the notices, the report. */
export function BreachDetailPage() {
  const { id = "" } = useParams();
  const { t, locale } = useLanguage();
  const { data, error, loading, reload } = useLoad((signal) => api<BreachView>("privacy", `/breaches/${id}`, { signal }), [id]);
  const report = useAction((format: "json" | "md") =>
    download("privacy", `/breaches/${id}/report${format === "md" ? ".md" : ""}`, `breach-${data?.reference ?? id}.${format}`),
  );
  return (
    <Page
      title={data ? t("officer.breaches.detailTitle", { reference: data.reference }) : t("officer.breaches.title")}
      actions={
        data ? (
          <>
            <Link className="button" to={`/app/privacy/breaches/${id}/edit`}>
              {t("officer.breaches.edit")}
            </Link>
            <button type="button" disabled={report.busy} onClick={() => void report.run("json")}>
              {t("officer.breaches.reportJson")}
            </button>
            <button type="button" disabled={report.busy} onClick={() => void report.run("md")}>
              {t("officer.breaches.reportMd")}
            </button>
          </>
        ) : null
      }
    >
      <ErrorMessage error={report.error} />
      <Loading loading={loading && !data} error={error}>
        {data ? (
          <>
            <section className="card" aria-labelledby="officer-breach-clock">
              <h2 id="officer-breach-clock">{t("officer.breaches.clock")}</h2>
              <p className="officer-countdown">
                <TimeLeft deadline={data.deadline} notified={data.authority_notified_at !== null} />
              </p>
              <dl className="officer-facts">
                <dt>{t("officer.breaches.discovered")}</dt>
                <dd>{formatDate(data.discovered_at, locale)}</dd>
                <dt>{t("officer.breaches.deadline")}</dt>
                <dd>{formatDate(data.deadline, locale)}</dd>
                <dt>{t("officer.breaches.authorityNotified")}</dt>
                <dd>
                  {data.authority_notified_at
                    ? t("officer.breaches.notifiedAt", { at: formatDate(data.authority_notified_at, locale), reference: data.authority_reference ?? "—" })
                    : t("officer.no")}
                </dd>
                {data.delay_reasons ? (
                  <>
                    <dt>{t("officer.breaches.delayReasons")}</dt>
                    <dd>{data.delay_reasons}</dd>
                  </>
                ) : null}
                <dt>{t("officer.breaches.authority")}</dt>
                <dd>{data.supervisory_authority}</dd>
              </dl>
              {data.authority_notified_at ? null : <AuthorityNotificationForm breach={data} onDone={reload} />}
            </section>
            <section className="card" aria-labelledby="officer-breach-facts">
              <h2 id="officer-breach-facts">{t("officer.breaches.facts")}</h2>
              <dl className="officer-facts">
                <dt>{t("officer.breaches.nature")}</dt>
                <dd>{data.nature}</dd>
                <dt>{t("officer.breaches.dataCategories")}</dt>
                <dd>{data.data_categories.map((category) => category.category).join("; ")}</dd>
                <dt>{t("officer.breaches.peopleCategories")}</dt>
                <dd>{data.people_categories.map((kind) => t(`officer.subject.${kind}`)).join("; ")}</dd>
                <dt>{t("officer.breaches.clients")}</dt>
                <dd>{data.tenant_ids.join(", ")}</dd>
                <dt>{t("officer.breaches.records")}</dt>
                <dd>{data.approximate_records ?? "—"}</dd>
                <dt>{t("officer.breaches.consequences")}</dt>
                <dd>{data.likely_consequences}</dd>
                <dt>{t("officer.breaches.measuresTaken")}</dt>
                <dd>{data.measures_taken}</dd>
                <dt>{t("officer.breaches.measuresProposed")}</dt>
                <dd>{data.measures_proposed}</dd>
                <dt>{t("officer.breaches.contact")}</dt>
                <dd>{data.data_protection_contact}</dd>
                <dt>{t("officer.breaches.recorded")}</dt>
                <dd>{formatDate(data.recorded_at, locale)}</dd>
              </dl>
            </section>
            <CensusCard breach={data} onDone={reload} />
            <NoticesCard breach={data} onDone={reload} />
          </>
        ) : null}
      </Loading>
    </Page>
  );
}
