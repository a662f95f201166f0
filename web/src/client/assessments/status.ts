import type { Translate } from "../../i18n";
import { formatInZone, formatPlainDate, utcToZoned } from "./timezone";
import type { AssessmentRead } from "./types";

export type Phase = "draft" | "scheduled" | "open" | "closed" | "running" | "ended";

/** Where an assessment is now: a draft, or published and before, during or after its time. */
export function phaseOf(assessment: AssessmentRead, timeZone: string, now = new Date()): Phase {
  if (assessment.status !== "published") return "draft";
  if (assessment.kind === "quiz") {
    if (assessment.opens_at && now < new Date(assessment.opens_at)) return "scheduled";
    if (assessment.closes_at && now >= new Date(assessment.closes_at)) return "closed";
    return "open";
  }
  const today = utcToZoned(now, timeZone).date;
  if (assessment.starts_on && today < assessment.starts_on) return "scheduled";
  if (assessment.ends_on && today > assessment.ends_on) return "ended";
  return "running";
}

export function phaseBadge(phase: Phase): string {
  if (phase === "open" || phase === "running") return "badge good";
  if (phase === "draft" || phase === "scheduled") return "badge warn";
  return "badge";
}

const WEEKDAY_BASE = Date.UTC(2024, 0, 1); // a Monday

/** ISO weekday (1 Monday … 7 Sunday) in the reader's language. */
export function weekdayName(weekday: number, locale: string, width: "short" | "long" = "short"): string {
  return new Date(WEEKDAY_BASE + (weekday - 1) * 86_400_000).toLocaleDateString(locale, { weekday: width, timeZone: "UTC" });
}

/** "Opens … closes …" or "Mon, Wed at 09:00 from …", in the client's time zone. */
export function scheduleText(assessment: AssessmentRead, t: Translate, locale: string, timeZone: string): string {
  if (assessment.kind === "quiz") {
    return t("assessments.schedule.quiz", {
      opens: formatInZone(assessment.opens_at, locale, timeZone),
      closes: formatInZone(assessment.closes_at, locale, timeZone),
    });
  }
  const days = (assessment.weekdays ?? []).map((day) => weekdayName(day, locale)).join(", ");
  const text = t("assessments.schedule.daily", {
    days,
    time: (assessment.send_time ?? "").slice(0, 5),
    zone: timeZone,
    from: formatPlainDate(assessment.starts_on, locale),
  });
  return assessment.ends_on ? `${text} ${t("assessments.schedule.until", { until: formatPlainDate(assessment.ends_on, locale) })}` : text;
}
