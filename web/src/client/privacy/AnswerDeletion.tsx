import { useT } from "../../i18n";
import { AssessmentDeleteList } from "./AssessmentDeleteList";

/** The client's assessments, each with a button deleting its answers (P13): the assessment
 * and its questions stay. */
export function AnswerDeletion() {
  const t = useT();
  return (
    <AssessmentDeleteList
      heading={t("privacy.clientData.answersOfAssessments")}
      intro={t("privacy.clientData.answersIntro")}
      pagesLabel={t("privacy.clientData.answersPages")}
      button={t("privacy.clientData.deleteAnswers")}
      buttonLabel={(title) => t("privacy.clientData.deleteAnswersOf", { title })}
      confirm={(title) => t("privacy.clientData.confirmAnswers", { title })}
      deleted={(title) => t("privacy.clientData.answersDeleted", { title })}
      path={(id) => `/assessments/${id}/answers`}
    />
  );
}
