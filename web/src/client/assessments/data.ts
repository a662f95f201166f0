import { api } from "../../api/http";
import type { ClientInfo, GroupRead, OffsetPage, ParticipantRead, QuestionRead } from "./types";

/** Every row of an assessments list, 500 at a time (at most `maxPages` pages). */
export async function fetchAll<T>(path: string, signal?: AbortSignal, maxPages = 100): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 0; page < maxPages; page += 1) {
    const result = await api<OffsetPage<T>>("assessments", path, { query: { limit: 500, offset: page * 500 }, signal });
    rows.push(...result.items);
    if (rows.length >= result.total || result.items.length === 0) break;
  }
  return rows;
}

export function fetchClient(signal?: AbortSignal): Promise<ClientInfo> {
  return api<ClientInfo>("accounts", "/client", { signal });
}

export function fetchQuestions(signal?: AbortSignal): Promise<QuestionRead[]> {
  return fetchAll<QuestionRead>("/questions", signal, 20);
}

export function fetchGroups(signal?: AbortSignal): Promise<GroupRead[]> {
  return fetchAll<GroupRead>("/groups", signal, 10);
}

export function fetchParticipants(signal?: AbortSignal): Promise<ParticipantRead[]> {
  return fetchAll<ParticipantRead>("/participants", signal);
}

export interface Person {
  id: string;
  name: string;
}

/**
 * Names by pseudonym (`subject_ref`), for analytics' and delivery's rows, which know people
 * only by it. Empty when assessments does not give participants' `subject_ref`.
 */
export async function fetchNamesByRef(signal?: AbortSignal): Promise<Map<string, Person>> {
  const first = await api<OffsetPage<ParticipantRead>>("assessments", "/participants", { query: { limit: 1 }, signal });
  const names = new Map<string, Person>();
  if (!first.items.some((item) => typeof item.subject_ref === "string")) return names;
  for (const participant of await fetchAll<ParticipantRead>("/participants", signal, 20)) {
    if (participant.subject_ref) names.set(participant.subject_ref, { id: participant.id, name: participant.name });
  }
  return names;
}

/** A short, stable label for a person known only by pseudonym. */
export function pseudonym(subjectRef: string | null | undefined): string {
  return subjectRef ? `${subjectRef.slice(0, 8)}…` : "—";
}
