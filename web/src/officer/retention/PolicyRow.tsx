import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, SelectField, TextArea, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import type { Policy } from "./types";

/** One category's policy, with an edit form opened in place. */
export function PolicyRow({ policy, lastRun, onSaved }: { policy: Policy; lastRun: string; onSaved: () => void }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [period, setPeriod] = useState(String(policy.period_days));
  const [action, setAction] = useState(policy.action);
  const [rationale, setRationale] = useState(policy.rationale ?? "");
  const category = t(`officer.category.${policy.category}`);
  const save = useAction(async () => {
    await api("privacy", `/retention/policies/${policy.category}`, {
      method: "PUT",
      body: { period_days: Number(period), action, rationale: rationale.trim() || null },
    });
    setEditing(false);
    onSaved();
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    void save.run();
  }
  return (
    <tr>
      <th scope="row">
        {category}
        {policy.rationale ? <p className="hint">{policy.rationale}</p> : null}
      </th>
      <td>{t(`officer.retention.ruleText.${policy.action}`, { days: policy.period_days })}</td>
      <td>{policy.client_controlled ? t("officer.yes") : t("officer.no")}</td>
      <td>{lastRun}</td>
      <td>
        {editing ? (
          <form onSubmit={submit} aria-label={t("officer.retention.editNamed", { category })}>
            <TextField label={t("officer.retention.period")} type="number" min={0} inputMode="numeric" required value={period} onChange={(e) => setPeriod(e.target.value)} error={save.error?.fields.period_days} />
            <SelectField label={t("officer.retention.action")} value={action} onChange={(e) => setAction(e.target.value)} error={save.error?.fields.action}>
              {policy.allowed_actions.map((allowed) => (
                <option key={allowed} value={allowed}>
                  {t(`officer.action.${allowed}`)}
                </option>
              ))}
            </SelectField>
            <TextArea label={t("officer.retention.rationale")} value={rationale} maxLength={2000} onChange={(e) => setRationale(e.target.value)} error={save.error?.fields.rationale} />
            <ErrorMessage error={save.error} />
            <div className="officer-actions">
              <button type="submit" className="primary" disabled={save.busy}>
                {t("form.save")}
              </button>
              <button type="button" onClick={() => setEditing(false)}>
                {t("form.cancel")}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" aria-label={t("officer.retention.editNamed", { category })} onClick={() => setEditing(true)}>
            {t("form.edit")}
          </button>
        )}
      </td>
    </tr>
  );
}
