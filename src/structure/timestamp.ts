// Timestamp lines of news pages: a post's author/time line ("Jane Doe20 August 2025 21:39", "Reuters | Jane Doe20
// August 2025 19:35"), a live post's time marker ("Updated at 14.05 BST", "Posted at 14:05", "2h ago 14.05"), or an
// article's date line ("Thursday 21 August 2025 04:42 BST", "August 20, 2025 at 2:05 p.m. EDT", "Updated 6:30 PM EST,
// Tue March 4, 2025").

/** Lines longer than this are never timestamp lines (a bound that also keeps matching linear). */
export const MAX_STAMP_LINE_CHARS = 140;
/** The part before the date must look like names: at most this many words. */
export const MAX_STAMP_PREFIX_WORDS = 10;

const MONTHS = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const WEEKDAYS = 'Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?';
// "14:05", "14.05", "2:05 p.m.", "6:30 PM", and the hour alone when a.m./p.m. follows ("7 p.m.", AP's "The Latest"
// style; "7 PM").
const TIME = String.raw`(?<hour>\d{1,2})(?:[:.](?<minute>[0-5]\d)(?:\s*(?<ampm>[apAP]\.?\s?[mM]\.?))?|\s*(?<ampm2>[ap]\.\s?m\.|[apAP][mM]\b))`;
const ZONE = String.raw`(?<zone>[A-Z]{2,5}|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?|UK time|Kyiv time|Moscow time)`;
const DATE = String.raw`(?:(?<day>\d{1,2})(?:st|nd|rd|th)?\s+(?<month>${MONTHS})\.?,?\s+(?<year>\d{4})|(?<month2>${MONTHS})\.?\s+(?<day2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year2>\d{4})|(?<iso>\d{4}-\d{2}-\d{2}))`;

/** A date (and optional time and zone) that ends the line; no word boundary before it, since scrapers glue names on. */
const DATE_TAIL = new RegExp(
  String.raw`(?:(?:${WEEKDAYS}),?\s+)?${DATE}(?:(?:,?\s+|\s*[|·•-]\s*|T)(?:at\s+)?${TIME})?(?:\s+${ZONE})?\s*$`,
);
/** A time (and optional zone) before the date that ends the line: "Updated 6:30 PM EST, Tue March 4, 2025". */
const TIME_THEN_DATE = new RegExp(String.raw`(?:^|[\s|·•-])(?:at\s+)?${TIME}(?:\s+${ZONE})?,?\s+(?:(?:${WEEKDAYS}),?\s+)?${DATE}\s*$`);
/** A time alone (and optional zone) that ends the line: live posts marked only by time. */
const TIME_TAIL = new RegExp(String.raw`(?:^|[\s|·•-])(?:at\s+)?${TIME}(?:\s+${ZONE})?\s*$`);
/** Words that make a line a post-time marker rather than prose. */
const MARKER_LEAD = /^(?:(?:last\s+)?updated(?:\s+at)?|posted(?:\s+at)?|published(?:\s+at)?|first\s+published(?:\s+at)?|(?:\d{1,3}\s?(?:h|hr|hrs|m|min|mins|hours?|minutes?|d|days?)\s+ago)|just\s+now|breaking)\b[\s:,-]*/i;

const MONTH_INDEX: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

export interface Stamp {
  /** Text before the date or time (names, credit), with offsets relative to the line. */
  prefix: string;
  prefixStart: number;
  /** Offset (relative to the line) where the date/time begins. */
  dateStart: number;
  year: number | null;
  month: number | null;
  day: number | null;
  hour: number | null;
  minute: number | null;
  zoneWord: string | null;
  /** The line began with a marker word ("Updated at", "Posted at", "2h ago"). */
  marker: boolean;
}

export function parseStamp(line: string): Stamp | null {
  if (line.length > MAX_STAMP_LINE_CHARS) return null;
  const lead = MARKER_LEAD.exec(line);
  const rest = lead ? line.slice(lead[0].length) : line;
  const offset = lead ? lead[0].length : 0;
  const m = TIME_THEN_DATE.exec(rest) ?? DATE_TAIL.exec(rest) ?? TIME_TAIL.exec(rest);
  if (!m || !m.groups) return null;
  const g = m.groups;
  let dateStart = m.index;
  // TIME_TAIL may have consumed the separator before the time.
  while (dateStart < rest.length && /[\s|·•-]/.test(rest[dateStart]!)) dateStart++;
  const prefixRaw = rest.slice(0, dateStart);
  const prefix = prefixRaw.replace(/[\s|·•,–—-]+$/, '').trim();
  let hour = g.hour !== undefined ? Number(g.hour) : null;
  const minute = g.minute !== undefined ? Number(g.minute) : hour !== null ? 0 : null;
  const ampm = g.ampm ?? g.ampm2;
  if (hour !== null && ampm) {
    const pm = /^p/i.test(ampm);
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  if (hour !== null && hour > 23) return null;
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  if (g.iso) {
    [year, month, day] = g.iso.split('-').map(Number) as [number, number, number];
  } else if (g.year ?? g.year2) {
    year = Number(g.year ?? g.year2);
    month = MONTH_INDEX[(g.month ?? g.month2)!.slice(0, 3).toLowerCase()]!;
    day = Number(g.day ?? g.day2);
  }
  if (day !== null && (day < 1 || day > 31)) return null;
  return {
    prefix,
    prefixStart: offset + (prefixRaw.length - prefixRaw.trimStart().length),
    dateStart: offset + dateStart,
    year,
    month,
    day,
    hour,
    minute,
    zoneWord: g.zone ?? null,
    marker: lead !== null,
  };
}

/** A page's statement of the zone its times are in: "(all times EDT)", "All times BST", "all times are UK time". */
const ZONE_STATEMENT = new RegExp(String.raw`\ball times(?: are| in)?\s+${ZONE}`, 'i');

export function statedZoneWord(line: string): string | null {
  if (line.length > 400) return null;
  return ZONE_STATEMENT.exec(line)?.groups?.zone ?? null;
}
