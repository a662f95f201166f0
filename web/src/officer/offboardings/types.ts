// services/privacy/src/privacy/offboarding/schemas.py and models.py

export type { Offboarding } from "../../api/privacy";

export const OFFBOARDING_STATES = ["exporting", "offered", "on_hold", "notifying", "erasing", "erased"] as const;

/** The states in which the erasure date can still be agreed (before the erasure begins). */
export const DATE_CHANGEABLE = new Set(["exporting", "offered", "on_hold"]);

/** The data services that must each answer an offboarding's erasure with a receipt. */
export const DATA_SERVICES = ["accounts", "assessments", "delivery", "analytics"] as const;
