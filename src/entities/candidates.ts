// Name mentions of a document before resolution: the tagger's mentions when it ran (doc.ner), else capitalised
// sequences typed by cues; the alias table's names in both cases. Titles and honorifics before a person's name join
// the mention ("Mr Barnier", "Admiral Byrd"); longer capitalised offices ("Foreign Minister") are left to roles.
import type { EntityType } from '../model/record.js';
import type { AnalysisDoc, Token } from '../pipeline/doc.js';
import type { AliasEntry } from './aliasTable.js';
import { lexicon } from './data.js';
import type { AliasMatcher } from './matcher.js';
import { orgPhraseData } from './orgPhrases.js';
import { inTitleCaseLine } from './titleCaseLine.js';
import { isQuoteMarkChar } from '../language/quoteMarks.js';
import { excludedRanges, inRanges } from './scope.js';
import { isAllCaps, isCapitalised, nextWord, opensSentence, possessiveAfter, prevWord, tokenIndexAt } from './tokens.js';
import { partitionPoint } from '../util/search.js';

export interface Candidate {
  /** The mention span: name plus the honorifics and single titles before it. */
  start: number;
  end: number;
  /** Where the name proper starts (after "Mr", "Admiral Sir"). */
  nameStart: number;
  type: EntityType;
  source: 'ner' | 'table' | 'heuristic';
  entry: AliasEntry | null;
  /** Where the name form the text uses for the person starts: after leading office titles ("President"), which are
   * roles, but before ranks and honorifics ("Admiral", "Mr"), which are how the person is addressed. */
  formStart?: number;
  /** Honorifics and titles inside the span, lower case. */
  titles: string[];
  confidence: number;
  /** Tokens [tokenStart, tokenEnd) the mention covers. */
  tokenStart: number;
  tokenEnd: number;
  /** Set by metonymy: a capital or seat standing for its country's government. */
  metonymy?: boolean;
  metonymyReason?: string;
}

/** A middle initial: "O." in "Lindsey O. Graham". */
const INITIAL = /^\p{Lu}\.$/u;
/** A run of capitalised words longer than this is a headline in title case or all-caps text, not one name. */
export const MAX_NAME_TOKENS = 7;
/** Confidence of names found only by capitalisation cues: below the tagger's typical confidence on the same names. */
const HEURISTIC_CONFIDENCE = 0.6;
/** Confidence of alias-table names: curated, but a table hit can still be another thing of the same name. */
const TABLE_CONFIDENCE = 0.9;
/** POS tags that never start or continue a name, whatever their case. */
const NON_NAME_POS = new Set(['PRON', 'DET', 'ADP', 'CCONJ', 'SCONJ', 'AUX', 'PART', 'PUNCT', 'SYM', 'SPACE', 'NUM', 'X']);
/** Connectors allowed inside organisation and place names after a designator ("Bank of England"). */
const NAME_CONNECTORS = new Set(['of', 'for', 'and']);

const NER_TYPES: Record<string, EntityType> = { PER: 'PERSON', ORG: 'ORG', LOC: 'PLACE', MISC: 'MISC' };

export function findCandidates(doc: AnalysisDoc, matcher: AliasMatcher): Candidate[] {
  const tokens = doc.tokens ?? [];
  const text = doc.record.text;
  const excluded = excludedRanges(doc.record);
  const table: Candidate[] = [];
  for (const m of matcher.find(text)) {
    if (inRanges(excluded, m.start, m.end)) continue;
    const ts = tokenIndexAt(tokens, m.start);
    const te = Math.max(ts + 1, tokenIndexAt(tokens, m.end - 1) + 1);
    table.push({
      start: m.start,
      end: m.end,
      nameStart: m.start,
      type: m.entry.type,
      source: 'table',
      entry: m.entry,
      titles: [],
      confidence: TABLE_CONFIDENCE,
      tokenStart: ts,
      tokenEnd: te,
    });
  }
  const others = doc.ner ? fromNer(doc, tokens, excluded) : fromCapitals(doc, tokens, excluded, table);
  const merged = mergeWithTable(others, table, text);
  for (const c of merged) {
    if (c.source === 'table') continue;
    withoutEdgeQuoteMarks(c, tokens);
    stripTitles(c, tokens, text);
  }
  return merged.filter((c) => c.nameStart < c.end).sort((a, b) => a.start - b.start);
}

function fromNer(doc: AnalysisDoc, tokens: Token[], excluded: Array<[number, number]>): Candidate[] {
  const out: Candidate[] = [];
  const text = doc.record.text;
  for (const m of splitCoordinated(doc.ner ?? [], tokens, text).flatMap((m) => splitAtHeadlineVerb(m, tokens, text))) {
    // A name never spans a line break: such a span is a tagger slip over layout (a caption and the next line).
    if (inRanges(excluded, m.start, m.end) || text.slice(m.start, m.end).includes('\n')) continue;
    const ts = tokenIndexAt(tokens, m.start);
    const te = Math.max(ts + 1, tokenIndexAt(tokens, m.end - 1) + 1);
    let start = m.start;
    let tokenStart = ts;
    if (m.type === 'PER' && leftOutGivenName(tokens, ts, te)) {
      start = tokens[ts - 1]!.start;
      tokenStart = ts - 1;
    }
    // The tagger may leave honorifics and titles out of a person's span: take the capitalised ones just before it.
    let extended = false;
    const nameFrom = tokenStart;
    if (m.type !== 'LOC') {
      for (let k = nameFrom - 1; k >= 0 && nameFrom - k <= 3; k--) {
        const t = tokens[k]!;
        if (!isCapitalised(t) || !isTitleWord(t.text)) break;
        // "Foreign Minister Penny Wong": a title that ends a longer office is a role, not part of the name.
        const before = tokens[k - 1];
        if (before && lexicon().roleHeads.has(`${before.text.toLowerCase()} ${t.text.toLowerCase()}`)) break;
        start = t.start;
        tokenStart = k;
        extended = true;
      }
    }
    // A title before the name makes it a person whatever the tagger said ("Admiral X" read as an organisation).
    let type = extended ? 'PERSON' : NER_TYPES[m.type] ?? 'MISC';
    // A name ending in "Memorandum", "Treaty", "Accord" is a document or agreement, never an organisation; "Trump v.
    // Trump", "Roe v Wade" is a court case (or a fixture), never a person.
    if (!extended && orgPhraseData().documentDesignators.has(tokens[te - 1]?.text.toLowerCase() ?? '')) type = 'MISC';
    if (hasVersus(tokens, tokenStart, te)) type = 'MISC';
    // The tagger's MISC or ORG next to a place noun ("the Donbas region") is the place.
    if (type === 'MISC') {
      const next = nextWord(tokens, te - 1);
      if (next && !isCapitalised(next) && lexicon().placeCues.has(next.text.toLowerCase())) type = 'PLACE';
    }
    out.push({
      start,
      end: m.end,
      nameStart: start,
      type,
      source: 'ner',
      entry: null,
      titles: [],
      confidence: m.confidence,
      tokenStart,
      tokenEnd: te,
    });
  }
  return out;
}

type NerSpan = NonNullable<AnalysisDoc['ner']>[number];

/** "Ted Kennedy Warns Biden Would Lose": in a title-case headline the tagger can read one name across a capitalised
 * verb of saying into the next name. The span is the names on either side of the verb. Only in a title-case line:
 * in running text a capitalised "Says" is part of a name ("the North East Says No campaign"). */
function splitAtHeadlineVerb(m: NerSpan, tokens: Token[], text: string): NerSpan[] {
  if (!inTitleCaseLine(text, m.start)) return [m];
  const ts = tokenIndexAt(tokens, m.start);
  const te = tokenIndexAt(tokens, m.end - 1);
  const verbs = lexicon().speechVerbs;
  for (let k = ts + 1; k < te; k++) {
    const t = tokens[k]!;
    if (!isCapitalised(t) || isAllCaps(t) || !verbs.has(t.text.toLowerCase())) continue;
    return [{ ...m, end: tokens[k - 1]!.end }, ...splitAtHeadlineVerb({ ...m, start: tokens[k + 1]!.start }, tokens, text)];
  }
  return [m];
}

/** "The Donetsk and Luhansk provinces": a tagger span joining two names before a plural place noun is two places. */
function splitCoordinated(ner: NonNullable<AnalysisDoc['ner']>, tokens: Token[], text: string): NonNullable<AnalysisDoc['ner']> {
  const out: NonNullable<AnalysisDoc['ner']> = [];
  const lex = lexicon();
  for (const m of ner) {
    const s = text.slice(m.start, m.end);
    const and = s.indexOf(' and ');
    if (and > 0) {
      const te = tokenIndexAt(tokens, m.end - 1);
      const next = nextWord(tokens, te);
      if (next && lex.placeCues.has(next.text.toLowerCase())) {
        out.push({ ...m, end: m.start + and, type: 'LOC' }, { ...m, start: m.start + and + 5, type: 'LOC' });
        continue;
      }
    }
    out.push(m);
  }
  return out;
}

function isTitleWord(word: string): boolean {
  const lex = lexicon();
  const w = word.replace(/\.$/, '').toLowerCase();
  return lex.honorifics.has(w) || lex.titleSet.has(w);
}

/** Capitalised sequences (no tagger): words with a capital that the POS tagger does not read as function words. */
function fromCapitals(
  doc: AnalysisDoc,
  tokens: Token[],
  excluded: Array<[number, number]>,
  table: Candidate[],
): Candidate[] {
  const lex = lexicon();
  const text = doc.record.text;
  const out: Candidate[] = [];
  const nameWord = (i: number): boolean => {
    const t = tokens[i];
    if (!t || !isCapitalised(t) || NON_NAME_POS.has(t.pos)) return false;
    if (lex.notNames.has(t.text.toLowerCase())) return false;
    // A capital at a sentence start is only a name if the tagger calls the word a proper noun.
    if (t.pos !== 'PROPN' && opensSentence(tokens, i)) return false;
    return true;
  };
  let i = 0;
  while (i < tokens.length) {
    if (!nameWord(i)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length && j - i <= MAX_NAME_TOKENS) {
      const prev = tokens[j - 1]!;
      const t = tokens[j]!;
      // Words of one name are separated by a single space or nothing (hyphenated names come as one token).
      const gap = t.start - prev.end;
      if (gap > 1 || (gap === 1 && text[prev.end] !== ' ') || /\d/.test(prev.text) || possessiveAfter(tokens, j - 1)) break;
      if (nameWord(j)) {
        j++;
        continue;
      }
      if (NAME_CONNECTORS.has(t.text) && lex.orgDesignators.has(prev.text.toLowerCase()) && nameWord(j + 1)) {
        j += 2;
        continue;
      }
      break;
    }
    if (j - i > MAX_NAME_TOKENS) {
      // A title-case headline or all-caps text: skip the whole run, it is not one name.
      while (j < tokens.length && nameWord(j)) j++;
      i = j;
      continue;
    }
    let start = i;
    // "The" belongs to a name mid-sentence ("according to The Times"); at a sentence start it is just the article.
    const before = tokens[i - 1];
    if (before && before.text === 'The' && i - 1 >= 0 && !opensSentence(tokens, i - 1) && before.end + 1 === tokens[i]!.start) {
      start = i - 1;
    }
    const end = tokens[j - 1]!;
    // A word glued to digits ("Dalton21", a scraped byline and its timestamp) ends at its last letter.
    const endChar = end.start + (/^[^\d]*/.exec(end.text)?.[0].length ?? end.text.length);
    const startChar = tokens[start]!.start;
    if (endChar > startChar && !inRanges(excluded, startChar, endChar)) {
      out.push({
        start: startChar,
        end: endChar,
        nameStart: startChar,
        type: 'MISC',
        source: 'heuristic',
        entry: null,
        titles: [],
        confidence: HEURISTIC_CONFIDENCE,
        tokenStart: start,
        tokenEnd: j,
      });
    }
    i = j;
  }
  splitAroundTable(out, table, tokens);
  for (const c of out) c.type = heuristicType(c, tokens, text, table);
  propagateCoordination(out, tokens);
  // Untyped single words stay as candidates: resolution keeps them only when they join a known name ("Putin" after
  // "Vladimir Putin", "Europe" after "Ukraine and Europe").
  return out;
}

/**
 * A capitalised run that contains a table name: "US General Dan Caine" is the country and a person (split off the
 * table part when a title or a two-word name follows it); "Budapest Memorandum" is one other name (the table hit
 * is dropped); "State Emergency Service of Ukraine" is one organisation.
 */
function splitAroundTable(out: Candidate[], table: Candidate[], tokens: Token[]): void {
  const byStart = new Map<number, Candidate>();
  for (const t of table) byStart.set(t.start, t);
  for (const c of out) {
    const first = byStart.get(c.start) ?? (c.start !== tokens[c.tokenStart]!.start ? undefined : undefined);
    if (first && first.end < c.end) {
      const restStart = first.tokenEnd;
      const rest = tokens.slice(restStart, c.tokenEnd);
      const geographic = first.entry && ['country', 'demonym', 'capital', 'place'].includes(first.entry.role);
      if (geographic && (isTitleWord(rest[0]?.text ?? '') || rest.length >= 2)) {
        c.tokenStart = restStart;
        c.start = c.nameStart = tokens[restStart]!.start;
        continue;
      }
      markAbsorbed(first);
      continue;
    }
    for (let k = firstStartingAfter(table, c.start); k < table.length && table[k]!.start < c.end; k++) {
      if (table[k]!.end <= c.end) markAbsorbed(table[k]!);
    }
  }
}

/** Index of the first candidate (sorted by start) that starts after `offset` (binary search). */
function firstStartingAfter(list: readonly Candidate[], offset: number): number {
  return partitionPoint(list.length, (i) => list[i]!.start > offset);
}

/** A table hit inside a longer name is not a mention of its own. */
function markAbsorbed(t: Candidate): void {
  t.confidence = -1;
}

/** Whether a name holds "v", "v.", "vs" or "versus" between its words: a court case or a fixture ("Roe v. Wade"). */
function hasVersus(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from + 1; k < to - 1; k++) if (/^(v|v\.|vs|vs\.|versus)$/i.test(tokens[k]!.text)) return true;
  return false;
}

function heuristicType(c: Candidate, tokens: Token[], text: string, table: Candidate[]): EntityType {
  const lex = lexicon();
  if (hasVersus(tokens, c.tokenStart, c.tokenEnd)) return 'MISC';
  const words = tokens.slice(c.tokenStart, c.tokenEnd).map((t) => t.text.toLowerCase().replace(/\.$/, ''));
  if (lex.honorifics.has(words[0]!) || (lex.titlesByFirst.get(words[0]!) ?? []).some((t) => t.length < words.length && t.every((w, d) => words[d] === w))) {
    return 'PERSON';
  }
  const last = words[words.length - 1]!;
  if (orgPhraseData().documentDesignators.has(last)) return 'MISC';
  const ofAt = words.indexOf('of');
  const head = ofAt > 0 ? words[ofAt - 1]! : last;
  if (lex.orgDesignators.has(last) || lex.orgDesignators.has(head)) return 'ORG';
  if (lex.placeCues.has(last)) return 'PLACE';
  const next = nextWord(tokens, c.tokenEnd - 1);
  if (next && lex.placeCues.has(next.text.toLowerCase()) && !isCapitalised(next)) return 'PLACE';
  const prev = prevWord(tokens, c.tokenStart);
  const prev2 = prev ? prevWord(tokens, tokens.indexOf(prev, c.tokenStart - 3)) : undefined;
  if (prev && prev.text === 'of' && prev2 && lex.placeCues.has(prev2.text.toLowerCase())) return 'PLACE';
  // "Odesa, Ukraine": a name followed by a comma and a country is a place in that country.
  if (next && next.text === ',') {
    const at = firstStartingAfter(table, next.start);
    const after = table[at] && table[at]!.start <= next.end + 1 ? table[at] : undefined;
    if (after?.entry?.role === 'country') return 'PLACE';
  }
  if (prev && lex.roleHeads.has(prev.text.toLowerCase()) && !isCapitalised(prev)) return 'PERSON';
  if (c.tokenEnd - c.tokenStart >= 2) {
    // Two or more capitalised words with no other cue are a person's name far more often than anything else in news;
    // all-caps runs are not (an all-caps text would make every phrase a person).
    if (tokens.slice(c.tokenStart, c.tokenEnd).every(isAllCaps)) return 'MISC';
    return 'PERSON';
  }
  if (next && lex.speechVerbs.has(next.text.toLowerCase())) return 'PERSON';
  void text;
  return 'MISC';
}

/** Tokens between two coordinated names: "and", "or" or a comma, with spaces around it. */
const MAX_COORDINATION_GAP = 5;

/** "The Donetsk and Luhansk provinces", "Pokrovsk and Kostiantynivka": coordinated names share the known type. */
function propagateCoordination(cands: Candidate[], tokens: Token[]): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k + 1 < cands.length; k++) {
      const a = cands[k]!;
      const b = cands[k + 1]!;
      if (b.tokenStart - a.tokenEnd > MAX_COORDINATION_GAP) continue;
      const between = tokens.slice(a.tokenEnd, b.tokenStart).filter((t) => t.pos !== 'SPACE');
      if (between.length !== 1 || !['and', 'or', ','].includes(between[0]!.text)) continue;
      if (a.type === 'MISC' && b.type === 'PLACE') a.type = 'PLACE';
      else if (b.type === 'MISC' && a.type === 'PLACE') b.type = 'PLACE';
    }
  }
}

const LEADING_ARTICLE = /^the\s+$/i;

/** Tagger or heuristic mentions against table hits: the longer span wins; an equal span takes the table's entry. */
function mergeWithTable(others: Candidate[], table: Candidate[], text: string): Candidate[] {
  const live = table.filter((t) => t.confidence >= 0);
  const out: Candidate[] = [];
  let ti = 0;
  const sorted = [...others].sort((a, b) => a.start - b.start);
  const keepTable = new Set(live);
  for (const c of sorted) {
    while (ti < live.length && live[ti]!.end <= c.start) ti++;
    if (hyphenedTableNames(c, live, ti, text)) continue;
    let drop = false;
    for (let k = ti; k < live.length && live[k]!.start < c.end; k++) {
      const t = live[k]!;
      // "The US" read at a sentence start: the article is not part of the table's name, which stands.
      if (t.end === c.end && t.start > c.start && LEADING_ARTICLE.test(text.slice(c.start, t.start))) {
        drop = true;
        continue;
      }
      if (t.start >= c.start && t.end <= c.end && (t.end - t.start < c.end - c.start)) {
        // A table name inside a longer tagger/heuristic name: part of it, unless the name only adds titles.
        if (c.source === 'ner' && c.type === 'PLACE' && t.entry?.type === 'PLACE') continue;
        keepTable.delete(t);
      } else if (t.start <= c.start && t.end >= c.end) {
        drop = true;
      }
    }
    if (!drop) out.push(c);
  }
  return [...out, ...keepTable];
}

/** "Ukraine-Russia talks", "US-China trade": a name that is table names joined by hyphens is those names (the
 * tagger reads a hyphenated word as one, as CoNLL-2003 writes it). */
function hyphenedTableNames(c: Candidate, live: readonly Candidate[], from: number, text: string): boolean {
  const s = text.slice(c.start, c.end);
  if (!s.includes('-') || /\s/.test(s)) return false;
  let at = c.start;
  for (const part of s.split('-')) {
    let found = false;
    for (let k = from; k < live.length && live[k]!.start <= at; k++) if (live[k]!.start === at && live[k]!.end === at + part.length) found = true;
    if (!found) return false;
    at += part.length + 1;
  }
  return true;
}

/** '“He had a lot of supporters,” Blunt said': the tagger's span may take in the closing mark before a name; a name
 * neither starts nor ends with a quotation mark. */
function withoutEdgeQuoteMarks(c: Candidate, tokens: Token[]): void {
  while (c.tokenEnd - c.tokenStart > 1 && quoteMarkToken(tokens[c.tokenStart]!)) {
    c.tokenStart++;
    c.start = c.nameStart = tokens[c.tokenStart]!.start;
  }
  while (c.tokenEnd - c.tokenStart > 1 && quoteMarkToken(tokens[c.tokenEnd - 1]!)) {
    c.tokenEnd--;
    c.end = tokens[c.tokenEnd - 1]!.end;
  }
}

/** A token made of quotation marks only (as the quote layer reads them: src/language/quoteMarks.ts). */
const quoteMarkToken = (t: Token): boolean => t.text.length > 0 && [...t.text].every(isQuoteMarkChar);

/** Moves nameStart past honorifics and single titles; a longer capitalised office before the name leaves the span. */
function stripTitles(c: Candidate, tokens: Token[], text: string): void {
  const lex = lexicon();
  let k = c.tokenStart;
  // A leading article ("The Times") is part of organisation names only.
  if (tokens[k]?.text === 'The') {
    if (c.type === 'PERSON') {
      k++;
      c.start = c.nameStart = tokens[k]?.start ?? c.end;
      c.tokenStart = k;
    } else return;
  }
  // "Hurdler Tamsin Okoye says …", "Singer Mara Quinn introduced …": a capitalised describing noun that opens a
  // sentence before a name of two words or more is not part of the name (as "the hurdler" would not be).
  if (c.type !== 'ORG' && c.tokenEnd - k >= 3 && opensSentence(tokens, k) && lex.personDescriptors.has(tokens[k]!.text.toLowerCase())) {
    k++;
    c.start = c.nameStart = tokens[k]!.start;
    c.tokenStart = k;
    if (c.type === 'MISC') c.type = 'PERSON';
  }
  let officeEnd = -1;
  while (k < c.tokenEnd - 1) {
    const word = tokens[k]!.text.replace(/\.$/, '').toLowerCase();
    if (lex.honorifics.has(word)) {
      c.titles.push(word);
      k++;
      continue;
    }
    const title = titleAt(tokens, k, c.tokenEnd - 1);
    // "Archbishop of Canterbury", "Bishop of Durham": a title with its see or seat is the name of the office's holder.
    if (title && officeOfPlace(tokens, k + title.split(' ').length, c.tokenEnd)) {
      c.type = 'PERSON';
      break;
    }
    if (title) {
      const leading = c.titles.every((t) => lex.offices.has(t));
      c.titles.push(title);
      k += title.split(' ').length;
      if (leading && lex.offices.has(title) && k < c.tokenEnd) c.formStart = tokens[k]!.start;
      continue;
    }
    // "Foreign Minister Penny Wong": capitalised words ending in a title within two words are an office (a role).
    const ahead = [1, 2].find((d) => k + d < c.tokenEnd - 1 && titleAt(tokens, k + d, c.tokenEnd - 1) !== null);
    if (ahead !== undefined && c.titles.length === 0 && c.type !== 'ORG') {
      const title = titleAt(tokens, k + ahead, c.tokenEnd - 1)!;
      officeEnd = k + ahead + title.split(' ').length;
      k = officeEnd;
      continue;
    }
    break;
  }
  if (k === c.tokenStart) return;
  // "The Queen and Duke of Edinburgh": a title joined to another name by "and" names two, not a person called
  // "and Duke of Edinburgh"; the span keeps its words.
  if (k < c.tokenEnd && /^(and|or|&)$/i.test(tokens[k]!.text)) return;
  if (c.type === 'MISC') c.type = 'PERSON';
  if (officeEnd > 0 && c.titles.length === 0) {
    c.tokenStart = officeEnd;
    c.start = tokens[officeEnd]!.start;
  }
  c.nameStart = k < c.tokenEnd ? tokens[k]!.start : c.end;
  void text;
}

/**
 * Whether the word just before a person's span (tokens ts..te) is a given name the tagger left out of it: written one
 * space before, capitalised (not all capitals, not a title), and either the span opens with a middle initial ("said
 * Lindsey O. Graham") or the word is a known given name ("Ted Cruz said … Cruz said": having read the lone surname,
 * the tagger may tag only "Cruz"), unless the span repeats it (a headline glued to its story: "… legend Charles Ray
 * Charles"). The titles before the given name then join as they would before any name ("Sen. Ted Cruz").
 */
function leftOutGivenName(tokens: Token[], ts: number, te: number): boolean {
  const before = tokens[ts - 1];
  if (!before || before.end + 1 !== tokens[ts]!.start || !isCapitalised(before) || isAllCaps(before) || isTitleWord(before.text)) return false;
  if (INITIAL.test(tokens[ts]!.text)) return before.pos === 'PROPN';
  if (!lexicon().givenNameGenders.has(before.text)) return false;
  for (let k = ts; k < te; k++) if (tokens[k]!.text === before.text) return false;
  return true;
}

/** Whether the candidate's tokens from `at` to `end` are "of" and one or two capitalised words, and nothing more. */
function officeOfPlace(tokens: Token[], at: number, end: number): boolean {
  if (tokens[at]?.text !== 'of' || end - at - 1 < 1 || end - at - 1 > 2) return false;
  for (let k = at + 1; k < end; k++) if (!/^\p{Lu}/u.test(tokens[k]!.text)) return false;
  return true;
}

/** The longest title (lower case, words joined by spaces) starting at token `at` and ending before `lastAllowed`. */
function titleAt(tokens: Token[], at: number, lastAllowed: number): string | null {
  const first = tokens[at]?.text.replace(/\.$/, '').toLowerCase();
  if (first === undefined) return null;
  for (const parts of lexicon().titlesByFirst.get(first) ?? []) {
    if (at + parts.length - 1 >= lastAllowed + 1) continue;
    if (parts.every((p, d) => tokens[at + d]?.text.replace(/\.$/, '').toLowerCase() === p)) return parts.join(' ');
  }
  return null;
}
