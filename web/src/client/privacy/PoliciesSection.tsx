import { Link } from "react-router-dom";

import { api } from "../../api/http";
import { useLanguage } from "../../i18n";
import { ErrorMessage, formatDate, Loading, Notice } from "../../ui/components";
import { useAction, useLoad } from "../../ui/hooks";
import type { Acceptance, NumberedPage, PolicyVersion, PublicPolicies } from "./types";

interface Loaded {
  versions: PolicyVersion[];
  accepted: Acceptance[];
}

async function load(signal: AbortSignal): Promise<Loaded> {
  const [policies, accepted] = await Promise.all([
    api<PublicPolicies>("privacy", "/public/policies", { signal }),
    api<NumberedPage<Acceptance>>("privacy", "/me/policy-acceptances", { query: { page: 1, page_size: 200 }, signal }),
  ]);
  const versions = [...(policies.current ? [policies.current] : []), ...policies.upcoming];
  return { versions, accepted: accepted.items };
}

/** Privacy policy versions (Q13): the current and upcoming ones the user has not accepted yet. */
export function PoliciesSection() {
  const { t, locale } = useLanguage();
  const loaded = useLoad(load, []);
  const accept = useAction(async (label: string) => {
    await api("privacy", "/me/policy-acceptances", { body: { label, channel: "settings_page" } });
  });
  async function onAccept(label: string) {
    if (await accept.run(label)) loaded.reload();
  }
  const acceptedLabels = new Set(loaded.data?.accepted.map((item) => item.label));
  const pending = loaded.data?.versions.filter((version) => !acceptedLabels.has(version.label)) ?? [];
  return (
    <section className="card privacy-section" id="privacy-policies" aria-labelledby="privacy-policies-title">
      <h3 id="privacy-policies-title">{t("privacy.policies.title")}</h3>
      <ErrorMessage error={accept.error} />
      {accept.done ? <Notice>{t("privacy.policies.acceptedNow")}</Notice> : null}
      <Loading loading={loaded.loading && !loaded.data} error={loaded.error}>
        {pending.length ? (
          <ul>
            {pending.map((version) => (
              <li key={version.label} className="privacy-actions">
                <span>
                  {t("privacy.policies.version", { label: version.label, date: formatDate(version.effective_on, locale, false) })}
                  {version.summary ? <> — {version.summary}</> : null}
                </span>
                <button type="button" className="primary" disabled={accept.busy} onClick={() => void onAccept(version.label)} aria-label={t("privacy.policies.acceptOf", { label: version.label })}>
                  {t("privacy.policies.accept")}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{loaded.data?.versions.length ? t("privacy.policies.nothingPending") : t("privacy.policies.none")}</p>
        )}
        {loaded.data?.accepted.length ? (
          <p className="hint">
            {t("privacy.policies.accepted", {
              list: loaded.data.accepted.map((item) => `${item.label} (${formatDate(item.accepted_at, locale, false)})`).join(", "),
            })}
          </p>
        ) : null}
        <p>
          <Link to="/privacy-policy">{t("privacy.policies.read")}</Link>
        </p>
      </Loading>
    </section>
  );
}
