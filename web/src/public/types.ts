// The privacy service's public answers (services/privacy/src/privacy/{policies,register,intake}/schemas.py).

import type { RequestType } from "../api/privacy";

export type { PublicPolicies, PublicVersion, RequestType } from "../api/privacy";
export { REQUEST_TYPES } from "../api/privacy";

export type LegalBasis = "contract" | "legal_obligation" | "legitimate_interest" | "consent";
export type SubjectKind = "participant" | "client_user";
export type SoketRole = "controller" | "processor";
export type EngagedBy = "soket" | "client";

export interface PublicProcessor {
  company: string;
  service: string;
  processed_in: string;
  countries: string[];
  outside_eu_eea: boolean;
  engaged_by: EngagedBy;
  terms_url: string | null;
}

export interface Transfer {
  processor_id: string;
  company: string;
  countries: string[];
  transfer: string;
}

export interface PublicCategory {
  category: string;
  category_et: string | null;
  data_subjects: SubjectKind;
  soket_role: SoketRole;
  controller: string;
  purposes: { purpose: string; legal_basis: LegalBasis }[];
  retention: string;
}

/** register.schemas.PublicRegister: GET /public/register */
export interface PublicRegister {
  controller: string;
  data_protection_contact: string;
  supervisory_authority: string;
  right_to_complain: string;
  processors: PublicProcessor[];
  transfers: { by_default: string; through: Transfer[] };
  categories: PublicCategory[];
}

/** intake.schemas.RequestForm: POST /public/requests */
export interface RequestForm {
  email: string;
  request_type: RequestType;
  language: "et" | "en";
  corrected_email?: string;
  corrected_name?: string;
  restrict?: boolean;
}

/** intake.schemas.IntakeAccepted */
export interface IntakeAccepted {
  intake_id: string;
  status_token: string;
}

/** intake.service.IntakeState */
export type IntakeState = "awaiting_code" | "discovering" | "opened" | "withdrawn" | "expired";

/** requests.states.RequestState */
export type RequestState =
  | "received"
  | "awaiting_verification"
  | "identity_verified"
  | "awaiting_decision"
  | "approved"
  | "denied"
  | "in_progress"
  | "completed"
  | "verified"
  | "failed"
  | "canceled"
  | "withdrawn";

/** intake.schemas.PublicRequestStatus */
export interface PublicRequestStatus {
  reference: string;
  request_type: RequestType;
  state: RequestState;
  due_on: string;
  days_left: number;
  download_link: string | null;
}

/** intake.schemas.IntakeStatus: GET /public/requests/{intake}?status_token= */
export interface IntakeStatus {
  state: IntakeState;
  requests: PublicRequestStatus[];
}

/** intake.schemas.WithdrawalOut */
export interface WithdrawalOut {
  state: IntakeState;
  withdrawn: string[];
  past_point_of_no_return: string[];
}
