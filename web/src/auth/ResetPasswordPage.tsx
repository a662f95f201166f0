import { useState } from "react";
import { Link } from "react-router-dom";

import { api } from "../api/http";
import { useAction } from "../ui/hooks";
import { AuthPage, useLinkToken } from "./AuthPage";
import { LinkForm } from "./LinkForm";
import { NewPasswordField } from "./NewPasswordField";
import { useT } from "../i18n";

/** A reset link, and also the one-time link that sets a new privacy officer's first password. */
export function ResetPasswordPage() {
  const t = useT();
  const token = useLinkToken();
  const [password, setPassword] = useState("");
  const action = useAction(async () => {
    await api("accounts", "/auth/password-reset/confirm", { body: { token, password } });
  });
  const fields = action.error?.fields ?? {};
  return (
    <AuthPage title={t("auth.reset.title")}>
      <LinkForm token={token} action={action} intro={t("auth.reset.intro")} done={t("auth.reset.done")} submit={t("auth.reset.submit")}>
        {action.error?.status === 400 ? (
          <p>
            <Link to="/forgot-password">{t("auth.requestNewReset")}</Link>
          </p>
        ) : null}
        <NewPasswordField label={t("auth.newPassword")} value={password} error={fields.password} onChange={(event) => setPassword(event.target.value)} />
      </LinkForm>
    </AuthPage>
  );
}
