import { assessmentsMessages } from "./assessments/messages";
import { overviewMessages } from "./overview/messages";
import { participantsMessages } from "./participants/messages";
import { privacyMessages } from "./privacy/messages";
import { questionsMessages } from "./questions/messages";
import { settingsMessages } from "./settings/messages";
import { statisticsMessages } from "./statistics/messages";

const sections = [
  overviewMessages,
  participantsMessages,
  questionsMessages,
  assessmentsMessages,
  statisticsMessages,
  settingsMessages,
  privacyMessages,
];

export const clientMessages = {
  en: Object.assign({}, ...sections.map((section) => section.en)) as Record<string, string>,
  et: Object.assign({}, ...sections.map((section) => section.et)) as Record<string, string>,
};
