import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router-dom";

import { Page } from "../ui/components";
import { Layout } from "../ui/Layout";
import { useT } from "../i18n";
import "./auth.css";

/** A public page of the account flows: the shell without navigation, a narrow card. */
export function AuthPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Layout>
      <div className="auth-page">
        <Page title={title}>
          <div className="card auth-card">{children}</div>
        </Page>
      </div>
    </Layout>
  );
}

/** The `token` of an emailed link, or null when the link was cut short. */
export function useLinkToken(): string | null {
  const [search] = useSearchParams();
  const token = search.get("token");
  return token && token.length >= 20 ? token : null;
}

export function MissingToken() {
  const t = useT();
  return (
    <>
      <p className="error" role="alert">
        {t("auth.noToken")}
      </p>
      <p>
        <Link to="/login">{t("auth.goToLogin")}</Link>
      </p>
    </>
  );
}

/** What a finished link page says, with the way to the login. */
export function Done({ text }: { text: string }) {
  const t = useT();
  return (
    <>
      <p className="notice" role="status">
        {text}
      </p>
      <p>
        <Link className="button primary" to="/login">
          {t("auth.goToLogin")}
        </Link>
      </p>
    </>
  );
}
