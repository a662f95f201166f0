import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, SelectField, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { DENIAL_REASONS, type RequestDetail } from "./types";

/** Approve, or deny with a reason (the subject is told it, and their right to complain). */
export function DecisionForm({ request, onDecided }: { request: RequestDetail; onDecided: (detail: RequestDetail) => void }) {
  const t = useT();
  const [decision, setDecision] = useState<"approve" | "deny">("approve");
  const [reason, setReason] = useState<string>(DENIAL_REASONS[0]);
  const [note, setNote] = useState("");
  const decide = useAction(async () => {
    const body = {
      decision,
      denial_reason: decision === "deny" ? reason : null,
      note: note.trim() || null,
    };
    onDecided(await api<RequestDetail>("privacy", `/client/requests/${request.id}/decision`, { body }));
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (decision === "approve" && request.request_type === "erasure" && !window.confirm(t("privacy.decision.confirmErasure"))) return;
    void decide.run();
  }
  const fields = decide.error?.fields ?? {};
  return (
    <form onSubmit={submit} noValidate aria-labelledby="privacy-decision-title">
      <h2 id="privacy-decision-title">{t("privacy.decision.title")}</h2>
      <fieldset className="privacy-choice">
        <legend>{t("privacy.decision.legend")}</legend>
        <label className="privacy-radio">
          <input type="radio" name="decision" value="approve" checked={decision === "approve"} onChange={() => setDecision("approve")} />
          {t("privacy.decision.approve")}
        </label>
        <label className="privacy-radio">
          <input type="radio" name="decision" value="deny" checked={decision === "deny"} onChange={() => setDecision("deny")} />
          {t("privacy.decision.deny")}
        </label>
      </fieldset>
      {decision === "deny" ? (
        <SelectField label={t("privacy.decision.reason")} value={reason} onChange={(event) => setReason(event.target.value)} error={fields.denial_reason}>
          {DENIAL_REASONS.map((option) => (
            <option key={option} value={option}>
              {t(`privacy.denial.${option}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextArea
        label={decision === "deny" && reason === "other" ? t("privacy.decision.noteRequired") : t("privacy.decision.note")}
        hint={t("privacy.decision.noteHint")}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        maxLength={2000}
        error={fields.note}
      />
      {decide.error && !fields.note && !fields.denial_reason ? <ErrorMessage error={decide.error} /> : null}
      <button type="submit" className="primary" disabled={decide.busy}>
        {t("privacy.decision.submit")}
      </button>
    </form>
  );
}
