import { span } from '../../model/span.js';
import {
  addDays,
  addMonths,
  type Day,
  dayNumber,
  formatDay,
  formatMonth,
  isoWeek,
  isValidDay,
  weekday,
} from './calendar.js';
import { timeLexicon } from './lexicon.js';
import { type Candidate, findCandidates, type Unit } from './patterns.js';
import { type Tense, tenseAround } from './tense.js';
import type { TimeAnchor, TimeExpression, TimeGranularity } from './types.js';
import { formatOffset, offsetForLocal } from '../../util/zones.js';

/** A day-month without a year is read in the year that puts it nearest the anchor, looking this far either way. */
export const YEAR_CANDIDATES = [-1, 0, 1];
/** A past-tense "20 August" may still fall a day after the anchor's local day (a late post about the next morning). */
export const PAST_SLACK_DAYS = 1;
/** "Two days later" may count from a date in the sentence before; further back the reference is too uncertain. */
export const REFERENCE_SENTENCES_BACK = 1;
/** A time this close after a date belongs to it ("21 August 2025 04:42", "Friday at 3pm"). */
const DATE_TIME_GLUE = /^,?[ \t\u00a0]{0,3}(?:at[ \t\u00a0]{1,3})?$/;
const TIME_DATE_GLUE = /^,?[ \t\u00a0]{0,3}(?:on[ \t\u00a0]{1,3})?$/;

export interface SentenceBound {
  start: number;
  end: number;
}

export interface ResolveOptions {
  anchorAt(offset: number): TimeAnchor | null;
  /** Sentences of the text, in order; when absent they are found by punctuation. */
  sentences?: SentenceBound[];
}

interface Resolved {
  value: string | null;
  granularity: TimeGranularity | null;
  kind: TimeExpression['kind'];
  basis: TimeExpression['basis'];
  note?: string;
  /** The first day the value covers, for expressions counted from it ("two days later"). */
  day?: Day;
}

const UNRESOLVED = (note: string): Resolved => ({ value: null, granularity: null, kind: 'unresolved', basis: null, note });

/** Sentence bounds from punctuation and line breaks, in one linear pass (used when the tokenizer has not run). */
export function roughSentences(text: string): SentenceBound[] {
  const out: SentenceBound[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const breakHere = c === '\n' || ((c === '.' || c === '!' || c === '?') && (i + 1 >= text.length || /\s/.test(text[i + 1]!)));
    if (breakHere) {
      if (i + 1 > start) out.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** Every time expression of `text`, resolved against the anchor of the stretch it is in. */
export function resolveTimes(text: string, options: ResolveOptions): TimeExpression[] {
  const sentences = options.sentences && options.sentences.length ? options.sentences : roughSentences(text);
  const candidates = mergeDateTimes(text, findCandidates(text));
  const out: TimeExpression[] = [];
  const resolvedDays: Array<{ start: number; sentence: number; day: Day }> = [];
  let s = 0;
  for (const c of candidates) {
    while (s < sentences.length - 1 && sentences[s]!.end <= c.start) s++;
    const sent = sentences[s] ?? { start: 0, end: text.length };
    const anchor = options.anchorAt(c.start);
    const tense = () => tenseAround(text, c.start, c.end, sent.start, sent.end);
    const reference = (): Day | null => {
      for (let i = resolvedDays.length - 1; i >= 0; i--) {
        const r = resolvedDays[i]!;
        if (r.sentence < s - REFERENCE_SENTENCES_BACK) break;
        return r.day;
      }
      return null;
    };
    const r = resolveOne(c, anchor, tense, reference);
    if (r.day && r.kind === 'date' && (r.granularity === 'day' || r.granularity === 'datetime')) {
      resolvedDays.push({ start: c.start, sentence: s, day: r.day });
    }
    out.push({
      span: span(text, c.start, c.end),
      kind: r.kind,
      value: r.value,
      granularity: r.granularity,
      anchor: r.basis === 'anchor' || r.basis === 'reference' || r.kind === 'unresolved' ? (anchor?.source ?? null) : null,
      basis: r.basis,
      ...(r.note ? { note: r.note } : {}),
    });
  }
  return out;
}

type DateTimeCandidate = Candidate & { time?: { h: number; mi: number; zone: string | null } };

/** Joins a date and a time next to each other into one candidate carrying both. */
function mergeDateTimes(text: string, cands: Candidate[]): DateTimeCandidate[] {
  const out: DateTimeCandidate[] = [];
  const isDay = (c: Candidate) => c.type === 'date' || c.type === 'relDay' || c.type === 'weekday' || (c.type === 'iso' && c.h === null);
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i]!;
    const next = cands[i + 1];
    if (next && isDay(c) && next.type === 'time' && DATE_TIME_GLUE.test(text.slice(c.end, next.start))) {
      out.push({ ...c, end: next.end, time: { h: next.h, mi: next.mi, zone: next.zone } });
      i++;
    } else if (next && c.type === 'time' && isDay(next) && TIME_DATE_GLUE.test(text.slice(c.end, next.start))) {
      out.push({ ...next, start: c.start, time: { h: c.h, mi: c.mi, zone: c.zone } });
      i++;
    } else out.push(c);
  }
  return out;
}

function dayValue(day: Day, c: DateTimeCandidate, anchor: TimeAnchor | null, basis: Resolved['basis']): Resolved {
  if (c.time) {
    const lex = timeLexicon();
    const zone = (c.time.zone && lex.zones[c.time.zone]) || anchor?.zone || 'UTC';
    const localMs = Date.UTC(day.y, day.m - 1, day.d, c.time.h, c.time.mi);
    const offset = offsetForLocal(zone, localMs);
    const hh = String(c.time.h).padStart(2, '0');
    const mm = String(c.time.mi).padStart(2, '0');
    return { value: `${formatDay(day)}T${hh}:${mm}${formatOffset(offset)}`, granularity: 'datetime', kind: 'date', basis, day };
  }
  return { value: formatDay(day), granularity: 'day', kind: 'date', basis, day };
}

/** The year for a month (and day) with none given: by tense, else nearest the anchor; a stated weekday must fit. */
function chooseYear(anchor: TimeAnchor, month: number, day: number | null, tense: Tense, weekdayHint: number | null): number | null {
  const a = dayNumber(anchor);
  let options = YEAR_CANDIDATES.map((k) => anchor.y + k).filter((y) => day === null || isValidDay(y, month, day));
  if (weekdayHint !== null && day !== null) {
    const fit = options.filter((y) => weekday({ y, m: month, d: day }) === weekdayHint);
    if (fit.length) options = fit;
  }
  if (!options.length) return null;
  const first = (y: number) => dayNumber({ y, m: month, d: day ?? 1 });
  const last = (y: number) => (day === null ? dayNumber(addDays({ ...(addMonths({ y, m: month, d: 1 }, 1) as Day), d: 1 }, -1)) : first(y));
  if (tense === 'future') {
    const f = options.filter((y) => last(y) >= a);
    if (f.length) return Math.min(...f);
  }
  if (tense === 'past') {
    const p = options.filter((y) => first(y) <= a + PAST_SLACK_DAYS);
    if (p.length) return Math.max(...p);
  }
  const distance = (y: number) => (a < first(y) ? first(y) - a : a > last(y) ? a - last(y) : 0);
  return options.reduce((best, y) => (distance(y) < distance(best) ? y : best));
}

function shiftBy(day: Day, n: number, unit: Unit): Resolved {
  const whole = Math.round(n);
  switch (unit) {
    case 'day':
      return { value: formatDay(addDays(day, whole)), granularity: 'day', kind: 'date', basis: 'anchor', day: addDays(day, whole) };
    case 'week': {
      const d = addDays(day, Math.round(n * 7));
      return { value: isoWeek(d), granularity: 'week', kind: 'date', basis: 'anchor', day: undefined };
    }
    case 'month': {
      const m = addMonths(day, whole);
      return { value: formatMonth(m.y, m.m), granularity: 'month', kind: 'date', basis: 'anchor' };
    }
    case 'year':
      return { value: String(day.y + whole).padStart(4, '0'), granularity: 'year', kind: 'date', basis: 'anchor' };
    case 'decade':
      return { value: String(day.y + whole * 10).padStart(4, '0'), granularity: 'year', kind: 'date', basis: 'anchor' };
    default:
      return { value: formatDay(day), granularity: 'day', kind: 'date', basis: 'anchor', day };
  }
}

const DURATION_LETTER: Record<Unit, string> = { year: 'Y', month: 'M', week: 'W', day: 'D', hour: 'TH', minute: 'TM', decade: 'Y', century: 'Y' } as Record<Unit, string>;

function durationValue(n: number, unit: Unit): string {
  const amount = unit === 'decade' ? n * 10 : n;
  const letter = DURATION_LETTER[unit];
  return letter.startsWith('T') ? `PT${amount}${letter.slice(1)}` : `P${amount}${letter}`;
}

function resolveOne(c: DateTimeCandidate, anchor: TimeAnchor | null, tense: () => Tense, reference: () => Day | null): Resolved {
  const today: Day | null = anchor ? { y: anchor.y, m: anchor.m, d: anchor.d } : null;
  switch (c.type) {
    case 'iso': {
      if (!isValidDay(c.y, c.m, c.d)) return UNRESOLVED('no such date');
      const day = { y: c.y, m: c.m, d: c.d };
      if (c.h !== null && c.mi !== null && c.h < 24 && c.mi < 60) {
        const offset = c.offset ? (c.offset === 'Z' ? '+00:00' : c.offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : null;
        const v = `${formatDay(day)}T${String(c.h).padStart(2, '0')}:${String(c.mi).padStart(2, '0')}${offset ?? formatOffset(offsetForLocal(anchor?.zone ?? 'UTC', Date.UTC(c.y, c.m - 1, c.d, c.h, c.mi)))}`;
        return { value: v, granularity: 'datetime', kind: 'date', basis: 'absolute', day };
      }
      return dayValue(day, c, anchor, 'absolute');
    }
    case 'date': {
      if (c.day < 1 || c.day > 31) return UNRESOLVED('no such date');
      if (c.year !== null) {
        if (!isValidDay(c.year, c.month, c.day)) return UNRESOLVED('no such date');
        return dayValue({ y: c.year, m: c.month, d: c.day }, c, anchor, 'absolute');
      }
      if (!anchor) return UNRESOLVED('no anchor to give the year');
      const y = chooseYear(anchor, c.month, c.day, tense(), c.weekday);
      if (y === null) return UNRESOLVED('no such date');
      return dayValue({ y, m: c.month, d: c.day }, c, anchor, 'anchor');
    }
    case 'monthYear':
      return { value: formatMonth(c.year, c.month), granularity: 'month', kind: 'date', basis: 'absolute' };
    case 'month': {
      if (!anchor || !today) return UNRESOLVED('no anchor to give the year');
      let y: number | null;
      if (c.modifier === 'last') y = c.month < anchor.m ? anchor.y : anchor.y - 1;
      else if (c.modifier === 'next') y = c.month > anchor.m ? anchor.y : anchor.y + 1;
      else if (c.modifier === 'this') y = anchor.y;
      else y = chooseYear(anchor, c.month, null, tense(), null);
      return y === null ? UNRESOLVED('no year') : { value: formatMonth(y, c.month), granularity: 'month', kind: 'date', basis: 'anchor' };
    }
    case 'year':
      return { value: String(c.year), granularity: 'year', kind: 'date', basis: 'absolute' };
    case 'relDay':
      if (!today) return UNRESOLVED('no anchor');
      return dayValue(addDays(today, c.delta), c, anchor, 'anchor');
    case 'weekday': {
      if (!today) return UNRESOLVED('no anchor');
      const w = weekday(today);
      const back = (w - c.weekday + 7) % 7; // days back to the most recent such day, today included
      const fwd = (c.weekday - w + 7) % 7; // days forward to the next such day, today included
      let delta: number;
      if (c.modifier === 'last') delta = -(back === 0 ? 7 : back);
      else if (c.modifier === 'next') delta = fwd === 0 ? 7 : fwd;
      else {
        // Past tense: today or the most recent such day; future: today or the next one; no tense marked ("Tuesday's
        // primary"): the nearer of the two, the past one on a tie (news mostly reports what has happened).
        const t = tense();
        delta = t === 'future' ? fwd : t === 'past' ? -back : fwd < back ? fwd : -back;
      }
      return dayValue(addDays(today, delta), c, anchor, 'anchor');
    }
    case 'period': {
      if (!today) return UNRESOLVED('no anchor');
      if (c.unit === 'week') return { value: isoWeek(addDays(today, 7 * c.delta)), granularity: 'week', kind: 'date', basis: 'anchor' };
      if (c.unit === 'month') {
        const m = addMonths(today, c.delta);
        return { value: formatMonth(m.y, m.m), granularity: 'month', kind: 'date', basis: 'anchor' };
      }
      return { value: String(today.y + c.delta), granularity: 'year', kind: 'date', basis: 'anchor' };
    }
    case 'shift': {
      if (c.unit === 'hour' || c.unit === 'minute') return { value: durationValue(c.n, c.unit), granularity: null, kind: 'duration', basis: null };
      if (c.dir === 'ago') {
        if (!today) return UNRESOLVED('no anchor');
        return shiftBy(today, -c.n, c.unit);
      }
      const ref = reference();
      if (!ref) return UNRESOLVED('no date in the sentence to count from');
      // "two days after X" dates X: two days before the reference; "two days later" is two days after it.
      const sign = c.dir === 'later' || c.dir === 'before' ? 1 : -1;
      const r = shiftBy(ref, sign * c.n, c.unit);
      return { ...r, basis: 'reference' };
    }
    case 'duration':
      return { value: durationValue(c.n, c.unit), granularity: null, kind: 'duration', basis: null };
    case 'time': {
      if (!today) return UNRESOLVED('no anchor');
      return dayValue(today, { ...c, type: 'relDay', delta: 0, time: { h: c.h, mi: c.mi, zone: c.zone } } as DateTimeCandidate, anchor, 'anchor');
    }
  }
}
