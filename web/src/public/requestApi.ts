import { api } from "../api/http";
import type { IntakeAccepted, IntakeStatus, RequestForm, WithdrawalOut } from "./types";

export function submitRequest(form: RequestForm): Promise<IntakeAccepted> {
  return api<IntakeAccepted>("privacy", "/public/requests", { body: form });
}

export function verifyRequest(intake: string, statusToken: string, code: string): Promise<{ state: string }> {
  return api<{ state: string }>("privacy", `/public/requests/${encodeURIComponent(intake)}/verification`, {
    body: { code, status_token: statusToken },
  });
}

export function loadStatus(intake: string, statusToken: string, signal: AbortSignal): Promise<IntakeStatus> {
  return api<IntakeStatus>("privacy", `/public/requests/${encodeURIComponent(intake)}`, {
    query: { status_token: statusToken },
    signal,
  });
}

export function withdrawRequest(intake: string, statusToken: string): Promise<WithdrawalOut> {
  return api<WithdrawalOut>("privacy", `/public/requests/${encodeURIComponent(intake)}/withdrawal`, {
    body: { status_token: statusToken },
  });
}

/** The status page's address: the only way back to a request (it is not emailed). */
export function statusPath(intake: string, statusToken: string): string {
  return `/data-request/${encodeURIComponent(intake)}?${new URLSearchParams({ status_token: statusToken }).toString()}`;
}
