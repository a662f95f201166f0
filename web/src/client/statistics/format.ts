import type { Translate } from "../../i18n";

export function percent(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return "—";
  return value.toLocaleString(locale, { style: "percent", maximumFractionDigits: 1 });
}

export function decimal(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return "—";
  return value.toLocaleString(locale, { maximumFractionDigits: 2 });
}

export function count(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return "—";
  return value.toLocaleString(locale);
}

/** A median time to answer: "45 s", "12 min", "3 h", "2 d 4 h". */
export function seconds(value: number | null | undefined, t: Translate): string {
  if (value === null || value === undefined) return "—";
  if (value < 60) return t("statistics.time.seconds", { n: value });
  if (value < 3600) return t("statistics.time.minutes", { m: Math.floor(value / 60), s: value % 60 });
  if (value < 86_400) return t("statistics.time.hours", { h: Math.floor(value / 3600), m: Math.floor((value % 3600) / 60) });
  return t("statistics.time.days", { d: Math.floor(value / 86_400), h: Math.floor((value % 86_400) / 3600) });
}

/** A calendar day ("2025-03-30") as a short date, without a time zone shift. */
export function shortDay(day: string, locale: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date)).toLocaleDateString(locale, { timeZone: "UTC", day: "numeric", month: "short" });
}
