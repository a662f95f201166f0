import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, Notice, TextArea, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";

const EMPTY = { label: "", effective_on: "", summary: "", text_et: "", text_en: "", url_et: "", url_en: "" };

function inThirtyDays(): string {
  const date = new Date(Date.now() + 31 * 24 * 3600 * 1000);
  return date.toISOString().slice(0, 10);
}

/** Publishes a new version (at least 30 days ahead); every client representative is emailed once. */
export function PublishForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [form, setForm] = useState(EMPTY);
  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });
  const publish = useAction(async () => {
    const body: Record<string, string> = { label: form.label.trim(), effective_on: form.effective_on, summary: form.summary.trim() };
    for (const name of ["text_et", "text_en", "url_et", "url_en"] as const) {
      if (form[name].trim()) body[name] = form[name].trim();
    }
    await api("privacy", "/policies", { body });
    setForm(EMPTY);
    onDone();
  });
  const fields = publish.error?.fields ?? {};
  function submit(event: FormEvent) {
    event.preventDefault();
    if (window.confirm(t("officer.policies.publishConfirm"))) void publish.run();
  }
  return (
    <section className="card" aria-labelledby="officer-policy-new">
      <h2 id="officer-policy-new">{t("officer.policies.publish")}</h2>
      <form onSubmit={submit} noValidate>
        <TextField label={t("officer.policies.label")} hint={t("officer.policies.labelHint")} required value={form.label} onChange={set("label")} error={fields.label} />
        <TextField label={t("officer.policies.effectiveOn")} hint={t("officer.policies.effectiveHint")} type="date" min={inThirtyDays()} required value={form.effective_on} onChange={set("effective_on")} error={fields.effective_on} />
        <TextArea label={t("officer.policies.summary")} hint={t("officer.policies.summaryHint")} required value={form.summary} onChange={set("summary")} error={fields.summary} />
        <p className="hint">{t("officer.policies.textOrUrl")}</p>
        <TextArea label={t("officer.policies.textEt")} value={form.text_et} onChange={set("text_et")} error={fields.text_et} />
        <TextField label={t("officer.policies.urlEt")} type="url" value={form.url_et} onChange={set("url_et")} error={fields.url_et} />
        <TextArea label={t("officer.policies.textEn")} value={form.text_en} onChange={set("text_en")} error={fields.text_en} />
        <TextField label={t("officer.policies.urlEn")} type="url" value={form.url_en} onChange={set("url_en")} error={fields.url_en} />
        <ErrorMessage error={publish.error} />
        {publish.done ? <Notice>{t("officer.policies.published")}</Notice> : null}
        <button type="submit" className="primary" disabled={publish.busy}>
          {t("officer.policies.publishButton")}
        </button>
      </form>
    </section>
  );
}
