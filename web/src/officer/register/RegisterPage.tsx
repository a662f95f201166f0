import { useState } from "react";

import { api, download } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, Loading, Page } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import { ActivityCard } from "./ActivityCard";
import { ProcessorEditor } from "./ProcessorEditor";
import type { RegisterDocument } from "./types";

/** `/app/privacy/register`: the record of processing activities (GDPR art. 30) and its exports. */
export function RegisterPage() {
  const { t, language } = useLanguage();
  const { data, error, loading, reload } = useLoad((signal) => api<RegisterDocument>("privacy", "/register", { signal }), []);
  const exporter = useAction((format: "csv" | "json") => download("privacy", `/register.${format}`, `register-of-processing.${format}`));
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Page
      title={t("officer.register.title")}
      actions={
        <>
          <button type="button" disabled={exporter.busy} onClick={() => void exporter.run("csv")}>
            {t("officer.register.csv")}
          </button>
          <button type="button" disabled={exporter.busy} onClick={() => void exporter.run("json")}>
            {t("officer.register.json")}
          </button>
        </>
      }
    >
      <ErrorMessage error={exporter.error} />
      <Loading loading={loading && !data} error={error}>
        {data ? (
          <>
            <section className="card" aria-labelledby="officer-register-who">
              <h2 id="officer-register-who">{t("officer.register.controller")}</h2>
              <dl className="officer-facts">
                <dt>{t("officer.register.controller")}</dt>
                <dd>{data.controller}</dd>
                <dt>{t("officer.breaches.contact")}</dt>
                <dd>{data.data_protection_contact}</dd>
                <dt>{t("officer.breaches.authority")}</dt>
                <dd>{data.supervisory_authority}</dd>
              </dl>
            </section>
            <h2>{t("officer.register.activities", { count: data.activities.length })}</h2>
            {data.activities.map((activity) => (
              <ActivityCard key={activity.id} activity={activity} estonian={language === "et"} />
            ))}
            <section className="card" aria-labelledby="officer-register-processors">
              <h2 id="officer-register-processors">{t("officer.register.processors", { count: data.processors.length })}</h2>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("officer.register.company")}</th>
                      <th scope="col">{t("officer.register.service")}</th>
                      <th scope="col">{t("officer.register.where")}</th>
                      <th scope="col">{t("officer.register.engagedBy")}</th>
                      <th scope="col">{t("officer.register.transfer")}</th>
                      <th scope="col">{t("officer.retention.change")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.processors.map((processor) => (
                      <tr key={processor.id}>
                        <th scope="row">
                          {processor.terms_url ? <a href={processor.terms_url}>{processor.company}</a> : processor.company}
                        </th>
                        <td>{language === "et" && processor.service_et ? processor.service_et : processor.service}</td>
                        <td>
                          {processor.processed_in} ({processor.countries.join(", ")})
                          {processor.outside_eu_eea ? <span className="badge warn"> {t("officer.register.outsideEu")}</span> : null}
                        </td>
                        <td>{t(`officer.register.engaged.${processor.engaged_by}`)}</td>
                        <td>{processor.transfer ?? "—"}</td>
                        <td>
                          {editing === processor.id ? (
                            <ProcessorEditor
                              processor={processor}
                              onDone={() => {
                                setEditing(null);
                                reload();
                              }}
                              onCancel={() => setEditing(null)}
                            />
                          ) : (
                            <button type="button" aria-label={t("officer.register.editNamed", { name: processor.company })} onClick={() => setEditing(processor.id)}>
                              {t("form.edit")}
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section className="card" aria-labelledby="officer-register-transfers">
              <h2 id="officer-register-transfers">{t("officer.register.transfers")}</h2>
              <p>{data.transfers.by_default}</p>
              {data.transfers.through.length ? (
                <ul className="officer-list">
                  {data.transfers.through.map((transfer) => (
                    <li key={transfer.processor_id}>
                      {transfer.company} ({transfer.countries.join(", ")}): {transfer.transfer}
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
            <section className="card" aria-labelledby="officer-register-security">
              <h2 id="officer-register-security">{t("officer.register.security")}</h2>
              <ul className="officer-list">
                {data.security_measures.map((measure) => (
                  <li key={measure}>{measure}</li>
                ))}
              </ul>
            </section>
          </>
        ) : null}
      </Loading>
    </Page>
  );
}
