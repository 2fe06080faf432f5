// Small helpers over the language layer's tokens: offset → token look-up, capitalisation, sentence starts.
import type { Token } from '../pipeline/doc.js';
import { partitionPoint } from '../util/search.js';

const CAPITALISED = /^\p{Lu}/u;

/** Pronouns that open a relative clause set off by a comma ("Irons, whose film …", "Mrs. Clinton, who …"). */
export const ASIDE_RELATIVE_PRONOUNS = new Set(['who', 'whose', 'whom', 'which']);
const HAS_LOWER = /\p{Ll}/u;

export function isCapitalised(t: Token | undefined): boolean {
  return !!t && CAPITALISED.test(t.text);
}

/** All capitals (NATO, UK): in an all-caps text every word looks like this, so it is not a signal on its own. */
export function isAllCaps(t: Token): boolean {
  return !HAS_LOWER.test(t.text) && CAPITALISED.test(t.text);
}

/** Index of the first token whose end is after `offset` (binary search; tokens are in text order). */
export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  return partitionPoint(tokens.length, (i) => tokens[i]!.end > offset);
}

/** The previous token that is not whitespace, or undefined. */
export function prevWord(tokens: readonly Token[], i: number): Token | undefined {
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) if (tokens[k]!.pos !== 'SPACE') return tokens[k];
  return undefined;
}

export function nextWord(tokens: readonly Token[], i: number): Token | undefined {
  for (let k = i + 1; k < tokens.length && k <= i + 3; k++) if (tokens[k]!.pos !== 'SPACE') return tokens[k];
  return undefined;
}

const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', ':', '-', '–', '—', '|', '•']);

/** True when token i opens a sentence, a line or a quotation: its capital letter says nothing about it being a name. */
export function opensSentence(tokens: readonly Token[], i: number): boolean {
  // Bounded look-back: at most OPENER_LOOKBACK tokens of whitespace and opening punctuation.
  let k = i - 1;
  for (let steps = 0; k >= 0 && steps < OPENER_LOOKBACK; k--, steps++) {
    const t = tokens[k]!;
    if (t.sentence !== tokens[i]!.sentence) return true;
    if (t.pos === 'SPACE') {
      if (t.text.includes('\n')) return true;
      continue;
    }
    if (!OPENERS.has(t.text)) return false;
  }
  return k < 0;
}

/** Opening marks between a sentence start and its first word ("“(Watch"), more than any real text has. */
const OPENER_LOOKBACK = 4;

/** True when a possessive marker ('s, ’s, ') follows token i. */
export function possessiveAfter(tokens: readonly Token[], i: number): boolean {
  const n = tokens[i + 1];
  return !!n && n.start === tokens[i]!.end && /^['’]s?$/.test(n.text);
}

/** Words that open the question after a passive "asked" ("Asked whether …", "When asked about …", "asked to comment"). */
export const QUESTION_OPENERS: ReadonlySet<string> = new Set(['if', 'whether', 'about', 'what', 'how', 'why', 'when', 'where', 'who', 'which', 'to', 'for']);

/** Whether token i is a passive "asked" that opens its sentence, alone or after "When", "If" or "Once", with its
 * question after it: "Asked if Mr Blunkett could return, he replied …". Not '“…?” asked the magazine'. */
export function askedOpensSentence(tokens: readonly Token[], i: number): boolean {
  if (tokens[i]?.text.toLowerCase() !== 'asked' || !QUESTION_OPENERS.has(tokens[i + 1]?.text.toLowerCase() ?? '')) return false;
  const sentence = tokens[i]!.sentence;
  const first = i > 0 && tokens[i - 1]!.sentence === sentence ? i - 1 : i;
  if (first > 0 && tokens[first - 1]!.sentence === sentence) return false;
  return first === i || /^(when|if|once)$/i.test(tokens[first]!.text);
}
