import { useState, type FormEvent } from "react";

import { api } from "../../api/http";
import { useT } from "../../i18n";
import { ErrorMessage, SelectField, TextField } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { CLIENT_ROLES, type ClientRole, type Member } from "./types";

/** Emails a single-use invitation link; the person sets their name and password there. */
export function InviteForm({ onInvited }: { onInvited: (email: string) => void }) {
  const t = useT();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<ClientRole>("editor");
  const invite = useAction(async () => {
    const invited = await api<Member>("accounts", "/users", {
      body: { email: email.trim(), role, name: name.trim() || null },
    });
    onInvited(invited.email);
    setEmail("");
    setName("");
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    void invite.run();
  }

  const fields = invite.error?.fields ?? {};
  return (
    <form onSubmit={submit} noValidate aria-labelledby="settings-invite-title">
      <h3 id="settings-invite-title">{t("settings.invite.title")}</h3>
      <TextField
        label={t("settings.invite.email")}
        type="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        autoComplete="off"
        required
        error={fields.email}
      />
      <TextField
        label={t("settings.invite.name")}
        value={name}
        onChange={(event) => setName(event.target.value)}
        autoComplete="off"
        maxLength={200}
        error={fields.name}
      />
      <SelectField label={t("settings.invite.role")} value={role} onChange={(event) => setRole(event.target.value as ClientRole)} error={fields.role}>
        {CLIENT_ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`settings.role.${option}`)}
          </option>
        ))}
      </SelectField>
      {invite.error && !Object.keys(fields).length ? <ErrorMessage error={invite.error} /> : null}
      <button type="submit" className="primary" disabled={invite.busy || !email.trim()}>
        {t("settings.invite.submit")}
      </button>
    </form>
  );
}
