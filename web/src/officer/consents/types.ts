// services/privacy/src/privacy/consent/schemas.py and dashboard/schemas.py (ConsentSection)

import type { ConsentHistory as BaseConsentHistory } from "../../api/privacy";

export type { ConsentEntry, ConsentState } from "../../api/privacy";

export interface ConsentHistory extends BaseConsentHistory {
  person: { tenant_id: string; subject_ref: string };
}

/** contracts.events.notifications.ConsentPurpose */
export const CONSENT_PURPOSES = ["product_news"] as const;

export interface WeighedObjection {
  request_id: string;
  reference: string;
  state: string;
}

export interface MailingQueued {
  notice_id: string;
  purpose: string;
}

/** The dashboard's consent figures (GET /dashboard → consent). */
export interface ConsentFigures {
  since: string;
  withdrawals: number;
  objections: number;
  objections_waiting: number;
  withdrawals_link: string;
  objections_waiting_link: string;
}
