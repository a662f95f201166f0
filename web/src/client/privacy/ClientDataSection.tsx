import { useT } from "../../i18n";
import { AnswerDeletion } from "./AnswerDeletion";
import { AssessmentDeletion } from "./AssessmentDeletion";
import { ParticipantDeletion } from "./ParticipantDeletion";

/** Deleting part of the client's data (P13): immediate and for good, restored only from backup. */
export function ClientDataSection() {
  const t = useT();
  return (
    <section className="card privacy-section" id="privacy-client-data" aria-labelledby="privacy-client-data-title">
      <h3 id="privacy-client-data-title">{t("privacy.clientData.title")}</h3>
      <p className="privacy-warning">{t("privacy.clientData.immediate")}</p>
      <p>{t("privacy.clientData.answers")}</p>
      <ParticipantDeletion />
      <AssessmentDeletion />
      <AnswerDeletion />
    </section>
  );
}
