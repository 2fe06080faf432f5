import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

// A headline glued to its story when a scraper lost the line break between them ("Crude oil prices back above $50
// Cold weather across parts of the United States …", "Weak end-of-year sales hit Next Next has said …"): the first
// line of the text holds both, with no punctuation between. This finds where the headline ends, from the words alone
// (the structure layer reads before any tokenizer), choosing the shortest headline that one of four signs closes.

/** Fewest and most words of a headline read off a glued first line. */
export const GLUED_HEADLINE_MIN_WORDS = 3;
export const GLUED_HEADLINE_MAX_WORDS = 14;
/** Fewest words the story must keep after the headline: a short one-line text is a paragraph, not a page. */
export const GLUED_BODY_MIN_WORDS = 60;
/** Longest name read as repeated across the cut ("New Zealand New Zealand proved …"). */
const REPEAT_MAX_WORDS = 3;

const lists = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'data', 'structure', 'glued-headline.json'), 'utf8')) as { openers: string[]; continuing: string[]; leadIns: string[] };
const OPENERS = new Set(lists.openers);
const CONTINUING = new Set(lists.continuing);
const LEAD_INS = new Set(lists.leadIns);

interface Word {
  text: string;
  start: number;
}

/** The words of a line with their offsets, up to `max` of them. */
function wordsOf(line: string, max: number): Word[] {
  const out: Word[] = [];
  for (const m of line.matchAll(/\S+/g)) {
    out.push({ text: m[0], start: m.index });
    if (out.length >= max) break;
  }
  return out;
}

/** A word that ends a sentence ("costs." "win!"), not an initial or a dotted abbreviation ("U.S.", "J."). */
const endsSentence = (w: string): boolean => /[.!?]["'”’)]*$/.test(w) && !/^(\p{L}\.)+$/u.test(w);
/** Words that leave a phrase open: a comma, colon or dash at the end, or a function word. */
const leavesOpen = (w: string): boolean => /[,:;–—-]$/.test(w) || CONTINUING.has(w.toLowerCase());

/** Characters of the text read for lower-case uses of a word (bounded: the search stays linear). */
const LOWER_CASE_SCAN_CHARS = 20_000;

/**
 * The offset in `line` where the story starts after a glued headline, or null. A cut before word k needs: no sentence
 * end among the headline's words, a last headline word that does not leave the phrase open, a capitalised word k,
 * and one of four signs that word k opens a sentence:
 * - it is an opener of data/structure/glued-headline.json ("The", "It", "Former");
 * - the text uses it in lower case elsewhere, so its capital is a sentence's ("… above $50 Cold weather …");
 * - the words before the cut repeat after it, a name the headline ended with and the story opens with ("… hit Next
 *   Next has said");
 * - the run of capitalised words it opens restates a name of the headline ("Roddick in talks over new coach Andy
 *   Roddick is …", "Edu blasts Arsenal Arsenal's Brazilian midfielder …").
 * `rest`: the text after the line, searched for the lower-case forms too.
 */
export function gluedHeadlineEnd(line: string, rest = ''): number | null {
  const words = wordsOf(line, GLUED_HEADLINE_MAX_WORDS + GLUED_BODY_MIN_WORDS + 1);
  if (words.length < GLUED_HEADLINE_MIN_WORDS + GLUED_BODY_MIN_WORDS) return null;
  const scanned = rest.length > 0 ? `${line} ${rest}`.slice(0, LOWER_CASE_SCAN_CHARS) : line.slice(0, LOWER_CASE_SCAN_CHARS);
  // Whether the word's lower-case form stands as a word of its own in the text (a few native searches per page).
  const lowerSeen = (w: string): boolean => {
    const lower = w.toLowerCase();
    for (let at = scanned.indexOf(lower); at >= 0; at = scanned.indexOf(lower, at + 1)) {
      if (!isLetter(scanned[at - 1]) && !isLetter(scanned[at + lower.length])) return true;
    }
    return false;
  };
  for (let k = 1; k < words.length && k <= GLUED_HEADLINE_MAX_WORDS; k++) {
    const prev = words[k - 1]!.text;
    if (endsSentence(prev)) return null; // the headline had its own full stop: the sentence splitter cuts there
    if (k < GLUED_HEADLINE_MIN_WORDS || leavesOpen(prev)) continue;
    // A story does not open with a quotation that opens right after a headline word ('a memo titled "The Facts …"').
    if (/^["'“‘]/.test(words[k]!.text)) continue;
    const cur = nameWord(words[k]!.text);
    if (!/^\p{Lu}/u.test(cur)) continue;
    if (insideQuotation(words, k)) continue;
    const restated = restatesName(words, k);
    // A capital after a capitalised word may go on with a name ("BBC Sport", "the Academy Awards").
    const common = !/^\p{Lu}/u.test(nameWord(prev)) && cur.length > 1 && !/^\p{Lu}+$/u.test(cur) && lowerSeen(cur);
    if (!OPENERS.has(cur) && !repeatsAcross(words, k) && !restated && !common) continue;
    // A name said twice across the cut a word or two on is where it is ("… tempts Italy's Illva Italy's Illva …").
    const repeatAt = restated ? [k + 1, k + 2].find((j) => j <= GLUED_HEADLINE_MAX_WORDS && repeatsAcross(words, j)) : undefined;
    // An opener starts the sentence itself ('… Spanish movie The Sea Inside has …' is cut at "The").
    const cut = repeatAt ?? (restated && !OPENERS.has(cur) ? leadInStart(words, k) : k);
    return words.length - cut >= GLUED_BODY_MIN_WORDS ? words[cut]!.start : null;
  }
  return null;
}

/** Whether a character is a letter (undefined, before the start or after the end: no). */
function isLetter(c: string | undefined): boolean {
  return c !== undefined && /\p{L}/u.test(c);
}

/** A word without the marks around it and a possessive ("“Arsenal's" → "Arsenal"). */
function nameWord(w: string): string {
  return w.replace(/^["'“‘(]+/, '').replace(/['’]s$/, '').replace(/[^\p{L}\p{N}'’-]+$/u, '');
}

/** Most words of the capitalised run after the cut read for a restated name ("Sir Alex Ferguson"). */
const RESTATED_MAX_WORDS = 4;

/** Whether the run of capitalised words that word k opens holds a capitalised word of the headline before it. */
function restatesName(words: readonly Word[], k: number): boolean {
  const headline = new Set<string>();
  for (let j = 0; j < k; j++) {
    const w = nameWord(words[j]!.text);
    if (/^\p{Lu}/u.test(w) && !OPENERS.has(w)) headline.add(w);
  }
  for (let j = k; j < words.length && j - k < RESTATED_MAX_WORDS; j++) {
    const w = nameWord(words[j]!.text);
    if (!/^\p{Lu}/u.test(w)) return false;
    if (headline.has(w)) return true;
  }
  return false;
}
/** Most words of a lead-in phrase before a restated name ("Clint Eastwood's boxing drama"). */
const LEAD_IN_MAX_WORDS = 5;

/**
 * Where the story starts when word k restates a name: at k, or, when the word before it is a lead-in noun of
 * data/structure/glued-headline.json, at the capitalised word that opens the phrase it ends ("… sales rise US-German
 * carmaker DaimlerChrysler has sold …", "… bid Leading actor Edward Fox is …"): the first capitalised word after a
 * lower-case one, the nearest at most LEAD_IN_MAX_WORDS back.
 */
function leadInStart(words: readonly Word[], k: number): number {
  if (!LEAD_INS.has(nameWord(words[k - 1]!.text).toLowerCase())) return k;
  for (let j = k - 1; j >= Math.max(GLUED_HEADLINE_MIN_WORDS, k - LEAD_IN_MAX_WORDS); j--) {
    if (leavesOpen(words[j]!.text)) break;
    if (/^\p{Lu}/u.test(nameWord(words[j]!.text)) && !/^\p{Lu}/u.test(nameWord(words[j - 1]!.text))) return j;
  }
  return k;
}

/** Whether a quotation the headline opens is still open before word k ("Baywatch dubbed 'worst TV import' …"). */
function insideQuotation(words: readonly Word[], k: number): boolean {
  let open = false;
  for (let j = 0; j < k; j++) {
    const w = words[j]!.text;
    if (/^["'“‘]/.test(w)) open = true;
    if (/\p{L}["'”’]+[,.!?:;]*$/u.test(w) && !/['’]s$/.test(w)) open = false;
  }
  return open;
}

/** Whether the capitalised words right before word k are repeated right after it ("Next Next", "New Zealand New
 * Zealand"). */
function repeatsAcross(words: readonly Word[], k: number): boolean {
  for (let m = 1; m <= REPEAT_MAX_WORDS && k - m >= 0 && k + m <= words.length; m++) {
    let same = true;
    for (let j = 0; j < m && same; j++) same = words[k - m + j]!.text === words[k + j]!.text && /^\p{Lu}/u.test(words[k + j]!.text);
    if (same) return true;
  }
  return false;
}
