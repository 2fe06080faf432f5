import type { Sentence, Token } from '../pipeline/doc.js';

/**
 * Sentences cut at each of the sorted `offsets` that falls inside one, such as the end of a heading block:
 * wink-nlp reads on over a headline with no full stop into the paragraph after it ("Weak end-of-year sales hit Next
 * Next has said …" once the structure layer has read the glued headline), and a name or a quote then runs from one
 * block into the next. Renumbers the tokens' sentence indices; one pass over both lists.
 */
export function splitSentencesAt(tokens: Token[], sentences: readonly Sentence[], offsets: readonly number[]): Sentence[] {
  const out: Sentence[] = [];
  let b = 0;
  for (const s of sentences) {
    let from = s.tokenStart;
    while (b < offsets.length && offsets[b]! <= s.start) b++;
    for (; b < offsets.length && offsets[b]! < s.end; b++) {
      let k = from;
      while (k < s.tokenEnd && tokens[k]!.start < offsets[b]!) k++;
      if (k > from && k < s.tokenEnd) {
        out.push({ start: tokens[from]!.start, end: tokens[k - 1]!.end, tokenStart: from, tokenEnd: k });
        from = k;
      }
    }
    out.push(from === s.tokenStart ? s : { start: tokens[from]!.start, end: s.end, tokenStart: from, tokenEnd: s.tokenEnd });
  }
  if (out.length !== sentences.length) {
    out.forEach((s, i) => {
      for (let t = s.tokenStart; t < s.tokenEnd; t++) tokens[t] = { ...tokens[t]!, sentence: i };
    });
  }
  return out;
}
