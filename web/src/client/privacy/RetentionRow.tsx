import { useEffect, useState } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import type { RetentionSetting } from "./types";

/** One category: its period in days and its action, saved or set back to Soket's default. */
export function RetentionRow({ setting, onSaved }: { setting: RetentionSetting; onSaved: (message: string) => void }) {
  const t = useT();
  const category = t(`privacy.retention.category.${setting.category}`);
  const [days, setDays] = useState(String(setting.period_days));
  const [action, setAction] = useState(setting.action);
  useEffect(() => {
    setDays(String(setting.period_days));
    setAction(setting.action);
  }, [setting]);

  const save = useAction(async () => {
    await api("privacy", `/client/retention/${setting.category}`, {
      method: "PUT",
      body: { period_days: Number(days), action },
    });
  });
  const clear = useAction(async () => {
    await api("privacy", `/client/retention/${setting.category}`, { method: "DELETE" });
  });
  async function onSave() {
    if (await save.run()) onSaved(t("privacy.retention.saved", { category }));
  }
  async function onClear() {
    if (await clear.run()) onSaved(t("privacy.retention.cleared", { category }));
  }
  const error = save.error ?? clear.error;
  const daysId = `retention-days-${setting.category}`;
  const actionId = `retention-action-${setting.category}`;
  return (
    <tr>
      <th scope="row">{category}</th>
      <td>
        <label className="visually-hidden" htmlFor={daysId}>
          {t("privacy.retention.periodOf", { category })}
        </label>
        <input
          id={daysId}
          type="number"
          min={1}
          max={3650}
          value={days}
          onChange={(event) => setDays(event.target.value)}
          aria-invalid={save.error?.fields.period_days ? true : undefined}
        />{" "}
        {t("privacy.retention.days")}
        <div className="hint">{t("privacy.retention.default", { days: setting.default_period_days, action: t(`privacy.retention.action.${setting.default_action}`) })}</div>
      </td>
      <td>
        <label className="visually-hidden" htmlFor={actionId}>
          {t("privacy.retention.actionOf", { category })}
        </label>
        <select id={actionId} value={action} onChange={(event) => setAction(event.target.value as RetentionSetting["action"])}>
          {setting.allowed_actions.map((option) => (
            <option key={option} value={option}>
              {t(`privacy.retention.action.${option}`)}
            </option>
          ))}
        </select>
      </td>
      <td>{setting.own ? t("privacy.retention.own") : t("privacy.retention.soket")}</td>
      <td>
        <div className="privacy-actions">
          <button type="button" className="primary" disabled={save.busy || !days} onClick={() => void onSave()} aria-label={t("privacy.retention.saveOf", { category })}>
            {t("form.save")}
          </button>
          {setting.own ? (
            <button type="button" disabled={clear.busy} onClick={() => void onClear()} aria-label={t("privacy.retention.clearOf", { category })}>
              {t("privacy.retention.clear")}
            </button>
          ) : null}
        </div>
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}
