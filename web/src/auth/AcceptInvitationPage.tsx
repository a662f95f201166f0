import { useState } from "react";

import { api } from "../api/http";
import { TextField } from "../ui/components";
import { useAction } from "../ui/hooks";
import { AuthPage, useLinkToken } from "./AuthPage";
import { LinkForm } from "./LinkForm";
import { NewPasswordField } from "./NewPasswordField";
import { useT } from "../i18n";

export function AcceptInvitationPage() {
  const t = useT();
  const token = useLinkToken();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const action = useAction(async () => {
    await api("accounts", "/auth/invitations/accept", { body: { token, name: name.trim(), password } });
  });
  const fields = action.error?.fields ?? {};
  return (
    <AuthPage title={t("auth.invite.title")}>
      <LinkForm token={token} action={action} intro={t("auth.invite.intro")} done={t("auth.invite.done")} submit={t("auth.invite.submit")}>
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
        <NewPasswordField label={t("auth.password")} value={password} error={fields.password} onChange={(event) => setPassword(event.target.value)} />
      </LinkForm>
    </AuthPage>
  );
}
