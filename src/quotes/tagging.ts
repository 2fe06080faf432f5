import type { Block } from '../model/record.js';
import type { Token } from '../pipeline/doc.js';
import { baseFeatures, stageFeatures, type FlatRows } from './features.js';
import { quoteLexicon } from './lexicon.js';
import { pairQuoteMarks, type MarkedQuote } from './marks.js';
import { TABLE_STRIDE, type QuoteModels } from './model.js';
import { LABELS, O, viterbiEm } from './perceptron.js';
import { paragraphRanges } from './paragraphs.js';
import { SPEECH_SETTINGS, type QuoteSettings } from './settings.js';
import { buildUnits, type Unit } from './units.js';

/** A paragraph with the BIO labels the three taggers gave its tokens. */
export interface TaggedUnit {
  unit: Unit;
  cue: Uint8Array;
  content: Uint8Array;
  source: Uint8Array;
}

export interface DocLayout {
  paragraphs: Array<[number, number]>;
  marks: MarkedQuote[];
  units: Unit[];
}

/** Paragraphs, paired quotation marks and token units of a document. */
export function layoutOf(text: string, tokens: readonly Token[], blocks: readonly Block[]): DocLayout {
  const paragraphs = paragraphRanges(text, blocks);
  const marks = pairQuoteMarks(text, paragraphs);
  return { paragraphs, marks, units: buildUnits(tokens, paragraphs, marks) };
}

/** Runs the cue, content, source and refining content taggers in turn, each seeing what the earlier ones predicted.
 * The base rows of each token are read once for all four (the interleaved table of QuoteModels); each stage then
 * adds the scores of its own rows. A paragraph with neither a predicted cue nor a quotation mark stops after the cue
 * tagger (nothing in it could be kept as a quote). The weights are the files' weights quantised to 8 bits
 * (src/quotes/model.ts); the sums of the integers are exact. */
export function tagUnits(units: readonly Unit[], models: QuoteModels, settings: Readonly<QuoteSettings> = SPEECH_SETTINGS): TaggedUnit[] {
  const lex = quoteLexicon();
  const { table, trans, scale } = models;
  const inv = 1 / scale;
  return units.map((unit) => {
    const n = unit.tokens.length;
    const base = baseFeatures(unit, lex);
    const baseEm = new Float64Array(n * TABLE_STRIDE);
    const { ids: bids, off: boff } = base.rows;
    // The base rows' sums for the cue tagger first; the other three taggers' only for a paragraph that has something
    // to attribute (a predicted cue or a quotation mark): most paragraphs of news have neither.
    for (let t = 0; t < n; t++) {
      let a0 = 0, a1 = 0, a2 = 0;
      for (let k = boff[t]!, e = boff[t + 1]!; k < e; k++) {
        const r = bids[k]! * TABLE_STRIDE;
        a0 += table[r]!; a1 += table[r + 1]!; a2 += table[r + 2]!;
      }
      const o = t * TABLE_STRIDE;
      baseEm[o] = a0 * inv; baseEm[o + 1] = a1 * inv; baseEm[o + 2] = a2 * inv;
    }
    const restOfBase = (): void => {
      for (let t = 0; t < n; t++) {
        // Nine running sums in locals (a loop over baseEm itself reads and writes memory for every weight).
        let a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0;
        for (let k = boff[t]!, e = boff[t + 1]!; k < e; k++) {
          const r = bids[k]! * TABLE_STRIDE;
          a3 += table[r + 3]!; a4 += table[r + 4]!; a5 += table[r + 5]!; a6 += table[r + 6]!; a7 += table[r + 7]!;
          a8 += table[r + 8]!; a9 += table[r + 9]!; a10 += table[r + 10]!; a11 += table[r + 11]!;
        }
        const o = t * TABLE_STRIDE;
        baseEm[o + 3] = a3 * inv; baseEm[o + 4] = a4 * inv; baseEm[o + 5] = a5 * inv; baseEm[o + 6] = a6 * inv;
        baseEm[o + 7] = a7 * inv; baseEm[o + 8] = a8 * inv; baseEm[o + 9] = a9 * inv; baseEm[o + 10] = a10 * inv;
        baseEm[o + 11] = a11 * inv;
      }
    };
    const em = new Float64Array(n * LABELS);
    const em2 = new Float64Array(n * LABELS);
    // Scores stage `stage` (and `stage + 1` into em2 when `pair`: source and refine read the same rows).
    const score = (stage: number, seq: FlatRows, bias: number, pair: boolean, bias2: number): void => {
      const { ids, off } = seq;
      const col = stage * LABELS;
      for (let t = 0; t < n; t++) {
        const o = t * TABLE_STRIDE + col;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let u0 = 0;
        let u1 = 0;
        let u2 = 0;
        for (let k = off[t]!, e = off[t + 1]!; k < e; k++) {
          const r = ids[k]! * TABLE_STRIDE + col;
          s0 += table[r]!;
          s1 += table[r + 1]!;
          s2 += table[r + 2]!;
          if (pair) {
            u0 += table[r + 3]!;
            u1 += table[r + 4]!;
            u2 += table[r + 5]!;
          }
        }
        em[t * 3] = baseEm[o]! + s0 * inv;
        em[t * 3 + 1] = baseEm[o + 1]! + s1 * inv + bias;
        em[t * 3 + 2] = baseEm[o + 2]! + s2 * inv + bias;
        if (pair) {
          em2[t * 3] = baseEm[o + 3]! + u0 * inv;
          em2[t * 3 + 1] = baseEm[o + 4]! + u1 * inv + bias2;
          em2[t * 3 + 2] = baseEm[o + 5]! + u2 * inv + bias2;
        }
      }
    };
    score(0, stageFeatures(unit, 'cue', base), settings.cueBias, false, 0);
    const cue = viterbiEm(em, n, trans[0]!);
    let attributable = false;
    for (let t = 0; t < n && !attributable; t++) attributable = cue[t] !== O || unit.depth[t] !== 0;
    if (!attributable) return { unit, cue, content: new Uint8Array(n), source: new Uint8Array(n) };
    restOfBase();
    score(1, stageFeatures(unit, 'content', base, cue), settings.contentBias, false, 0);
    const first = viterbiEm(em, n, trans[1]!);
    // The source and refine stages add the same rows (both see the cues and the first content pass).
    score(2, stageFeatures(unit, 'source', base, cue, first), settings.sourceBias, true, settings.refineBias);
    const source = viterbiEm(em, n, trans[2]!);
    const content = viterbiEm(em2, n, trans[3]!);
    return { unit, cue, content, source };
  });
}
