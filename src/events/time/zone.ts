// UTC offsets of IANA zones for a given instant, computed with Intl (chrono-node ignores IANA names, so offsets are
// worked out here and passed around as minutes east of UTC).

const FORMATTERS = new Map<string, Intl.DateTimeFormat | null>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  if (FORMATTERS.has(zone)) return FORMATTERS.get(zone)!;
  let f: Intl.DateTimeFormat | null = null;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    f = null;
  }
  FORMATTERS.set(zone, f);
  return f;
}

const FIXED = /^([+-])(\d{2}):?(\d{2})$/;

/** True when `zone` is an IANA zone Intl knows or a fixed offset such as "+02:00". */
export function isKnownZone(zone: string): boolean {
  return FIXED.test(zone) || zone === 'UTC' || formatter(zone) !== null;
}

/** Minutes east of UTC in `zone` at the instant `ms` (epoch milliseconds); 0 for an unknown zone. */
export function offsetAt(zone: string, ms: number): number {
  const fixed = FIXED.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (+fixed[2]! * 60 + +fixed[3]!);
  const f = formatter(zone);
  if (!f || !Number.isFinite(ms)) return 0;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = +p.value;
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The offset that applies to a wall-clock time in `zone` (two steps, right except inside a DST gap). */
export function offsetForLocal(zone: string, localAsUtcMs: number): number {
  const first = offsetAt(zone, localAsUtcMs);
  return offsetAt(zone, localAsUtcMs - first * 60_000);
}
