import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, SelectField, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";

/** GDPR art. 12(3): once, by one or two months, with the reason (the subject is told). */
export function ExtensionForm({ requestId, onDone }: { requestId: string; onDone: () => void }) {
  const t = useT();
  const [months, setMonths] = useState("1");
  const [reason, setReason] = useState("");
  const extend = useAction(async () => {
    await api("privacy", `/requests/${requestId}/extension`, { body: { months: Number(months), reason: reason.trim() } });
    onDone();
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (window.confirm(t("officer.request.extendConfirm"))) void extend.run();
  }
  return (
    <form onSubmit={submit}>
      <h3>{t("officer.request.extendTitle")}</h3>
      <SelectField label={t("officer.request.extendMonths")} value={months} onChange={(e) => setMonths(e.target.value)} error={extend.error?.fields.months}>
        <option value="1">{t("officer.request.months", { months: 1 })}</option>
        <option value="2">{t("officer.request.months", { months: 2 })}</option>
      </SelectField>
      <TextArea
        label={t("officer.request.extendReason")}
        hint={t("officer.request.extendReasonHint")}
        value={reason}
        required
        maxLength={2000}
        onChange={(e) => setReason(e.target.value)}
        error={extend.error?.fields.reason}
      />
      <ErrorMessage error={extend.error} />
      <button type="submit" disabled={extend.busy || !reason.trim()}>
        {t("officer.request.extend")}
      </button>
    </form>
  );
}
