import { timeLexicon } from './lexicon.js';

export type Tense = 'past' | 'future' | 'unknown';

/** Words looked at before an expression when judging its tense; the nearest tense-marking word decides. */
export const TENSE_WORDS_BEFORE = 10;
/** Words looked at after it when nothing before marks the tense ("Friday's talks will ..."). */
export const TENSE_WORDS_AFTER = 6;
/** Characters of context read on each side: bounds the work per expression whatever the sentence length. */
const WINDOW_CHARS = 160;

const WORD = /[A-Za-z]+(?:['’][a-z]+)?/g;

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

function mark(word: string): Tense {
  const lex = timeLexicon();
  if (lex.future.has(word) || word.endsWith("'ll") || word.endsWith('’ll')) return 'future';
  // A regular past participle or past tense ("captured", "signed") marks the past in news prose.
  if (lex.past.has(word) || (word.length > 4 && word.endsWith('ed'))) return 'past';
  return 'unknown';
}

/** The tense of the clause around [start, end) in a sentence [sentStart, sentEnd): the nearest marker wins. */
export function tenseAround(text: string, start: number, end: number, sentStart: number, sentEnd: number): Tense {
  const before = words(text.slice(Math.max(sentStart, start - WINDOW_CHARS), start));
  for (let i = before.length - 1, n = 0; i >= 0 && n < TENSE_WORDS_BEFORE; i--, n++) {
    const t = mark(before[i]!);
    // A participle after "be" ("will be held") takes its tense from the auxiliary before it.
    if (t === 'past' && before[i - 1] === 'be') continue;
    if (t !== 'unknown') return t;
  }
  const after = words(text.slice(end, Math.min(sentEnd, end + WINDOW_CHARS)));
  for (let i = 0; i < after.length && i < TENSE_WORDS_AFTER; i++) {
    const t = mark(after[i]!);
    if (t !== 'unknown') return t;
  }
  return 'unknown';
}
