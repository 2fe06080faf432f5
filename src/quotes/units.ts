import type { Token } from '../pipeline/doc.js';
import type { MarkedQuote } from '../language/quoteMarks.js';

/**
 * A paragraph's tokens, the sequence the taggers label. Whitespace tokens are dropped; each token knows its sentence
 * within the paragraph and how deep it sits inside paired quotation marks.
 */
export interface Unit {
  start: number;
  end: number;
  tokens: Token[];
  /** Sentence number of each token, counted from 0 within the paragraph. */
  sent: Int32Array;
  /** Quotation depth of each token (0 = outside marks); a mark token counts as inside its quote. */
  depth: Uint8Array;
  /** 1 when the token is an opening mark of a paired quote, 2 a closing one, 0 otherwise. */
  mark: Uint8Array;
  /** Index (into the document's marked quotes) of the outermost quotation holding the token, or -1. */
  quote: Int32Array;
}

/** Splits the tokens into paragraph units. Tokens and paragraphs are both sorted: one merge-like pass. */
export function buildUnits(
  tokens: readonly Token[],
  paragraphs: ReadonlyArray<readonly [number, number]>,
  quotes: readonly MarkedQuote[],
): Unit[] {
  // Quote depth by character, through a sweep over sorted boundaries (no per-character array of the whole text).
  const events: Array<[number, number]> = [];
  for (const q of quotes) {
    events.push([q.start, 1], [q.end, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // Offsets of opening marks and of the ends of closing marks, sorted: tokens are read in order, so a moving pointer
  // into each finds whether a token starts at an opening mark or ends at a closing one. Outermost quotes only (depth
  // 0), sorted by start: a moving pointer finds the one holding each token. (Filled by one loop rather than chains of
  // map and filter, whose arrays take several element kinds, empty or not, each new one deoptimising this function.)
  const openAt: number[] = [];
  const closeAt: number[] = [];
  const outer: Array<readonly [MarkedQuote, number]> = [];
  for (let i = 0; i < quotes.length; i++) {
    const q = quotes[i]!;
    openAt.push(q.start);
    if (q.closed) closeAt.push(q.end);
    if (q.depth === 0) outer.push([q, i]);
  }
  sortDistinct(openAt);
  sortDistinct(closeAt);
  let oa = 0;
  let ca = 0;
  const units: Unit[] = [];
  let oi = 0;
  let ti = 0;
  let ei = 0;
  let depth = 0;
  for (const [ps, pe] of paragraphs) {
    while (ti < tokens.length && tokens[ti]!.start < ps) ti++;
    const toks: Token[] = [];
    while (ti < tokens.length && tokens[ti]!.start < pe) {
      const t = tokens[ti++]!;
      if (t.pos !== 'SPACE' && t.text.trim().length > 0) toks.push(t);
    }
    const n = toks.length;
    if (n === 0) continue;
    const sent = new Int32Array(n);
    const dep = new Uint8Array(n);
    const mark = new Uint8Array(n);
    const quote = new Int32Array(n).fill(-1);
    let s = 0;
    for (let k = 0; k < n; k++) {
      const t = toks[k]!;
      if (k > 0 && t.sentence !== toks[k - 1]!.sentence) s++;
      sent[k] = s;
      while (ei < events.length && events[ei]![0] <= t.start) depth += events[ei++]![1];
      while (oa < openAt.length && openAt[oa]! < t.start) oa++;
      while (ca < closeAt.length && closeAt[ca]! < t.end) ca++;
      const opens = oa < openAt.length && openAt[oa] === t.start;
      const closes = ca < closeAt.length && closeAt[ca] === t.end;
      let d = depth;
      if (closes && !opens) d = Math.max(d, 1);
      dep[k] = Math.min(d, 3);
      mark[k] = opens ? 1 : closes ? 2 : 0;
      while (oi < outer.length && outer[oi]![0].end <= t.start) oi++;
      if (oi < outer.length && outer[oi]![0].start <= t.start) quote[k] = outer[oi]![1];
    }
    units.push({ start: ps, end: pe, tokens: toks, sent, depth: dep, mark, quote });
  }
  return units;
}

/** Sorts the values in place, ascending, and drops repeats. */
function sortDistinct(values: number[]): void {
  values.sort((a, b) => a - b);
  let w = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) values[w++] = values[i]!;
  values.length = w;
}

/**
 * Whether token k opens a quotation that ends the one before it without a closing mark ('… on in. "It's …': paragraphs
 * joined into one line, each opening a quotation and only the last closed). The tokenizer may give that mark to the
 * sentence before, so the quotation boundary, not the sentence, says where it starts.
 */
export function opensNextQuotation(unit: Unit, k: number): boolean {
  const { mark, quote } = unit;
  return k > 0 && mark[k] === 1 && quote[k - 1]! >= 0 && quote[k] !== quote[k - 1] && mark[k - 1] !== 2;
}
