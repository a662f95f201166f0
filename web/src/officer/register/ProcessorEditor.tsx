import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, SelectField, TextArea, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import type { Processor } from "./types";

/** Edits a processor in place (PUT replaces it; every edit is audited). */
export function ProcessorEditor({ processor, onDone, onCancel }: { processor: Processor; onDone: () => void; onCancel: () => void }) {
  const t = useT();
  const [form, setForm] = useState({
    company: processor.company,
    service: processor.service,
    service_et: processor.service_et ?? "",
    processed_in: processor.processed_in,
    countries: processor.countries.join(", "),
    engaged_by: processor.engaged_by,
    transfer: processor.transfer ?? "",
    terms_url: processor.terms_url ?? "",
  });
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });
  const save = useAction(async () => {
    await api("privacy", `/register/processors/${processor.id}`, {
      method: "PUT",
      body: {
        company: form.company,
        service: form.service,
        service_et: form.service_et.trim() || null,
        processed_in: form.processed_in,
        countries: form.countries.split(/[\s,]+/).filter(Boolean),
        engaged_by: form.engaged_by,
        transfer: form.transfer.trim() || null,
        terms_url: form.terms_url.trim() || null,
      },
    });
    onDone();
  });
  const fields = save.error?.fields ?? {};
  function submit(event: FormEvent) {
    event.preventDefault();
    void save.run();
  }
  return (
    <form onSubmit={submit} aria-label={t("officer.register.editNamed", { name: processor.company })}>
      <TextField label={t("officer.register.company")} required value={form.company} onChange={set("company")} error={fields.company} />
      <TextArea label={t("officer.register.service")} required value={form.service} onChange={set("service")} error={fields.service} />
      <TextArea label={t("officer.register.serviceEt")} value={form.service_et} onChange={set("service_et")} error={fields.service_et} />
      <TextField label={t("officer.register.where")} required value={form.processed_in} onChange={set("processed_in")} error={fields.processed_in} />
      <TextField label={t("officer.register.countries")} hint={t("officer.register.countriesHint")} required value={form.countries} onChange={set("countries")} error={fields.countries} />
      <SelectField label={t("officer.register.engagedBy")} value={form.engaged_by} onChange={set("engaged_by")} error={fields.engaged_by}>
        <option value="soket">{t("officer.register.engaged.soket")}</option>
        <option value="client">{t("officer.register.engaged.client")}</option>
      </SelectField>
      <TextArea label={t("officer.register.transfer")} hint={t("officer.register.transferHint")} value={form.transfer} onChange={set("transfer")} error={fields.transfer} />
      <TextField label={t("officer.register.terms")} type="url" value={form.terms_url} onChange={set("terms_url")} error={fields.terms_url} />
      <ErrorMessage error={save.error} />
      <div className="officer-actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {t("form.save")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}
