import { useState } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { DecisionForm } from "./DecisionForm";
import { ExtensionForm } from "./ExtensionForm";
import type { RequestDetail } from "./types";

const CLOCK_RUNS = new Set(["received", "awaiting_verification", "identity_verified", "awaiting_decision", "approved", "in_progress", "failed"]);

/** The moves the API allows on this request now, and nothing else. */
export function RequestActions({ request, onChanged }: { request: RequestDetail; onChanged: () => void }) {
  const t = useT();
  const [note, setNote] = useState("");
  const path = `/requests/${request.id}`;
  const cancel = useAction(async () => {
    await api("privacy", `${path}/cancellation`, { body: note.trim() ? { note: note.trim() } : {} });
    onChanged();
  });
  const retry = useAction(async () => {
    await api("privacy", `${path}/retry`, { method: "POST" });
    onChanged();
  });
  const clientDecides = request.subject_kind === "participant" && request.tenant_id !== null;
  const canDecide = request.state === "awaiting_decision" && !clientDecides;
  const canExtend = CLOCK_RUNS.has(request.state) && request.extended_by_months === 0;
  const canCancel = request.before_point_of_no_return;
  const canRetry = request.state === "failed";
  const nothing = !canDecide && !canExtend && !canCancel && !canRetry;

  return (
    <section className="card" aria-labelledby="officer-request-actions">
      <h2 id="officer-request-actions">{t("officer.request.actions")}</h2>
      {request.state === "awaiting_decision" && clientDecides ? <p>{t("officer.request.clientDecides")}</p> : null}
      {nothing ? <p>{t("officer.request.noActions")}</p> : null}
      {canDecide ? <DecisionForm requestId={request.id} onDone={onChanged} /> : null}
      {canRetry ? (
        <div>
          <h3>{t("officer.request.retryTitle")}</h3>
          <p>{t("officer.request.retryHint")}</p>
          <ErrorMessage error={retry.error} />
          <button type="button" className="primary" disabled={retry.busy} onClick={() => void retry.run()}>
            {t("officer.request.retry")}
          </button>
        </div>
      ) : null}
      {canExtend ? <ExtensionForm requestId={request.id} onDone={onChanged} /> : null}
      {canCancel ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (window.confirm(t("officer.request.cancelConfirm"))) void cancel.run();
          }}
        >
          <h3>{t("officer.request.cancelTitle")}</h3>
          <TextArea label={t("officer.request.cancelNote")} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} error={cancel.error?.fields.note} />
          <ErrorMessage error={cancel.error} />
          <button type="submit" className="danger" disabled={cancel.busy}>
            {t("officer.request.cancel")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
