import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import type { RequestSummary } from "../requests/types";
import type { WeighedObjection } from "./types";

/** Uphold an objection (the purpose stops for the person at once), or reject it on compelling
 * legitimate grounds, which the person is told (GDPR art. 21(1)). */
export function WeighForm({ objection, onDone }: { objection: RequestSummary; onDone: (result: WeighedObjection) => void }) {
  const t = useT();
  const [grounds, setGrounds] = useState("");
  const [missing, setMissing] = useState(false);
  const weigh = useAction(async (upheld: boolean) => {
    const body: { upheld: boolean; grounds?: string } = { upheld };
    if (grounds.trim()) body.grounds = grounds.trim();
    onDone(await api<WeighedObjection>("privacy", `/consents/objections/${objection.id}/weighing`, { body }));
  });
  function uphold() {
    if (window.confirm(t("officer.consentsPage.upholdConfirm", { reference: objection.reference }))) void weigh.run(true);
  }
  function reject(event: FormEvent) {
    event.preventDefault();
    if (!grounds.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    if (window.confirm(t("officer.consentsPage.rejectConfirm", { reference: objection.reference }))) void weigh.run(false);
  }
  return (
    <form onSubmit={reject} noValidate>
      <TextArea
        label={t("officer.consentsPage.grounds")}
        hint={t("officer.consentsPage.groundsHint")}
        value={grounds}
        maxLength={2000}
        onChange={(event) => setGrounds(event.target.value)}
        error={missing ? t("officer.consentsPage.groundsNeeded") : weigh.error?.fields.grounds}
      />
      <ErrorMessage error={weigh.error} />
      <div className="officer-actions">
        <button type="button" className="primary" disabled={weigh.busy} onClick={uphold}>
          {t("officer.consentsPage.uphold")}
        </button>
        <button type="submit" className="danger" disabled={weigh.busy}>
          {t("officer.consentsPage.reject")}
        </button>
      </div>
    </form>
  );
}
