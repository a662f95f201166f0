// Shapes of the API answers the Privacy section reads (field names from the services' schemas).

import type { RequestType } from "../../api/privacy";

export type {
  ConsentEntry,
  ConsentHistory,
  ConsentState,
  NumberedPage,
  PublicPolicies,
  PublicVersion as PolicyVersion,
  RequestDetail,
  RequestSummary,
  RequestType,
  Transition,
} from "../../api/privacy";
export { DENIAL_REASONS } from "../../api/privacy";

/** privacy: OwnRequest */
export interface OwnRequest {
  id: string;
  reference: string;
  request_type: RequestType;
  state: string;
  received_at: string;
  due_on: string;
  days_left: number;
}

/** privacy: OwnRequestCreated */
export interface OwnRequestCreated {
  id: string;
  reference: string;
  state: string;
}

/** privacy: OwnConsentRequest */
export interface OwnConsentRequest {
  request_id: string;
  reference: string;
  request_type: string;
  purpose: string | null;
  state: string;
  received_at: string;
  decided_at: string | null;
  reason: string | null;
}

/** privacy: Acceptance */
export interface Acceptance {
  id: string;
  label: string;
  effective_on: string;
  accepted_at: string;
  channel: string;
}

/** privacy: ClientSetting */
export interface RetentionSetting {
  category: string;
  period_days: number;
  action: "delete" | "anonymise";
  allowed_actions: ("delete" | "anonymise")[];
  own: boolean;
  default_period_days: number;
  default_action: "delete" | "anonymise";
}

/** assessments: ParticipantRead (the parts shown here) */
export interface Participant {
  id: string;
  name: string;
  email: string;
}

/** assessments: AssessmentRead (the parts shown here) */
export interface Assessment {
  id: string;
  kind: string;
  title: string;
  status: string;
}

export type { OffsetPage } from "../../api/assessments";
