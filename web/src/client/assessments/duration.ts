import type { Translate } from "../../i18n";

/** Seconds as "40 s", "12 min" or "2 h 5 min". */
export function formatDuration(seconds: number, t: Translate): string {
  if (seconds < 60) return t("assessments.duration.seconds", { n: Math.max(1, Math.round(seconds)) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return t("assessments.duration.minutes", { n: minutes });
  return t("assessments.duration.hours", { h: Math.floor(minutes / 60), m: minutes % 60 });
}
