/** A calendar date from the API ("2026-05-01") in the reader's conventions, whatever their time zone. */
export function formatDay(value: string, locale: string): string {
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString(locale, { dateStyle: "long", timeZone: "UTC" });
}
