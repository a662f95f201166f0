import type { Messages } from "../../i18n";

const en = {
  "overview.nav": "Overview",
  "overview.title": "Overview",
  "overview.titleOf": "Overview: {name}",
  "overview.participants": "participants",
  "overview.questions": "questions",
  "overview.openQuizzes": "open quizzes",
  "overview.runningDaily": "daily question series running",
  "overview.latest": "Latest assessments",
  "overview.none": "No assessments yet.",
  "overview.createQuiz": "Create a quiz",
  "overview.created": "created {date}",
  "overview.statisticsOf": "Statistics of {title}",
  "overview.allAssessments": "All assessments",
  "overview.statistics": "Statistics",
  "overview.statisticsText": "Participation, scores and trends per assessment, question, participant, day and topic.",
  "overview.toStatistics": "Go to statistics",
};

type Key = keyof typeof en;

export const overviewMessages: Messages<Key> = {
  en,
  et: {
    "overview.nav": "Ülevaade",
    "overview.title": "Ülevaade",
    "overview.titleOf": "Ülevaade: {name}",
    "overview.participants": "osalejat",
    "overview.questions": "küsimust",
    "overview.openQuizzes": "avatud testi",
    "overview.runningDaily": "käimasolevat päevaküsimuste sarja",
    "overview.latest": "Viimased hindamised",
    "overview.none": "Hindamisi veel pole.",
    "overview.createQuiz": "Loo test",
    "overview.created": "loodud {date}",
    "overview.statisticsOf": "Hindamise {title} statistika",
    "overview.allAssessments": "Kõik hindamised",
    "overview.statistics": "Statistika",
    "overview.statisticsText": "Osalus, tulemused ja suundumused hindamiste, küsimuste, osalejate, päevade ja teemade kaupa.",
    "overview.toStatistics": "Ava statistika",
  },
};
