import { useState, type FormEvent } from "react";

import { api } from "../api/http";
import { ErrorMessage, TextField } from "../ui/components";
import { useAction } from "../ui/hooks";
import { AuthPage, Done, MissingToken, useLinkToken } from "./AuthPage";
import { useT } from "../i18n";

export function AcceptInvitationPage() {
  const t = useT();
  const token = useLinkToken();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const action = useAction(async () => {
    await api("accounts", "/auth/invitations/accept", { body: { token, name: name.trim(), password } });
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  const fields = action.error?.fields ?? {};
  let content;
  if (!token) content = <MissingToken />;
  else if (action.done) content = <Done text={t("auth.invite.done")} />;
  else
    content = (
      <form onSubmit={onSubmit} noValidate>
        <p>{t("auth.invite.intro")}</p>
        <ErrorMessage error={action.error} />
        <TextField
          label={t("auth.name")}
          name="name"
          autoComplete="name"
          required
          maxLength={200}
          value={name}
          error={fields.name}
          onChange={(event) => setName(event.target.value)}
        />
        <TextField
          label={t("auth.password")}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          hint={t("auth.passwordHint")}
          value={password}
          error={fields.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="primary" disabled={action.busy}>
          {t("auth.invite.submit")}
        </button>
      </form>
    );
  return <AuthPage title={t("auth.invite.title")}>{content}</AuthPage>;
}
