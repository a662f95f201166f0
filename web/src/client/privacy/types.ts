// Shapes of the API answers the Privacy section reads (field names from the services' schemas).

export type RequestType =
  | "access" | "export" | "rectification" | "erasure" | "restriction" | "consent_withdrawal" | "objection";

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

/** The privacy service's numbered pages (`page`, `page_size`, `total`). */
export interface NumberedPage<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

/** privacy: ConsentState */
export interface ConsentState {
  purpose: string;
  granted: boolean;
  standing: "granted" | "withdrawn" | "objected" | "not_given";
  since: string | null;
  policy_version: string | null;
}

/** privacy: ConsentEntryView */
export interface ConsentEntry {
  id: string;
  purpose: string;
  action: "grant" | "withdrawal" | "objection";
  granted: boolean;
  channel: string;
  policy_version: string | null;
  wording: string | null;
  request_id: string | null;
  actor_id: string | null;
  at: string;
}

/** privacy: ConsentHistory */
export interface ConsentHistory extends NumberedPage<ConsentEntry> {
  current: ConsentState[];
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

/** privacy: PublicVersion */
export interface PolicyVersion {
  label: string;
  effective_on: string;
  effective_at: string;
  summary: string;
  text_et: string | null;
  text_en: string | null;
  url_et: string | null;
  url_en: string | null;
  published_at: string;
}

export interface PublicPolicies {
  current: PolicyVersion | null;
  upcoming: PolicyVersion[];
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

/** privacy: RequestSummary */
export interface RequestSummary {
  id: string;
  reference: string;
  request_type: RequestType;
  subject_kind: "participant" | "client_user";
  tenant_id: string | null;
  channel: string;
  state: string;
  received_at: string;
  due_at: string;
  due_on: string;
  days_left: number | null;
  overdue: boolean;
  nearly_due: boolean;
  paused: boolean;
  extended_by_months: number;
  denial_reason: string | null;
}

export interface Transition {
  from_state: string;
  to_state: string;
  actor: string;
  actor_id: string | null;
  note: string | null;
  at: string;
}

/** privacy: RequestDetail */
export interface RequestDetail extends RequestSummary {
  email: string | null;
  language: string;
  submitted_by: string | null;
  restrict: boolean | null;
  corrected_email: string | null;
  corrected_name: string | null;
  decided_by: string | null;
  decided_at: string | null;
  denial_note: string | null;
  extension_reason: string | null;
  starts_after: string | null;
  before_point_of_no_return: boolean;
  failure_reason: string | null;
  exception_note: string | null;
  closed_at: string | null;
  transitions: Transition[];
  jobs: Record<string, unknown>[];
}

export const DENIAL_REASONS = [
  "insufficient_verification",
  "no_match",
  "manifestly_unfounded_or_excessive",
  "legal_obligation_to_keep",
  "other",
] as const;

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

/** assessments: Page */
export interface OffsetPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
