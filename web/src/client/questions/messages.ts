import type { Messages } from "../../i18n";

type Key = "questions.nav";

export const questionsMessages: Messages<Key> = {
  en: { "questions.nav": "Questions" },
  et: { "questions.nav": "Questions" },
};
