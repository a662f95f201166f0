import type { Messages } from "../../i18n";

type Key = "privacy.nav";

export const privacyMessages: Messages<Key> = {
  en: { "privacy.nav": "Privacy" },
  et: { "privacy.nav": "Privacy" },
};
