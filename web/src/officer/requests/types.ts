// services/privacy/src/privacy/requests/schemas.py and saga/status.py

export const REQUEST_STATES = [
  "received",
  "awaiting_verification",
  "identity_verified",
  "awaiting_decision",
  "approved",
  "denied",
  "in_progress",
  "completed",
  "verified",
  "failed",
  "canceled",
  "withdrawn",
] as const;
export const REQUEST_TYPES = ["access", "export", "rectification", "erasure", "restriction", "consent_withdrawal", "objection"] as const;
export const SUBJECT_KINDS = ["participant", "client_user"] as const;
export const DENIAL_REASONS = [
  "insufficient_verification",
  "no_match",
  "manifestly_unfounded_or_excessive",
  "legal_obligation_to_keep",
  "other",
] as const;

export interface RequestSummary {
  id: string;
  reference: string;
  request_type: string;
  subject_kind: string;
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

/** An entry of the audit log, as GET /audit gives it. */
export interface AuditEntry {
  seq: number;
  at: string;
  action: string;
  actor: string;
  actor_id: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  previous_hash: string;
  hash: string;
}
