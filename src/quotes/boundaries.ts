import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { boundaryCode, bucket, fnv, mix, row } from './features.js';
import { PRUNE_BELOW, quoteModelDir } from './model.js';
import { B, HASH_SIZE, I, O, runsOf } from './perceptron.js';
import type { Unit } from './units.js';

// Content and source boundaries, chosen again. The BIO taggers decide each token on its own (with one label of
// memory), so a run is often right in where it is but wrong by a clause at either end: PolNeAR's contents stop before
// ", but …", start after "that", keep or drop an introductory "And"; its sources keep an apposition up to its comma;
// its cues keep "said:" with the colon and "has been endorsed by" with the preposition, but not "said Friday".
// For each role, two rankers look again at each run the taggers found: one picks its first token among the tokens
// within BOUNDARY_WINDOW of the tagged start, the other its end among those near the tagged end. Each candidate is
// scored by a linear model over features of the boundary (the words and POS on both sides, clause punctuation,
// quotation marks, where the cues are, where the tagger put the boundary); the best candidate wins. Trained by
// src/train/quoteBoundaries.ts on PolNeAR train, on runs the taggers predicted for documents they were not trained on
// (jackknife), so they learn the taggers' real errors.

/** Tokens either side of a tagged boundary that a ranker may move it to. Chosen on PolNeAR dev: content runs with
 * both boundaries right 0.648 at 8, 0.652 at 16, 0.655 at 24, 0.656 at 32; but at 24 the whole-pipeline F1 is no
 * better (content +0.002, attributed -0.003), and each candidate costs time. */
export const BOUNDARY_WINDOW = 16;
/** The roles whose runs are re-bounded, and their files in models/quotes. */
export type BoundaryRole = 'content' | 'source' | 'cue';
export const BOUNDARY_ROLES: readonly BoundaryRole[] = ['content', 'source', 'cue'];
export const BOUNDARY_FILES: Readonly<Record<BoundaryRole, string>> = {
  content: 'content-boundaries.bin.gz',
  source: 'source-boundaries.bin.gz',
  cue: 'cue-boundaries.bin.gz',
};

/** Linear scorers of start and end candidates over hashed feature rows. */
export interface BoundaryModel {
  start: Float32Array;
  end: Float32Array;
}

export type Side = 'start' | 'end';

// Template numbers.
const S = (name: string): number => fnv(`b:${name}`);
const H_d = S('d');
const H_w = S('w');
const H_p = S('p');
const H_wo = S('wo');
const H_po = S('po');
const H_pp = S('pp');
const H_ww = S('ww');
const H_bc = S('bc');
const H_bcd = S('bcd');
const H_pd = S('pd');
const H_sent = S('sent');
const H_sentbc = S('sentbc');
const H_mk = S('mk');
const H_cueAdj = S('cueadj');
const H_cueIn = S('cuein');
const H_cueInW = S('cueinw');
const H_cueDist = S('cuedist');
const H_tag = S('tag');
const H_edge = S('edge');
const H_len = S('len');
const H_commas = S('commas');

const OUT = 0x7ffe;

// The rows of the templates whose values are few (distance buckets, clause codes, flags, labels), as functions of
// those values: boundaryRows and positionRows write them, and the run-time scorers look up the weight of every one of
// them once, when the rankers are loaded (FastScorer).
const dRow = (d: number): number => row(mix(H_d, d));
const bcRow = (bc: number, innerCode: number): number => row(mix(mix(H_bc, bc), innerCode));
const bcdRow = (bc: number, d0: number, sentEdge: number): number => row(mix(mix(mix(H_bcd, bc), d0), sentEdge));
const sentRow = (sentEdge: number, sd: number): number => row(mix(mix(H_sent, sentEdge), sd));
const mkRow = (inner: number, outer: number): number => row(mix(mix(H_mk, inner), outer));
const cueAdjRow = (near: number, bc: number): number => row(mix(mix(H_cueAdj, near), bc));
const cueInRow = (cueIn: number): number => row(mix(H_cueIn, cueIn));
const cueDistRow = (nearBucket: number, d0: number): number => row(mix(mix(H_cueDist, nearBucket), d0));
const tagRow = (inner: number, outer: number, d0: number): number => row(mix(mix(mix(H_tag, inner), outer), d0));
const edgeRow = (edge: number): number => row(mix(H_edge, edge));
const lenRow = (lenBucket: number, cross: number): number => row(mix(mix(H_len, lenBucket), cross));
const commasRow = (commas: number): number => row(mix(H_commas, commas));
// And those of the POS templates (POS hashes: ph, po), whose values are few too: the tags wink-nlp gives (KNOWN_POS).
const pRow = (pi: number): number => row(mix(H_p, pi));
const poRow = (po: number): number => row(mix(H_po, po));
const ppRow = (po: number, pi: number): number => row(mix(mix(H_pp, po), pi));
const sentbcRow = (sentEdge: number, bc: number, pi: number): number => row(mix(mix(mix(H_sentbc, sentEdge), bc), pi));
const pdRow = (pi: number, d: number): number => row(mix(mix(H_pd, pi), d));

/** The universal POS tags wink-nlp gives: the run-time scorers hold the weights of the POS templates' rows for each
 * (FastScorer); a token with any other tag is scored through the sparse table. */
const KNOWN_POS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X', 'SPACE'];
const POS_COUNT = KNOWN_POS.length;
/** POS index of "outside the paragraph" (the outer token of a boundary at its edge; POS hash OUT), and of a tag not
 * in KNOWN_POS. */
const POS_OUT = POS_COUNT;
const POS_UNKNOWN = POS_COUNT + 1;
/** POS hash → index in KNOWN_POS. */
const POS_INDEX = new Map(KNOWN_POS.map((tag, i) => [fnv(tag), i]));
/** The POS hash of each index below POS_UNKNOWN. */
const posHashOf = (i: number): number => (i === POS_OUT ? OUT : fnv(KNOWN_POS[i]!));

/** What the rankers read of each token that the taggers' base features (src/quotes/features.ts) compute too:
 * tagUnits hands them on (TaggedUnit.words) rather than have the rankers lower-case and hash every word again. */
export interface TokenWords {
  /** FNV hashes of each token's lower-case word and POS. */
  wh: Int32Array;
  ph: Int32Array;
  /** Clause-boundary class of each token (src/quotes/features.ts boundaryCode). */
  code: Uint8Array;
  /** commas[i]: commas among the first i tokens, for i = 0 .. n. */
  commas: Int32Array;
}

/** What the rankers read of a paragraph's words, computed once and shared by the three roles' rankers. */
export interface BoundaryWords extends TokenWords {
  unit: Unit;
  /** The tagged cues: prevCue[i] the last cue token before i (or -1), nextCue[i] the first at or after i (or n). */
  cue: Uint8Array;
  prevCue: Int32Array;
  nextCue: Int32Array;
  /** The rows of each boundary position that depend on nothing else (positionRows), filled in as candidates are first
   * scored and then read by every role's rankers: the content, source and cue windows overlap, and one role's runs'
   * start and end windows too. fixed[(slot * FIXED_ROWS) ..] for slot = at (a start) or n + 1 + at (an end). */
  fixed: Int32Array;
  fixedDone: Uint8Array;
  /** Each token's POS as an index in KNOWN_POS (POS_UNKNOWN for another tag). */
  pos: Uint8Array;
}

/** What the rankers read of a paragraph for one role: its words and the tagger's labels of that role. */
export interface BoundaryContext extends BoundaryWords {
  labels: Uint8Array;
}

/** `known`: the same arrays as computed by the taggers' features, when the caller has them (TaggedUnit.words). */
export function boundaryWords(unit: Unit, cue: Uint8Array, known?: TokenWords): BoundaryWords {
  const n = unit.tokens.length;
  const { wh, ph, code, commas } = known ?? tokenWords(unit);
  const prevCue = new Int32Array(n + 1);
  let last = -1;
  for (let i = 0; i <= n; i++) {
    prevCue[i] = last;
    if (i < n && cue[i] !== O) last = i;
  }
  const nextCue = new Int32Array(n + 1);
  let next = n;
  for (let i = n; i >= 0; i--) {
    if (i < n && cue[i] !== O) next = i;
    nextCue[i] = next;
  }
  const fixed = new Int32Array(2 * (n + 1) * FIXED_ROWS);
  const fixedDone = new Uint8Array(2 * (n + 1));
  const pos = new Uint8Array(n);
  for (let i = 0; i < n; i++) pos[i] = POS_INDEX.get(ph[i]!) ?? POS_UNKNOWN;
  return { unit, wh, ph, code, commas, cue, prevCue, nextCue, fixed, fixedDone, pos };
}

/** The rankers' word arrays of a paragraph computed from its tokens (as baseFeatures computes them). */
function tokenWords(unit: Unit): TokenWords {
  const n = unit.tokens.length;
  const lower = new Array<string>(n);
  const wh = new Int32Array(n);
  const ph = new Int32Array(n);
  const commas = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const t = unit.tokens[i]!;
    lower[i] = t.text.toLowerCase();
    wh[i] = fnv(lower[i]!);
    ph[i] = fnv(t.pos);
    commas[i + 1] = commas[i]! + (lower[i] === ',' ? 1 : 0);
  }
  const code = new Uint8Array(n);
  for (let i = 0; i < n; i++) code[i] = boundaryCode(lower, unit.mark, i);
  return { wh, ph, code, commas };
}

export function boundaryContext(unit: Unit, cue: Uint8Array, labels: Uint8Array, words: BoundaryWords = boundaryWords(unit, cue)): BoundaryContext {
  // Spelt out rather than spread: one object shape for every context.
  const { wh, ph, code, commas, prevCue, nextCue, fixed, fixedDone, pos } = words;
  return { unit: words.unit, wh, ph, code, commas, cue: words.cue, prevCue, nextCue, fixed, fixedDone, pos, labels };
}

/** Signed distance bucket: the sign kept, the size as in the taggers' buckets. */
function signed(d: number): number {
  return d < 0 ? -bucket(-d) : bucket(d);
}

/** More rows than boundaryRows ever writes. */
export const MAX_BOUNDARY_ROWS = 24;

/** A buffer for boundaryRows. */
export function rowBuffer(): Int32Array {
  return new Int32Array(MAX_BOUNDARY_ROWS);
}

/**
 * Feature rows of a candidate boundary, written into `out`; returns how many. For 'start', `at` is the candidate
 * first token and `tagged` the tagger's; for 'end', `at` is the candidate end (exclusive) and `tagged` the tagger's;
 * `other` is the run's opposite end (its end for a start, its start for an end). Constant time: the cue and comma
 * counts come from the paragraph's prefix arrays.
 */
export function boundaryRows(c: BoundaryContext, side: Side, at: number, tagged: number, other: number, out: Int32Array): number {
  const { wh, ph, labels } = c;
  const sent = c.unit.sent;
  const { inner, outer, inside, d, d0, bc, sentEdge, sd, o, near, a, b, firstIn, cueIn } = candidateGeometry(c, side, at, tagged, other);
  const pi = ph[inner]!;
  const f = c.fixed;
  let k = 0;
  out[k++] = dRow(d);
  for (let j = 0; j < 7; j++) out[k++] = f[o + j]!;
  out[k++] = bcdRow(bc, d0, sentEdge);
  out[k++] = pdRow(pi, d);
  out[k++] = sentRow(sentEdge, sd);
  for (let j = 7; j < 10; j++) out[k++] = f[o + j]!;
  // Cues: the nearest outside the boundary on its side ("said that | X", "X | , he said"): adjacent within 3
  // tokens, and its distance within 12; and the first cue inside the span the boundary would make.
  out[k++] = cueAdjRow(near <= 3 ? near : 0, bc);
  out[k++] = cueInRow(cueIn);
  if (cueIn) out[k++] = row(mix(mix(H_cueInW, wh[firstIn]!), side === 'start' ? 0 : 1));
  out[k++] = cueDistRow(bucket(near <= 12 ? near : 0), d0);
  // The tagger's own vote: its labels of the two tokens.
  out[k++] = tagRow(labels[inner]!, inside ? labels[outer]! : 3, d0);
  out[k++] = f[o + 10]!;
  out[k++] = lenRow(bucket(b - a), spansSentences(sent, a, b));
  out[k++] = commasRow(Math.min(c.commas[b]! - c.commas[a]!, 4));
  return k;
}

/** Where a candidate boundary sits: what boundaryRows and scoreCandidate both read (see candidateGeometry). */
interface CandidateGeometry {
  /** The two tokens either side of the boundary: inner belongs to the span, outer does not. */
  inner: number;
  outer: number;
  /** Whether outer is a token of the paragraph. */
  inside: boolean;
  /** Signed, capped distance from the tagged boundary; d0 is 1 when it is the tagged boundary. */
  d: number;
  d0: number;
  /** Class code of the outer token (7 outside the paragraph). */
  bc: number;
  /** 1 when the boundary is a sentence edge; sd the capped sentence distance from the tagged boundary. */
  sentEdge: number;
  sd: number;
  /** Offset of the boundary's position rows in the context's `fixed` table (computed on first use). */
  o: number;
  /** Tokens to the nearest cue outside the boundary on its side (0: none). */
  near: number;
  /** The span the boundary would make, and its first cue (cueIn 1 when that lies inside). */
  a: number;
  b: number;
  firstIn: number;
  cueIn: number;
}

/** Overwritten by every call: candidates are scored one at a time, and an object per candidate would be garbage. */
const geometry: CandidateGeometry = { inner: 0, outer: 0, inside: false, d: 0, d0: 0, bc: 0, sentEdge: 0, sd: 0, o: 0, near: 0, a: 0, b: 0, firstIn: 0, cueIn: 0 };

function candidateGeometry(c: BoundaryContext, side: Side, at: number, tagged: number, other: number): CandidateGeometry {
  const n = c.wh.length;
  const sent = c.unit.sent;
  const g = geometry;
  g.inner = side === 'start' ? at : at - 1;
  g.outer = side === 'start' ? at - 1 : at;
  g.inside = g.outer >= 0 && g.outer < n;
  g.d = signed(at - tagged);
  g.d0 = g.d === 0 ? 1 : 0;
  g.bc = g.inside ? c.code[g.outer]! : 7;
  g.sentEdge = !g.inside || sent[g.outer] !== sent[g.inner] ? 1 : 0;
  g.sd = Math.max(-2, Math.min(2, sent[g.inner]! - sent[side === 'start' ? tagged : Math.max(0, tagged - 1)]!));
  const slot = side === 'start' ? at : n + 1 + at;
  g.o = slot * FIXED_ROWS;
  if (c.fixedDone[slot] === 0) {
    positionRows(c, g.inner, g.outer, g.o);
    c.fixedDone[slot] = 1;
  }
  g.near = nearCue(c, side, at);
  g.a = side === 'start' ? at : other;
  g.b = side === 'start' ? other : at;
  g.firstIn = c.nextCue[g.a]!;
  g.cueIn = g.firstIn < g.b ? 1 : 0;
  return g;
}

/** Tokens from a boundary to the nearest cue outside it on its side (0 when there is none). */
function nearCue(c: BoundaryWords, side: Side, at: number): number {
  if (side === 'start') return c.prevCue[at]! >= 0 ? at - c.prevCue[at]! : 0;
  const n = c.wh.length;
  return c.nextCue[at]! < n ? c.nextCue[at]! - at + 1 : 0;
}

/** 1 when the span [a, b) crosses a sentence boundary. */
function spansSentences(sent: Int32Array, a: number, b: number): number {
  return sent[Math.max(a, b - 1)]! - sent[Math.min(a, b - 1)]! > 0 ? 1 : 0;
}

/** Rows of a boundary that depend only on where it is (not on the tagged boundary, the run or the labels). */
const FIXED_ROWS = 11;

/** Writes the FIXED_ROWS position rows of the boundary between `outer` and `inner` at c.fixed[o ..], in the order
 * boundaryRows reads them: word, POS, outer word, outer POS, POS pair, word pair, clause codes; sentence edge with
 * the clause code and POS, quotation marks, quotation depths; paragraph edge. */
function positionRows(c: BoundaryWords, inner: number, outer: number, o: number): void {
  const { wh, ph, code, fixed } = c;
  const n = wh.length;
  const { mark, sent, depth } = c.unit;
  const inside = outer >= 0 && outer < n;
  const wi = wh[inner]!;
  const pi = ph[inner]!;
  const wo = inside ? wh[outer]! : OUT;
  const po = inside ? ph[outer]! : OUT;
  const bc = inside ? code[outer]! : 7;
  const sentEdge = !inside || sent[outer] !== sent[inner] ? 1 : 0;
  fixed[o] = row(mix(H_w, wi));
  fixed[o + 1] = pRow(pi);
  fixed[o + 2] = row(mix(H_wo, wo));
  fixed[o + 3] = poRow(po);
  fixed[o + 4] = ppRow(po, pi);
  fixed[o + 5] = row(mix(mix(H_ww, wo), wi));
  fixed[o + 6] = bcRow(bc, code[inner]!);
  fixed[o + 7] = sentbcRow(sentEdge, bc, pi);
  fixed[o + 8] = mkRow(mark[inner]!, inside ? mark[outer]! : 3);
  fixed[o + 9] = mkRow(depth[inner]!, inside ? depth[outer]! : 3);
  fixed[o + 10] = edgeRow(outer < 0 ? 1 : outer >= n ? 2 : 0);
}

/** The score of a candidate from its feature rows (rows[0 .. count - 1]). */
export type RowScorer = (rows: Int32Array, count: number) => number;

/** Scores from a dense weight table (training's, which changes as it learns). */
export function denseScorer(w: ArrayLike<number>): RowScorer {
  return (rows, count) => {
    let s = 0;
    for (let k = 0; k < count; k++) s += w[rows[k]!]!;
    return s;
  };
}

/** Candidate range of a boundary: within the window, inside the paragraph, not into a neighbouring run, and
 * leaving the span at least one token. */
export function candidates(side: Side, run: readonly [number, number], prevEnd: number, nextStart: number, n: number): [number, number] {
  if (side === 'start') return [Math.max(prevEnd, run[0] - BOUNDARY_WINDOW), Math.min(run[1] - 1, run[0] + BOUNDARY_WINDOW)];
  return [Math.max(run[0] + 1, run[1] - BOUNDARY_WINDOW), Math.min(nextStart, n, run[1] + BOUNDARY_WINDOW)];
}

/** The best-scoring candidate (the tagged boundary on ties). */
export function bestBoundary(score: RowScorer, c: BoundaryContext, side: Side, run: readonly [number, number], range: readonly [number, number], rows: Int32Array): number {
  const tagged = side === 'start' ? run[0] : run[1];
  const other = side === 'start' ? run[1] : run[0];
  return bestCandidate(tagged, range, (at) => score(rows, boundaryRows(c, side, at, tagged, other, rows)));
}

/** The candidate of `range` with the highest score, the tagged one first and kept on ties. */
function bestCandidate(tagged: number, range: readonly [number, number], scoreAt: (at: number) => number): number {
  let best = tagged;
  let bestScore = scoreAt(tagged);
  for (let at = range[0]; at <= range[1]; at++) {
    if (at === tagged) continue;
    const s = scoreAt(at);
    if (s > bestScore) {
      best = at;
      bestScore = s;
    }
  }
  return best;
}

/** A scorer's weights as read at run time. The scorers are 4 MB tables of float32 weights over 2^20 rows, read at
 * random rows: six of them, besides the taggers' table, and most reads missed the caches. But they are sparse (some
 * thousands to tens of thousands of non-zero rows each), so here each is an open-addressing hash table of its non-zero
 * rows, at most half full: slot p holds a row at rows[2p] and its weight at weights[2p + 1] (two views of one buffer),
 * so a look-up reads one cache line, and the six committed tables together take about 1 MB rather than 24. (Measured
 * alone, the rankers took about 30% less time this way; a 16-bit index of slots, 2 MB a role, gained less.) Exactly the same scores: the same weights
 * are added in the same order, and a row not in the table adds +0, which leaves a sum unchanged (a sum that starts at
 * +0 is never -0). */
interface SparseScorer {
  /** Slots - 1 (a power of two less one). */
  mask: number;
  /** Row of each slot (EMPTY when free); weights reads the same buffer as float32. */
  rows: Int32Array;
  weights: Float32Array;
}

const EMPTY = -1;

function sparseScorer(w: Float32Array): SparseScorer {
  let count = 0;
  for (let r = 0; r < HASH_SIZE; r++) if (w[r] !== 0) count++;
  let slots = 16;
  while (slots < 2 * count) slots *= 2;
  const buffer = new ArrayBuffer(slots * 8);
  const scorer: SparseScorer = { mask: slots - 1, rows: new Int32Array(buffer).fill(EMPTY), weights: new Float32Array(buffer) };
  for (let r = 0; r < HASH_SIZE; r++) {
    if (w[r] === 0) continue;
    let p = r & scorer.mask;
    while (scorer.rows[2 * p] !== EMPTY) p = (p + 1) & scorer.mask;
    scorer.rows[2 * p] = r;
    scorer.weights[2 * p + 1] = w[r]!;
  }
  return scorer;
}

/** The weight of row r in a SparseScorer (+0 when it has none). Rows are hashes already (uniform over the table), so a
 * row's own low bits are its first slot. */
function weightOf(w: SparseScorer, r: number): number {
  const { mask, rows: keys } = w;
  for (let p = r & mask; ; p = (p + 1) & mask) {
    const key = keys[2 * p]!;
    if (key === r) return w.weights[2 * p + 1]!;
    if (key === EMPTY) return 0;
  }
}

/**
 * A side's scorer as the run-time rankers read it: its SparseScorer, and the weight of every row of each template whose
 * values are few, looked up once when the rankers are loaded. Those templates are 13 of a candidate's 22 or so rows;
 * an index into a small array costs much less than hashing a row and probing the table for it (the rankers' time
 * was about a fifth of the quote finder's, most of it those look-ups). scoreCandidate adds the same weights in the
 * same order as a RowScorer adds those of boundaryRows, so the scores are the same numbers (a row the table lacks
 * adds +0, as it adds nothing there: see SparseScorer). Each table is indexed as its comment says.
 */
export interface FastScorer {
  sparse: SparseScorer;
  /** d + 7 (d in -7 .. 7). */
  d: Float32Array;
  /** bc * 8 + inner code (both 0 .. 7). */
  bc: Float32Array;
  /** (bc * 2 + d0) * 2 + sentence edge. */
  bcd: Float32Array;
  /** sentence edge * 5 + sd + 2 (sd in -2 .. 2). */
  sent: Float32Array;
  /** inner * 4 + outer, for marks and depths below SMALL_LABELS. */
  mk: Float32Array;
  /** near * 8 + bc (near 0 .. 3). */
  cueAdj: Float32Array;
  /** cueIn (0, 1). */
  cueIn: Float32Array;
  /** near bucket * 2 + d0. */
  cueDist: Float32Array;
  /** (inner label * 4 + outer label) * 2 + d0, for labels below SMALL_LABELS. */
  tag: Float32Array;
  /** 0 inside the paragraph, 1 at its start, 2 at its end. */
  edge: Float32Array;
  /** length bucket * 2 + crosses a sentence. */
  len: Float32Array;
  /** commas 0 .. 4. */
  commas: Float32Array;
  // The POS templates, by POS index (KNOWN_POS; the outer token's may be POS_OUT).
  /** inner POS. */
  p: Float32Array;
  /** outer POS. */
  po: Float32Array;
  /** outer POS * POS_COUNT + inner POS. */
  pp: Float32Array;
  /** (sentence edge * 8 + bc) * POS_COUNT + inner POS. */
  sentbc: Float32Array;
  /** inner POS * 15 + d + 7. */
  pd: Float32Array;
}

/** Marks, depths and labels below this are read from FastScorer's tables (the units' marks are 0 .. 2 and depths
 * 0 .. 3, labels 0 .. 2, and 3 stands for "outside the paragraph"); others, which no unit the finder builds has, are
 * looked up in the sparse table. */
const SMALL_LABELS = 4;

/** Table of `size` weights: entry i is the weight of row rowOf(i). */
function weightTable(w: SparseScorer, size: number, rowOf: (i: number) => number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = weightOf(w, rowOf(i));
  return out;
}

function fastScorer(weights: Float32Array): FastScorer {
  const w = sparseScorer(weights);
  const L = SMALL_LABELS;
  return {
    sparse: w,
    d: weightTable(w, 15, (i) => dRow(i - 7)),
    bc: weightTable(w, 64, (i) => bcRow(i >> 3, i & 7)),
    bcd: weightTable(w, 32, (i) => bcdRow(i >> 2, (i >> 1) & 1, i & 1)),
    sent: weightTable(w, 10, (i) => sentRow(Math.floor(i / 5), (i % 5) - 2)),
    mk: weightTable(w, L * L, (i) => mkRow(Math.floor(i / L), i % L)),
    cueAdj: weightTable(w, 32, (i) => cueAdjRow(i >> 3, i & 7)),
    cueIn: weightTable(w, 2, (i) => cueInRow(i)),
    cueDist: weightTable(w, 16, (i) => cueDistRow(i >> 1, i & 1)),
    tag: weightTable(w, L * L * 2, (i) => tagRow(Math.floor((i >> 1) / L), (i >> 1) % L, i & 1)),
    edge: weightTable(w, 3, (i) => edgeRow(i)),
    len: weightTable(w, 16, (i) => lenRow(i >> 1, i & 1)),
    commas: weightTable(w, 5, (i) => commasRow(i)),
    p: weightTable(w, POS_COUNT, (i) => pRow(posHashOf(i))),
    po: weightTable(w, POS_COUNT + 1, (i) => poRow(posHashOf(i))),
    pp: weightTable(w, (POS_COUNT + 1) * POS_COUNT, (i) => ppRow(posHashOf(Math.floor(i / POS_COUNT)), posHashOf(i % POS_COUNT))),
    sentbc: weightTable(w, 16 * POS_COUNT, (i) => sentbcRow(Math.floor(i / (8 * POS_COUNT)), Math.floor(i / POS_COUNT) % 8, posHashOf(i % POS_COUNT))),
    pd: weightTable(w, POS_COUNT * 15, (i) => pdRow(posHashOf(Math.floor(i / 15)), (i % 15) - 7)),
  };
}

/** The weight of the mk row of two marks or depths. */
function mkWeight(f: FastScorer, inner: number, outer: number): number {
  return inner < SMALL_LABELS && outer < SMALL_LABELS ? f.mk[inner * SMALL_LABELS + outer]! : weightOf(f.sparse, mkRow(inner, outer));
}

/** The weight of the tag row of two labels. */
function tagWeight(f: FastScorer, inner: number, outer: number, d0: number): number {
  return inner < SMALL_LABELS && outer < SMALL_LABELS ? f.tag[(inner * SMALL_LABELS + outer) * 2 + d0]! : weightOf(f.sparse, tagRow(inner, outer, d0));
}

/**
 * The score of a candidate boundary: the sum of the weights of its boundaryRows (same arguments), in their order,
 * read through a FastScorer. Kept in step with boundaryRows (test/quotes-boundary-scoring.test.ts checks that the two
 * give the same numbers).
 */
export function scoreCandidate(f: FastScorer, c: BoundaryContext, side: Side, at: number, tagged: number, other: number): number {
  const { wh, ph, code, labels } = c;
  const n = wh.length;
  const { sent, mark, depth } = c.unit;
  const { inner, outer, inside, d, d0, bc, sentEdge, sd, o, near, a, b, firstIn, cueIn } = candidateGeometry(c, side, at, tagged, other);
  const pi = ph[inner]!;
  const fixed = c.fixed;
  const sp = f.sparse;
  // POS indexes of the two tokens; a tag not in KNOWN_POS is read through the sparse table.
  const ip = c.pos[inner]!;
  const op = inside ? c.pos[outer]! : POS_OUT;
  const known = ip < POS_COUNT && op <= POS_OUT;
  let s = 0;
  s += f.d[d + 7]!;
  s += weightOf(sp, fixed[o]!);
  s += known ? f.p[ip]! : weightOf(sp, fixed[o + 1]!);
  s += weightOf(sp, fixed[o + 2]!);
  s += known ? f.po[op]! : weightOf(sp, fixed[o + 3]!);
  s += known ? f.pp[op * POS_COUNT + ip]! : weightOf(sp, fixed[o + 4]!);
  s += weightOf(sp, fixed[o + 5]!);
  s += f.bc[bc * 8 + code[inner]!]!;
  s += f.bcd[(bc * 2 + d0) * 2 + sentEdge]!;
  s += known ? f.pd[ip * 15 + d + 7]! : weightOf(sp, pdRow(pi, d));
  s += f.sent[sentEdge * 5 + sd + 2]!;
  s += known ? f.sentbc[(sentEdge * 8 + bc) * POS_COUNT + ip]! : weightOf(sp, fixed[o + 7]!);
  s += mkWeight(f, mark[inner]!, inside ? mark[outer]! : 3);
  s += mkWeight(f, depth[inner]!, inside ? depth[outer]! : 3);
  s += f.cueAdj[(near <= 3 ? near : 0) * 8 + bc]!;
  s += f.cueIn[cueIn]!;
  if (cueIn) s += weightOf(sp, row(mix(mix(H_cueInW, wh[firstIn]!), side === 'start' ? 0 : 1)));
  s += f.cueDist[bucket(near <= 12 ? near : 0) * 2 + d0]!;
  s += tagWeight(f, labels[inner]!, inside ? labels[outer]! : 3, d0);
  s += f.edge[outer < 0 ? 1 : outer >= n ? 2 : 0]!;
  s += f.len[bucket(b - a) * 2 + spansSentences(sent, a, b)]!;
  s += f.commas[Math.min(c.commas[b]! - c.commas[a]!, 4)]!;
  return s;
}

/** The run-time form of each ranker's scorers, built on first use (the committed rankers are loaded once and never
 * changed afterwards). */
const fastRankers = new WeakMap<BoundaryModel, { start: FastScorer; end: FastScorer }>();

export function fastRanker(model: BoundaryModel): { start: FastScorer; end: FastScorer } {
  let fast = fastRankers.get(model);
  if (!fast) {
    fast = { start: fastScorer(model.start), end: fastScorer(model.end) };
    fastRankers.set(model, fast);
  }
  return fast;
}

/** bestBoundary through a FastScorer. */
function bestFastBoundary(f: FastScorer, c: BoundaryContext, side: Side, run: readonly [number, number], range: readonly [number, number]): number {
  const tagged = side === 'start' ? run[0] : run[1];
  const other = side === 'start' ? run[1] : run[0];
  return bestCandidate(tagged, range, (at) => scoreCandidate(f, c, side, at, tagged, other));
}

/** A role's labels with each run's start and end chosen again by that role's rankers. `words` are the paragraph's
 * (boundaryWords of the same unit and cues), when the caller re-bounds several roles of it. */
export function rechooseBoundaries(model: BoundaryModel, unit: Unit, cue: Uint8Array, labels: Uint8Array, words?: BoundaryWords): Uint8Array {
  const runs = runsOf(labels);
  if (runs.length === 0) return labels;
  const n = labels.length;
  const c = boundaryContext(unit, cue, labels, words);
  const { start, end } = fastRanker(model);
  const out = new Uint8Array(n);
  let prevEnd = 0;
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    const nextStart = k + 1 < runs.length ? runs[k + 1]![0] : n;
    const s = bestFastBoundary(start, c, 'start', run, candidates('start', run, prevEnd, nextStart, n));
    const e = bestFastBoundary(end, c, 'end', run, candidates('end', run, prevEnd, nextStart, n));
    // The rankers' boundaries when they leave a non-empty span, else the tagged ones.
    const a = s < e ? s : run[0];
    const b = s < e ? e : run[1];
    out[a] = B;
    for (let t = a + 1; t < b; t++) out[t] = I;
    prevEnd = b;
  }
  return out;
}

/** Sparse gzip file: the non-zero weights of both scorers as (row, weight) pairs, start first. */
export function serialiseBoundaries(m: BoundaryModel): Buffer {
  const parts: Buffer[] = [];
  for (const w of [m.start, m.end]) {
    const rows: number[] = [];
    for (let r = 0; r < HASH_SIZE; r++) if (Math.abs(w[r]!) >= PRUNE_BELOW) rows.push(r);
    const buf = Buffer.alloc(4 + rows.length * 8);
    buf.writeUInt32LE(rows.length, 0);
    rows.forEach((r, k) => {
      buf.writeUInt32LE(r, 4 + k * 8);
      buf.writeFloatLE(w[r]!, 8 + k * 8);
    });
    parts.push(buf);
  }
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

export function parseBoundaries(gz: Buffer): BoundaryModel {
  const buf = gunzipSync(gz);
  let o = 0;
  const read = (): Float32Array => {
    const w = new Float32Array(HASH_SIZE);
    const count = buf.readUInt32LE(o);
    o += 4;
    for (let k = 0; k < count; k++, o += 8) w[buf.readUInt32LE(o)] = buf.readFloatLE(o + 4);
    return w;
  };
  const start = read();
  return { start, end: read() };
}

export type BoundaryModels = Record<BoundaryRole, BoundaryModel | null>;

let cached: { dir: string; models: BoundaryModels } | undefined;

/** The rankers of each role in `dir` (quoteModelDir() unless given; those are read once); a role's are null when they
 * have not been trained (its tagged boundaries are kept). */
export function loadBoundaryModels(dir: string = quoteModelDir()): BoundaryModels {
  if (cached !== undefined && cached.dir === dir) return cached.models;
  const load = (role: BoundaryRole): BoundaryModel | null => {
    const file = join(dir, BOUNDARY_FILES[role]);
    return existsSync(file) ? parseBoundaries(readFileSync(file)) : null;
  };
  const models = { content: load('content'), source: load('source'), cue: load('cue') };
  // Their run-time form too, as part of loading (rechooseBoundaries would build it on first use).
  for (const m of [models.content, models.source, models.cue]) if (m) fastRanker(m);
  if (dir === quoteModelDir()) cached = { dir, models };
  return models;
}

