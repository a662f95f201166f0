// Analytics' responses (services/analytics/src/analytics/*/schemas.py). People appear only as
// `subject_ref`; names come from assessments.

export interface AnalyticsPage<T> {
  items: T[];
  page: number;
  page_size: number;
  total: number;
}

export interface AssessmentStatistics {
  assessment_id: string;
  kind: string | null;
  dispatched: number;
  sent: number;
  delivered: number;
  bounced: number;
  suppressed: number;
  respondents: number;
  participation_rate: number | null;
  answers: number;
  graded_answers: number;
  correct_answers: number;
  share_correct: number | null;
  mean_score: number | null;
  median_seconds_to_answer: number | null;
}

export interface OptionStatistics {
  option_id: string;
  chosen: number;
  share: number | null;
  correct: boolean | null;
}

export interface ScaleStatistics {
  minimum: number | null;
  maximum: number | null;
  answers: number;
  mean: number | null;
  distribution: { value: number; answers: number }[];
}

export interface QuestionStatistics {
  question_id: string;
  kind: string | null;
  answers: number;
  graded_answers: number;
  correct_answers: number;
  share_correct: number | null;
  free_text_answers: number;
  options: OptionStatistics[];
  scale: ScaleStatistics | null;
}

export interface QuestionList {
  assessment_id: string;
  items: QuestionStatistics[];
}

export interface ParticipantStatistics {
  subject_ref: string;
  answers: number;
  graded_answers: number;
  correct_answers: number;
  score: number | null;
  daily_question_streak: number;
  last_answered_at: string;
}

export type Dimension = "day" | "group" | "topic";

export interface TrendRow {
  dimension: Dimension;
  key: string;
  day: string;
  withheld: boolean;
  withheld_reason: string | null;
  answers: number | null;
  respondents: number | null;
  correct_answers: number | null;
  share_correct: number | null;
}

export interface TrendPage extends AnalyticsPage<TrendRow> {
  min_group_size: number;
}
