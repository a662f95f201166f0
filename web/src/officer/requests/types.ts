// services/privacy/src/privacy/requests/schemas.py and saga/status.py

export type { Job, JobReceipt, RequestDetail, RequestSummary, Transition } from "../../api/privacy";
export { DENIAL_REASONS, REQUEST_TYPES } from "../../api/privacy";

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
export const SUBJECT_KINDS = ["participant", "client_user"] as const;

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
