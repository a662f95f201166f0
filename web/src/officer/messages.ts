import type { Messages } from "../i18n";

type Key = "officer.title";

export const officerMessages: Messages<Key> = {
  en: { "officer.title": "officer" },
  et: { "officer.title": "officer" },
};
