import { api } from "../../api/http";
import type { OffsetPage as ListPage } from "../../api/assessments";
import type { LogPage } from "../../api/delivery";

export type ParticipantLanguage = "et" | "en";

/** assessments' ParticipantRead. */
export interface Participant {
  id: string;
  name: string;
  email: string;
  language: ParticipantLanguage;
  slack_linked: boolean;
  restricted: boolean;
  email_unsubscribed: boolean;
  group_ids: string[];
  created_at: string;
  /** Not (yet) in assessments' answer: delivery's log is filtered by it. */
  subject_ref?: string;
}

export type { OffsetPage as ListPage } from "../../api/assessments";

export interface ParticipantInput {
  name: string;
  email: string;
  /** null: the client's language (on create it is left out). */
  language: ParticipantLanguage | null;
}

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: { line: number; reason: string }[];
}

export type { LogEntry, LogPage } from "../../api/delivery";

export const PAGE_SIZE = 50;

export function listParticipants(search: string, offset: number, signal: AbortSignal): Promise<ListPage<Participant>> {
  return api("assessments", "/participants", { query: { search: search || undefined, offset, limit: PAGE_SIZE }, signal });
}

export function readParticipant(id: string, signal?: AbortSignal): Promise<Participant> {
  return api("assessments", `/participants/${encodeURIComponent(id)}`, { signal });
}

export function createParticipant(input: ParticipantInput): Promise<Participant> {
  const body: Record<string, string> = { name: input.name.trim(), email: input.email.trim() };
  if (input.language) body.language = input.language;
  return api("assessments", "/participants", { body });
}

export function updateParticipant(id: string, input: ParticipantInput): Promise<Participant> {
  const body: Record<string, string> = { name: input.name.trim(), email: input.email.trim() };
  if (input.language) body.language = input.language;
  return api("assessments", `/participants/${encodeURIComponent(id)}`, { method: "PATCH", body });
}

export function deleteParticipant(id: string): Promise<void> {
  return api("assessments", `/participants/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function importParticipants(file: File): Promise<ImportReport> {
  const form = new FormData();
  form.append("file", file, file.name);
  return api("assessments", "/participants/import", { rawBody: form });
}

export function deliveryLog(subjectRef: string, after: string | null, signal: AbortSignal): Promise<LogPage> {
  return api("delivery", "/messages", { query: { subject_ref: subjectRef, after, limit: 50 }, signal });
}
