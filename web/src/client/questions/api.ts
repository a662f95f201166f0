import { api, ApiError } from "../../api/http";
import type { OffsetPage as ListPage } from "../../api/assessments";

export type QuestionKind = "single_choice" | "multiple_choice" | "free_text" | "scale";
export const QUESTION_KINDS: QuestionKind[] = ["single_choice", "multiple_choice", "free_text", "scale"];

export interface Option {
  id: string;
  label: string;
  correct: boolean;
}

export interface Scale {
  minimum: number;
  maximum: number;
}

/** assessments' QuestionRead. */
export interface Question {
  id: string;
  kind: QuestionKind;
  text: string;
  explanation: string | null;
  topics: string[];
  options: Option[];
  scale: Scale | null;
  report_count: number;
  flagged: boolean;
  created_at: string;
  updated_at: string;
}

/** assessments' QuestionIn. */
export interface QuestionInput {
  kind: QuestionKind;
  text: string;
  explanation: string | null;
  topics: string[];
  options: { id?: string; label: string; correct: boolean }[];
  scale: Scale | null;
}

export type { OffsetPage as ListPage } from "../../api/assessments";

export const PAGE_SIZE = 25;

export function listQuestions(
  filter: { topic: string; flagged: boolean },
  offset: number,
  signal: AbortSignal,
): Promise<ListPage<Question>> {
  return api("assessments", "/questions", {
    query: { topic: filter.topic || undefined, flagged: filter.flagged ? true : undefined, offset, limit: PAGE_SIZE },
    signal,
  });
}

export function readQuestion(id: string, signal?: AbortSignal): Promise<Question> {
  return api("assessments", `/questions/${encodeURIComponent(id)}`, { signal });
}

export function createQuestion(input: QuestionInput): Promise<Question> {
  return api("assessments", "/questions", { body: input });
}

export function updateQuestion(id: string, input: QuestionInput): Promise<Question> {
  return api("assessments", `/questions/${encodeURIComponent(id)}`, { method: "PUT", body: input });
}

export function deleteQuestion(id: string): Promise<void> {
  return api("assessments", `/questions/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** A refused word of the content check: which field (as assessments names it) and the word. */
export interface RefusedWord {
  field: string;
  word: string;
}

const REFUSED = /^(text|explanation|topics\[\d+\]|options\[\d+\]\.label) contains “(.+)”, which questions may not contain\.?$/;

/**
 * assessments answers a refused word with 422 `{detail, field, word}`; the shared fetch wrapper
 * keeps only `detail`, which names the field first. Read either shape.
 */
export function refusedWord(error: ApiError | null): RefusedWord | null {
  if (!error || error.status !== 422) return null;
  const match = REFUSED.exec(error.message);
  if (match) return { field: match[1], word: match[2] };
  for (const [field, message] of Object.entries(error.fields)) {
    const inner = REFUSED.exec(message);
    if (inner) return { field: inner[1] ?? field, word: inner[2] };
  }
  return null;
}
