// services/privacy/src/privacy/retention/schemas.py

export interface Policy {
  id: string;
  category: string;
  tenant_id: string | null;
  period_days: number;
  action: string;
  allowed_actions: string[];
  client_controlled: boolean;
  activity_id: string | null;
  rationale: string | null;
  last_run_at: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface Run {
  id: string;
  batch_id: string;
  policy_id: string | null;
  category: string;
  tenant_id: string | null;
  action: string;
  period_days: number;
  cutoff: string;
  dry_run: boolean;
  excluded_tenant_ids: string[];
  held_people: number;
  started_by: string | null;
  started_at: string;
  completed_at: string | null;
}

export interface RunDetail extends Run {
  results: {
    service: string;
    rows_affected: Record<string, number>;
    receipt: Record<string, unknown> | null;
    receipt_sha256: string | null;
    receipt_verified: boolean;
    receipt_error: string | null;
    audit_seq: number | null;
    received_at: string;
  }[];
  waiting_for: string[];
}

export interface DryRunReport {
  batch_id: string;
  started_at: string;
  complete: boolean;
  policies: {
    run_id: string;
    policy_id: string | null;
    category: string;
    tenant_id: string | null;
    action: string;
    cutoff: string;
    rows: Record<string, Record<string, number>>;
    total: number;
    waiting_for: string[];
  }[];
}
