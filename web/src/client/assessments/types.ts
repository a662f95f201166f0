// Shapes of the assessments, accounts and delivery APIs this section reads (see each service's
// schemas.py: assessments/assessments/schemas.py, delivery/messages/schemas.py).

export type AssessmentKind = "quiz" | "daily_questions";
export type Channel = "email" | "slack";

export type { OffsetPage } from "../../api/assessments";

export interface AssessmentRead {
  id: string;
  kind: AssessmentKind;
  title: string;
  status: string;
  question_ids: string[];
  participant_ids: string[];
  group_ids: string[];
  channels: Channel[];
  email_fallback: boolean;
  show_correct: boolean;
  opens_at: string | null;
  closes_at: string | null;
  weekdays: number[] | null;
  send_time: string | null;
  starts_on: string | null;
  ends_on: string | null;
  reask_wrong_after_days: number | null;
  reminder_after_hours: number | null;
  max_reminders: number;
  created_at: string;
  published_at: string | null;
}

export interface AssessmentIn {
  kind: AssessmentKind;
  title: string;
  question_ids: string[];
  participant_ids: string[];
  group_ids: string[];
  channels: Channel[];
  email_fallback: boolean;
  show_correct: boolean;
  opens_at?: string;
  closes_at?: string;
  weekdays?: number[];
  send_time?: string;
  starts_on?: string;
  ends_on?: string;
  reask_wrong_after_days?: number;
  reminder_after_hours?: number;
  max_reminders: number;
}

export interface OptionCount {
  option_id: string;
  label: string;
  correct: boolean;
  count: number;
}

export interface AssessmentResults {
  assessment_id: string;
  dispatches: number;
  answered_dispatches: number;
  questions: { question_id: string; answers: number; correct_answers: number; options: OptionCount[] }[];
}

export interface QuestionRead {
  id: string;
  kind: "single_choice" | "multiple_choice" | "free_text" | "scale";
  text: string;
  explanation: string | null;
  topics: string[];
  options: { id: string; label: string; correct: boolean }[];
  scale: { minimum: number; maximum: number } | null;
  flagged: boolean;
}

export interface ParticipantRead {
  id: string;
  name: string;
  email: string;
  group_ids: string[];
  restricted: boolean;
  email_unsubscribed: boolean;
  slack_linked: boolean;
  /** Not (yet) in assessments' ParticipantRead: needed to join analytics' and delivery's rows. */
  subject_ref?: string;
}

export interface GroupRead {
  id: string;
  name: string;
  members: number;
}

export interface ClientInfo {
  tenant_id: string;
  organisation_name: string;
  time_zone: string;
  language: string;
}

export type { LogEntry, LogPage } from "../../api/delivery";

export interface Estimate {
  channel: Channel;
  recipients: number;
  messages_per_second: number;
  seconds: number;
  summary: string;
}
