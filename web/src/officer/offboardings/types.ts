// services/privacy/src/privacy/offboarding/schemas.py and models.py

export const OFFBOARDING_STATES = ["exporting", "offered", "on_hold", "notifying", "erasing", "erased"] as const;

/** The states in which the erasure date can still be agreed (before the erasure begins). */
export const DATE_CHANGEABLE = new Set(["exporting", "offered", "on_hold"]);

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

/** The data services that must each answer an offboarding's erasure with a receipt. */
export const DATA_SERVICES = ["accounts", "assessments", "delivery", "analytics"] as const;
