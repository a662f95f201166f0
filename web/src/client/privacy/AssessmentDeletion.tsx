import { useT } from "../../i18n";
import { AssessmentDeleteList } from "./AssessmentDeleteList";

/** The client's assessments, each deletable with its dispatches, tokens and answers. */
export function AssessmentDeletion() {
  const t = useT();
  return (
    <AssessmentDeleteList
      heading={t("privacy.clientData.assessments")}
      pagesLabel={t("privacy.pages")}
      button={t("privacy.clientData.deleteAssessment")}
      buttonLabel={(title) => t("privacy.clientData.deleteAssessmentOf", { title })}
      confirm={(title) => t("privacy.clientData.confirmAssessment", { title })}
      deleted={(title) => t("privacy.clientData.assessmentDeleted", { title })}
      path={(id) => `/assessments/${id}`}
      reloadAfter
    />
  );
}
