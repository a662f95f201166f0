import { Link } from "react-router-dom";

import { useLanguage } from "../i18n";
import { Loading, Page } from "../ui/components";
import { useLoad } from "../ui/hooks";
import { Layout } from "../ui/Layout";
import { CategoriesSection } from "./CategoriesSection";
import { ContactSection } from "./ContactSection";
import { CookiesSection } from "./CookiesSection";
import { formatDay } from "./dates";
import { loadPolicies, loadRegister } from "./policyApi";
import { ProcessorsSection } from "./ProcessorsSection";
import { TransfersSection } from "./TransfersSection";
import { UpcomingVersions } from "./UpcomingVersions";
import { useHashScroll } from "./useHashScroll";
import { VersionBody } from "./VersionBody";
import "./public.css";

const SECTIONS = ["policy", "upcoming", "processors", "transfers", "data", "cookies", "contact"] as const;

/** /privacy-policy: the version in force, the versions to come, and the public register. */
export function PolicyPage() {
  const { t, locale } = useLanguage();
  const policies = useLoad(loadPolicies, []);
  const register = useLoad(loadRegister, []);
  useHashScroll(!policies.loading && !register.loading);
  const current = policies.data?.current ?? null;
  return (
    <Layout>
      <Page title={t("public.policy.title")}>
        <nav aria-label={t("public.policy.onThisPage")} className="pub-on-this-page">
          <h2 className="pub-small-heading">{t("public.policy.onThisPage")}</h2>
          <ul>
            {SECTIONS.map((id) => (
              <li key={id}>
                <a href={`#${id}`}>{t(`public.section.${id}`)}</a>
              </li>
            ))}
          </ul>
        </nav>

        <section aria-labelledby="policy" className="pub-policy-section">
          <h2 id="policy">{t("public.section.policy")}</h2>
          <Loading loading={policies.loading} error={policies.error}>
            {current ? (
              <>
                <p className="pub-version-line">
                  {t("public.policy.inForce", { label: current.label, date: formatDay(current.effective_on, locale) })}{" "}
                  <Link to={`/privacy-policy/${encodeURIComponent(current.label)}`}>
                    {t("public.policy.permalink", { label: current.label })}
                  </Link>
                </p>
                <VersionBody version={current} />
              </>
            ) : (
              <p>{t("public.policy.noneYet")}</p>
            )}
          </Loading>
        </section>

        <section aria-labelledby="upcoming" className="pub-policy-section">
          <h2 id="upcoming">{t("public.section.upcoming")}</h2>
          <Loading loading={policies.loading} error={policies.error}>
            <UpcomingVersions versions={policies.data?.upcoming ?? []} />
          </Loading>
        </section>

        <Loading loading={register.loading} error={register.error}>
          {register.data ? (
            <>
              <ProcessorsSection processors={register.data.processors} />
              <TransfersSection transfers={register.data.transfers} />
              <CategoriesSection categories={register.data.categories} />
            </>
          ) : null}
        </Loading>

        <CookiesSection />

        <section aria-labelledby="contact-heading" id="contact" className="pub-policy-section">
          <h2 id="contact-heading">{t("public.section.contact")}</h2>
          {register.data ? (
            <ContactSection register={register.data} />
          ) : register.loading ? (
            <p aria-busy="true">{t("app.loading")}</p>
          ) : (
            <p>
              {t("public.contact.fallback")}{" "}
              <a href="https://www.aki.ee" rel="noreferrer noopener">
                www.aki.ee
              </a>
            </p>
          )}
        </section>
      </Page>
    </Layout>
  );
}
