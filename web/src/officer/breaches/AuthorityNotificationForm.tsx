import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, TextArea, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { fromLocalInput, toLocalInput } from "../shared/dates";
import type { BreachView } from "./types";

/** Records that the supervisory authority was told: when, its case reference, why late if late. */
export function AuthorityNotificationForm({ breach, onDone }: { breach: BreachView; onDone: () => void }) {
  const t = useT();
  const [notifiedAt, setNotifiedAt] = useState(() => toLocalInput(new Date().toISOString()));
  const [reference, setReference] = useState("");
  const [delay, setDelay] = useState("");
  const late = notifiedAt !== "" && new Date(notifiedAt).getTime() > new Date(breach.deadline).getTime();
  const save = useAction(async () => {
    await api("privacy", `/breaches/${breach.id}/authority-notification`, {
      body: { notified_at: fromLocalInput(notifiedAt), reference: reference.trim() || null, delay_reasons: delay.trim() || null },
    });
    onDone();
  });
  const fields = save.error?.fields ?? {};
  function submit(event: FormEvent) {
    event.preventDefault();
    void save.run();
  }
  return (
    <form onSubmit={submit}>
      <h3>{t("officer.breaches.notifyTitle")}</h3>
      <TextField label={t("officer.breaches.notifiedAtLabel")} type="datetime-local" required value={notifiedAt} onChange={(e) => setNotifiedAt(e.target.value)} error={fields.notified_at} />
      <TextField label={t("officer.breaches.authorityReference")} value={reference} maxLength={200} onChange={(e) => setReference(e.target.value)} error={fields.reference} />
      <TextArea
        label={t("officer.breaches.delayReasons")}
        hint={late ? t("officer.breaches.delayNeeded") : t("officer.breaches.delayHint")}
        value={delay}
        required={late}
        onChange={(e) => setDelay(e.target.value)}
        error={fields.delay_reasons}
      />
      <ErrorMessage error={save.error} />
      <button type="submit" className="primary" disabled={save.busy}>
        {t("officer.breaches.recordNotification")}
      </button>
    </form>
  );
}
