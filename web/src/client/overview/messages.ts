import type { Messages } from "../../i18n";

type Key = "overview.nav";

export const overviewMessages: Messages<Key> = {
  en: { "overview.nav": "Overview" },
  et: { "overview.nav": "Overview" },
};
