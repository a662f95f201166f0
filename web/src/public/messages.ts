import type { Messages } from "../i18n";

type Key = "public.title";

export const publicMessages: Messages<Key> = {
  en: { "public.title": "public" },
  et: { "public.title": "public" },
};
