import { api } from "../../api/http";
import type { PageOf } from "./types";
import type { AuditEntry } from "../requests/types";

/** One entry of the audit log by its seq. GET /audit pages newest first, so the entry sits at
 * offset latest − seq; entries appended meanwhile shift it, so the offset is corrected and tried again. */
export async function auditEntry(seq: number, signal?: AbortSignal): Promise<AuditEntry | null> {
  const first = await api<PageOf<AuditEntry>>("privacy", "/audit", { query: { page: 1, page_size: 1 }, signal });
  const latest = first.items[0]?.seq;
  if (latest === undefined || seq > latest || seq < 1) return null;
  let page = latest - seq + 1;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const found = await api<PageOf<AuditEntry>>("privacy", "/audit", { query: { page, page_size: 1 }, signal });
    const entry = found.items[0];
    if (!entry) return null;
    if (entry.seq === seq) return entry;
    page += entry.seq - seq;
    if (page < 1) return null;
  }
  return null;
}
