import { Link, useParams } from "react-router-dom";

import { useLanguage } from "../i18n";
import { Loading, Page } from "../ui/components";
import { useLoad } from "../ui/hooks";
import { Layout } from "../ui/Layout";
import { formatDay } from "./dates";
import { loadPolicies } from "./policyApi";
import type { PublicPolicies, PublicVersion } from "./types";
import { VersionBody } from "./VersionBody";
import "./public.css";

interface Found {
  version: PublicVersion;
  inForce: boolean;
}

function find(policies: PublicPolicies | undefined, label: string): Found | null {
  if (!policies) return null;
  if (policies.current?.label === label) return { version: policies.current, inForce: true };
  const upcoming = policies.upcoming.find((version) => version.label === label);
  return upcoming ? { version: upcoming, inForce: false } : null;
}

/** /privacy-policy/:label — one version, as the policy-change email links to it. */
export function PolicyVersionPage() {
  const { label = "" } = useParams();
  const { t, locale } = useLanguage();
  const policies = useLoad(loadPolicies, []);
  const found = find(policies.data, label);
  const title = policies.loading || policies.error || found ? t("public.version.title", { label }) : t("public.version.notFoundTitle");
  return (
    <Layout>
      <Page title={title}>
        <Loading loading={policies.loading} error={policies.error}>
          {found ? (
            <>
              <p className="pub-version-line">
                {found.inForce
                  ? t("public.policy.inForce", { label, date: formatDay(found.version.effective_on, locale) })
                  : t("public.version.takesEffect", { date: formatDay(found.version.effective_on, locale) })}
              </p>
              <section aria-labelledby="changes" className="pub-policy-section">
                <h2 id="changes">{t("public.version.changesHeading")}</h2>
                <p className="pub-summary">{found.version.summary}</p>
              </section>
              <section aria-labelledby="text" className="pub-policy-section">
                <h2 id="text">{t("public.version.textHeading")}</h2>
                <VersionBody version={found.version} />
              </section>
            </>
          ) : (
            <p role="alert">{t("public.version.notFound", { label })}</p>
          )}
          <p>
            <Link to="/privacy-policy">{t("public.version.backToPolicy")}</Link>
          </p>
        </Loading>
      </Page>
    </Layout>
  );
}
