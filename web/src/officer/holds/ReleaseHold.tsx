import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import type { Hold } from "./HoldsPage";

/** Releases one hold (with an optional note), after a confirmation. */
export function ReleaseHold({ hold, onDone }: { hold: Hold; onDone: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const release = useAction(async () => {
    await api("privacy", `/holds/${hold.id}/release`, { body: note.trim() ? { note: note.trim() } : {} });
    onDone();
  });
  const target = hold.scope === "client" ? t("officer.holds.client", { id: hold.tenant_id }) : t("officer.holds.person", { id: hold.tenant_id });
  if (!open) {
    return (
      <div>
        <button type="button" className="link-button" aria-label={t("officer.holds.releaseNamed", { target })} onClick={() => setOpen(true)}>
          {t("officer.holds.release")}
        </button>
      </div>
    );
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    if (window.confirm(t("officer.holds.releaseConfirm"))) void release.run();
  }
  return (
    <form onSubmit={submit} aria-label={t("officer.holds.releaseNamed", { target })}>
      <TextField label={t("officer.holds.releaseNote")} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} error={release.error?.fields.note} />
      <ErrorMessage error={release.error} />
      <div className="officer-actions">
        <button type="submit" className="danger" disabled={release.busy}>
          {t("officer.holds.releaseNow")}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}
