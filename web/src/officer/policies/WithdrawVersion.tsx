import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import type { PolicyVersion } from "./PoliciesPage";

/** Withdraws an upcoming version, with the reason, after a confirmation. */
export function WithdrawVersion({ version, onDone }: { version: PolicyVersion; onDone: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const withdraw = useAction(async () => {
    await api("privacy", `/policies/${version.id}/withdrawal`, { body: { reason: reason.trim() } });
    onDone();
  });
  const name = t("officer.policies.withdrawNamed", { label: version.label });
  if (!open) {
    return (
      <button type="button" className="danger" aria-label={name} onClick={() => setOpen(true)}>
        {t("officer.policies.withdraw")}
      </button>
    );
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    if (window.confirm(t("officer.policies.withdrawConfirm"))) void withdraw.run();
  }
  return (
    <form onSubmit={submit} aria-label={name}>
      <TextField label={t("officer.policies.withdrawReason")} required value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} error={withdraw.error?.fields.reason} />
      <ErrorMessage error={withdraw.error} />
      <div className="officer-actions">
        <button type="submit" className="danger" disabled={withdraw.busy || !reason.trim()}>
          {t("officer.policies.withdrawNow")}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}
