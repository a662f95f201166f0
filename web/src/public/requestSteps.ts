import type { PublicRequestStatus, RequestState } from "./types";

export type StepStatus = "done" | "current" | "waiting" | "skipped";

export interface Step {
  key: "received" | "confirmed" | "decision" | "work" | "checked";
  status: StepStatus;
}

// A public form's requests are opened only once the address is confirmed, so a withdrawn or
// canceled one was confirmed too.
const CONFIRMED: RequestState[] = [
  "identity_verified", "awaiting_decision", "approved", "denied", "in_progress", "completed", "verified", "failed", "withdrawn", "canceled",
];
const DECIDED: RequestState[] = ["approved", "in_progress", "completed", "verified", "failed", "denied"];
const WORKED: RequestState[] = ["completed", "verified"];
/** Stopped before the work started: staff canceled it, the subject withdrew it, or it was denied. */
const STOPPED: RequestState[] = ["denied", "canceled", "withdrawn"];

/** The steps of one request and how far it got, from its state alone. */
export function stepsOf(request: PublicRequestStatus): Step[] {
  const state = request.state;
  const stopped = STOPPED.includes(state);
  const step = (key: Step["key"], done: boolean, current: boolean): Step => ({
    key,
    status: done ? "done" : stopped ? "skipped" : current ? "current" : "waiting",
  });
  const steps: Step[] = [
    step("received", true, false),
    step("confirmed", CONFIRMED.includes(state), state === "received" || state === "awaiting_verification"),
    step("decision", DECIDED.includes(state), state === "awaiting_decision" || state === "identity_verified"),
    step("work", WORKED.includes(state), state === "approved" || state === "in_progress" || state === "failed"),
  ];
  if (request.request_type === "erasure") steps.push(step("checked", state === "verified", state === "completed"));
  return steps;
}

/** Before its work starts a request can still be withdrawn (the point of no return). */
export const WITHDRAWABLE: RequestState[] = ["received", "awaiting_verification", "identity_verified", "awaiting_decision", "approved"];
