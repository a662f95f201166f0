// Shapes of the privacy service's answers that more than one area reads
// (services/privacy/src/privacy/{requests,consent,policies,offboarding}/schemas.py).

/** requests.models.RequestType */
export type RequestType =
  | "access"
  | "export"
  | "rectification"
  | "erasure"
  | "restriction"
  | "consent_withdrawal"
  | "objection";

export const REQUEST_TYPES: RequestType[] = [
  "access",
  "export",
  "rectification",
  "erasure",
  "restriction",
  "consent_withdrawal",
  "objection",
];

export const DENIAL_REASONS = [
  "insufficient_verification",
  "no_match",
  "manifestly_unfounded_or_excessive",
  "legal_obligation_to_keep",
  "other",
] as const;

/** The privacy service's numbered pages (`page`, `page_size`, `total`). */
export interface NumberedPage<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

/** requests.schemas.RequestSummary */
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

export interface JobReceipt {
  rows_deleted: number;
  rows_anonymised: number;
  method: string | null;
  key_id: string | null;
  audit_seq: number;
  /** The receipt's SHA-256 digest; absent from an older privacy API. */
  sha256?: string | null;
  /** The service's base64 Ed25519 signature, as stored; absent from an older privacy API. */
  signature?: string | null;
  /** The hash of the receipt's audit-log entry; absent from an older privacy API. */
  audit_hash?: string | null;
}

export interface Job {
  service: string;
  step: string;
  status: string;
  attempts: number;
  dispatched_at: string | null;
  next_attempt_at: string | null;
  last_error: string | null;
  skip_reason: string | null;
  finished_at: string | null;
  receipt: JobReceipt | null;
}

/** requests.schemas.RequestDetail */
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
  jobs: Job[];
}

/** consent.schemas.ConsentState */
export interface ConsentState {
  purpose: string;
  granted: boolean;
  standing: "granted" | "withdrawn" | "objected" | "not_given";
  since: string | null;
  policy_version: string | null;
}

/** consent.schemas.ConsentEntryView */
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

/** consent.schemas.ConsentHistory (the officer's answer also names the person). */
export interface ConsentHistory extends NumberedPage<ConsentEntry> {
  current: ConsentState[];
}

/** policies.schemas.PublicVersion */
export interface PublicVersion {
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

/** policies.schemas.PublicPolicies: GET /public/policies */
export interface PublicPolicies {
  current: PublicVersion | null;
  upcoming: PublicVersion[];
}

/** offboarding.schemas.OffboardingOut */
export interface Offboarding {
  id: string;
  reference: string;
  tenant_id: string;
  state: string;
  requested_at: string;
  export_offered_at: string | null;
  erase_on: string;
  erase_on_agreed_by: string;
  erasure_asked_at: string | null;
  erasure_attempts: number;
  services_answered: string[];
  hold_reason: string | null;
  erased_at: string | null;
  last_backup_expires_at: string | null;
  certificate_issued: boolean;
}
