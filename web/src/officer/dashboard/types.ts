// GET /api/privacy/dashboard (services/privacy/src/privacy/dashboard/schemas.py)

import type { BreachClock } from "../breaches/types";
import type { ConsentFigures } from "../consents/types";

export interface UrgentRequest {
  id: string;
  reference: string;
  request_type: string;
  state: string;
  due_at: string;
  due_on: string;
  days_left: number;
  overdue: boolean;
  officer_decides: boolean;
  link: string;
}

export interface OpenBreach extends BreachClock {
  link: string;
}

export interface LastRun {
  run_id: string;
  started_at: string;
  completed_at: string | null;
  rows_affected: number;
  services_answered: number;
  services_expected: number;
  receipts_verified: number;
  receipts_rejected: number;
  all_receipts_verified: boolean;
  link: string;
}

export interface PolicyVersionFigures {
  id: string;
  label: string;
  effective_on: string;
  effective_at: string;
  acceptances: number;
  link: string;
}

export interface Dashboard {
  generated_at: string;
  requests: {
    open: number;
    open_by_state: Record<string, number>;
    open_by_type: Record<string, number>;
    due_within_days: number;
    due_soon: number;
    overdue: number;
    awaiting_decision: number;
    awaiting_officer_decision: number;
    most_urgent: UrgentRequest[];
    link: string;
    overdue_link: string;
    due_soon_link: string;
    awaiting_decision_link: string;
  };
  breaches: { open: number; overdue: number; deadline_hours: number; most_urgent: OpenBreach[]; link: string };
  retention: {
    policies: {
      policy_id: string;
      category: string;
      period_days: number;
      action: string;
      last_run: LastRun | null;
      next_due_at: string;
    }[];
    client_settings: number;
    runs_due: number;
    last_dry_run: { batch_id: string; started_at: string; policies: number; complete: boolean; rows_predicted: number; link: string } | null;
    link: string;
    runs_link: string;
  };
  holds: {
    active: number;
    on_clients: number;
    on_people: number;
    newest: { id: string; tenant_id: string; scope: "client" | "person"; placed_at: string; link: string } | null;
    link: string;
  };
  consent: ConsentFigures;
  offboardings: {
    pending: number;
    by_state: Record<string, number>;
    next_erasure: { id: string; reference: string; tenant_id: string; state: string; erase_on: string; link: string } | null;
    certificates_issued: number;
    link: string;
  };
  policies: { current: PolicyVersionFigures | null; upcoming: PolicyVersionFigures[]; link: string };
  audit: {
    latest_seq: number | null;
    latest_at: string | null;
    checked_from_seq: number | null;
    tail_intact: boolean;
    first_break: { seq: number; problem: "content" | "link" | "missing" } | null;
    append_only: boolean;
    link: string;
    full_check_link: string;
  };
  backups: { kept: number; latest: { name: string; taken_at: string; expires_at: string } | null; link: string };
}
