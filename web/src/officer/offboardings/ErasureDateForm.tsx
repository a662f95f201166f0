import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { fromLocalInput, toLocalInput } from "../shared/dates";
import type { Offboarding } from "./types";

/** Agree another erasure date: not before the export was offered, at most 180 days after the
 * request; a moment already past means at once. */
export function ErasureDateForm({ offboarding, onSaved }: { offboarding: Offboarding; onSaved: (saved: Offboarding) => void }) {
  const t = useT();
  const [value, setValue] = useState(() => toLocalInput(offboarding.erase_on));
  const [invalid, setInvalid] = useState(false);
  const save = useAction(async (eraseOn: string) => {
    onSaved(await api<Offboarding>("privacy", `/offboardings/${offboarding.id}/erasure-date`, { method: "PUT", body: { erase_on: eraseOn } }));
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const eraseOn = fromLocalInput(value);
    setInvalid(eraseOn === null);
    if (eraseOn === null) return;
    const past = new Date(eraseOn).getTime() <= Date.now();
    if (window.confirm(past ? t("officer.offboardingPage.dateConfirmNow") : t("officer.offboardingPage.dateConfirm"))) void save.run(eraseOn);
  }
  return (
    <form onSubmit={submit} noValidate>
      <h3>{t("officer.offboardingPage.agreeDate")}</h3>
      <TextField
        label={t("officer.offboardingPage.newDate")}
        hint={t("officer.offboardingPage.newDateHint")}
        type="datetime-local"
        required
        value={value}
        onChange={(event) => setValue(event.target.value)}
        error={invalid ? t("officer.offboardingPage.dateNeeded") : save.error?.fields.erase_on}
      />
      <ErrorMessage error={save.error} />
      <button type="submit" className="primary" disabled={save.busy}>
        {t("officer.offboardingPage.saveDate")}
      </button>
    </form>
  );
}
