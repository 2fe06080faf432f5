import { wink } from '../../language/wink.js';

/**
 * Universal POS tags from wink-nlp for pre-tokenised words (CoNLL sentences), so that training and evaluation see the
 * same POS tagger as the pipeline does at run time. The words are joined with single spaces and read as one text;
 * each word takes the tag of the wink token that starts at its first character, or else of the first wink token that
 * overlaps it (wink splits a few forms such as "1996-08-22" or "Reuters'"). A word no wink token reaches gets 'X'.
 */
export function winkPosOfWords(words: readonly string[]): string[] {
  const text = words.join(' ');
  const starts: number[] = new Array(words.length);
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    starts[i] = at;
    at += words[i]!.length + 1;
  }
  const nlp = wink();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const out = new Array<string>(words.length).fill('X');
  let cursor = 0;
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    let start = cursor + (spaces[i]?.length ?? 0);
    if (!text.startsWith(value, start)) {
      // wink normalised the form: search a short way ahead only, so a long sentence stays linear.
      const found = text.slice(cursor, cursor + 64 + 2 * value.length).indexOf(value); // starts up to 64 + length ahead, as before
      if (found < 0) continue;
      start = cursor + found;
    }
    const end = start + value.length;
    cursor = end;
    // Words wholly before this token that no token started: give them this token's tag only if it overlaps them.
    while (w < words.length && starts[w]! + words[w]!.length <= start) w++;
    if (w < words.length && starts[w]! < end && out[w] === 'X') out[w] = pos[i] ?? 'X';
  }
  return out;
}
