// Calendar arithmetic on plain days (no time zone): a Day is a proleptic Gregorian date, computed through Date.UTC
// so that month lengths and leap years come from the platform, never from tables of our own.

export interface Day {
  y: number;
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

export function isValidDay(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function dayNumber(day: Day): number {
  return Math.floor(Date.UTC(day.y, day.m - 1, day.d) / DAY_MS);
}

export function fromDayNumber(n: number): Day {
  const t = new Date(n * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function addDays(day: Day, n: number): Day {
  return fromDayNumber(dayNumber(day) + n);
}

export function addMonths(day: Day, n: number): { y: number; m: number } {
  const index = day.y * 12 + (day.m - 1) + n;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function weekday(day: Day): number {
  const w = new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatDay(day: Day): string {
  return `${pad(day.y, 4)}-${pad(day.m)}-${pad(day.d)}`;
}

export function formatMonth(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}

/** ISO 8601 week of a day, as YYYY-Www (the week-numbering year can differ from the calendar year near New Year). */
export function isoWeek(day: Day): string {
  const thursday = addDays(day, 4 - weekday(day));
  const jan1 = dayNumber({ y: thursday.y, m: 1, d: 1 });
  const week = Math.floor((dayNumber(thursday) - jan1) / 7) + 1;
  return `${pad(thursday.y, 4)}-W${pad(week)}`;
}

/** Parses "YYYY-MM-DD" into a Day, or null. */
export function parseDay(s: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return null;
  const day = { y: +m[1]!, m: +m[2]!, d: +m[3]! };
  return isValidDay(day.y, day.m, day.d) ? day : null;
}
