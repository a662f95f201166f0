import { api } from "../../api/http";
import type { ImportReport, ListPage, Participant } from "./api";

/** delivery's DirectoryMember: only what the member directory keeps (P4). */
export interface SlackMember {
  team_id: string;
  email: string;
}

/** delivery's MemberPage. */
export interface SlackMemberPage {
  members: SlackMember[];
  next_after: string | null;
}

export const MEMBERS_PAGE = 100;
const PARTICIPANTS_PAGE = 500;

export function slackMembers(after: string | null, signal: AbortSignal): Promise<SlackMemberPage> {
  return api("delivery", "/workspaces/slack/members", { query: { after, limit: MEMBERS_PAGE }, signal });
}

/** Every participant's email (lower case), read page by page. */
export async function participantEmails(signal: AbortSignal): Promise<Set<string>> {
  const emails = new Set<string>();
  for (let offset = 0; ; offset += PARTICIPANTS_PAGE) {
    const page: ListPage<Participant> = await api("assessments", "/participants", {
      query: { offset, limit: PARTICIPANTS_PAGE },
      signal,
    });
    for (const participant of page.items) emails.add(participant.email.toLowerCase());
    if (page.items.length < PARTICIPANTS_PAGE || offset + PARTICIPANTS_PAGE >= page.total) return emails;
  }
}

/** Imports `name,email` rows; people already participants are left as they are. */
export function importMembers(rows: { name: string; email: string }[]): Promise<ImportReport> {
  const lines = ["name,email", ...rows.map((row) => `${csvField(row.name)},${csvField(row.email)}`)];
  const form = new FormData();
  form.append("file", new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv" }), "slack-members.csv");
  return api("assessments", "/participants/import", { query: { keep_existing: true }, rawBody: form });
}

/** Re-imports the Slack members, so the new participants are linked to them. */
export function syncSlackMembers(): Promise<{ workspaces: number; members: number }> {
  return api("delivery", "/workspaces/slack/sync", { method: "POST" });
}

function csvField(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A name proposed from an email's local part: mari.maasikas+x@… → "Mari Maasikas". */
export function nameFromEmail(email: string): string {
  const local = email.split("@")[0]?.split("+")[0] ?? "";
  const words = local
    .split(/[._\-\s]+/)
    .map((word) => word.replace(/\d+/g, ""))
    .filter(Boolean)
    .map((word) => word.charAt(0).toLocaleUpperCase() + word.slice(1).toLocaleLowerCase());
  return words.join(" ") || local;
}
