import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, SelectField, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";

/** An objection to processing on legitimate interest (Q3), weighed by Soket's privacy officer. */
export function ObjectionForm({ purposes, onObjected }: { purposes: string[]; onObjected: (reference: string) => void }) {
  const { t, language } = useLanguage();
  const [purpose, setPurpose] = useState("");
  const [statement, setStatement] = useState("");
  const object = useAction(async () => {
    const opened = await api<{ reference: string }>("privacy", "/me/consents/objections", {
      body: { purpose: purpose || null, statement: statement.trim(), language },
    });
    setStatement("");
    onObjected(opened.reference);
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    void object.run();
  }
  const fields = object.error?.fields ?? {};
  return (
    <form onSubmit={submit} noValidate aria-labelledby="privacy-objection-title">
      <h4 id="privacy-objection-title">{t("privacy.objection.title")}</h4>
      <p className="hint">{t("privacy.objection.intro")}</p>
      <SelectField label={t("privacy.objection.purpose")} value={purpose} onChange={(event) => setPurpose(event.target.value)} error={fields.purpose}>
        <option value="">{t("privacy.objection.every")}</option>
        {purposes.map((option) => (
          <option key={option} value={option}>
            {t(`privacy.purpose.${option}`)}
          </option>
        ))}
      </SelectField>
      <TextArea
        label={t("privacy.objection.statement")}
        value={statement}
        onChange={(event) => setStatement(event.target.value)}
        maxLength={4000}
        required
        error={fields.statement}
      />
      {object.error && !fields.statement && !fields.purpose ? <ErrorMessage error={object.error} /> : null}
      <button type="submit" disabled={object.busy || !statement.trim()}>
        {t("privacy.objection.submit")}
      </button>
    </form>
  );
}
