// Wall-clock times in the client's time zone (an IANA name) and the instants they stand for,
// with the browser's Intl only.

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockOf(instant: number, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: value("year"), month: value("month"), day: value("day"), hour: value("hour") % 24, minute: value("minute"), second: value("second") };
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClockOf(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant of a local date ("2025-03-30") and time ("09:00") in `timeZone`, as an ISO string
 * in UTC. A time skipped when clocks go forward moves forward by the gap; a time that happens
 * twice is its first occurrence.
 */
export function zonedToUtcIso(date: string, time: string, timeZone: string): string {
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const dayMs = 86_400_000;
  const before = guess - offsetAt(guess - dayMs, timeZone);
  const after = guess - offsetAt(guess + dayMs, timeZone);
  const shows = (instant: number) => {
    const wall = wallClockOf(instant, timeZone);
    return wall.hour === hour && wall.minute === minute && wall.day === day;
  };
  const matching = [before, after].filter(shows);
  // A time that happens twice: its first occurrence; a skipped time: moved forward by the gap.
  const chosen = matching.length ? Math.min(...matching) : before;
  return new Date(chosen).toISOString();
}

/** An instant as a local date and time ("YYYY-MM-DD", "HH:MM") in `timeZone`. */
export function utcToZoned(iso: string | Date, timeZone: string): { date: string; time: string } {
  const wall = wallClockOf(new Date(iso).getTime(), timeZone);
  const pad = (value: number) => String(value).padStart(2, "0");
  return { date: `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`, time: `${pad(wall.hour)}:${pad(wall.minute)}` };
}

/** An instant shown in the client's time zone, with the zone's short name. */
export function formatInZone(value: string | Date | null | undefined, locale: string, timeZone: string): string {
  if (!value) return "—";
  return new Date(value).toLocaleString(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }) + ` (${zoneName(value, locale, timeZone)})`;
}

function zoneName(value: string | Date, locale: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(new Date(value));
  return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}

/** A plain calendar date ("2025-03-30") in the reader's language, without any time zone shift. */
export function formatPlainDate(value: string | null | undefined, locale: string): string {
  if (!value) return "—";
  const [year, month, day] = value.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(locale, { timeZone: "UTC", dateStyle: "medium" });
}
