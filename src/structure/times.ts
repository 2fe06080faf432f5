import type { TimezoneInfo } from '../model/record.js';
import type { LineFeatures } from './features.js';
import { isoUtc, isValidZone, localToUtc } from '../util/zones.js';
import { zoneForWord } from './zones.js';

export type StampTime = LineFeatures['stamp'];

export interface TimeInputs {
  /** The article's own date line, if the front matter has one. */
  front: StampTime;
  /** Each post's stamp, in document order (null for a post without one). */
  posts: StampTime[];
  /** The date the scraper's header or corpus gave. */
  headerDate: string | null;
  /** A zone the page states in words ("all times EDT"). */
  statedZoneWord: string | null;
  /** The outlet's usual zone, from the outlet table. */
  outletZone: string | null;
}

export interface ResolvedTimes {
  published: string | null;
  timezone: TimezoneInfo;
  posts: Array<string | null>;
}

/**
 * Every stamp to UTC. The zone is the one the page states (on its date line or on any post), else the outlet's
 * usual zone, else UTC; `assumed` says whether the page stated it. Stamps with a time but no date take the day of the
 * page, and in a live blog that runs newest-first a time later than the one above it means the day before.
 */
export function resolvePostTimes(input: TimeInputs): ResolvedTimes {
  const stated =
    (input.statedZoneWord ? zoneForWord(input.statedZoneWord) : null) ??
    [input.front, ...input.posts].map((s) => (s?.zoneWord ? zoneForWord(s.zoneWord) : null)).find((z) => z);
  let timezone: TimezoneInfo;
  if (stated) timezone = { name: stated, assumed: false };
  else if (input.outletZone && isValidZone(input.outletZone)) timezone = { name: input.outletZone, assumed: true };
  else timezone = { name: 'UTC', assumed: true };

  const zoneOf = (s: NonNullable<StampTime>) => (s.zoneWord ? zoneForWord(s.zoneWord) : null) ?? timezone.name;
  const front = input.front;
  let published: string | null = null;
  let referenceDay: [number, number, number] | null = null;
  if (front && front.year !== null) {
    referenceDay = [front.year, front.month!, front.day!];
    published =
      front.hour !== null
        ? isoUtc(localToUtc({ year: front.year, month: front.month!, day: front.day!, hour: front.hour, minute: front.minute! }, zoneOf(front)))
        : ymd(front.year, front.month!, front.day!);
  } else if (input.headerDate) {
    published = input.headerDate;
  }
  if (!referenceDay && input.headerDate) {
    const [y, m, dd] = input.headerDate.split('-').map(Number) as [number, number, number];
    referenceDay = [y, m, dd];
  }

  const newestFirst = runsNewestFirst(input.posts);
  const posts: Array<string | null> = [];
  let day = referenceDay ? Date.UTC(referenceDay[0], referenceDay[1] - 1, referenceDay[2]) : null;
  let previousMinutes: number | null = null;
  for (const s of input.posts) {
    if (!s || s.hour === null) {
      posts.push(null);
      continue;
    }
    const minutes = s.hour * 60 + (s.minute ?? 0);
    if (s.year !== null) {
      day = Date.UTC(s.year, s.month! - 1, s.day!);
    } else if (day !== null && previousMinutes !== null) {
      if (newestFirst && minutes > previousMinutes) day -= 86_400_000;
      if (!newestFirst && minutes < previousMinutes) day += 86_400_000;
    }
    previousMinutes = minutes;
    if (day === null) {
      posts.push(null);
      continue;
    }
    const dt = new Date(day);
    const local = { year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, day: dt.getUTCDate(), hour: s.hour, minute: s.minute ?? 0 };
    posts.push(isoUtc(localToUtc(local, zoneOf(s))));
  }
  return { published, timezone, posts };
}

/**
 * Live blogs usually run newest first; one whose times mostly rise runs oldest first. Times without dates are compared
 * on the clock face, taking the shorter way round, so 00.20 followed by 23.40 is read as going back 40 minutes.
 */
function runsNewestFirst(stamps: StampTime[]): boolean {
  let down = 0;
  let up = 0;
  let prev: NonNullable<StampTime> | null = null;
  for (const s of stamps) {
    if (!s || s.hour === null) continue;
    if (prev) {
      const a = prev.hour! * 60 + (prev.minute ?? 0);
      const b = s.hour * 60 + (s.minute ?? 0);
      let diff: number;
      if (s.year !== null && prev.year !== null) {
        diff = Date.UTC(s.year, s.month! - 1, s.day!, 0, b) - Date.UTC(prev.year, prev.month! - 1, prev.day!, 0, a);
      } else {
        const forward = (((b - a) % 1440) + 1440) % 1440;
        diff = forward > 720 ? forward - 1440 : forward;
      }
      if (diff < 0) down++;
      else if (diff > 0) up++;
    }
    prev = s;
  }
  return down >= up;
}

function ymd(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
