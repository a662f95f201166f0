import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";

import { ApiError } from "../api/http";
import { TextField } from "../ui/components";
import { useAction } from "../ui/hooks";
import { AuthPage } from "./AuthPage";
import { useT } from "../i18n";
import { useSession } from "./session";

/** Only a path of this app: never another site (an open redirect). */
function safeNext(next: string | null): string {
  if (next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")) return next;
  return "/app";
}

export function LoginPage() {
  const t = useT();
  const { user, login } = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const next = safeNext(search.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const action = useAction(async () => {
    await login(email.trim(), password);
    navigate(next, { replace: true });
  });

  if (user && !action.busy && !action.done) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  const error = action.error;
  let message: string | null = null;
  if (error?.status === 403) message = t("auth.login.notVerified");
  else if (error?.status === 429) message = t("auth.login.throttled");
  else if (error) message = error.message;
  const fields = error instanceof ApiError ? error.fields : {};

  return (
    <AuthPage title={t("auth.login.title")}>
      <form onSubmit={onSubmit} noValidate>
        {message ? (
          <p className={error?.status === 403 ? "notice" : "error"} role="alert">
            {message}
          </p>
        ) : null}
        <TextField
          label={t("auth.email")}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          error={fields.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          label={t("auth.password")}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          error={fields.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="primary" disabled={action.busy}>
          {t("auth.login.submit")}
        </button>
      </form>
      <div className="auth-links">
        <Link to="/forgot-password">{t("auth.login.forgot")}</Link>
        <Link to="/signup">{t("auth.login.noAccount")}</Link>
      </div>
    </AuthPage>
  );
}
