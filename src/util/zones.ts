// Time-zone arithmetic on IANA names and fixed offsets, with Intl (no zone library needed: Node ships full ICU).
// Shared by the structure layer (post times to UTC) and time expressions (anchors in the outlet's local time).

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  if (formatters.has(zone)) return formatters.get(zone)!;
  let f: Intl.DateTimeFormat | null = null;
  try {
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
  } catch {
    f = null;
  }
  formatters.set(zone, f);
  return f;
}

/** "+02:00", "-0430", "UTC+3" → minutes east of UTC; null for anything else. */
export function parseOffset(s: string): number | null {
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(s.trim());
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/** True for an IANA zone Intl knows, "UTC", or a fixed offset such as "+02:00". */
export function isValidZone(zone: string): boolean {
  return parseOffset(zone) !== null || formatter(zone) !== null;
}

/** Minutes east of UTC in `zone` at the instant `utcMs`; 0 for a zone Intl does not know. */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const fixed = parseOffset(zone);
  if (fixed !== null) return fixed;
  const f = formatter(zone);
  if (!f || !Number.isFinite(utcMs)) return 0;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/**
 * The offset in force at a wall-clock time in `zone` (the wall clock given as if it were UTC). The second step
 * settles times near a daylight-saving switch, where the first guess used the other offset.
 */
export function offsetForLocal(zone: string, localAsUtcMs: number): number {
  const first = zoneOffsetMinutes(zone, localAsUtcMs);
  return zoneOffsetMinutes(zone, localAsUtcMs - first * 60000);
}

/** The UTC instant of a wall-clock time in `zone`, honouring its daylight-saving rules on that day. */
export function localToUtc(local: LocalDateTime, zone: string): Date {
  const naive = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  return new Date(naive - offsetForLocal(zone, naive) * 60000);
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
