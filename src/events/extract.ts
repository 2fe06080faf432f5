// Events of one document: triggers from data/events/lexicon.json, each given a date (the nearest time expression in
// its sentence, else the date of the post or document that reports it), a place, an actor, participants,
// casualties and the sources the text names. Work per trigger is bounded by its sentence (capped in length).
import type { EventDate, NewsEvent, NewsRecord, Span } from '../model/record.js';
import { span } from '../model/span.js';
import { addMonths, dayNumber, parseDay, weekday } from './time/calendar.js';
import type { SentenceBound } from './time/resolve.js';
import type { TimeAnchor, TimeExpression } from './time/types.js';
import { alternation, escapeRe, eventLexicon } from './lexicon.js';
import { countryOf, MentionIndex, nameAt, refFor } from './names.js';
import { findCasualties } from './casualties.js';
import { readHeader } from '../ingest/header.js';
import { SpanIndex } from './spans.js';
import { partitionPoint } from '../util/search.js';

/** A sentence longer than this is read only this far around a trigger (a 5 MB "sentence" costs no more). */
export const MAX_CONTEXT_CHARS = 400;
/** An event dated this many days or more before its report is history told for context ("in 1994"). */
export const BACKGROUND_DAYS = 365;
/** Words before a trigger searched for a demonym naming the actor ("an overnight Russian drone strike"). */
export const DEMONYM_WORDS_BEFORE = 3;
/** Words before a trigger, in its clause, searched for a cue that makes it hypothetical ("a possible meeting"). */
export const IRREALIS_WORDS_BEFORE = 4;
/** Place names kept per mention for merging ("in the Oval Office at the White House" names both). */
export const MAX_PLACES = 4;
// Bylines, datelines and boilerplate say who wrote and when; related-article cards tease other articles' news.
const META_BLOCKS = new Set(['byline', 'dateline', 'boilerplate', 'related']);
const TITLE_BLOCKS = new Set(['heading', 'post_title']);
/** Where a clause begins, looking back from a trigger: punctuation or a subordinating word. */
const CLAUSE_BREAK = /(?:[,;:(“”"]|\s[-–—]\s|(?<![\p{L}])(?:after|before|when|while|as|since|that|which|who)(?![\p{L}]))/giu;
const CLAUSE_DASH = /\s[-–—]\s/;
/** Characters past the end of a search that a regular expression scanning a window may read: every match of
 * CLAUSE_BREAK, CAP_START and a place preposition starting inside the window ends, with its look-ahead, within this
 * many characters of the window's end (see placeMargin), so the text cut there reads the same as the whole text.
 * A regular expression run over the whole text from a trigger would otherwise scan on to the end of a text holding
 * no further match, once per trigger. */
const CLAUSE_MARGIN = 16;
const STRONG_PLACE_PREP = /^(?:in|near|outside|around|into|across|on the outskirts of)\b/i;

/** An event as first read, before merging: where it is and whether its date was stated. */
export interface EventMention {
  event: NewsEvent;
  sentence: number;
  post: number;
  dateStated: boolean;
  anaphoric: boolean;
  reportDay: string | null;
  /** The trigger is in a heading or post title (which sums up the story under it). */
  title: boolean;
  /** A sequence word ("later", "then") before the trigger: a further event, not a report of an earlier one. */
  sequence: boolean;
  /** Every place the mention's sentence names (the event's place first). */
  places: string[];
}

let triggerRe: RegExp | null = null;
let triggerInfo: Map<string, { type: string; sub_type: string | null }> | null = null;

const wordsRe = (words: string[]) => new RegExp(`(?<![\\p{L}])(?:${alternation(words)})(?![\\p{L}])`, 'iu');
let cues: { irrealis: RegExp; agreementVerb: RegExp; sequence: RegExp; bareSupport: RegExp; topic: RegExp } | null = null;
function cueRes() {
  if (cues) return cues;
  const lex = eventLexicon();
  cues = {
    irrealis: wordsRe(lex.irrealis_cues),
    agreementVerb: wordsRe(lex.agreement_verbs),
    sequence: wordsRe(lex.sequence_markers),
    topic: new RegExp(`(?<![\\p{L}])(?:${alternation(lex.topic_prepositions)})[ \\t]{1,3}$`, 'iu'),
    bareSupport: new RegExp(`^[ \\t]{1,3}(?:${alternation(lex.bare_meeting_support_after)})(?![\\p{L}])`, 'iu'),
  };
  return cues;
}

/** Where the clause holding `at` begins (bounded by `from`). */
function clauseStart(text: string, from: number, at: number): number {
  let start = from;
  const re = CLAUSE_BREAK;
  re.lastIndex = from;
  // The text cut a little past `at` (a slice shares the text's characters, no copy): the search stops there.
  const window = text.slice(0, at + CLAUSE_MARGIN);
  let m: RegExpExecArray | null;
  while ((m = re.exec(window)) !== null && m.index < at) {
    start = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  return start;
}

function triggers(): { re: RegExp; info: Map<string, { type: string; sub_type: string | null }> } {
  if (!triggerRe || !triggerInfo) {
    const lex = eventLexicon();
    triggerInfo = new Map();
    for (const t of lex.triggers) for (const p of t.phrases) if (!triggerInfo.has(p)) triggerInfo.set(p, { type: t.type, sub_type: t.sub_type });
    triggerRe = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation([...triggerInfo.keys()])})(?![\\p{L}\\p{N}])`, 'giu');
  }
  return { re: triggerRe, info: triggerInfo };
}

export interface ExtractInput {
  record: NewsRecord;
  sentences: SentenceBound[];
  times: TimeExpression[];
  anchorAt(offset: number): TimeAnchor | null;
}

/**
 * The sentence holding the offset; else the first one after it, clamped to the last. Sentences are in order and do
 * not overlap, so the first ending after the offset is the one holding it, when one does.
 */
function sentenceIndex(sentences: SentenceBound[], offset: number): number {
  const i = partitionPoint(sentences.length, (k) => sentences[k]!.end > offset);
  return Math.max(0, Math.min(sentences.length - 1, i));
}

/** The post holding an offset, by an index of the posts built once per document (a search per trigger, not a pass). */
function postIndexer(record: NewsRecord): (offset: number) => number {
  const posts = new SpanIndex(record.posts.map((p) => p.span));
  // The first post holding the offset, as `record.posts.findIndex` finds it.
  return (offset) => (posts.length ? posts.firstCovering(offset) : -1);
}

/** The place prepositions' longest match and its look-ahead: a cut this far past a window reads as the whole text. */
function placeMargin(lex: ReturnType<typeof eventLexicon>): number {
  const longest = Math.max(0, ...lex.place_prepositions.map((w) => w.length), ...lex.place_nouns.map((w) => w.length));
  // phrase, up to 3 blanks and "the" or "of", up to 3 blanks, and the capital the look-ahead reads.
  return longest + 3 + 3 + 3 + 1 + CLAUSE_MARGIN;
}

/** The first '\n' in [from, to], or -1 (a search that stops at `to`, unlike `indexOf`). */
function newlineBetween(text: string, from: number, to: number): number {
  const end = Math.min(to, text.length - 1);
  for (let i = from; i <= end; i++) if (text.charCodeAt(i) === 10) return i;
  return -1;
}

/** The last '\n' in [from, to], or -1 (a search that stops at `from`, unlike `lastIndexOf`). */
function lastNewlineBetween(text: string, from: number, to: number): number {
  for (let i = Math.min(to, text.length - 1); i >= Math.max(0, from); i--) if (text.charCodeAt(i) === 10) return i;
  return -1;
}

/** The last day a date value covers (for the background test), as a day number. */
export function lastDayOf(value: string): number | null {
  if (/^\d{4}$/.test(value)) return dayNumber({ y: +value, m: 12, d: 31 });
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) {
    const next = addMonths({ y: +month[1]!, m: +month[2]!, d: 1 }, 1);
    return dayNumber({ y: next.y, m: next.m, d: 1 }) - 1;
  }
  const week = /^(\d{4})-W(\d{2})$/.exec(value);
  if (week) {
    // ISO week 1 holds 4 January; its Monday is 4 January minus (weekday - 1) days.
    const jan4 = { y: +week[1]!, m: 1, d: 4 };
    return dayNumber(jan4) - (weekday(jan4) - 1) + (+week[2]! - 1) * 7 + 6;
  }
  const d = parseDay(value);
  return d ? dayNumber(d) : null;
}

export function extractEvents(input: ExtractInput): EventMention[] {
  const { record, sentences, times } = input;
  const text = record.text;
  const lex = eventLexicon();
  const index = new MentionIndex(record);
  const { re, info } = triggers();
  const placePreps = new RegExp(`(?<![\\p{L}])(?:(?:${alternation(lex.place_prepositions)})(?:[ \\t]{1,3}the)?|(?:${alternation(lex.place_nouns)})[ \\t]{1,3}of)[ \\t]{1,3}(?=[A-Z])`, 'gu');
  const anaphora = new RegExp(`(?:^|[^\\p{L}])(?:${lex.anaphora.map(escapeRe).join('|')})[ \\t]{1,3}$`, 'iu');
  // Bylines, datelines and boilerplate tell who wrote and when it was posted, not what happened.
  const metaBlocks = new SpanIndex(record.blocks.filter((b) => META_BLOCKS.has(b.type)).map((b) => b.span));
  // The scraper's " date YYYY-MM-DD" header is when the page was read, not when anything in it happened.
  const headerEnd = readHeader(text)?.contentStart ?? 0;
  const inMeta = (start: number, end: number) => start < headerEnd || metaBlocks.overlaps(start, end);
  const titleSpans = record.blocks.filter((b) => TITLE_BLOCKS.has(b.type)).map((b) => b.span);
  if (record.headline) titleSpans.push(record.headline);
  for (const p of record.posts) if (p.title) titleSpans.push(p.title);
  const titles = new SpanIndex(titleSpans);
  const inTitle = (start: number) => titles.covers(start);
  const postIndex = postIndexer(record);
  const quotes = quoteIndex(record);
  const margin = placeMargin(lex);
  const cue = cueRes();
  const bareNouns = new Set(lex.bare_meeting_nouns);
  const agreementNouns = new Set(lex.agreement_nouns);
  const datedOnly = new Set(lex.dated_only);
  const organiserHeads = new Set(lex.meeting_organiser_nouns.map((n) => n.replace(/[ \t]+of$/, '')));
  const out: EventMention[] = [];
  let n = 0;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const phrase = m[0].toLowerCase();
    const kind = info.get(phrase);
    if (!kind) continue;
    const tStart = m.index;
    const tEnd = m.index + m[0].length;
    if (inMeta(tStart, tEnd)) continue;
    const si = sentenceIndex(sentences, tStart);
    const sent = sentences[si] ?? { start: 0, end: text.length };
    // The context is the sentence, never across a line break (a caption or timestamp line is not the same sentence).
    // Both searches stop MAX_CONTEXT_CHARS from the trigger: a line break further away changes nothing below.
    const lineStart = lastNewlineBetween(text, tStart - MAX_CONTEXT_CHARS, tStart) + 1;
    const nextBreak = newlineBetween(text, tEnd, tEnd + MAX_CONTEXT_CHARS);
    const lineEnd = nextBreak < 0 ? tEnd + MAX_CONTEXT_CHARS : nextBreak;
    const cStart = Math.max(sent.start, lineStart, tStart - MAX_CONTEXT_CHARS);
    const cEnd = Math.min(sent.end, lineEnd, text.length);
    // What is proposed, hoped for or hypothetical ("calls for a summit", "could be deployed") did not happen.
    const clause = clauseStart(text, cStart, tStart);
    const window = text.slice(clause, tStart).split(/\s+/).filter(Boolean).slice(-IRREALIS_WORDS_BEFORE).join(' ');
    if (cue.irrealis.test(window)) continue;
    const before = text.slice(cStart, tStart);
    const lastWord = /([A-Z][\p{L}.]*)[ \t]{1,3}$/u.exec(before);
    // A bare "talks" is a topic ("security talks", "talks on X are futile") unless it names who talks: "US talks",
    // "talks with X".
    if (bareNouns.has(phrase)) {
      const named = lastWord && (countryOf(lastWord[1]!) || index.at(lastWord.index, lastWord.index + lastWord[1]!.length));
      if (!named && !cue.bareSupport.test(text.slice(tEnd, tEnd + 12))) continue;
    }
    // "An agreement" is an event only when its sentence says it was signed, reached or struck.
    if (agreementNouns.has(phrase) && !cue.agreementVerb.test(text.slice(cStart, cEnd))) continue;
    const anchor = input.anchorAt(tStart);
    const reportDay = anchor ? `${anchor.y}-${String(anchor.m).padStart(2, '0')}-${String(anchor.d).padStart(2, '0')}` : null;

    // Date: the nearest dated expression in the sentence; else the day of the post or document reporting it.
    let best: TimeExpression | null = null;
    let bestDist = Infinity;
    for (const t of timesIn(times, cStart, cEnd)) {
      if (t.kind !== 'date' || !t.value || inMeta(t.span.start, t.span.end)) continue;
      // A dash between them is a clause break: "KYIV, May 26 (Reuters) - A strike hit ..." dates the report.
      const between = t.span.end <= tStart ? text.slice(t.span.end, tStart) : text.slice(tEnd, t.span.start);
      if (CLAUSE_DASH.test(between)) continue;
      const dist = t.span.start >= tEnd ? t.span.start - tEnd : Math.max(0, tStart - t.span.end);
      if (dist < bestDist) {
        best = t;
        bestDist = dist;
      }
    }
    // A plan ("will meet") is an event only when it is dated.
    if (!best && datedOnly.has(phrase)) continue;
    const date: EventDate | null = best
      ? { value: best.value!, granularity: best.granularity ?? 'day', anchor: best.anchor }
      : reportDay
        ? { value: reportDay, granularity: 'day', anchor: anchor!.source }
        : null;

    // Place: a capitalised name after a place preposition ("in Kharkiv", "villages of X"), after the trigger first.
    const placeList: NonNullable<NewsEvent['place']>[] = [];
    const findPlace = (from: number, to: number, all = false) => {
      placePreps.lastIndex = from;
      const window = text.slice(0, to + margin);
      let p: RegExpExecArray | null;
      while ((p = placePreps.exec(window)) !== null && p.index < to) {
        const run = nameAt(text, p.index + p[0].length, to);
        if (!run || /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(run.name)) continue;
        // A date ("in January") or a demonym ("at Ukrainian facilities") is not a place.
        if (timesIn(times, run.start, run.end).length || (countryOf(run.name) && countryOf(run.name) !== run.name && !/^[A-Z]{2,3}$/.test(run.name))) continue;
        const hit = index.at(run.start, run.end);
        // People are not places, but after "in"/"near" a name is a place even when the tagger took it for a person;
        // an organisation after "in"/"at" is a venue ("at the White House").
        if (hit && hit.type === 'PERSON' && !STRONG_PLACE_PREP.test(p[0])) continue;
        if (!all) return refFor(index, run);
        if (placeList.length >= MAX_PLACES) break;
        placeList.push(refFor(index, run));
        // "in Odesa, Ukraine": the country the place is in is named too.
        const inCountry = /^,[ \t]{1,3}([A-Z][\p{L}]+)/u.exec(text.slice(run.end, run.end + 40));
        if (inCountry && countryOf(inCountry[1]!)) placeList.push({ entity: null, name: countryOf(inCountry[1]!)! });
      }
      return null;
    };
    let place = findPlace(tEnd, cEnd);
    // A country word right before a meeting's trigger places it ("US talks").
    const topic = lastWord && cue.topic.test(text.slice(Math.max(cStart, lastWord.index - 16), lastWord.index));
    if (!place && kind.type === 'meeting' && lastWord && !topic && countryOf(lastWord[1]!)) place = { entity: null, name: countryOf(lastWord[1]!)! };
    if (!place) place = findPlace(cStart, tStart);
    findPlace(cStart, cEnd, true);
    const places = [...new Set([place?.name, ...placeList.map((p) => p.name)].filter((x): x is string => !!x))];

    // Actor: the subject of the trigger's clause when it is a person or organisation ("US President Donald Trump
    // meets"), else a demonym just before the trigger ("Russian drone strike"), else the subject or nearest name.
    const subject = index.within(clause, tStart).find((x) => (x.type === 'PERSON' || x.type === 'ORG') && x.kind !== 'pronoun');
    let actor: NewsEvent['actor'] = subject ? subject.ref : null;
    const words = before.split(/\s+/).filter(Boolean).slice(-DEMONYM_WORDS_BEFORE);
    for (let i = words.length - 1; i >= 0 && !actor; i--) {
      const c = countryOf(words[i]!.replace(/[^\p{L}'’.]/gu, ''));
      if (c && /^[A-Z]/.test(words[i]!)) actor = { entity: null, name: c };
    }
    // "A meeting of NATO's military committee": the body that meets.
    const lastTriggerWord = phrase.split(' ').pop()!;
    const of = /^[ \t]{1,3}of[ \t]{1,3}(?:the[ \t]{1,3})?/.exec(text.slice(tEnd, tEnd + 12));
    if (!actor && kind.type === 'meeting' && (organiserHeads.has(lastTriggerWord) && of)) {
      const run = nameAt(text, tEnd + of![0].length, cEnd);
      if (run) actor = refFor(index, run);
    }
    // Else the subject: the first name, role or metonym of the trigger's clause; else the nearest name before it.
    if (!actor) actor = subjectOf(index, clause, tStart);
    if (!actor) actor = nearestNameBefore(text, index, cStart, tStart);
    const participants = namesAfter(text, index, tEnd, cEnd).filter((p) => p.name !== place?.name && p.name !== actor?.name);

    const casualties = findCasualties(text, cStart, cEnd);
    const sources = findSources(quotes, text, cStart, cEnd);
    const evidence: Span[] = [trimSpan(text, span(text, cStart, cEnd))];
    const last = date ? lastDayOf(date.value) : null;
    const report = reportDay ? lastDayOf(reportDay) : null;
    const background = last !== null && report !== null && last <= report - BACKGROUND_DAYS;
    const event: NewsEvent = {
      id: `${record.id}:e${++n}`,
      type: kind.type,
      sub_type: kind.sub_type,
      trigger: span(text, tStart, tEnd),
      actor,
      participants,
      place,
      date,
      casualties,
      sources,
      evidence,
      background,
      confidence: best ? 0.7 : 0.5,
    };
    out.push({
      event,
      sentence: si,
      post: postIndex(tStart),
      dateStated: !!best,
      anaphoric: anaphora.test(text.slice(Math.max(0, tStart - 8), tStart)),
      reportDay,
      title: inTitle(tStart),
      sequence: cue.sequence.test(text.slice(clause, tStart)),
      places,
    });
  }
  return out;
}

function trimSpan(text: string, s: Span): Span {
  let a = s.start;
  let b = s.end;
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return span(text, a, b);
}

/** Time expressions overlapping [start, end) (times are sorted by offset). */
function timesIn(times: TimeExpression[], start: number, end: number): TimeExpression[] {
  const lo = partitionPoint(times.length, (i) => times[i]!.span.end > start);
  const out: TimeExpression[] = [];
  for (let i = lo; i < times.length && times[i]!.span.start < end; i++) out.push(times[i]!);
  return out;
}

const CAP_START = /(?<![\p{L}\p{N}'’])[A-Z]/gu;

/** The first entity named, by name, alias, role or metonym (not a pronoun), in [from, to). */
function subjectOf(index: MentionIndex, from: number, to: number): NewsEvent['actor'] {
  const first = index.within(from, to).find((m) => m.type !== 'MISC' && m.kind !== 'pronoun');
  return first ? first.ref : null;
}

function nearestNameBefore(text: string, index: MentionIndex, from: number, to: number): NewsEvent['actor'] {
  const mentions = index.within(from, to).filter((m) => m.type !== 'MISC');
  if (mentions.length) return mentions[mentions.length - 1]!.ref;
  let last: NewsEvent['actor'] = null;
  CAP_START.lastIndex = from;
  const window = text.slice(0, to + CLAUSE_MARGIN);
  let m: RegExpExecArray | null;
  while ((m = CAP_START.exec(window)) !== null && m.index < to) {
    const run = nameAt(text, m.index, to);
    if (run) {
      last = refFor(index, run);
      CAP_START.lastIndex = Math.max(run.end, m.index + 1);
    }
  }
  return last;
}

function namesAfter(text: string, index: MentionIndex, from: number, to: number): NonNullable<NewsEvent['actor']>[] {
  const out: NonNullable<NewsEvent['actor']>[] = [];
  const seen = new Set<string>();
  const mentions = index.within(from, to).filter((m) => m.type === 'PERSON' || m.type === 'ORG');
  if (mentions.length) {
    for (const mm of mentions) if (!seen.has(mm.ref.name) && seen.add(mm.ref.name)) out.push(mm.ref);
    return out.slice(0, 4);
  }
  CAP_START.lastIndex = from;
  const window = text.slice(0, to + CLAUSE_MARGIN);
  let m: RegExpExecArray | null;
  while ((m = CAP_START.exec(window)) !== null && m.index < to && out.length < 4) {
    const run = nameAt(text, m.index, to);
    if (run) {
      const ref = refFor(index, run);
      if (!seen.has(ref.name)) {
        seen.add(ref.name);
        out.push(ref);
      }
      CAP_START.lastIndex = Math.max(run.end, m.index + 1);
    }
  }
  return out;
}

/** The quotes of a record that name their speaker's mention, indexed by content span. */
function quoteIndex(record: NewsRecord): { mentions: Span[]; index: SpanIndex } {
  const named = (record.quotes ?? []).filter((q) => q.speaker.mention);
  return { mentions: named.map((q) => q.speaker.mention!), index: new SpanIndex(named.map((q) => q.content)) };
}

let sourceRe: RegExp | null = null;

/** Who the text says reports it: quotes whose content overlaps the context, else "X said" / "according to X". */
function findSources(quotes: ReturnType<typeof quoteIndex>, text: string, from: number, to: number): Span[] {
  // The quotes overlapping the context, in record order.
  const out: Span[] = quotes.index.overlapping(from, to).map((i) => quotes.mentions[i]!);
  if (out.length) return out;
  // "..., regional governor Oleh Syniehubov said": the name is the capitalised run inside the phrase before the verb.
  sourceRe ??= new RegExp(`(?:,[ \\t]{1,3}|^)([^,.;:!?"“”]{1,80}?)[ \\t]{1,3}(?:${alternation(eventLexicon().source_verbs)})\\b|according[ \\t]to[ \\t]{1,3}(?:the[ \\t]{1,3})?([A-Z][^,.;:!?]{0,60})`, 'g');
  const re = sourceRe;
  re.lastIndex = 0;
  const slice = text.slice(from, to);
  let m: RegExpExecArray | null;
  while ((m = re.exec(slice)) !== null) {
    const group = m[1] ?? m[2]!;
    const capital = group.search(/[A-Z]/);
    if (capital < 0) continue;
    const at = from + m.index + m[0].indexOf(group) + capital;
    const run = nameAt(text, at, at + group.length - capital);
    if (run) out.push(span(text, run.start, run.end));
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}
