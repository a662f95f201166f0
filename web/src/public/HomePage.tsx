import { Link } from "react-router-dom";

import { useT } from "../i18n";
import { Page } from "../ui/components";
import { Layout } from "../ui/Layout";
import "./public.css";

/** `/`: what Soket is, and the ways in: log in, sign up, the privacy policy, a data request. */
export function HomePage() {
  const t = useT();
  return (
    <Layout>
      <Page title={t("public.home.title")}>
        <p className="pub-lead">{t("public.home.lead")}</p>
        <ul className="pub-home-points">
          <li>{t("public.home.point.channels")}</li>
          <li>{t("public.home.point.statistics")}</li>
          <li>{t("public.home.point.privacy")}</li>
        </ul>
        <div className="pub-home-actions">
          <Link className="button primary" to="/signup">
            {t("nav.signup")}
          </Link>
          <Link className="button" to="/login">
            {t("nav.login")}
          </Link>
        </div>

        <section aria-labelledby="home-privacy" className="card pub-home-privacy">
          <h2 id="home-privacy">{t("public.home.privacyTitle")}</h2>
          <p>{t("public.home.privacyText")}</p>
          <ul>
            <li>
              <Link to="/privacy-policy">{t("public.home.policyLink")}</Link>
            </li>
            <li>
              <Link to="/data-request">{t("public.home.requestLink")}</Link>
            </li>
          </ul>
        </section>
      </Page>
    </Layout>
  );
}
