import { FIXED_ZONES, ZONE_ABBREVIATIONS } from './data.js';

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `zone` from UTC, in minutes, at the instant `utcMs`. Accepts IANA names and "+HH:MM" offsets. */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const fixed = parseOffset(zone);
  if (fixed !== null) return fixed;
  const parts = formatter(zone).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** "+02:00", "-0430", "UTC+3" → minutes; null for anything else. */
export function parseOffset(s: string): number | null {
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(s.trim());
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** The UTC instant of a wall-clock time in `zone`, honouring its daylight-saving rules on that day. */
export function localToUtc(local: LocalDateTime, zone: string): Date {
  const naive = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  let utc = naive - zoneOffsetMinutes(zone, naive) * 60000;
  // A second pass settles times near a daylight-saving switch, where the first guess used the other offset.
  utc = naive - zoneOffsetMinutes(zone, utc) * 60000;
  return new Date(utc);
}

/** The zone a time-zone word names: an IANA zone for abbreviations (BST → Europe/London), an offset for fixed ones. */
export function zoneForWord(word: string): string | null {
  const w = word.trim();
  const fixed = FIXED_ZONES.get(w.toUpperCase());
  if (fixed) return fixed;
  const named = ZONE_ABBREVIATIONS.get(w) ?? ZONE_ABBREVIATIONS.get(w.toUpperCase());
  if (named) return named;
  const offset = parseOffset(w);
  if (offset !== null) return formatOffset(offset);
  return null;
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** ISO 8601 UTC without milliseconds: 2025-08-21T03:42:00Z. */
export function isoUtc(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
