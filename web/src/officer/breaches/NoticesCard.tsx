import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { Checkbox, ErrorMessage, Notice, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { Stat } from "../shared/Stat";
import type { BreachView } from "./types";

/** Art. 34: telling the people affected (clients' users, participants), and delivery's counts. */
export function NoticesCard({ breach, onDone }: { breach: BreachView; onDone: () => void }) {
  const t = useT();
  const [users, setUsers] = useState(false);
  const [participants, setParticipants] = useState(false);
  const [summary, setSummary] = useState("");
  const counts = breach.notices;
  const send = useAction(async () => {
    const audiences = [users ? "client_users" : "", participants ? "client_participants" : ""].filter(Boolean);
    await api("privacy", `/breaches/${breach.id}/notices`, { body: { audiences, summary: summary.trim() || null } });
    onDone();
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (window.confirm(t("officer.breaches.noticesConfirm"))) void send.run();
  }
  return (
    <section className="card" aria-labelledby="officer-breach-notices">
      <h2 id="officer-breach-notices">{t("officer.breaches.notices")}</h2>
      <dl className="officer-stats">
        <Stat label={t("officer.breaches.groupNotices")} value={counts.group_notices} />
        <Stat label={t("officer.breaches.requested")} value={counts.requested} />
        <Stat label={t("officer.breaches.sent")} value={counts.sent} />
        <Stat label={t("officer.breaches.delivered")} value={counts.delivered} />
        <Stat label={t("officer.breaches.bounced")} value={counts.bounced} />
        <Stat label={t("officer.breaches.suppressed")} value={counts.suppressed} />
      </dl>
      <form onSubmit={submit}>
        <h3>{t("officer.breaches.sendNotices")}</h3>
        <fieldset>
          <legend>{t("officer.breaches.audiences")}</legend>
          <Checkbox label={t("officer.breaches.toUsers")} checked={users} onChange={(e) => setUsers(e.target.checked)} />
          <Checkbox label={t("officer.breaches.toParticipants")} checked={participants} onChange={(e) => setParticipants(e.target.checked)} />
          {send.error?.fields.audiences ? <p className="field-error">{send.error.fields.audiences}</p> : null}
        </fieldset>
        <TextArea label={t("officer.breaches.summary")} hint={t("officer.breaches.summaryHint")} value={summary} onChange={(e) => setSummary(e.target.value)} error={send.error?.fields.summary} />
        <ErrorMessage error={send.error} />
        {send.done ? <Notice>{t("officer.breaches.noticesSent")}</Notice> : null}
        <button type="submit" className="primary" disabled={send.busy || (!users && !participants)}>
          {t("officer.breaches.sendNoticesButton")}
        </button>
      </form>
    </section>
  );
}
