import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";

import { api } from "../api/http";
import { ErrorMessage, TextField } from "../ui/components";
import { useAction } from "../ui/hooks";
import { AuthPage } from "./AuthPage";
import { useT } from "../i18n";

export function ForgotPasswordPage() {
  const t = useT();
  const [email, setEmail] = useState("");
  const action = useAction(async () => {
    await api("accounts", "/auth/password-reset", { body: { email: email.trim() } });
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <AuthPage title={t("auth.forgot.title")}>
      {action.done ? (
        <p className="notice" role="status">
          {t("auth.forgot.done")}
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <p>{t("auth.forgot.intro")}</p>
          <ErrorMessage error={action.error} />
          <TextField
            label={t("auth.email")}
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            error={action.error?.fields.email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <button type="submit" className="primary" disabled={action.busy}>
            {t("auth.forgot.submit")}
          </button>
        </form>
      )}
      <p>
        <Link to="/login">{t("auth.goToLogin")}</Link>
      </p>
    </AuthPage>
  );
}
