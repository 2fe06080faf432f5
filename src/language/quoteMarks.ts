// Quotation-mark pairing. Scraped text mixes styles (" “ ” ' ‘ ’ « » „), closes a “ with a straight ", leaves marks
// unbalanced, and runs quotations over several paragraphs (a paragraph that opens a quote without closing it continues
// into the next paragraph when that one opens with a mark). One left-to-right pass with a small bounded stack: linear
// in the text, whatever the marks.
import { readWordList } from '../util/wordList.js';

/** A paired (or paragraph-closed) quotation: offsets of the opening mark and one past the closing mark. */
export interface MarkedQuote {
  start: number;
  /** One past the closing mark; or the end of the paragraph run when the quote was never closed. */
  end: number;
  /** False when no closing mark was found and the quote was cut at the end of its paragraph run. */
  closed: boolean;
  /** 0 for an outer quotation, 1 for a quotation inside it. */
  depth: number;
  family: 'double' | 'single';
}

const DOUBLE_OPEN = new Set(['“', '„', '«', '"', '”']);
const DOUBLE_CLOSE = new Set(['”', '“', '»', '"']);
const SINGLE_OPEN = new Set(['‘', '‹', "'", '‚', '’']);
const SINGLE_CLOSE = new Set(['’', '›', "'", '‘']);
/** Marks that only ever open or only ever close; the rest ("  '  ’  “) are decided by their neighbours. */
const ONLY_OPEN = new Set(['„', '«', '‹', '‚', '‘']);
const ONLY_CLOSE = new Set(['»', '›']);

/** Nesting deeper than this is not quotation but noise (10,000 marks in a row): extra opens are ignored. */
export const MAX_QUOTE_DEPTH = 3;

export function isQuoteMarkChar(c: string): boolean {
  return DOUBLE_OPEN.has(c) || DOUBLE_CLOSE.has(c) || SINGLE_OPEN.has(c) || SINGLE_CLOSE.has(c);
}

/** Every character isQuoteMarkChar accepts, and the typewriter doubles '' and `` (older wire and archive text). */
const MARK_RE = /''|``|["'«»‘’‚“”„‹›]/g;
/** The same without the doubles: each ' of a '' is a single mark. */
const SINGLE_CHAR_MARK_RE = /["'«»‘’‚“”„‹›]/g;

/** Options of pairQuoteMarks. */
export interface MarkOptions {
  /** Read '' and `` as double quotation marks (default); false reads '' as two single marks and `` as none. */
  typewriterDoubles?: boolean;
  /** End an open quotation at a mark that opens a new sentence (paragraphs joined into one line; default). */
  sentenceBreaks?: boolean;
  /** Read an apostrophe before an elided word or a year ("'em", "'n'", "'90s") as no mark (default). */
  elisions?: boolean;
}

/** How many characters the mark at `i` takes: 2 for '' and `` when the doubles are read. */
function markLength(text: string, i: number, doubles: boolean): number {
  const c = text[i];
  return doubles && (c === "'" || c === '`') && text[i + 1] === c ? 2 : 1;
}

/** The mark at `i` as one character: '' is a straight double mark, `` an opening double one. */
function markChar(text: string, i: number, doubles: boolean): string {
  if (markLength(text, i, doubles) === 1) return text[i]!;
  return text[i] === '`' ? '„' : '"';
}

function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpaceOrNone = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const OPENING_CONTEXT = /[\s([{\u2014\u2013\-/:]/;
const CLOSING_CONTEXT = /[\s)\]}.,;:!?\u2014\u2013\-/…]/;

type Role = 'open' | 'close' | 'either' | 'none' | 'possessive';

let elidedWords: Set<string> | undefined;
/** Two digits, then an "s" or no more letters: a year written short ("'90s", "'03"). */
const SHORT_YEAR = /^\d\d(?:s\b|(?![\p{L}\p{N}]))/u;

/** An apostrophe at `i` that stands for left-out letters before a word: "shoot 'em up", "the '90s". */
function elides(text: string, i: number): boolean {
  const rest = text.slice(i + 1, i + 8);
  if (SHORT_YEAR.test(rest)) return true;
  const word = /^\p{L}+/u.exec(rest)?.[0].toLowerCase();
  return word !== undefined && (elidedWords ??= new Set(readWordList('language', 'elisions.txt'))).has(word);
}

/** What a mark at `i` can do, judged from its neighbours: an apostrophe inside a word is not a mark at all, nor one
 * that stands for left-out letters (`elisions`). */
function roleOf(text: string, i: number, doubles: boolean, elisions: boolean): Role {
  const c = markChar(text, i, doubles);
  const before = i > 0 ? text[i - 1] : undefined;
  const after = text[i + markLength(text, i, doubles)];
  const single = SINGLE_OPEN.has(c) || SINGLE_CLOSE.has(c);
  if (single && isWordChar(before) && isWordChar(after)) return 'none'; // don't, Moscow's
  if (elisions && (c === "'" || c === '’') && !isWordChar(before) && isWordChar(after) && elides(text, i)) return 'none';
  if (ONLY_OPEN.has(c) && !(c === '‘' && isWordChar(before))) return 'open';
  if (ONLY_CLOSE.has(c)) return 'close';
  const openCtx = before === undefined || OPENING_CONTEXT.test(before) || isQuoteMarkChar(before);
  const closeCtx = after === undefined || CLOSING_CONTEXT.test(after) || isQuoteMarkChar(after);
  if (single && !openCtx && isSpaceOrNone(after) && /[sS]/.test(before ?? '')) {
    // leaders’ meetings: a plural possessive, or the close of a single quote (decided by the caller)
    return 'possessive';
  }
  if (openCtx && !closeCtx) return 'open';
  if (closeCtx && !openCtx) return 'close';
  if (openCtx && closeCtx) return isSpaceOrNone(after) ? 'close' : 'either';
  return 'either';
}

function familyOf(c: string): 'double' | 'single' {
  return DOUBLE_OPEN.has(c) || DOUBLE_CLOSE.has(c) ? 'double' : 'single';
}

interface Open {
  at: number;
  family: 'double' | 'single';
}

/**
 * Pairs the quotation marks of `text` within the paragraph runs given (sorted, non-overlapping [start, end) ranges).
 * A quote left open at the end of a paragraph continues into the next paragraph when that paragraph starts with an
 * opening mark of the same family; otherwise it is cut at the end of its paragraph (closed: false).
 */
export function pairQuoteMarks(text: string, paragraphs: ReadonlyArray<readonly [number, number]>, options: MarkOptions = {}): MarkedQuote[] {
  const doubles = options.typewriterDoubles ?? true;
  const sentenceBreaks = options.sentenceBreaks ?? true;
  const elisions = options.elisions ?? true;
  const out: MarkedQuote[] = [];
  let stack: Open[] = [];
  // Every mark of the text, found in one scan; each paragraph reads its own with a moving pointer.
  const at: number[] = [];
  const re = doubles ? MARK_RE : SINGLE_CHAR_MARK_RE;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) at.push(m.index);
  let mi = 0;
  for (let p = 0; p < paragraphs.length; p++) {
    const [ps, pe] = paragraphs[p]!;
    while (mi < at.length && at[mi]! < ps) mi++;
    let mEnd = mi;
    while (mEnd < at.length && at[mEnd]! < pe) mEnd++;
    // The paragraph's first character that is not white space: only a mark there opens the paragraph.
    let firstChar = ps;
    while (firstChar < pe && isSpaceCode(text.charCodeAt(firstChar))) firstChar++;
    // The last unambiguous single closing mark of the paragraph: a possessive-looking mark before it is an apostrophe.
    let lastSingleClose = -1;
    for (let k = mEnd - 1; k >= mi && lastSingleClose < 0; k--) {
      const i = at[k]!;
      const c = markChar(text, i, doubles);
      if ((SINGLE_CLOSE.has(c) || SINGLE_OPEN.has(c)) && roleOf(text, i, doubles, elisions) === 'close') lastSingleClose = i;
    }
    for (let k = mi; k < mEnd; k++) {
      const i = at[k]!;
      const c = markChar(text, i, doubles);
      const close = i + markLength(text, i, doubles); // one past the mark
      const first = i === firstChar;
      const family = familyOf(c);
      let role = roleOf(text, i, doubles, elisions);
      if (role === 'possessive') role = lastSingleClose > i ? 'none' : 'close';
      if (role === 'none') continue;
      // A paragraph that opens with a mark while the previous paragraph's quote is still open continues it.
      if (first && stack.length > 0 && stack[0]!.family === family && role !== 'close') continue;
      const top = stack.length ? stack[stack.length - 1] : undefined;
      const pendingSame = findOpen(stack, family);
      if (role === 'either') role = pendingSame >= 0 ? 'close' : 'open';
      if (role === 'close') {
        if (pendingSame < 0) continue; // unbalanced closing mark or possessive apostrophe
        const open = stack[pendingSame]!;
        stack = stack.slice(0, pendingSame);
        out.push({ start: open.at, end: close, closed: true, depth: pendingSame, family });
        continue;
      }
      if (stack.length >= MAX_QUOTE_DEPTH) continue;
      if (sentenceBreaks && top && top.family === family && role === 'open' && opensSentence(text, i, top.at, doubles)) {
        // '… on their way back. "We couldn't …': text whose paragraphs were joined into one line keeps the convention
        // that a quotation going on into the next paragraph is not closed there. A mark that clearly opens a new
        // sentence while one of its family is open is that paragraph break: the open quote ends before it, unclosed.
        stack.pop();
        out.push({ start: top.at, end: trimEnd(text, top.at, i), closed: false, depth: stack.length, family });
        stack.push({ at: i, family });
        continue;
      }
      if (top && top.family === family) {
        // The same family cannot nest directly: a second opening " while one is open is read as closing it.
        const open = stack.pop()!;
        out.push({ start: open.at, end: close, closed: true, depth: stack.length, family });
        continue;
      }
      stack.push({ at: i, family });
    }
    // At the end of the paragraph: quotes stay open only if the next paragraph opens with a mark of their family.
    if (stack.length > 0) {
      const next = paragraphs[p + 1];
      const continues = next !== undefined && startsWithMark(text, next, stack[0]!.family, doubles);
      if (!continues) {
        for (let d = stack.length - 1; d >= 0; d--) {
          const open = stack[d]!;
          out.push({ start: open.at, end: trimEnd(text, ps, pe), closed: false, depth: d, family: open.family });
        }
        stack = [];
      } else if (stack.length > 1) {
        // Only the outer quotation carries over; inner ones end with their paragraph.
        for (let d = stack.length - 1; d >= 1; d--) {
          const open = stack[d]!;
          out.push({ start: open.at, end: trimEnd(text, ps, pe), closed: false, depth: d, family: open.family });
        }
        stack = stack.slice(0, 1);
      }
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out;
}

/** A mark after the end of a sentence (". ", "? ") that follows the open quote's first sentence, before a capital. */
function opensSentence(text: string, i: number, openAt: number, doubles: boolean): boolean {
  let k = i - 1;
  while (k > openAt && isSpaceCode(text.charCodeAt(k))) k--;
  return k < i - 1 && k > openAt + 1 && /[.!?]/.test(text[k]!) && /\p{Lu}/u.test(text[i + markLength(text, i, doubles)] ?? '');
}

function findOpen(stack: Open[], family: 'double' | 'single'): number {
  for (let d = stack.length - 1; d >= 0; d--) if (stack[d]!.family === family) return d;
  return -1;
}

function startsWithMark(text: string, [s, e]: readonly [number, number], family: 'double' | 'single', doubles: boolean): boolean {
  let i = s;
  while (i < e && /\s/.test(text[i]!)) i++;
  return i < e && isQuoteMarkChar(text[i]!) && familyOf(markChar(text, i, doubles)) === family;
}

function trimEnd(text: string, s: number, e: number): number {
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return e;
}
