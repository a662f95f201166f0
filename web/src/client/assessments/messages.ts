import type { Messages } from "../../i18n";

type Key = "assessments.nav";

export const assessmentsMessages: Messages<Key> = {
  en: { "assessments.nav": "Assessments" },
  et: { "assessments.nav": "Assessments" },
};
