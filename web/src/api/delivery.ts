// Shapes of the delivery service's answers (services/delivery/src/delivery/messages/schemas.py).

/** messages.schemas.LogEntry: one message on one channel, where it is, never what it said. */
export interface LogEntry {
  id: string;
  channel: "email" | "slack";
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

/** messages.schemas.LogPage */
export interface LogPage {
  entries: LogEntry[];
  next_after: string | null;
}
