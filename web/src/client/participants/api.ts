import { api } from "../../api/http";

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

export interface ListPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

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

/** delivery's LogEntry: where a message is, never what it said. */
export interface LogEntry {
  id: string;
  channel: string;
  kind: string;
  reference_id: string;
  assessment_id: string | null;
  subject_ref: string | null;
  state: string;
  attempts: number;
  failure: string | null;
  provider_message_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface LogPage {
  entries: LogEntry[];
  next_after: string | null;
}

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
