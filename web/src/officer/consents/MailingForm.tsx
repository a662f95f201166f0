import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, Notice, SelectField, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { CONSENT_PURPOSES, type MailingQueued } from "./types";

/** A mailing of a purpose to every client representative; delivery sends it only to those
 * whose grant for the purpose stands. */
export function MailingForm() {
  const t = useT();
  const [purpose, setPurpose] = useState<string>(CONSENT_PURPOSES[0]);
  const [headline, setHeadline] = useState("");
  const [link, setLink] = useState("");
  const [queued, setQueued] = useState<MailingQueued | null>(null);
  const send = useAction(async () => {
    setQueued(null);
    const result = await api<MailingQueued>("privacy", `/consents/purposes/${purpose}/mailings`, {
      body: { headline: headline.trim(), link: link.trim() },
    });
    setQueued(result);
    setHeadline("");
    setLink("");
  });
  const fields = send.error?.fields ?? {};
  function submit(event: FormEvent) {
    event.preventDefault();
    if (window.confirm(t("officer.consentsPage.mailingConfirm", { purpose: t(`officer.purpose.${purpose}`) }))) void send.run();
  }
  return (
    <section className="card" aria-labelledby="officer-consents-mailing">
      <h2 id="officer-consents-mailing">{t("officer.consentsPage.mailing")}</h2>
      <p className="hint">{t("officer.consentsPage.mailingHint")}</p>
      <form onSubmit={submit} noValidate>
        <SelectField label={t("officer.consentsPage.purpose")} value={purpose} onChange={(event) => setPurpose(event.target.value)} error={fields.purpose}>
          {CONSENT_PURPOSES.map((value) => (
            <option key={value} value={value}>
              {t(`officer.purpose.${value}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t("officer.consentsPage.headline")} value={headline} maxLength={200} required onChange={(event) => setHeadline(event.target.value)} error={fields.headline} />
        <TextField
          label={t("officer.consentsPage.link")}
          hint={t("officer.consentsPage.linkHint")}
          type="url"
          value={link}
          required
          onChange={(event) => setLink(event.target.value)}
          error={fields.link}
        />
        <ErrorMessage error={send.error} />
        {queued ? <Notice>{t("officer.consentsPage.mailingQueued", { id: queued.notice_id })}</Notice> : null}
        <button type="submit" className="primary" disabled={send.busy}>
          {t("officer.consentsPage.send")}
        </button>
      </form>
    </section>
  );
}
