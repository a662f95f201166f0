import type { Messages } from "../../i18n";

type Key = "participants.nav";

export const participantsMessages: Messages<Key> = {
  en: { "participants.nav": "Participants" },
  et: { "participants.nav": "Participants" },
};
