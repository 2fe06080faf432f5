// Recognisers of time expressions: regular expressions built from data/time/lexicon.json. Every quantifier is
// bounded (S = 1 to 3 spaces), so each start position costs a constant amount of work and a scan is linear in the
// length of the text, whatever it contains (long runs of spaces, digits or quote marks).
import { timeLexicon } from './lexicon.js';

export type Unit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'decade';

export type Candidate = { start: number; end: number } & (
  | { type: 'date'; day: number; month: number; year: number | null; weekday: number | null }
  | { type: 'monthYear'; month: number; year: number }
  | { type: 'month'; month: number; modifier: 'last' | 'next' | 'this' | null }
  | { type: 'year'; year: number }
  | { type: 'iso'; y: number; m: number; d: number; h: number | null; mi: number | null; offset: string | null }
  | { type: 'relDay'; delta: number }
  | { type: 'weekday'; weekday: number; modifier: 'last' | 'next' | 'this' | null }
  | { type: 'period'; unit: 'week' | 'month' | 'year'; delta: number }
  | { type: 'shift'; n: number; unit: Unit; dir: 'ago' | 'later' | 'earlier' | 'after' | 'before' }
  | { type: 'duration'; n: number; unit: Unit }
  | { type: 'time'; h: number; mi: number; zone: string | null }
);

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (words: string[]) => [...words].sort((a, b) => b.length - a.length).map(esc).join('|');

const S = '[ \\t\\u00a0]{1,3}';
const SO = '[ \\t\\u00a0]{0,3}';
const H = `(?:${S}|-)`;

interface Recogniser {
  re: RegExp;
  build(m: RegExpExecArray, start: number, end: number): Candidate | null;
}

let cached: Recogniser[] | null = null;

/** The whole input a match was made on (RegExpExecArray keeps it). */
const textOf = (m: RegExpExecArray) => m.input;

function numberValue(word: string): number | null {
  const lex = timeLexicon();
  const w = word.toLowerCase();
  const half = /[- ]and[- ]a[- ]half$/.test(w);
  const base = w.replace(/[- ]and[- ]a[- ]half$/, '');
  let n: number | null;
  if (/^\d+(?:\.\d+)?$/.test(base)) n = Number(base);
  else n = lex.numbers[base] ?? null;
  if (n === null || !Number.isFinite(n)) return null;
  return half ? n + 0.5 : n;
}

function unitOf(word: string): Unit {
  return word.toLowerCase().replace(/s$/, '') as Unit;
}

function modifierOf(word: string | undefined): 'last' | 'next' | 'this' | null {
  if (!word) return null;
  const w = word.toLowerCase();
  if (w === 'last' || w === 'previous') return 'last';
  if (w === 'next' || w === 'coming') return 'next';
  if (w === 'this') return 'this';
  return null;
}

export function recognisers(): Recogniser[] {
  if (cached) return cached;
  const lex = timeLexicon();
  // A full stop belongs to a month only after an abbreviation ("Aug. 20"), not at a sentence end ("in early March.").
  const abbreviations = Object.keys(lex.months).filter((k) => k.length <= 4 && k !== 'June' && k !== 'July');
  const M = `(${alt(Object.keys(lex.months))})(?:(?<=(?:${alt(abbreviations)}))\\.)?(?![A-Za-z])`;
  const W = `(${alt(Object.keys(lex.weekdays))})`;
  const numberWords = Object.keys(lex.numbers).filter((w) => lex.numbers[w] !== null);
  const countWords = numberWords.filter((w) => w !== 'a' && w !== 'an');
  const NUM = `((?:${alt(numberWords)}|\\d{1,3})(?:-and-a-half| and a half)?)`;
  const COUNT = `((?:${alt(countWords)}|\\d{1,4}(?:\\.\\d)?)(?:-and-a-half| and a half)?)`;
  const UNIT = '(years?|months?|weeks?|days?|hours?|minutes?|decades?)';
  const ZONE = `(${alt(Object.keys(lex.zones))})(?![A-Za-z])`;
  const month = (s: string) => lex.months[s.replace(/\.$/, '')]!;
  const wday = (s: string | undefined) => (s ? lex.weekdays[s]! : null);
  const yearCues = alt(lex.yearCues);

  cached = [
    // "Wednesday (20 August)", "21 August 2025", "Thursday, 5th of March"
    {
      // Glued bylines ("Ann Lee21 March 2024") put a letter right before the day: only digits are refused there.
      re: new RegExp(`(?<!\\d)(?:${W}(?:'s|’s)?,?${SO}\\(?${SO})?(\\d{1,2})(?:st|nd|rd|th)?${S}(?:of${S})?${M}(?:,?${S}(\\d{4})(?!\\d))?\\)?`, 'g'),
      build: (m, start, end) => ({ type: 'date', start, end, weekday: wday(m[1]), day: +m[2]!, month: month(m[3]!), year: m[4] ? +m[4] : null }),
    },
    // "August 20", "Aug. 20, 2025", "Wednesday, Aug. 20"
    {
      re: new RegExp(`(?<![A-Za-z])(?:${W},?${S})?${M}${S}(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:.]\\d|\\d)(?:,?${S}(\\d{4})(?!\\d))?`, 'g'),
      build: (m, start, end) => ({ type: 'date', start, end, weekday: wday(m[1]), month: month(m[2]!), day: +m[3]!, year: m[4] ? +m[4] : null }),
    },
    // "August 2025", "mid-August 2025"
    {
      re: new RegExp(`(?<![A-Za-z])(?:(?:early|mid|late)${H})?${M},?${S}(\\d{4})(?!\\d)`, 'g'),
      build: (m, start, end) => ({ type: 'monthYear', start, end, month: month(m[1]!), year: +m[2]! }),
    },
    // "in August", "last March", "mid-August": a bare month needs a cue, or "May" the verb would be read as a date
    {
      re: new RegExp(`(?<![A-Za-z])(?:(?:in|since|by|until|from|during|through|before|after)${S})?(?:(early|mid|late|last|next|this)${H})?${M}`, 'gi'),
      build: (m, start, end) => {
        const name = m[2]!.replace(/\.$/, '');
        // An article before a month used as a modifier ("a March speech", "the November election") also cues it.
        const article = /(?:^|[^A-Za-z])(?:a|an|the)[ \t\u00a0]{1,3}$/i.test(textOf(m).slice(Math.max(0, m.index - 5), m.index));
        const modifies = /^[ \t\u00a0]{1,3}[a-z]/.test(textOf(m).slice(end, end + 4));
        if (article && modifies && !m[1] && m[0] === m[2] && /^[A-Z]/.test(name) && !lex.articleMonthExcluded.has(name)) {
          return { type: 'month', start, end, month: month(m[2]!), modifier: null };
        }
        const cued = /^(?:in|since|by|until|from|during|through|before|after|early|mid|late|last|next|this)\b/i.test(m[0]);
        // Month names are capitalised in news style; "this may take" is not a date.
        if (!cued || !(name in lex.months) || name.length < 3 || !/^[A-Z]/.test(name)) return null;
        const lead = /^(in|since|by|until|from|during|through|before|after)[ \t\u00a0]{1,3}/i.exec(m[0]);
        return { type: 'month', start: start + (lead ? lead[0].length : 0), end, month: month(m[2]!), modifier: modifierOf(m[1]) };
      },
    },
    // "in 1994", "the 2016 election", "since 2014"; not "the 1990s", "2000 people" after "of"
    {
      re: new RegExp(`(?<![A-Za-z])(?:${yearCues})(?:${S}|-)((?:1[89]|20)\\d\\d)(?![\\d,.]\\d|\\d|s\\b|’s|'s${S}[a-z]+s\\b|${S}(?:people|votes|troops|jobs|members|cases|times|deaths|residents|of)\\b)`, 'gi'),
      build: (m, start, end) => ({ type: 'year', start: end - 4, end, year: +m[1]! }),
    },
    // ISO dates and timestamps
    {
      re: /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?(?![\d])/g,
      build: (m, start, end) => ({ type: 'iso', start, end, y: +m[1]!, m: +m[2]!, d: +m[3]!, h: m[4] ? +m[4] : null, mi: m[5] ? +m[5] : null, offset: m[6] ?? null }),
    },
    // "yesterday", "the day before yesterday", "tonight", "this morning", "last night", "yesterday evening"
    {
      re: new RegExp(`(?<![A-Za-z])(the day before yesterday|the day after tomorrow|yesterday|today|tonight|tomorrow|this${S}(?:morning|afternoon|evening)|last${S}night|earlier today|later today)(?:${S}(?:morning|afternoon|evening|night))?(?![A-Za-z])`, 'gi'),
      build: (m, start, end) => {
        const w = m[1]!.toLowerCase();
        const delta = w.includes('before yesterday') ? -2 : w.includes('after tomorrow') ? 2 : w.startsWith('yesterday') || w.startsWith('last') ? -1 : w.startsWith('tomorrow') ? 1 : 0;
        return { type: 'relDay', start, end, delta };
      },
    },
    // "Tuesday", "on Tuesday evening", "last Friday", "Friday's": plural weekdays ("on Tuesdays") are habits, not dates
    {
      // A capitalised name word after the weekday makes a title ("Saturday Night Live"); "Friday nights" is a habit.
      re: new RegExp(`(?<![A-Za-z])(?:(last|next|this|previous|coming|Last|Next|This|Previous|Coming)${S})?${W}(?:'s|’s)?(?![A-Za-z]|${S}(?:${alt(lex.weekdayNameWords)}|mornings|afternoons|evenings|nights)(?![A-Za-z]))(?:${S}(?:morning|afternoon|evening|night)(?![A-Za-z]))?`, 'g'),
      build: (m, start, end) => ({ type: 'weekday', start, end, weekday: wday(m[2])!, modifier: modifierOf(m[1]) }),
    },
    // "this week", "last month", "next year", "earlier this week" (the period part)
    {
      re: new RegExp(`(?<![A-Za-z])(this|last|next|coming|the following|the previous)${S}(week|weekend|month|year)(?![A-Za-z])`, 'gi'),
      build: (m, start, end) => {
        const w = m[1]!.toLowerCase();
        const unit = m[2]!.toLowerCase();
        const delta = w === 'this' ? 0 : w === 'last' || w === 'the previous' ? -1 : 1;
        return { type: 'period', start, end, unit: unit === 'weekend' ? 'week' : (unit as 'week' | 'month' | 'year'), delta };
      },
    },
    // "two days ago", "a week later", "two days after", "three years earlier"
    {
      re: new RegExp(`(?<![A-Za-z\\d])${NUM}${H}${UNIT}${S}(ago|later|earlier|after|before)(?![A-Za-z])`, 'gi'),
      build: (m, start, end) => {
        const n = numberValue(m[1]!);
        if (n === null) return null;
        return { type: 'shift', start, end, n, unit: unitOf(m[2]!), dir: m[3]!.toLowerCase() as 'ago' };
      },
    },
    // "the next day", "the following day", "the day before" (one day from the reference)
    {
      re: new RegExp(`(?<![A-Za-z])(?:the${S}(?:next|following)${S}day|the${S}day${S}(?:after|before)(?!${S}(?:yesterday|tomorrow))|the${S}previous${S}day)(?![A-Za-z])`, 'gi'),
      build: (m, start, end) => ({ type: 'shift', start, end, n: 1, unit: 'day', dir: /before|previous/i.test(m[0]) ? 'earlier' : 'later' }),
    },
    // durations: "a three-and-a-half-year conflict", "for 48 hours", "a two-day visit"; not ages ("35-year-old")
    {
      re: new RegExp(`(?<![A-Za-z\\d.])${COUNT}${H}${UNIT}(?:-long)?(?![A-Za-z]|-old|${S}old\\b|${S}(?:ago|later|earlier|after|before)\\b)`, 'gi'),
      build: (m, start, end) => {
        const n = numberValue(m[1]!);
        return n === null ? null : { type: 'duration', start, end, n, unit: unitOf(m[2]!) };
      },
    },
    // "3pm", "4.30 p.m.", "10am BST"
    {
      re: new RegExp(`(?<![\\d.:])(\\d{1,2})(?:[:.](\\d{2}))?${SO}(a\\.m\\.|p\\.m\\.|am|pm)(?![A-Za-z])(?:${S}${ZONE})?`, 'gi'),
      build: (m, start, end) => {
        let h = +m[1]!;
        const mi = m[2] ? +m[2] : 0;
        if (h < 1 || h > 12 || mi > 59) return null;
        const pm = m[3]!.toLowerCase().startsWith('p');
        h = (h % 12) + (pm ? 12 : 0);
        return { type: 'time', start, end, h, mi, zone: m[4] ?? null };
      },
    },
    // "04:42", "18:59 BST"
    {
      re: new RegExp(`(?<![\\d.:])([01]?\\d|2[0-3]):([0-5]\\d)(?![\\d:]|${SO}(?:a\\.m\\.|p\\.m\\.|am|pm))(?:${S}${ZONE})?`, 'g'),
      build: (m, start, end) => ({ type: 'time', start, end, h: +m[1]!, mi: +m[2]!, zone: m[3] ?? null }),
    },
  ];
  return cached;
}

/** Candidates of every recogniser, overlaps settled in favour of the longer match (then the earlier). */
export function findCandidates(text: string): Candidate[] {
  const all: Candidate[] = [];
  for (const r of recognisers()) {
    r.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = r.re.exec(text)) !== null) {
      if (m[0].length === 0) {
        r.re.lastIndex++;
        continue;
      }
      let end = m.index + m[0].length;
      // A closing bracket belongs to the expression only when it opened inside it ("Wednesday (20 August)").
      if (m[0].endsWith(')') && !m[0].includes('(')) end--;
      const c = r.build(m, m.index, end);
      if (c) all.push(c);
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Candidate[] = [];
  for (const c of all) {
    const last = kept[kept.length - 1];
    if (last && c.start < last.end) {
      if (c.end - c.start > last.end - last.start) kept[kept.length - 1] = c;
      continue;
    }
    kept.push(c);
  }
  return kept;
}
