import type { Messages } from "../../i18n";

type Key = "statistics.nav";

export const statisticsMessages: Messages<Key> = {
  en: { "statistics.nav": "Statistics" },
  et: { "statistics.nav": "Statistics" },
};
