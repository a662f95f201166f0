import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, SelectField, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { DENIAL_REASONS } from "./types";

/** Approve, or deny with a reason (and a note; required for "other"). */
export function DecisionForm({ requestId, onDone }: { requestId: string; onDone: () => void }) {
  const t = useT();
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const decide = useAction(async (decision: "approve" | "deny") => {
    const body: Record<string, string> = { decision };
    if (decision === "deny") body.denial_reason = reason;
    if (note.trim()) body.note = note.trim();
    await api("privacy", `/requests/${requestId}/decision`, { body });
    onDone();
  });
  const [missingReason, setMissingReason] = useState(false);

  function deny(event: FormEvent) {
    event.preventDefault();
    if (!reason) {
      setMissingReason(true);
      return;
    }
    setMissingReason(false);
    if (window.confirm(t("officer.request.denyConfirm"))) void decide.run("deny");
  }

  return (
    <form onSubmit={deny}>
      <h3>{t("officer.request.decisionTitle")}</h3>
      <TextArea
        label={t("officer.request.decisionNote")}
        hint={t("officer.request.decisionNoteHint")}
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.target.value)}
        error={decide.error?.fields.note}
      />
      <div className="officer-actions">
        <button type="button" className="primary" disabled={decide.busy} onClick={() => void decide.run("approve")}>
          {t("officer.request.approve")}
        </button>
      </div>
      <SelectField
        label={t("officer.request.denialReason")}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={missingReason ? t("officer.request.reasonNeeded") : decide.error?.fields.denial_reason}
      >
        <option value="">{t("officer.choose")}</option>
        {DENIAL_REASONS.map((value) => (
          <option key={value} value={value}>
            {t(`officer.denial.${value}`)}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={decide.error} />
      <button type="submit" className="danger" disabled={decide.busy}>
        {t("officer.request.deny")}
      </button>
    </form>
  );
}
