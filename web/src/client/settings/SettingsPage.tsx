import { useSearchParams } from "react-router-dom";

import { useSession } from "../../auth/session";
import { useT } from "../../i18n";
import { Notice, Page } from "../../ui/components";
import { MembersSection } from "./MembersSection";
import { OffboardingSection } from "./OffboardingSection";
import { OrganisationSection } from "./OrganisationSection";
import { ProfileSection } from "./ProfileSection";
import { SlackSection } from "./SlackSection";
import "./settings.css";

/** What the Slack install's return (`?slack=…`) tells the admin. */
function SlackReturnNotice() {
  const t = useT();
  const [search] = useSearchParams();
  const outcome = search.get("slack");
  if (outcome === null && search.get("error") === null) return null;
  if (outcome === "installed") return <Notice>{t("settings.slack.installed")}</Notice>;
  return (
    <p className="error" role="alert">
      {t("settings.slack.installFailed")}
    </p>
  );
}

export function SettingsPage() {
  const t = useT();
  const { can } = useSession();
  const admin = can("admin");
  return (
    <Page title={t("settings.title")}>
      <SlackReturnNotice />
      <nav className="settings-toc" aria-label={t("settings.toc")}>
        <ul>
          <li>
            <a href="#settings-profile">{t("settings.profile.title")}</a>
          </li>
          {admin ? (
            <li>
              <a href="#settings-organisation">{t("settings.organisation.title")}</a>
            </li>
          ) : null}
          {admin ? (
            <li>
              <a href="#settings-members">{t("settings.members.title")}</a>
            </li>
          ) : null}
          <li>
            <a href="#settings-slack">{t("settings.slack.title")}</a>
          </li>
          {admin ? (
            <li>
              <a href="#settings-contract">{t("settings.contract.title")}</a>
            </li>
          ) : null}
        </ul>
      </nav>
      <ProfileSection />
      {admin ? <OrganisationSection /> : null}
      {admin ? <MembersSection /> : null}
      <SlackSection admin={admin} />
      {admin ? <OffboardingSection /> : null}
    </Page>
  );
}
