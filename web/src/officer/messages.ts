import type { Messages } from "../i18n";
import { auditMessages } from "./audit/messages";
import { breachesMessages } from "./breaches/messages";
import { consentsMessages } from "./consents/messages";
import { dashboardMessages } from "./dashboard/messages";
import { holdsMessages } from "./holds/messages";
import { offboardingsMessages } from "./offboardings/messages";
import { policiesMessages } from "./policies/messages";
import { registerMessages } from "./register/messages";
import { requestsMessages } from "./requests/messages";
import { retentionMessages } from "./retention/messages";
import { sharedMessages } from "./shared/messages";

const parts = [
  sharedMessages,
  dashboardMessages,
  requestsMessages,
  registerMessages,
  retentionMessages,
  holdsMessages,
  breachesMessages,
  policiesMessages,
  auditMessages,
  consentsMessages,
  offboardingsMessages,
] as const;

/** Every text of the privacy officer's area, page group by page group. */
export const officerMessages: Messages<string> = {
  en: Object.assign({}, ...parts.map((part) => part.en)) as Record<string, string>,
  et: Object.assign({}, ...parts.map((part) => part.et)) as Record<string, string>,
};
