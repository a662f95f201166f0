// services/privacy/src/privacy/consent/schemas.py and dashboard/schemas.py (ConsentSection)

/** contracts.events.notifications.ConsentPurpose */
export const CONSENT_PURPOSES = ["product_news"] as const;

export interface ConsentState {
  purpose: string;
  granted: boolean;
  standing: "granted" | "withdrawn" | "objected" | "not_given";
  since: string | null;
  policy_version: string | null;
}

export interface ConsentEntry {
  id: string;
  purpose: string;
  action: "grant" | "withdrawal" | "objection";
  granted: boolean;
  channel: "web_app" | "api" | "request";
  policy_version: string | null;
  wording: string | null;
  request_id: string | null;
  actor_id: string | null;
  at: string;
}

export interface ConsentHistory {
  person: { tenant_id: string; subject_ref: string };
  current: ConsentState[];
  items: ConsentEntry[];
  total: number;
  page: number;
  page_size: number;
}

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
