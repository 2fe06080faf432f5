import type { Block } from '../model/record.js';
import type { Token } from '../pipeline/doc.js';
import { baseFeatures, stageFeatures, type FlatRows } from './features.js';
import { quoteLexicon } from './lexicon.js';
import { pairQuoteMarks, type MarkedQuote, type MarkOptions } from '../language/quoteMarks.js';
import { PACK_OFFSET, PACKED_STRIDE, TABLE_STRIDE, type QuoteModels } from './model.js';
import { LABELS, O, viterbiEm } from './perceptron.js';
import { paragraphRanges } from '../language/paragraphs.js';
import { SPEECH_SETTINGS, type QuoteSettings } from './settings.js';
import { buildUnits, type Unit } from './units.js';
import type { TokenWords } from './boundaries.js';

/** A paragraph with the BIO labels the three taggers gave its tokens. */
export interface TaggedUnit {
  unit: Unit;
  cue: Uint8Array;
  content: Uint8Array;
  source: Uint8Array;
  /** The paragraph's word and POS hashes, clause codes and comma counts as the taggers' features computed them, handed
   * on to the boundary rankers (which read the same); undefined when tagging stopped after the cues. */
  words?: TokenWords | undefined;
}

export interface DocLayout {
  paragraphs: Array<[number, number]>;
  marks: MarkedQuote[];
  units: Unit[];
}

/** Paragraphs, paired quotation marks and token units of a document. */
export function layoutOf(text: string, tokens: readonly Token[], blocks: readonly Block[], markOptions: MarkOptions = {}): DocLayout {
  const paragraphs = paragraphRanges(text, blocks);
  const marks = pairQuoteMarks(text, paragraphs, markOptions);
  return { paragraphs, marks, units: buildUnits(tokens, paragraphs, marks) };
}

/** Runs the cue, content, source and refining content taggers in turn, each seeing what the earlier ones predicted.
 * The base rows of each token are read once for all four (the interleaved table of QuoteModels); each stage then
 * adds the scores of its own rows. A paragraph with neither a predicted cue nor a quotation mark stops after the cue
 * tagger (nothing in it could be kept as a quote). The weights are the files' weights quantised to 8 bits
 * (src/quotes/model.ts); the sums of the integers are exact. */
export function tagUnits(units: readonly Unit[], models: QuoteModels, settings: Readonly<QuoteSettings> = SPEECH_SETTINGS): TaggedUnit[] {
  const lex = quoteLexicon();
  const { packed, trans, scale } = models;
  const inv = 1 / scale;
  return units.map((unit) => {
    const n = unit.tokens.length;
    const base = baseFeatures(unit, lex, rowBuffers.base);
    rowBuffers.base = base.rows.ids;
    // The base rows' sums of all four taggers in one pass: most tokens (86% of the bench corpus's) sit in a paragraph
    // that has something to attribute, where the later taggers read them too, and the other columns of a row are in
    // the memory already read for the cue tagger's.
    const { base: baseSum, stage: stageSum, em, em2 } = fitBuffers(n);
    sumRows(packed, base.rows, n, baseSum);
    // Scores stage `stage` (and `stage + 1` into em2 when `pair`: source and refine read the same rows). Each
    // emission is (base sum) / scale + (stage sum) / scale + bias, in that order, as the taggers were always run.
    // `add`: seq's rows are added to the stage sums already there rather than summed afresh.
    const score = (stage: number, seq: FlatRows, bias: number, pair: boolean, bias2: number, add: boolean): void => {
      rowBuffers.stage = seq.ids;
      sumRows(packed, seq, n, stageSum, add);
      const col = stage * LABELS;
      for (let t = 0; t < n; t++) {
        const o = t * TABLE_STRIDE + col;
        em[t * 3] = baseSum[o]! * inv + stageSum[o]! * inv;
        em[t * 3 + 1] = baseSum[o + 1]! * inv + stageSum[o + 1]! * inv + bias;
        em[t * 3 + 2] = baseSum[o + 2]! * inv + stageSum[o + 2]! * inv + bias;
        if (pair) {
          em2[t * 3] = baseSum[o + 3]! * inv + stageSum[o + 3]! * inv;
          em2[t * 3 + 1] = baseSum[o + 4]! * inv + stageSum[o + 4]! * inv + bias2;
          em2[t * 3 + 2] = baseSum[o + 5]! * inv + stageSum[o + 5]! * inv + bias2;
        }
      }
    };
    score(0, stageFeatures(unit, 'cue', base, undefined, undefined, rowBuffers.stage), settings.cueBias, false, 0, false);
    const cue = viterbiEm(em, n, trans[0]!);
    let attributable = false;
    for (let t = 0; t < n && !attributable; t++) attributable = cue[t] !== O || unit.depth[t] !== 0;
    if (!attributable) return { unit, cue, content: new Uint8Array(n), source: new Uint8Array(n), words: undefined };
    score(1, stageFeatures(unit, 'content', base, cue, undefined, rowBuffers.stage), settings.contentBias, false, 0, false);
    const first = viterbiEm(em, n, trans[1]!);
    // The source and refine stages add the same rows (both see the cues and the first content pass): the content
    // stage's rows, whose sums are still in the stage sums, and the rows of the first content pass's labels.
    score(2, stageFeatures(unit, 'source', base, cue, first, rowBuffers.stage, true), settings.sourceBias, true, settings.refineBias, true);
    const source = viterbiEm(em, n, trans[2]!);
    const content = viterbiEm(em2, n, trans[3]!);
    const words: TokenWords = { wh: base.wh, ph: base.ph, code: base.boundary, commas: base.commas };
    return { unit, cue, content, source, words };
  });
}

/** Rows added up in one go of sumRows: 64 bytes of at most 255 each fit a 16-bit half of a word, and the word stays
 * below 2^30 (a small integer to V8, never a heap number). */
const ROWS_PER_PASS = 64;

/** For each of the n tokens, the integer sums of the twelve table columns over its rows:
 * out[t * TABLE_STRIDE + c] = Σ weight of column c, over rows.ids[rows.off[t]] .. rows.ids[rows.off[t + 1] - 1].
 * Reads three packed words a row (QuoteModels.packed) and adds two columns at once in the 16-bit halves of a number
 * (the bytes at even positions, then the odd ones shifted down); each row's PACK_OFFSET is taken off at the end. The
 * same integers as adding the weights one by one: integer sums are exact in any order. `add`: the sums are added to
 * what out holds already (the sums of other rows of the same tokens) rather than written afresh. */
function sumRows(packed: Int32Array, rows: FlatRows, n: number, out: Int32Array, add = false): void {
  const { ids, off } = rows;
  if (!add) out.fill(0, 0, n * TABLE_STRIDE);
  for (let t = 0; t < n; t++) {
    const o = t * TABLE_STRIDE;
    for (let k = off[t]!, end = off[t + 1]!; k < end; ) {
      const stop = Math.min(end, k + ROWS_PER_PASS);
      const offset = (stop - k) * PACK_OFFSET;
      // e0 holds columns 0 (low half) and 2 (high half), o0 columns 1 and 3; e1, o1 columns 4 to 7; e2, o2 8 to 11.
      let e0 = 0, o0 = 0, e1 = 0, o1 = 0, e2 = 0, o2 = 0;
      for (; k < stop; k++) {
        const r = ids[k]! * PACKED_STRIDE;
        const w0 = packed[r]!;
        const w1 = packed[r + 1]!;
        const w2 = packed[r + 2]!;
        e0 += w0 & 0xff00ff; o0 += (w0 >>> 8) & 0xff00ff;
        e1 += w1 & 0xff00ff; o1 += (w1 >>> 8) & 0xff00ff;
        e2 += w2 & 0xff00ff; o2 += (w2 >>> 8) & 0xff00ff;
      }
      out[o] += (e0 & 0xffff) - offset; out[o + 1] += (o0 & 0xffff) - offset;
      out[o + 2] += (e0 >>> 16) - offset; out[o + 3] += (o0 >>> 16) - offset;
      out[o + 4] += (e1 & 0xffff) - offset; out[o + 5] += (o1 & 0xffff) - offset;
      out[o + 6] += (e1 >>> 16) - offset; out[o + 7] += (o1 >>> 16) - offset;
      out[o + 8] += (e2 & 0xffff) - offset; out[o + 9] += (o2 & 0xffff) - offset;
      out[o + 10] += (e2 >>> 16) - offset; out[o + 11] += (o2 >>> 16) - offset;
    }
  }
}

/** Working arrays of tagUnits for a paragraph of up to `tokens` tokens, grown as needed and reused by every paragraph
 * of every document: a paragraph's arrays are dead once its labels are decoded (tagging runs synchronously from
 * start to end), so no paragraph allocates them anew. */
const buffers = {
  tokens: 0,
  /** Integer sums of the twelve table columns of each token: over its base rows, over the current stage's rows. */
  base: new Int32Array(0),
  stage: new Int32Array(0),
  /** Emission scores of the stage being decoded (em2: of the refine stage, decoded with the source stage). */
  em: new Float64Array(0),
  em2: new Float64Array(0),
};

/** The row buffers of baseFeatures and stageFeatures, handed back to them paragraph after paragraph (each paragraph's
 * rows are summed by sumRows right after they are written and never read again; they keep the larger buffer when one
 * is too small). */
const rowBuffers: { base: Int32Array | undefined; stage: Int32Array | undefined } = { base: undefined, stage: undefined };

/** Makes `buffers` large enough for n tokens (their contents are left over from earlier paragraphs). */
function fitBuffers(n: number): typeof buffers {
  if (buffers.tokens < n) {
    const tokens = Math.max(n, 2 * buffers.tokens);
    buffers.tokens = tokens;
    buffers.base = new Int32Array(tokens * TABLE_STRIDE);
    buffers.stage = new Int32Array(tokens * TABLE_STRIDE);
    buffers.em = new Float64Array(tokens * LABELS);
    buffers.em2 = new Float64Array(tokens * LABELS);
  }
  return buffers;
}
