import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, Notice, TextArea, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";

const EMPTY = { tenant_id: "", email: "", reason: "", owner: "" };

/** Places a hold on a client, or on one of its people (named by email; only a reference is kept). */
export function HoldForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [form, setForm] = useState(EMPTY);
  const place = useAction(async () => {
    const body: Record<string, string> = { tenant_id: form.tenant_id.trim(), reason: form.reason.trim(), owner: form.owner.trim() };
    if (form.email.trim()) body.email = form.email.trim();
    await api("privacy", "/holds", { body });
    setForm(EMPTY);
    onDone();
  });
  const fields = place.error?.fields ?? {};
  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    void place.run();
  }
  return (
    <section className="card" aria-labelledby="officer-hold-new">
      <h2 id="officer-hold-new">{t("officer.holds.place")}</h2>
      <form onSubmit={submit} noValidate>
        <TextField label={t("officer.requests.client")} required value={form.tenant_id} onChange={set("tenant_id")} error={fields.tenant_id} />
        <TextField label={t("officer.holds.email")} hint={t("officer.holds.emailHint")} type="email" autoComplete="off" value={form.email} onChange={set("email")} error={fields.email} />
        <TextArea label={t("officer.holds.reason")} required value={form.reason} onChange={set("reason")} error={fields.reason} />
        <TextField label={t("officer.holds.owner")} hint={t("officer.holds.ownerHint")} required value={form.owner} onChange={set("owner")} error={fields.owner} />
        <ErrorMessage error={place.error} />
        {place.done ? <Notice>{t("officer.holds.placed.done")}</Notice> : null}
        <button type="submit" className="primary" disabled={place.busy}>
          {t("officer.holds.placeButton")}
        </button>
      </form>
    </section>
  );
}
