import { useState } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { Loading, Notice } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { RetentionRow } from "./RetentionRow";
import type { RetentionSetting } from "./types";

/** The categories the client sets its own retention for (P17): period and action, or the default. */
export function RetentionSection() {
  const t = useT();
  const settings = useLoad((signal) => api<RetentionSetting[]>("privacy", "/client/retention", { signal }), []);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="card privacy-section" id="privacy-retention" aria-labelledby="privacy-retention-title">
      <h3 id="privacy-retention-title">{t("privacy.retention.title")}</h3>
      <p>{t("privacy.retention.intro")}</p>
      {message ? <Notice>{message}</Notice> : null}
      <Loading loading={settings.loading && !settings.data} error={settings.error}>
        <div className="table-wrap">
          <table className="privacy-table">
            <thead>
              <tr>
                <th scope="col">{t("privacy.retention.category")}</th>
                <th scope="col">{t("privacy.retention.period")}</th>
                <th scope="col">{t("privacy.retention.action")}</th>
                <th scope="col">{t("privacy.retention.source")}</th>
                <th scope="col">{t("privacy.field.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {settings.data?.map((setting) => (
                <RetentionRow key={setting.category} setting={setting} onSaved={(text) => {
                  setMessage(text);
                  settings.reload();
                }} />
              ))}
            </tbody>
          </table>
        </div>
      </Loading>
    </section>
  );
}
