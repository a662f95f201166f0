// services/privacy/src/privacy/breaches/schemas.py and census.py

/** A breach and its 72-hour clock, as every breach answer starts. */
export interface BreachClock {
  id: string;
  reference: string;
  discovered_at: string;
  deadline: string;
  hours_left: number;
  overdue: boolean;
}

export interface BreachSummary extends BreachClock {
  authority_notified_at: string | null;
}

export interface NoticeCounts {
  group_notices: number;
  requested: number;
  sent: number;
  delivered: number;
  bounced: number;
  suppressed: number;
}

export interface PeopleEstimate {
  low: number | null;
  high: number | null;
  per_category: { activity_id: string; category: string; people: number | null }[];
  services_answered: string[];
  services_waiting: string[];
  method: string;
}

export interface BreachView extends BreachClock {
  nature: string;
  data_categories: { id: string; category: string; subject_kind: string }[];
  people_categories: string[];
  tenant_ids: string[];
  approximate_records: number | null;
  approximate_people: PeopleEstimate;
  likely_consequences: string;
  measures_taken: string;
  measures_proposed: string;
  data_protection_contact: string;
  supervisory_authority: string;
  authority_notified_at: string | null;
  authority_reference: string | null;
  delay_reasons: string | null;
  escalated_marks: number[];
  census_requested_at: string | null;
  notices: NoticeCounts;
  recorded_at: string;
  updated_at: string;
}
