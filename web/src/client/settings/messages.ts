import type { Messages } from "../../i18n";

type Key = "settings.nav";

export const settingsMessages: Messages<Key> = {
  en: { "settings.nav": "Settings" },
  et: { "settings.nav": "Settings" },
};
