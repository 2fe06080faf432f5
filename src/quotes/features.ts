import { HASH_SIZE, type FeatureSeq } from './perceptron.js';
import type { QuoteLexicon } from './lexicon.js';
import type { Unit } from './units.js';
import { B, I, O } from './perceptron.js';
import { quoteWordClusters } from './wordClusters.js';
import { int32s, uint8s } from '../util/typedArena.js';

// Token features for the taggers. Stage "cue" sees words, POS, quotation marks and the cue word lists; stage
// "content" adds where the predicted cues are; stages "source" and "refine" add where the predicted content is too.
// Every feature comes from a bounded window or from one left-to-right and one right-to-left pass: linear per
// paragraph. The stage-independent part is computed once per paragraph and shared by the four taggers.
//
// No feature string is ever built. Each token's word, POS, suffix and shape are hashed once (FNV-1a) into integers;
// a feature row is its template's number mixed with one to three such integers (or small codes: distances,
// quotation depth, flags), then avalanched and masked to the table. Rows are written into one flat buffer per
// paragraph with an offset per token (FlatRows): no per-token arrays.

/** refine: a second content tagger that also sees the first one's spans (stacking gives it the long-range view a
 * first-order tagger lacks: where the span started, whether the sentence before was content). */
export type Stage = 'cue' | 'content' | 'source' | 'refine';

/** Tokens between a quotation mark and a cue for the quotation to count as attached to it ("…,” he said). */
export const QUOTE_CUE_WINDOW = 4;

/** The rows of a paragraph's tokens: token t's rows are ids[off[t]] .. ids[off[t + 1] - 1]. */
export interface FlatRows {
  ids: Int32Array;
  off: Int32Array;
}

const FNV_OFFSET = 0x811c9dc5;
/** Rows are hashes masked to the table (HASH_SIZE is a power of two below 2^31, so the masked value is never negative). */
const ROW_MASK = HASH_SIZE - 1;

/** FNV-1a of a string: the hash of a token's word, POS or suffix, computed once per token. */
export function fnv(s: string, from = 0, to = s.length): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** One value into a running feature hash. */
export function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x01000193);
  return h ^ (h >>> 15);
}

/** Final avalanche (murmur3 fmix32), masked to the table. Written as three expressions, with the mask a constant of
 * this module, to keep its bytecode short (73 bytes rather than 91): V8 inlines calls only while a function's
 * cumulative budget of inlined bytecode lasts, and every row of every template calls this (see the note above the
 * row groups of baseFeatures). */
export function row(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & ROW_MASK;
}

/** A row buffer twice as large holding the same rows. */
function grown(ids: Int32Array): Int32Array {
  const next = new Int32Array(ids.length * 2);
  next.set(ids);
  return next;
}

/** A row buffer of at least `size` cells: `reuse` when it is large enough, else a new one. The run-time taggers read
 * each paragraph's rows once, right after they are written (src/quotes/tagging.ts), so they hand the same buffers back
 * paragraph after paragraph: a paragraph's row buffers are its largest allocations (kilobytes, outside the JS heap),
 * and allocating and collecting them anew for every paragraph cost garbage-collector time. Rows past a token's
 * offsets are never read, so what the buffer held before does not matter. */
function rowBuffer(size: number, reuse: Int32Array | undefined): Int32Array {
  return reuse !== undefined && reuse.length >= size ? reuse : new Int32Array(size);
}

/** Buffer sizes to start with (most tokens' counts of base and stage rows). */
const BASE_ROWS_PER_TOKEN = 54;
const STAGE_ROWS_PER_TOKEN = 40;
/** More rows than any one token gets from baseFeatures or stageFeatures: the buffer grows before a token, never
 * while its rows are written. */
const MAX_ROWS_PER_TOKEN = 64;

// Template numbers: the FNV hash of the template's name.
let templateCount = 0;
const T = (name: string): number => {
  templateCount++;
  return fnv(name);
};
const H_bias = T('bias');
const H_w = T('w=');
const H_p = T('p=');
const H_sh = T('sh=');
const H_s3 = T('s3=');
const H_wm1 = T('w-1=');
const H_wp1 = T('w+1=');
const H_pm1 = T('p-1=');
const H_pp1 = T('p+1=');
const H_pm2 = T('p-2=');
const H_pp2 = T('p+2=');
const H_pp = T('pp=');
const H_pn = T('pn=');
const H_ww = T('ww=');
const H_wn = T('wn=');
const H_q = T('q=');
const H_qp = T('qp=');
const H_qm = T('qm=');
const H_qm1 = T('q-1=');
const H_qp1 = T('q+1=');
const H_sf = T('sf=');
const H_pf = T('pf=');
const H_ds = T('ds=');
const H_de = T('de=');
const H_dsq = T('dsq=');
const H_wm2 = T('w-2=');
const H_wp2 = T('w+2=');
const H_sq = T('sq=');
const H_cls = T('cls=');
const H_clsm1 = T('cls-1=');
const H_clsp1 = T('cls+1=');
const H_lcl = T('lcl=');
const H_rcl = T('rcl=');
const H_lclq = T('lclq=');
const H_rclq = T('rclq=');
const H_cvw = T('cvw=');
const H_cvp = T('cvp=');
const H_cvq = T('cvq=');
const H_qa = T('qa=');
const H_qap = T('qap=');
const H_c = T('c=');
const H_cm1 = T('c-1=');
const H_cp1 = T('c+1=');
const H_lpc = T('lpc=');
const H_rpc = T('rpc=');
const H_lpcq = T('lpcq=');
const H_rpcq = T('rpcq=');
const H_lpcc = T('lpcc=');
const H_rpcc = T('rpcc=');
const H_lpcp = T('lpcp=');
const H_rpcp = T('rpcp=');
const H_lpcw = T('lpcw=');
const H_rpcw = T('rpcw=');
const H_lr = T('lr=');
const H_sc = T('sc=');
const H_scq = T('scq=');
const H_aftercue = T('aftercue=');
const H_aftercuep = T('aftercuep=');
const H_beforecue = T('beforecue=');
const H_beforecuep = T('beforecuep=');
const H_k = T('k=');
const H_lct = T('lct=');
const H_rct = T('rct=');
const H_lctp = T('lctp=');
const H_rctp = T('rctp=');
const H_kc = T('kc=');
const H_wpos = T('wpos=');
const H_wpn = T('wpn=');
const H_pmw = T('pmw=');
const H_nxt = T('nxt=');
const H_prv = T('prv=');
const H_lpcwb = T('lpcwb=');
const H_rpcwb = T('rpcwb=');
const H_pcs = T('pcs=');
const H_pcsf = T('pcsf=');
const H_rcend = T('rcend=');
const H_lcst = T('lcst=');
const H_that = T('that=');
const H_ppp = T('ppp=');
const H_ppp2 = T('ppp2=');
const H_pppn = T('pppn=');
const H_wm1p = T('wm1p=');
const H_mkd = T('mkd=');
const H_kn = T('kn=');
const H_krun = T('krun=');
const H_krunq = T('krunq=');
const H_krunc = T('krunc=');
const H_k1 = T('k1024=');
const H_k2 = T('k256-1=');
const H_k3 = T('k256+1=');
const H_k4 = T('k64p=');
const H_k5 = T('k256q=');
const H_k6 = T('k64x3=');
const H_lpck = T('lpck=');
const H_rpck = T('rpck=');

/** Number of feature templates. */
export const TEMPLATES = templateCount;

const START = fnv('<s>');
const END = fnv('</s>');
/** "no such token" (no cue, no content in the sentence) and "outside the paragraph". */
const NONE = 0x7fff;
const OUTSIDE = 0x7ffe;

/** Distances are bucketed so that the weights generalise across sentence lengths. */
export function bucket(d: number): number {
  if (d <= 3) return d;
  if (d <= 6) return 4;
  if (d <= 12) return 5;
  if (d <= 25) return 6;
  return 7;
}

function isUpper(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLower(c: number): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  const ch = String.fromCharCode(c);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** Word shape: 1 Xx, 2 X (all capitals), 3 x, 4 digit first, else the hash of a short token or 5. */
function shapeCode(w: string): number {
  const c0 = w.charCodeAt(0);
  if (isUpper(c0)) {
    if (w.length > 1 && isLower(w.charCodeAt(1))) return 1;
    let all = true;
    for (let i = 1; i < w.length && all; i++) all = isUpper(w.charCodeAt(i));
    if (all) return 2;
  } else if (isLower(c0)) return 3;
  else if (c0 >= 48 && c0 <= 57) return 4;
  else if (/^\p{N}/u.test(w)) return 4;
  return w.length <= 2 ? fnv(w) : 5;
}

/** Lexical classes of each token (1 cue verb, 2 pronoun, 3 role noun) and cue-word flags (1 verb, 2 phrase), from the
 * tokens' word facts (wordFacts) and POS. */
export function lexClasses(words: readonly WordFacts[], tokens: Unit['tokens']): { cueLex: Uint8Array; cls: Uint8Array } {
  const n = words.length;
  const cueLex = uint8s(n);
  const cls = uint8s(n);
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    if (w.cueVerb && tokens[i]!.pos !== 'PROPN') {
      cueLex[i] = 1;
      cls[i] = 1;
    } else cls[i] = w.cls;
  }
  for (let i = 0; i < n; i++) {
    const phrases = words[i]!.phrases;
    if (!phrases) continue;
    for (const ph of phrases) {
      if (i + ph.length > n) continue;
      let ok = true;
      for (let k = 1; k < ph.length && ok; k++) ok = words[i + k]!.lower === ph[k];
      if (ok) for (let k = 0; k < ph.length; k++) cueLex[i + k] = 2;
    }
  }
  return { cueLex, cls };
}

/** Everything the features read of a token that depends on its text alone (as written), computed once per distinct
 * text and kept in a bounded cache (wordFacts): a news corpus repeats the same few thousand words, and computing these
 * for every token (lower-casing, two hashes, the shape, one or two cluster look-ups, three word-list look-ups and a
 * phrase look-up) was about a quarter of the features' time. */
export interface WordFacts {
  lower: string;
  /** FNV hash of the lower-case word. */
  wh: number;
  /** shapeCode of the word as written. */
  shape: number;
  /** FNV hash of the lower-case word's last three characters. */
  suffix: number;
  /** Coarse, middle and fine word clusters (src/quotes/wordClusters.ts), 0 when unknown. */
  k64: number;
  k256: number;
  k1024: number;
  /** The lower-case word is a form of a reporting verb (a cue unless tagged PROPN). */
  cueVerb: boolean;
  /** Its class when not read as a cue verb: 2 pronoun, 3 role noun, 0 neither. */
  cls: number;
  /** The cue phrases it starts, if any. */
  phrases: string[][] | undefined;
}

/** Distinct texts kept per lexicon before the cache is emptied: it holds pure functions of the text, so emptying it
 * changes no result, and its memory stays bounded (a few hundred bytes an entry) whatever the corpus. */
export const WORD_CACHE_LIMIT = 1 << 17;

/**
 * A lexicon's word cache: every text seen (up to WORD_CACHE_LIMIT), and in front of it a small direct-mapped table of
 * recent texts, slot by a hash of the text. Most tokens are a few hundred frequent words and marks; a hit in the front
 * table costs a short hash and a string comparison in memory that stays in the processor's cache, where a look-up in
 * the large Map hashed the token's new string and missed the caches on its buckets (measured: the Map look-ups took
 * about 8% of the quote finder's time).
 */
interface WordCache {
  map: Map<string, WordFacts>;
  frontText: Array<string | undefined>;
  frontFacts: Array<WordFacts | undefined>;
}

/** Slots of a word cache's front table (a power of two). */
const FRONT_SLOTS = 1 << 12;
/** Characters of a text its front-table slot is computed from (with its length): a bounded cost per token. */
const FRONT_HASH_CHARS = 8;

const wordCaches = new WeakMap<QuoteLexicon, WordCache>();

/** The word cache of `lex` (read once per paragraph, not per token). */
function wordCacheOf(lex: QuoteLexicon): WordCache {
  let cache = wordCaches.get(lex);
  if (cache === undefined) {
    cache = { map: new Map(), frontText: new Array<string | undefined>(FRONT_SLOTS).fill(undefined), frontFacts: new Array<WordFacts | undefined>(FRONT_SLOTS).fill(undefined) };
    wordCaches.set(lex, cache);
  }
  return cache;
}

/** The front-table slot of a text: FNV-1a over its first FRONT_HASH_CHARS characters and its length. */
function frontSlot(text: string): number {
  let h = FNV_OFFSET ^ text.length;
  for (let i = 0, n = Math.min(text.length, FRONT_HASH_CHARS); i < n; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 16)) & (FRONT_SLOTS - 1);
}

/** The facts of a token text under `lex` (computed on first sight, then read from the cache). `cache`: lex's word
 * cache, when the caller has it. */
export function wordFacts(text: string, lex: QuoteLexicon, cache: WordCache = wordCacheOf(lex)): WordFacts {
  const slot = frontSlot(text);
  if (cache.frontText[slot] === text) return cache.frontFacts[slot]!;
  let facts = cache.map.get(text);
  if (facts === undefined) {
    if (cache.map.size >= WORD_CACHE_LIMIT) cache.map.clear();
    facts = computeWordFacts(text, lex);
    cache.map.set(text, facts);
  }
  cache.frontText[slot] = text;
  cache.frontFacts[slot] = facts;
  return facts;
}

function computeWordFacts(text: string, lex: QuoteLexicon): WordFacts {
  const lower = text.toLowerCase();
  const codes = quoteWordClusters().of(text, lower);
  return {
    lower,
    wh: fnv(lower),
    shape: shapeCode(text),
    suffix: fnv(lower, Math.max(0, lower.length - 3)),
    k64: codes[0],
    k256: codes[1],
    k1024: codes[2],
    cueVerb: lex.cueVerbs.has(lower),
    cls: lex.pronouns.has(lower) ? 2 : lex.roleNouns.has(lower) ? 3 : 0,
    phrases: phrasesByFirst(lex).get(lower),
  };
}

/** FNV hashes of POS tags (a few dozen distinct ones), bounded as the word cache. */
const posHashes = new Map<string, number>();

function posHash(pos: string): number {
  let h = posHashes.get(pos);
  if (h === undefined) {
    if (posHashes.size >= WORD_CACHE_LIMIT) posHashes.clear();
    h = fnv(pos);
    posHashes.set(pos, h);
  }
  return h;
}

const phraseIndex = new WeakMap<QuoteLexicon, Map<string, string[][]>>();
function phrasesByFirst(lex: QuoteLexicon): Map<string, string[][]> {
  let m = phraseIndex.get(lex);
  if (!m) {
    m = new Map();
    for (const ph of lex.cuePhrases) {
      const l = m.get(ph[0]!) ?? [];
      l.push(ph);
      m.set(ph[0]!, l);
    }
    phraseIndex.set(lex, m);
  }
  return m;
}

/** What every stage reads of a paragraph: per-token words and classes and the rows that do not depend on a stage. */
export interface BaseFeatures {
  lower: string[];
  /** FNV hashes of each token's lower-case word and POS. */
  wh: Int32Array;
  ph: Int32Array;
  cueLex: Uint8Array;
  first: Uint8Array;
  /** commas[i]: commas among the first i tokens, for i = 0 .. n (the boundary rankers read commas[n] too). */
  commas: Int32Array;
  /** boundaryCode of each token (also read by the boundary rankers, src/quotes/boundaries.ts). */
  boundary: Uint8Array;
  /** Running count of the word "that" (as commas). */
  thats: Int32Array;
  /** Middle-granularity word cluster of each token (src/quotes/wordClusters.ts), 0 when unknown. */
  k256: Int32Array;
  sentStart: Int32Array;
  sentEnd: Int32Array;
  rows: FlatRows;
}

/** Clause-boundary class of a token: 1 "that", 2 colon, 3 opening quotation mark, 4 comma, 5 "to", 6 full stop,
 * 0 anything else, 7 outside the paragraph. */
export function boundaryCode(lower: readonly string[], mark: Uint8Array, i: number): number {
  if (i < 0 || i >= lower.length) return 7;
  const w = lower[i]!;
  if (w === 'that') return 1;
  if (w === ':') return 2;
  if (mark[i] === 1) return 3;
  if (w === ',') return 4;
  if (w === 'to') return 5;
  if (w === '.') return 6;
  return 0;
}

// The per-token rows are written by a series of small functions, a handful of templates each, rather than by one long
// loop body. V8 inlines calls into an optimised function only while that function's cumulative budget of inlined
// bytecode lasts (about 920 bytes); `mix` and `row` are about 37 and 73 bytes, so one long body inlined the calls of
// its first few templates only and made real calls for the rest, over 100 a token. Each small function has its own
// budget, and each is sized so that all its `mix`, `row` and `bucket` calls are inlined (checked with node
// --trace-turbo-inlining); this made base and stage rows about 20-25% faster. Each function writes its rows at
// ids[len..] and returns the new length; they are called in the rows' order. stageFeatures is split the same way.

/** What the base row groups read of a paragraph. */
interface BaseCtx {
  ids: Int32Array;
  n: number;
  wh: Int32Array;
  ph: Int32Array;
  /** shapeCode of each token's text and the hash of its lower-case last three characters (WordFacts). */
  shape: Int32Array;
  suffix: Int32Array;
  cls: Uint8Array;
  /** boundaryCode of each token, computed once (four rows of each token read those of its neighbours). */
  boundary: Uint8Array;
  cueLex: Uint8Array;
  depth: Uint8Array;
  mark: Uint8Array;
  sent: Int32Array;
  sentHasQuote: Uint8Array;
  sentStart: Int32Array;
  sentEnd: Int32Array;
  lcl: Int32Array;
  rcl: Int32Array;
  lmk: Int32Array;
  rmk: Int32Array;
  k64: Int32Array;
  k256: Int32Array;
  k1024: Int32Array;
}

/** bias, word, POS, shape, suffix. */
function wordRows(c: BaseCtx, i: number, len: number): number {
  const ids = c.ids;
  ids[len++] = row(H_bias);
  ids[len++] = row(mix(H_w, c.wh[i]!));
  ids[len++] = row(mix(H_p, c.ph[i]!));
  ids[len++] = row(mix(H_sh, c.shape[i]!));
  ids[len++] = row(mix(H_s3, c.suffix[i]!));
  return len;
}

/** Neighbouring words and POS, one and two tokens away. */
function neighbourRows(c: BaseCtx, i: number, len: number): number {
  const { ids, n, wh, ph } = c;
  ids[len++] = row(mix(H_wm1, i > 0 ? wh[i - 1]! : START));
  ids[len++] = row(mix(H_wp1, i + 1 < n ? wh[i + 1]! : END));
  ids[len++] = row(mix(H_pm1, i > 0 ? ph[i - 1]! : START));
  ids[len++] = row(mix(H_pp1, i + 1 < n ? ph[i + 1]! : END));
  ids[len++] = row(mix(H_pm2, i > 1 ? ph[i - 2]! : START));
  ids[len++] = row(mix(H_pp2, i + 2 < n ? ph[i + 2]! : END));
  return len;
}

/** POS and word bigrams; quotation depth. */
function bigramRows(c: BaseCtx, i: number, len: number): number {
  const { ids, n, wh, ph } = c;
  const w = wh[i]!;
  const p = ph[i]!;
  ids[len++] = row(mix(mix(H_pp, i > 0 ? ph[i - 1]! : START), p));
  ids[len++] = row(mix(mix(H_pn, p), i + 1 < n ? ph[i + 1]! : END));
  ids[len++] = row(mix(mix(H_ww, i > 0 ? wh[i - 1]! : START), w));
  ids[len++] = row(mix(mix(H_wn, w), i + 1 < n ? wh[i + 1]! : END));
  ids[len++] = row(mix(H_q, c.depth[i]!));
  return len;
}

/** Quotation depth and marks, with the POS and the neighbours' depths; first/last in the sentence. */
function quoteRows(c: BaseCtx, i: number, len: number): number {
  const { ids, n, depth, sent } = c;
  const q = depth[i]!;
  const first = i === 0 || sent[i - 1] !== sent[i] ? 1 : 0;
  const last = i + 1 === n || sent[i + 1] !== sent[i] ? 1 : 0;
  ids[len++] = row(mix(mix(H_qp, q), c.ph[i]!));
  ids[len++] = row(mix(H_qm, c.mark[i]!));
  ids[len++] = row(mix(mix(H_qm1, i > 0 ? depth[i - 1]! : OUTSIDE), q));
  ids[len++] = row(mix(mix(H_qp1, q), i + 1 < n ? depth[i + 1]! : OUTSIDE));
  ids[len++] = row(mix(mix(H_sf, first), last));
  return len;
}

/** Position in the paragraph and the sentence; words two tokens away. */
function positionRows(c: BaseCtx, i: number, len: number): number {
  const { ids, n, wh } = c;
  const ds = bucket(i - c.sentStart[i]!);
  ids[len++] = row(mix(mix(H_pf, i === 0 ? 1 : 0), i + 1 === n ? 1 : 0));
  ids[len++] = row(mix(H_ds, ds));
  ids[len++] = row(mix(H_de, bucket(c.sentEnd[i]! - i)));
  ids[len++] = row(mix(mix(H_dsq, ds), c.depth[i]!));
  ids[len++] = row(mix(H_wm2, i > 1 ? wh[i - 2]! : START));
  ids[len++] = row(mix(H_wp2, i + 2 < n ? wh[i + 2]! : END));
  return len;
}

/** Whether the sentence holds a quotation; lexical classes of the token and its neighbours. */
function classRows(c: BaseCtx, i: number, len: number): number {
  const { ids, n, cls } = c;
  const k = cls[i]!;
  ids[len++] = row(mix(H_sq, c.sentHasQuote[c.sent[i]!]!));
  ids[len++] = row(mix(mix(H_cls, k), c.cueLex[i]!));
  ids[len++] = row(mix(mix(H_clsm1, i > 0 ? cls[i - 1]! : OUTSIDE), k));
  ids[len++] = row(mix(mix(H_clsp1, k), i + 1 < n ? cls[i + 1]! : OUTSIDE));
  return len;
}

/** Distance to the nearest cue word on either side; word with POS. */
function cueDistanceRows(c: BaseCtx, i: number, len: number): number {
  const ids = c.ids;
  const q = c.depth[i]!;
  const lb = c.lcl[i]! < 0 ? NONE : bucket(i - c.lcl[i]!);
  const rb = c.rcl[i]! < 0 ? NONE : bucket(c.rcl[i]! - i);
  ids[len++] = row(mix(H_lcl, lb));
  ids[len++] = row(mix(H_rcl, rb));
  ids[len++] = row(mix(mix(H_lclq, lb), q));
  ids[len++] = row(mix(mix(H_rclq, rb), q));
  ids[len++] = row(mix(mix(H_wpos, c.wh[i]!), c.ph[i]!));
  return len;
}

/** boundaryCode of token i, read from the paragraph's codes (7 outside the paragraph, as boundaryCode). */
function boundaryAt(c: BaseCtx, i: number): number {
  return i < 0 || i >= c.n ? 7 : c.boundary[i]!;
}

/** Word with the POS around it; the clause boundaries after and before the token. */
function boundaryRows(c: BaseCtx, i: number, len: number): number {
  const { ids, n, wh, ph } = c;
  const p = ph[i]!;
  ids[len++] = row(mix(mix(H_wpn, wh[i]!), i + 1 < n ? ph[i + 1]! : END));
  ids[len++] = row(mix(mix(H_pmw, i > 0 ? ph[i - 1]! : START), wh[i]!));
  ids[len++] = row(mix(mix(mix(H_nxt, p), boundaryAt(c, i + 1)), boundaryAt(c, i + 2)));
  ids[len++] = row(mix(mix(mix(H_prv, p), boundaryAt(c, i - 1)), boundaryAt(c, i - 2)));
  return len;
}

/** POS trigrams; the previous word with the POS; distances to the nearest quotation marks. */
function trigramRows(c: BaseCtx, i: number, len: number): number {
  const { ids, n, ph } = c;
  const p = ph[i]!;
  const p1 = i > 0 ? ph[i - 1]! : START;
  const p2 = i + 1 < n ? ph[i + 1]! : END;
  ids[len++] = row(mix(mix(mix(H_ppp, p1), p), p2));
  ids[len++] = row(mix(mix(mix(H_ppp2, i > 1 ? ph[i - 2]! : START), p1), p));
  ids[len++] = row(mix(mix(mix(H_pppn, p), p2), i + 2 < n ? ph[i + 2]! : END));
  ids[len++] = row(mix(mix(H_wm1p, i > 0 ? c.wh[i - 1]! : START), p));
  // Tokens to the nearest quotation mark on either side (opening or closing), within the sentence.
  const l = c.lmk[i]!;
  const r = c.rmk[i]!;
  ids[len++] = row(mix(mix(mix(H_mkd, l < 0 ? NONE : bucket(i - l)), r < 0 ? NONE : bucket(r - i)), c.depth[i]!));
  return len;
}

/** Word clusters: the token's fine cluster, pairs with its neighbours, the coarse cluster with POS and depth. */
function clusterRows(c: BaseCtx, i: number, len: number): number {
  const { ids, n, k64, k256 } = c;
  ids[len++] = row(mix(H_k1, c.k1024[i]!));
  ids[len++] = row(mix(mix(H_k2, i > 0 ? k256[i - 1]! : OUTSIDE), k256[i]!));
  ids[len++] = row(mix(mix(H_k3, k256[i]!), i + 1 < n ? k256[i + 1]! : OUTSIDE));
  ids[len++] = row(mix(mix(H_k4, k64[i]!), c.ph[i]!));
  ids[len++] = row(mix(mix(H_k5, k256[i]!), c.depth[i]!));
  ids[len++] = row(mix(mix(mix(H_k6, i > 0 ? k64[i - 1]! : OUTSIDE), k64[i]!), i + 1 < n ? k64[i + 1]! : OUTSIDE));
  return len;
}

/** A cue word with its next POS and depth. */
function cueWordRows(c: BaseCtx, i: number, len: number): number {
  const ids = c.ids;
  const w = c.wh[i]!;
  ids[len++] = row(mix(H_cvw, w));
  ids[len++] = row(mix(mix(H_cvp, w), i + 1 < c.n ? c.ph[i + 1]! : END));
  ids[len++] = row(mix(mix(H_cvq, w), c.depth[i]!));
  return len;
}

/** `reuse`: a row buffer the caller no longer needs (see rowBuffer), written over instead of allocating one. */
export function baseFeatures(unit: Unit, lex: QuoteLexicon, reuse?: Int32Array): BaseFeatures {
  const toks = unit.tokens;
  const n = toks.length;
  const words: WordFacts[] = new Array(n);
  const lower: string[] = new Array(n);
  const wh = int32s(n);
  const ph = int32s(n);
  const shape = int32s(n);
  const suffix = int32s(n);
  const k64 = int32s(n);
  const k256 = int32s(n);
  const k1024 = int32s(n);
  const cache = wordCacheOf(lex);
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    const w = wordFacts(t.text, lex, cache);
    words[i] = w;
    lower[i] = w.lower;
    wh[i] = w.wh;
    ph[i] = posHash(t.pos);
    shape[i] = w.shape;
    suffix[i] = w.suffix;
    k64[i] = w.k64;
    k256[i] = w.k256;
    k1024[i] = w.k1024;
  }
  const { cueLex, cls } = lexClasses(words, toks);
  const sent = unit.sent;
  const mark = unit.mark;
  // Sentences holding an opening quotation mark.
  const sentHasQuote = uint8s(n > 0 ? sent[n - 1]! + 1 : 0);
  for (let i = 0; i < n; i++) if (mark[i] === 1) sentHasQuote[sent[i]!] = 1;
  const sentStart = int32s(n);
  const sentEnd = int32s(n);
  for (let i = 0; i < n; i++) sentStart[i] = i > 0 && sent[i] === sent[i - 1] ? sentStart[i - 1]! : i;
  for (let i = n - 1; i >= 0; i--) sentEnd[i] = i + 1 < n && sent[i] === sent[i + 1] ? sentEnd[i + 1]! : i;
  const firstArr = uint8s(n);
  for (let i = 0; i < n; i++) firstArr[i] = i === 0 || sent[i - 1] !== sent[i] ? 1 : 0;
  const boundary = uint8s(n);
  for (let i = 0; i < n; i++) boundary[i] = boundaryCode(lower, mark, i);
  const c: BaseCtx = {
    ids: rowBuffer(n * BASE_ROWS_PER_TOKEN + MAX_ROWS_PER_TOKEN, reuse),
    n,
    wh,
    ph,
    shape,
    suffix,
    cls,
    boundary,
    cueLex,
    depth: unit.depth,
    mark,
    sent,
    sentHasQuote,
    sentStart,
    sentEnd,
    lcl: nearest(n, sent, cueLex, 1),
    rcl: nearest(n, sent, cueLex, -1),
    lmk: nearest(n, sent, mark, 1),
    rmk: nearest(n, sent, mark, -1),
    k64,
    k256,
    k1024,
  };
  let len = 0;
  const off = int32s(n + 1);
  for (let i = 0; i < n; i++) {
    if (len + MAX_ROWS_PER_TOKEN > c.ids.length) c.ids = grown(c.ids);
    len = wordRows(c, i, len);
    len = neighbourRows(c, i, len);
    len = bigramRows(c, i, len);
    len = quoteRows(c, i, len);
    len = positionRows(c, i, len);
    len = classRows(c, i, len);
    len = cueDistanceRows(c, i, len);
    len = boundaryRows(c, i, len);
    len = trigramRows(c, i, len);
    len = clusterRows(c, i, len);
    if (cueLex[i]) len = cueWordRows(c, i, len);
    off[i + 1] = len;
  }
  return { lower, wh, ph, cueLex, first: firstArr, commas: countPrefix(lower, ','), boundary, thats: countPrefix(lower, 'that'), k256, sentStart, sentEnd, rows: { ids: c.ids, off } };
}

/** Per-token rows as separate arrays (training's FeatureSeq): base rows, then the stage's. */
export function joinRows(base: FlatRows, extra: FlatRows): FeatureSeq {
  const n = base.off.length - 1;
  const out: FeatureSeq = new Array(n);
  for (let i = 0; i < n; i++) {
    const b0 = base.off[i]!;
    const b1 = base.off[i + 1]!;
    const e0 = extra.off[i]!;
    const e1 = extra.off[i + 1]!;
    const all = new Int32Array(b1 - b0 + e1 - e0);
    all.set(base.ids.subarray(b0, b1));
    all.set(extra.ids.subarray(e0, e1), b1 - b0);
    out[i] = all;
  }
  return out;
}

/**
 * Feature rows for each token of the unit. `cue` and `content` are the labels the earlier taggers predicted (for
 * the later stages); `base` is the shared part when the caller already computed it.
 */
export function unitFeatures(
  unit: Unit,
  lex: QuoteLexicon,
  stage: Stage,
  cue?: Uint8Array,
  content?: Uint8Array,
  base: BaseFeatures = baseFeatures(unit, lex),
): FeatureSeq {
  return joinRows(base.rows, stageFeatures(unit, stage, base, cue, content));
}

/** What the stage row groups read of a paragraph (the label arrays are empty for a stage that does not see them). */
interface StageCtx {
  ids: Int32Array;
  n: number;
  wh: Int32Array;
  ph: Int32Array;
  k256: Int32Array;
  first: Uint8Array;
  commas: Int32Array;
  thats: Int32Array;
  sentStart: Int32Array;
  sentEnd: Int32Array;
  sent: Int32Array;
  depth: Uint8Array;
  mark: Uint8Array;
  /** Whether the stage sees the cue labels (cue is empty when not). */
  hasCue: boolean;
  cue: Uint8Array;
  lpc: Int32Array;
  rpc: Int32Array;
  lpu: Int32Array;
  rpu: Int32Array;
  sentHasCue: Uint8Array;
  content: Uint8Array;
  lct: Int32Array;
  rct: Int32Array;
  runStart: Int32Array;
  runEnd: Int32Array;
  runCue: Uint8Array;
}

const NO_FLAGS = new Uint8Array(0);
const NO_INDEX = new Int32Array(0);

/** The predicted cue labels around the token; distance buckets to the nearest predicted cue on either side (lb, rb)
 * with depth. */
function cueLabelRows(c: StageCtx, i: number, len: number, lb: number, rb: number): number {
  const { ids, n, cue } = c;
  const q = c.depth[i]!;
  ids[len++] = row(mix(H_c, cue[i]!));
  ids[len++] = row(mix(mix(H_cm1, i > 0 ? cue[i - 1]! : OUTSIDE), cue[i]!));
  ids[len++] = row(mix(mix(H_cp1, cue[i]!), i + 1 < n ? cue[i + 1]! : OUTSIDE));
  ids[len++] = row(mix(H_lpc, lb));
  ids[len++] = row(mix(H_rpc, rb));
  ids[len++] = row(mix(mix(H_lpcq, lb), q));
  return len;
}

/** Distance buckets to the nearest predicted cues with depth, commas between and POS; the cues' words. */
function cueDistanceStageRows(c: StageCtx, i: number, len: number, lb: number, rb: number, lc: number, rc: number): number {
  const ids = c.ids;
  const p = c.ph[i]!;
  const l = c.lpc[i]!;
  ids[len++] = row(mix(mix(H_rpcq, rb), c.depth[i]!));
  ids[len++] = row(mix(mix(H_lpcc, lb), lc));
  ids[len++] = row(mix(mix(H_rpcc, rb), rc));
  ids[len++] = row(mix(mix(H_lpcp, lb), p));
  ids[len++] = row(mix(mix(H_rpcp, rb), p));
  ids[len++] = row(mix(H_lpcw, l < 0 ? NONE : c.wh[l]!));
  return len;
}

/** The right cue's word; the cues' clusters; whether there are cues at all. */
function cueWordStageRows(c: StageCtx, i: number, len: number, lb: number, rb: number): number {
  const ids = c.ids;
  const l = c.lpc[i]!;
  const r = c.rpc[i]!;
  ids[len++] = row(mix(H_rpcw, r < 0 ? NONE : c.wh[r]!));
  ids[len++] = row(mix(mix(H_lpck, l < 0 ? NONE : c.k256[l]!), lb));
  ids[len++] = row(mix(mix(H_rpck, r < 0 ? NONE : c.k256[r]!), rb));
  ids[len++] = row(mix(mix(mix(H_lr, l >= 0 ? 1 : 0), r >= 0 ? 1 : 0), c.depth[i]!));
  return len;
}

/** Predicted cues in this and the nearby sentences. */
function sentenceCueRows(c: StageCtx, i: number, len: number): number {
  const { ids, sentHasCue } = c;
  const s = c.sent[i]! + 1;
  ids[len++] = row(mix(mix(mix(H_sc, sentHasCue[s]!), sentHasCue[s - 1]!), sentHasCue[s + 1]!));
  ids[len++] = row(mix(mix(mix(H_scq, sentHasCue[s]!), c.depth[i]!), c.first[i]!));
  return len;
}

/** The left cue (l >= 0): its word, its place in its sentence, a "that" between. */
function leftCueRows(c: StageCtx, i: number, len: number, l: number, lb: number, lc: number): number {
  const ids = c.ids;
  ids[len++] = row(mix(mix(H_lpcwb, c.wh[l]!), lb));
  ids[len++] = row(mix(mix(mix(H_lcst, lb), bucket(l - c.sentStart[l]!)), lc));
  ids[len++] = row(mix(mix(H_that, lb), c.thats[i]! - c.thats[l]! > 0 ? 1 : 0));
  return len;
}

/** The right cue (r >= 0): its word, its place in its sentence. */
function rightCueRows(c: StageCtx, len: number, r: number, rb: number, rc: number): number {
  const ids = c.ids;
  ids[len++] = row(mix(mix(H_rpcwb, c.wh[r]!), rb));
  ids[len++] = row(mix(mix(mix(H_rcend, rb), bucket(c.sentEnd[r]! - r)), rc));
  return len;
}

/** Sentences to the nearest cue anywhere in the paragraph; the token right after or before a cue. */
function paragraphCueRows(c: StageCtx, i: number, len: number): number {
  const { ids, sent, lpu, rpu } = c;
  const q = c.depth[i]!;
  const sl = lpu[i]! < 0 ? NONE : Math.min(3, sent[i]! - sent[lpu[i]!]!);
  const sr = rpu[i]! < 0 ? NONE : Math.min(3, sent[rpu[i]!]! - sent[i]!);
  ids[len++] = row(mix(mix(mix(H_pcs, sl), sr), q));
  ids[len++] = row(mix(mix(mix(H_pcsf, sl), c.first[i]!), q));
  const l = c.lpc[i]!;
  const r = c.rpc[i]!;
  if (l >= 0 && i - l === 1) {
    ids[len++] = row(mix(H_aftercue, c.wh[i]!));
    ids[len++] = row(mix(H_aftercuep, c.ph[i]!));
  }
  if (r >= 0 && r - i === 1) {
    ids[len++] = row(mix(H_beforecue, c.wh[i]!));
    ids[len++] = row(mix(H_beforecuep, c.ph[i]!));
  }
  return len;
}

/** The first content pass's label and the distances to its nearest content on either side. */
function contentRows(c: StageCtx, i: number, len: number): number {
  const { ids, content } = c;
  const p = c.ph[i]!;
  const l = c.lct[i]!;
  const r = c.rct[i]!;
  const lb = l < 0 ? NONE : bucket(i - l);
  const rb = r < 0 ? NONE : bucket(r - i);
  ids[len++] = row(mix(H_k, content[i]!));
  ids[len++] = row(mix(H_lct, lb));
  ids[len++] = row(mix(H_rct, rb));
  ids[len++] = row(mix(mix(H_lctp, lb), p));
  ids[len++] = row(mix(mix(H_rctp, rb), p));
  ids[len++] = row(mix(mix(H_kc, content[i]!), c.hasCue ? c.cue[i]! : OUTSIDE));
  return len;
}

/** The content labels around the token; the content run holding it. */
function contentRunRows(c: StageCtx, i: number, len: number): number {
  const { ids, n, content } = c;
  ids[len++] = row(mix(mix(mix(H_kn, i > 0 ? content[i - 1]! : OUTSIDE), content[i]!), i + 1 < n ? content[i + 1]! : OUTSIDE));
  const a = c.runStart[i]!;
  if (a >= 0) {
    const b = c.runEnd[i]!;
    const sent = c.sent;
    ids[len++] = row(mix(mix(H_krun, bucket(i - a)), bucket(b - i)));
    ids[len++] = row(mix(mix(mix(H_krunq, c.mark[a]!), sent[a] === sent[b] ? 1 : 0), i === a ? 1 : i === b ? 2 : 0));
    ids[len++] = row(mix(mix(H_krunc, c.runCue[i]!), bucket(b - a)));
  }
  return len;
}

/** The rows a stage adds to the shared base rows of each token (what unitFeatures appends to base.rows). The run-time
 * taggers score base rows once for all stages (src/quotes/tagging.ts) and only these rows per stage. `reuse` as for
 * baseFeatures. `contentOnly`: only the rows of the first content pass's labels (contentRows, contentRunRows). They
 * are all that the source and refine stages add to the content stage's rows (the rest read the same cues and are the
 * same rows), so the run-time taggers add their sums to the content stage's sums rather than build and read the
 * shared rows again (integer sums do not depend on the order of the rows). */
export function stageFeatures(
  unit: Unit,
  stage: Stage,
  base: BaseFeatures,
  cue?: Uint8Array,
  content?: Uint8Array,
  reuse?: Int32Array,
  contentOnly = false,
): FlatRows {
  const n = unit.tokens.length;
  const { wh, ph, cueLex, commas, thats, sentStart, sentEnd } = base;
  const sent = unit.sent;
  const depth = unit.depth;
  const shared = !contentOnly;
  const cueShared = shared ? cue : undefined;
  const lpc = cueShared ? nearest(n, sent, cueShared, 1) : undefined;
  const rpc = cueShared ? nearest(n, sent, cueShared, -1) : undefined;
  const lct = content ? nearest(n, sent, content, 1) : undefined;
  const lpu = cueShared ? nearestInUnit(n, cueShared, 1) : undefined;
  // The predicted content run holding each token: its first and last token, and whether it holds a predicted cue.
  let runStart: Int32Array | undefined;
  let runEnd: Int32Array | undefined;
  let runCue: Uint8Array | undefined;
  if (content) {
    runStart = int32s(n).fill(-1);
    runEnd = int32s(n).fill(-1);
    runCue = uint8s(n);
    for (let i = 0; i < n; ) {
      if (content[i] === O) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < n && content[j + 1] === I) j++;
      let hasCue = 0;
      if (cue) for (let k = i; k <= j; k++) if (cue[k] !== O) hasCue = 1;
      for (let k = i; k <= j; k++) {
        runStart[k] = i;
        runEnd[k] = j;
        runCue[k] = hasCue;
      }
      i = j + 1;
    }
  }
  const rpu = cueShared ? nearestInUnit(n, cueShared, -1) : undefined;
  const rct = content ? nearest(n, sent, content, -1) : undefined;
  const sentHasCue = shared ? sentencesWithCue(n, sent, cue) : NO_FLAGS;
  const qa = shared ? quoteAttachment(unit, cue ?? cueLex) : NO_INDEX;
  const c: StageCtx = {
    ids: rowBuffer(n * STAGE_ROWS_PER_TOKEN + MAX_ROWS_PER_TOKEN, reuse),
    n,
    wh,
    ph,
    k256: base.k256,
    first: base.first,
    commas,
    thats,
    sentStart,
    sentEnd,
    sent,
    depth,
    mark: unit.mark,
    hasCue: cue !== undefined,
    cue: cue ?? NO_FLAGS,
    lpc: lpc ?? NO_INDEX,
    rpc: rpc ?? NO_INDEX,
    lpu: lpu ?? NO_INDEX,
    rpu: rpu ?? NO_INDEX,
    sentHasCue,
    content: content ?? NO_FLAGS,
    lct: lct ?? NO_INDEX,
    rct: rct ?? NO_INDEX,
    runStart: runStart ?? NO_INDEX,
    runEnd: runEnd ?? NO_INDEX,
    runCue: runCue ?? NO_FLAGS,
  };
  const withCue = shared && stage !== 'cue' && cue !== undefined;
  const withContent = (stage === 'source' || stage === 'refine') && content !== undefined;
  let len = 0;
  const off = int32s(n + 1);
  for (let i = 0; i < n; i++) {
    if (len + MAX_ROWS_PER_TOKEN > c.ids.length) c.ids = grown(c.ids);
    if (shared) {
      const ids = c.ids;
      ids[len++] = row(mix(H_qa, qa[i]!));
      ids[len++] = row(mix(mix(H_qap, qa[i]!), unit.mark[i]!));
    }
    if (withCue) {
      // Distance buckets and commas to the nearest predicted cues, read by several of the groups.
      const l = c.lpc[i]!;
      const r = c.rpc[i]!;
      const lb = l < 0 ? NONE : bucket(i - l);
      const rb = r < 0 ? NONE : bucket(r - i);
      const lc = l >= 0 && commas[i]! - commas[l]! > 0 ? 1 : 0;
      const rc = r >= 0 && commas[r]! - commas[i]! > 0 ? 1 : 0;
      len = cueLabelRows(c, i, len, lb, rb);
      len = cueDistanceStageRows(c, i, len, lb, rb, lc, rc);
      len = cueWordStageRows(c, i, len, lb, rb);
      len = sentenceCueRows(c, i, len);
      if (l >= 0) len = leftCueRows(c, i, len, l, lb, lc);
      if (r >= 0) len = rightCueRows(c, len, r, rb, rc);
      len = paragraphCueRows(c, i, len);
    }
    if (withContent) {
      len = contentRows(c, i, len);
      len = contentRunRows(c, i, len);
    }
    off[i + 1] = len;
  }
  return { ids: c.ids, off };
}

/** Sentences that hold a predicted cue (flag of sentence s at s + 1, with a 0 either side), to let content run on
 * in the sentence after "He said:". */
function sentencesWithCue(n: number, sent: Int32Array, cue: Uint8Array | undefined): Uint8Array {
  const sents = n > 0 ? sent[n - 1]! + 1 : 0;
  const out = uint8s(sents + 2);
  if (cue) for (let i = 0; i < n; i++) if (cue[i] !== O) out[sent[i]! + 1] = 1;
  return out;
}

/** Is the quotation holding a token attached to a cue (a cue within QUOTE_CUE_WINDOW tokens of either mark)? Four
 * flags packed in a code per token (before, after, inside, long), 16 when outside quotations. */
function quoteAttachment(unit: Unit, isCue: Uint8Array): Int32Array {
  const n = unit.tokens.length;
  const qa = int32s(n).fill(16);
  for (let i = 0; i < n; ) {
    const q = unit.quote[i]!;
    if (q < 0) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && unit.quote[j + 1] === q) j++;
    let before = 0;
    let after = 0;
    let inside = 0;
    for (let k = Math.max(0, i - QUOTE_CUE_WINDOW); k < i; k++) if (isCue[k]) before = 1;
    for (let k = j + 1; k <= Math.min(n - 1, j + QUOTE_CUE_WINDOW); k++) if (isCue[k]) after = 1;
    for (let k = i; k <= j && !inside; k++) if (isCue[k]) inside = 1;
    const code = before | (after << 1) | (inside << 2) | ((j - i > 6 ? 1 : 0) << 3);
    for (let k = i; k <= j; k++) qa[k] = code;
    i = j + 1;
  }
  return qa;
}

/** For each token, the index of the nearest token with a non-zero flag strictly before it (dir 1) or after it
 * (dir -1) in the same sentence, or -1. */
function nearest(n: number, sent: Int32Array, flag: Uint8Array, dir: 1 | -1): Int32Array {
  const out = int32s(n);
  let last = -1;
  if (dir === 1) {
    for (let i = 0; i < n; i++) {
      if (i > 0 && sent[i] !== sent[i - 1]) last = -1;
      out[i] = last;
      if (flag[i] !== 0) last = i;
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      if (i + 1 < n && sent[i] !== sent[i + 1]) last = -1;
      out[i] = last;
      if (flag[i] !== 0) last = i;
    }
  }
  return out;
}

/** Running count of a word, so "is there a comma between i and j" is one subtraction: out[i] counts it among the
 * first i tokens, for i = 0 .. n. */
function countPrefix(lower: string[], word: string): Int32Array {
  const out = int32s(lower.length + 1);
  let c = 0;
  for (let i = 0; i < lower.length; i++) {
    out[i] = c;
    if (lower[i] === word) c++;
  }
  out[lower.length] = c;
  return out;
}

/** For each token, the nearest flagged token strictly before it (dir 1) or after it (dir -1) anywhere in the
 * paragraph, or -1. */
function nearestInUnit(n: number, flag: Uint8Array, dir: 1 | -1): Int32Array {
  const out = int32s(n);
  let last = -1;
  if (dir === 1) {
    for (let i = 0; i < n; i++) {
      out[i] = last;
      if (flag[i] !== 0) last = i;
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      out[i] = last;
      if (flag[i] !== 0) last = i;
    }
  }
  return out;
}

export { B, I, O };
