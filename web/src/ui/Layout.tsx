import type { ReactNode } from "react";
import { Link, NavLink } from "react-router-dom";

import { useSession } from "../auth/session";
import { LANGUAGES, useLanguage } from "../i18n";

export interface NavItem {
  to: string;
  label: string;
  /** Matches only the exact path (for an area's home). */
  end?: boolean;
}

/** Header (navigation, language, log out), the page, and the footer's privacy links. */
export function Layout({ nav, children }: { nav?: NavItem[]; children: ReactNode }) {
  const { t, language, setLanguage } = useLanguage();
  const { user, logout } = useSession();
  return (
    <>
      <a className="skip-link" href="#content">
        {t("app.skip")}
      </a>
      <header className="site-header">
        <Link className="brand" to={user ? "/app" : "/"}>
          {t("app.name")}
        </Link>
        {nav?.length ? (
          <nav aria-label={t("nav.main")} className="site-nav">
            <ul>
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="header-tools">
          <label className="language">
            <span className="visually-hidden">{t("app.language")}</span>
            <select value={language} onChange={(event) => setLanguage(event.target.value as typeof language)}>
              {LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {code === "et" ? "Eesti" : "English"}
                </option>
              ))}
            </select>
          </label>
          {user ? (
            <button type="button" className="link-button" onClick={() => void logout()}>
              {t("nav.logout")}
            </button>
          ) : (
            <Link to="/login">{t("nav.login")}</Link>
          )}
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <Link to="/privacy-policy">{t("footer.privacy")}</Link>
        <Link to="/data-request">{t("footer.request")}</Link>
        <Link to="/privacy-policy#contact">{t("footer.contact")}</Link>
      </footer>
    </>
  );
}
