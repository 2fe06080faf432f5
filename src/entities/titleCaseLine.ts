// Whether a name was read from a line set in title case ("Ted Cruz Hints Trump Would Get Border Wall Contract"): a
// headline or card title where every word is capitalised, so capitals no longer mark where a name ends, and a name
// read there can run on into the next word.

/** Short words a title-case headline may leave in lower case ("Plan to Cut Taxes for the Rich"). */
const TITLE_LOWER_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'to', 'for', 'and', 'or', 'at', 'by', 'with', 'from', 'as', 'vs', 'but', 'nor', 'per', 'via']);
/** Fewer capitalised words than this make no headline (a name alone on a line, a byline). */
const MIN_TITLE_WORDS = 5;
/** Lines longer than this are running text, whatever their case. */
const MAX_TITLE_LINE_CHARS = 400;

const NEWLINE = 10;
const UPPER_START = /^\p{Lu}/u;
const LOWER_START = /^\p{Ll}/u;

/** True when the line holding `offset` is in title case: at least MIN_TITLE_WORDS capitalised words and no other
 * word in lower case than TITLE_LOWER_WORDS. */
export function inTitleCaseLine(text: string, offset: number): boolean {
  // The line's ends are looked for only as far as a title line can reach: a document of one long line costs each
  // name a bounded scan, not one to the start of the text.
  let from = offset;
  while (from > 0 && text.charCodeAt(from - 1) !== NEWLINE) {
    from--;
    if (offset - from > MAX_TITLE_LINE_CHARS) return false;
  }
  let to = offset;
  while (to < text.length && text.charCodeAt(to) !== NEWLINE) {
    to++;
    if (to - from > MAX_TITLE_LINE_CHARS) return false;
  }
  let capitalised = 0;
  // Words as written between spaces: one opening with a digit or a mark ("9:09PM", "(AP)") is neither.
  for (const w of text.slice(from, to).split(/\s+/)) {
    if (UPPER_START.test(w)) capitalised++;
    else if (LOWER_START.test(w) && !TITLE_LOWER_WORDS.has(w.replace(/\W+$/, ''))) return false;
  }
  return capitalised >= MIN_TITLE_WORDS;
}
