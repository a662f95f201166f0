import { useSession } from "../../auth/session";
import { useT } from "../../i18n";
import { Page } from "../../ui/components";
import { ClientDataSection } from "./ClientDataSection";
import { ConsentsSection } from "./ConsentsSection";
import { MyRequestsSection } from "./MyRequestsSection";
import { ParticipantRequestsSection } from "./ParticipantRequestsSection";
import { PoliciesSection } from "./PoliciesSection";
import { RetentionSection } from "./RetentionSection";
import "./privacy.css";

/** My data (every user), and the client's data and participants' requests (admins). */
export function PrivacyPage() {
  const t = useT();
  const { can } = useSession();
  const admin = can("admin");
  const links: [string, string][] = [
    ["privacy-my-requests", t("privacy.mine.title")],
    ["privacy-consents", t("privacy.consents.title")],
    ["privacy-policies", t("privacy.policies.title")],
  ];
  if (admin) {
    links.push(
      ["privacy-participant-requests", t("privacy.requests.title")],
      ["privacy-client-data", t("privacy.clientData.title")],
      ["privacy-retention", t("privacy.retention.title")],
    );
  }
  return (
    <Page title={t("privacy.title")}>
      <nav className="privacy-toc" aria-label={t("privacy.toc")}>
        <ul>
          {links.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="privacy-part">{t("privacy.part.mine")}</h2>
      <MyRequestsSection />
      <ConsentsSection />
      <PoliciesSection />
      {admin ? (
        <>
          <h2 className="privacy-part">{t("privacy.part.client")}</h2>
          <ParticipantRequestsSection />
          <ClientDataSection />
          <RetentionSection />
        </>
      ) : null}
    </Page>
  );
}
