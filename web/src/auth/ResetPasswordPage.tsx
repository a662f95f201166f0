import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";

import { api } from "../api/http";
import { ErrorMessage, TextField } from "../ui/components";
import { useAction } from "../ui/hooks";
import { AuthPage, Done, MissingToken, useLinkToken } from "./AuthPage";
import { useT } from "../i18n";

/** A reset link, and also the one-time link that sets a new privacy officer's first password. */
export function ResetPasswordPage() {
  const t = useT();
  const token = useLinkToken();
  const [password, setPassword] = useState("");
  const action = useAction(async () => {
    await api("accounts", "/auth/password-reset/confirm", { body: { token, password } });
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  const fields = action.error?.fields ?? {};
  let content;
  if (!token) content = <MissingToken />;
  else if (action.done) content = <Done text={t("auth.reset.done")} />;
  else
    content = (
      <form onSubmit={onSubmit} noValidate>
        <p>{t("auth.reset.intro")}</p>
        <ErrorMessage error={action.error} />
        {action.error?.status === 400 ? (
          <p>
            <Link to="/forgot-password">{t("auth.requestNewReset")}</Link>
          </p>
        ) : null}
        <TextField
          label={t("auth.newPassword")}
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
          {t("auth.reset.submit")}
        </button>
      </form>
    );
  return <AuthPage title={t("auth.reset.title")}>{content}</AuthPage>;
}
