import { useLanguage } from "../../i18n";
import { Page } from "../../ui/components";
import { AssessmentForm } from "./AssessmentForm";
import type { AssessmentKind } from "./types";
import { useTimeZone } from "./useTimeZone";
import "./assessments.css";

export function NewAssessmentPage({ kind }: { kind: AssessmentKind }) {
  const { t } = useLanguage();
  const { timeZone, loading } = useTimeZone();
  return (
    <Page title={t(kind === "quiz" ? "assessments.newQuiz" : "assessments.newDaily")}>
      {loading ? <p aria-busy="true">{t("app.loading")}</p> : <AssessmentForm kind={kind} timeZone={timeZone} />}
    </Page>
  );
}
