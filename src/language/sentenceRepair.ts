import type { Sentence, Token } from '../pipeline/doc.js';
import { readWordList } from '../util/wordList.js';

// wink-nlp ends a sentence at some full stops that belong to abbreviations: "the Rev. Al Sharpton", "Rep. Gwen Moore
// (D-Wis.) said", "Lindsey Graham, R-S.C., said". A false break cuts a speaker from their cue and a name in two for
// every later layer. This pass joins two neighbouring sentences when the break can only be false:
//  - the first ends with a title that always comes before a name (data/language/title-abbreviations.txt);
//  - the second opens with a lower-case word, a comma or a closing bracket, and the first ends with a short
//    capitalised abbreviation ("Wis.", "Calif.", "Va.)"): in edited text a sentence does not open in lower case;
//  - the full stop and the next sentence's first token touch, and that token is a capital letter with a full stop
//    ("S." + "C."): one abbreviation split in two.
//  - the stop touches the words on both sides ("Shopping.com", "OutRage!'s"): a sentence ends before a space;
//  - an exclamation mark inside a name is followed by a lower-case word ("Kerrang! editor Ashley Bird", "Yahoo!
//    chief executive");
//  - a quotation that ends with a question or exclamation mark goes on in lower case ('"Why not?" he asked',
//    '“Is it over?” asked Ms Reed', 'She declared “What a night!” and said …'): the sentence that holds it goes on.
// Each test reads a few tokens, so the pass is linear in the number of sentences.

/** Longest capitalised word read as an abbreviation before a full stop ("Calif", "Tenn"; "Obama" is a word). */
export const ABBREVIATION_MAX_LETTERS = 5;

let titles: Set<string> | undefined;
function titleAbbreviations(): Set<string> {
  return (titles ??= new Set(readWordList('language', 'title-abbreviations.txt')));
}

const LOWER_START = /^[a-z]/;
const CONTINUING_PUNCTUATION = /^[,;:)\]]$/;
const ABBREVIATION = new RegExp(`^[A-Z][A-Za-z]{0,${ABBREVIATION_MAX_LETTERS - 1}}$`);
const SPLIT_INITIAL = /^[A-Z]\.$/;

/** Closing quotation marks as the tokenizer gives them. */
const CLOSING_MARK = /^["”’']+$/;

/** Whether sentence `a` ends with a question or exclamation mark and then a closing quotation mark ('…?"'). */
function quotationEndsQuestionOrExclamation(tokens: readonly Token[], a: Sentence): boolean {
  const end = a.tokenEnd - 1;
  return end - 1 > a.tokenStart && CLOSING_MARK.test(tokens[end]!.text) && /^[!?]+$/.test(tokens[end - 1]!.text);
}

/** Whether the break between sentences `a` and `b` (neighbours) is false: inside an abbreviation or a name, or after a
 * quotation the sentence goes on from. */
function falseBreak(tokens: readonly Token[], a: Sentence, b: Sentence): boolean {
  const last = tokens[a.tokenEnd - 1]!;
  const first = tokens[b.tokenStart]!;
  if (a.tokenEnd - 1 > a.tokenStart && /^[.!?]$/.test(last.text) && tokens[a.tokenEnd - 2]!.end === last.start) {
    if (first.start === last.end && /^[\p{L}'’]/u.test(first.text)) return true;
    if (last.text === '!' && LOWER_START.test(first.text)) return true;
  }
  if (quotationEndsQuestionOrExclamation(tokens, a) && LOWER_START.test(first.text)) return true;
  // The first sentence's last tokens: "Rev" "." or "Wis" "." ")".
  let stop = a.tokenEnd - 1;
  if (stop > a.tokenStart && tokens[stop]!.text === ')') stop--;
  const dot = tokens[stop]!;
  if (dot.text !== '.' || stop === a.tokenStart) return false;
  const word = tokens[stop - 1]!;
  if (word.end !== dot.start) return false;
  const next = tokens[b.tokenStart]!;
  if (stop === a.tokenEnd - 1 && titleAbbreviations().has(word.text) && /^[A-Z]/.test(next.text)) return true;
  if ((LOWER_START.test(next.text) || CONTINUING_PUNCTUATION.test(next.text)) && ABBREVIATION.test(word.text)) return true;
  return stop === a.tokenEnd - 1 && next.start === dot.end && SPLIT_INITIAL.test(next.text) && /^[A-Z]$/.test(word.text);
}

/**
 * Joins the sentences of `sentences` from index `from` on across false breaks (see above). Sentences before `from`
 * (earlier slices of the text) are left as they are; the caller numbers the tokens' sentences afterwards.
 */
export function mendFalseBreaks(tokens: readonly Token[], sentences: Sentence[], from: number): void {
  let kept = from;
  for (let i = from; i < sentences.length; i++) {
    const s = sentences[i]!;
    const prev = kept > from ? sentences[kept - 1]! : undefined;
    if (prev && falseBreak(tokens, prev, s)) {
      prev.end = s.end;
      prev.tokenEnd = s.tokenEnd;
    } else sentences[kept++] = s;
  }
  sentences.length = kept;
}
