import { HASH_SIZE, type FeatureSeq } from './perceptron.js';

export type FeatureSeqLike = FeatureSeq;
import type { QuoteLexicon } from './lexicon.js';
import type { Unit } from './units.js';
import { B, I, O } from './perceptron.js';

// Token features for the taggers. Stage "cue" sees words, POS, quotation marks and the cue word lists; stage
// "content" adds where the predicted cues are; stages "source" and "refine" add where the predicted content is too.
// Every feature comes from a bounded window or from one left-to-right and one right-to-left pass: linear per
// paragraph. The stage-independent part is computed once per paragraph and shared by the four taggers, and feature
// strings are never built: each is hashed as it is read (the same FNV-1a value as hashing the joined string).

/** refine: a second content tagger that also sees the first one's spans (stacking gives it the long-range view a
 * first-order tagger lacks: where the span started, whether the sentence before was content). */
export type Stage = 'cue' | 'content' | 'source' | 'refine';

/** Tokens between a quotation mark and a cue for the quotation to count as attached to it ("…,” he said). */
export const QUOTE_CUE_WINDOW = 4;

const FNV_OFFSET = 0x811c9dc5;
const PIPE = 124; // '|'

function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** Collects the hashed rows of the tokens of a unit, one after another in one buffer: f(H_prefix, a, b, c) adds the
 * row of the string prefix + [a, b, c].join('|') (H_prefix is the FNV state after the prefix, computed once below);
 * end() closes a token and returns its rows, a view of the buffer. */
/** Buffer sizes to start with (most tokens' counts of base and stage rows). */
const BASE_ROWS_PER_TOKEN = 40;
const STAGE_ROWS_PER_TOKEN = 32;

class Rows {
  private buf: Int32Array;
  private len = 0;
  private start = 0;
  constructor(tokens: number, perToken: number) {
    this.buf = new Int32Array(Math.max(16, tokens * perToken));
  }
  f(prefix: number, a?: string, b?: string, c?: string): void {
    let h = prefix;
    if (a !== undefined) h = fnv(h, a);
    if (b !== undefined) h = fnv(Math.imul(h ^ PIPE, 0x01000193), b);
    if (c !== undefined) h = fnv(Math.imul(h ^ PIPE, 0x01000193), c);
    if (this.len === this.buf.length) {
      // Grow; the views already handed out keep the old buffer, which holds their rows.
      const next = new Int32Array(this.buf.length * 2);
      next.set(this.buf.subarray(this.start, this.len), this.start);
      this.buf = next;
    }
    this.buf[this.len++] = (h >>> 0) & (HASH_SIZE - 1);
  }
  end(): Int32Array {
    const out = this.buf.subarray(this.start, this.len);
    this.start = this.len;
    return out;
  }
}

// FNV states after each feature template's prefix.
const H_bias = fnv(FNV_OFFSET, 'bias');
const H_w = fnv(FNV_OFFSET, 'w=');
const H_p = fnv(FNV_OFFSET, 'p=');
const H_sh = fnv(FNV_OFFSET, 'sh=');
const H_s3 = fnv(FNV_OFFSET, 's3=');
const H_wm1 = fnv(FNV_OFFSET, 'w-1=');
const H_wp1 = fnv(FNV_OFFSET, 'w+1=');
const H_pm1 = fnv(FNV_OFFSET, 'p-1=');
const H_pp1 = fnv(FNV_OFFSET, 'p+1=');
const H_pm2 = fnv(FNV_OFFSET, 'p-2=');
const H_pp2 = fnv(FNV_OFFSET, 'p+2=');
const H_pp = fnv(FNV_OFFSET, 'pp=');
const H_pn = fnv(FNV_OFFSET, 'pn=');
const H_ww = fnv(FNV_OFFSET, 'ww=');
const H_wn = fnv(FNV_OFFSET, 'wn=');
const H_q = fnv(FNV_OFFSET, 'q=');
const H_qp = fnv(FNV_OFFSET, 'qp=');
const H_qm = fnv(FNV_OFFSET, 'qm=');
const H_qm1 = fnv(FNV_OFFSET, 'q-1=');
const H_qp1 = fnv(FNV_OFFSET, 'q+1=');
const H_sf = fnv(FNV_OFFSET, 'sf=');
const H_pf = fnv(FNV_OFFSET, 'pf=');
const H_ds = fnv(FNV_OFFSET, 'ds=');
const H_de = fnv(FNV_OFFSET, 'de=');
const H_dsq = fnv(FNV_OFFSET, 'dsq=');
const H_wm2 = fnv(FNV_OFFSET, 'w-2=');
const H_wp2 = fnv(FNV_OFFSET, 'w+2=');
const H_sq = fnv(FNV_OFFSET, 'sq=');
const H_cls = fnv(FNV_OFFSET, 'cls=');
const H_clsm1 = fnv(FNV_OFFSET, 'cls-1=');
const H_clsp1 = fnv(FNV_OFFSET, 'cls+1=');
const H_lcl = fnv(FNV_OFFSET, 'lcl=');
const H_rcl = fnv(FNV_OFFSET, 'rcl=');
const H_lclq = fnv(FNV_OFFSET, 'lclq=');
const H_rclq = fnv(FNV_OFFSET, 'rclq=');
const H_cvw = fnv(FNV_OFFSET, 'cvw=');
const H_cvp = fnv(FNV_OFFSET, 'cvp=');
const H_cvq = fnv(FNV_OFFSET, 'cvq=');
const H_qa = fnv(FNV_OFFSET, 'qa=');
const H_qap = fnv(FNV_OFFSET, 'qap=');
const H_c = fnv(FNV_OFFSET, 'c=');
const H_cm1 = fnv(FNV_OFFSET, 'c-1=');
const H_cp1 = fnv(FNV_OFFSET, 'c+1=');
const H_lpc = fnv(FNV_OFFSET, 'lpc=');
const H_rpc = fnv(FNV_OFFSET, 'rpc=');
const H_lpcq = fnv(FNV_OFFSET, 'lpcq=');
const H_rpcq = fnv(FNV_OFFSET, 'rpcq=');
const H_lpcc = fnv(FNV_OFFSET, 'lpcc=');
const H_rpcc = fnv(FNV_OFFSET, 'rpcc=');
const H_lpcp = fnv(FNV_OFFSET, 'lpcp=');
const H_rpcp = fnv(FNV_OFFSET, 'rpcp=');
const H_lpcw = fnv(FNV_OFFSET, 'lpcw=');
const H_rpcw = fnv(FNV_OFFSET, 'rpcw=');
const H_lr = fnv(FNV_OFFSET, 'lr=');
const H_sc = fnv(FNV_OFFSET, 'sc=');
const H_scq = fnv(FNV_OFFSET, 'scq=');
const H_aftercue = fnv(FNV_OFFSET, 'aftercue=');
const H_aftercuep = fnv(FNV_OFFSET, 'aftercuep=');
const H_beforecue = fnv(FNV_OFFSET, 'beforecue=');
const H_beforecuep = fnv(FNV_OFFSET, 'beforecuep=');
const H_k = fnv(FNV_OFFSET, 'k=');
const H_lct = fnv(FNV_OFFSET, 'lct=');
const H_rct = fnv(FNV_OFFSET, 'rct=');
const H_lctp = fnv(FNV_OFFSET, 'lctp=');
const H_rctp = fnv(FNV_OFFSET, 'rctp=');
const H_kc = fnv(FNV_OFFSET, 'kc=');

/** Distances are bucketed so that the weights generalise across sentence lengths. */
function bucket(d: number): string {
  if (d <= 3) return String(d);
  if (d <= 6) return '4-6';
  if (d <= 12) return '7-12';
  if (d <= 25) return '13-25';
  return '26+';
}

function shape(w: string): string {
  if (/^\p{Lu}[\p{Ll}]/u.test(w)) return 'Xx';
  if (/^\p{Lu}+$/u.test(w)) return 'X';
  if (/^\p{Ll}/u.test(w)) return 'x';
  if (/^\p{N}/u.test(w)) return 'd';
  return w.length <= 2 ? w : 'p';
}

/** Lexical classes of each token (cue verb, cue phrase part, pronoun, role noun), computed once per unit. */
export function lexClasses(unit: Unit, lex: QuoteLexicon): { cueLex: Uint8Array; cls: string[] } {
  const n = unit.tokens.length;
  const cueLex = new Uint8Array(n);
  const cls: string[] = new Array(n).fill('');
  const lower = unit.tokens.map((t) => t.text.toLowerCase());
  for (let i = 0; i < n; i++) {
    const w = lower[i]!;
    if (lex.cueVerbs.has(w) && unit.tokens[i]!.pos !== 'PROPN') {
      cueLex[i] = 1;
      cls[i] = 'cv';
    } else if (lex.pronouns.has(w)) cls[i] = 'pr';
    else if (lex.roleNouns.has(w)) cls[i] = 'rn';
  }
  for (let i = 0; i < n; i++) {
    for (const ph of lex.cuePhrases) {
      if (lower[i] !== ph[0] || i + ph.length > n) continue;
      let ok = true;
      for (let k = 1; k < ph.length && ok; k++) ok = lower[i + k] === ph[k];
      if (ok) for (let k = 0; k < ph.length; k++) cueLex[i + k] = 2;
    }
  }
  return { cueLex, cls };
}

/** What every stage reads of a paragraph: per-token words and classes and the rows that do not depend on a stage. */
export interface BaseFeatures {
  lower: string[];
  pos: string[];
  cueLex: Uint8Array;
  first: Uint8Array;
  commas: Int32Array;
  rows: Int32Array[];
}

export function baseFeatures(unit: Unit, lex: QuoteLexicon): BaseFeatures {
  const toks = unit.tokens;
  const n = toks.length;
  const lower = toks.map((t) => t.text.toLowerCase());
  const pos = toks.map((t) => t.pos);
  const { cueLex, cls } = lexClasses(unit, lex);
  const sent = unit.sent;
  const lcl = nearest(n, sent, (i) => cueLex[i]! > 0, 1);
  const rcl = nearest(n, sent, (i) => cueLex[i]! > 0, -1);
  const sentHasQuote = new Set<number>();
  for (let i = 0; i < n; i++) if (unit.mark[i] === 1) sentHasQuote.add(sent[i]!);
  const sentStart = new Int32Array(n);
  const sentEnd = new Int32Array(n);
  for (let i = 0; i < n; i++) sentStart[i] = i > 0 && sent[i] === sent[i - 1] ? sentStart[i - 1]! : i;
  for (let i = n - 1; i >= 0; i--) sentEnd[i] = i + 1 < n && sent[i] === sent[i + 1] ? sentEnd[i + 1]! : i;
  const firstArr = new Uint8Array(n);
  const rows: Int32Array[] = new Array(n);
  const r = new Rows(n, BASE_ROWS_PER_TOKEN);
  for (let i = 0; i < n; i++) {
    const w = lower[i]!;
    const p = pos[i]!;
    const w1 = i > 0 ? lower[i - 1]! : '<s>';
    const w2 = i + 1 < n ? lower[i + 1]! : '</s>';
    const p1 = i > 0 ? pos[i - 1]! : '<s>';
    const p2 = i + 1 < n ? pos[i + 1]! : '</s>';
    const q = String(unit.depth[i]!);
    const first = i === 0 || sent[i - 1] !== sent[i];
    const last = i + 1 === n || sent[i + 1] !== sent[i];
    firstArr[i] = first ? 1 : 0;
    const lb = lcl[i]! < 0 ? 'none' : bucket(i - lcl[i]!);
    const rb = rcl[i]! < 0 ? 'none' : bucket(rcl[i]! - i);
    const ds = bucket(i - sentStart[i]!);
    r.f(H_bias);
    r.f(H_w, w);
    r.f(H_p, p);
    r.f(H_sh, shape(toks[i]!.text));
    r.f(H_s3, w.slice(-3));
    r.f(H_wm1, w1);
    r.f(H_wp1, w2);
    r.f(H_pm1, p1);
    r.f(H_pp1, p2);
    r.f(H_pm2, i > 1 ? pos[i - 2]! : '<s>');
    r.f(H_pp2, i + 2 < n ? pos[i + 2]! : '</s>');
    r.f(H_pp, p1, p);
    r.f(H_pn, p, p2);
    r.f(H_ww, w1, w);
    r.f(H_wn, w, w2);
    r.f(H_q, q);
    r.f(H_qp, q, p);
    r.f(H_qm, String(unit.mark[i]));
    r.f(H_qm1, i > 0 ? String(unit.depth[i - 1]) : 'x', q);
    r.f(H_qp1, q, i + 1 < n ? String(unit.depth[i + 1]) : 'x');
    r.f(H_sf, String(first), String(last));
    r.f(H_pf, String(i === 0), String(i + 1 === n));
    r.f(H_ds, ds);
    r.f(H_de, bucket(sentEnd[i]! - i));
    r.f(H_dsq, ds, q);
    r.f(H_wm2, i > 1 ? lower[i - 2]! : '<s>');
    r.f(H_wp2, i + 2 < n ? lower[i + 2]! : '</s>');
    r.f(H_sq, String(sentHasQuote.has(sent[i]!)));
    r.f(H_cls, cls[i]!, String(cueLex[i]));
    r.f(H_clsm1, i > 0 ? cls[i - 1]! : '<s>', cls[i]!);
    r.f(H_clsp1, cls[i]!, i + 1 < n ? cls[i + 1]! : '</s>');
    r.f(H_lcl, lb);
    r.f(H_rcl, rb);
    r.f(H_lclq, lb, q);
    r.f(H_rclq, rb, q);
    if (cueLex[i]) {
      r.f(H_cvw, w);
      r.f(H_cvp, w, p2);
      r.f(H_cvq, w, q);
    }
    rows[i] = r.end();
  }
  return { lower, pos, cueLex, first: firstArr, commas: commaPrefix(lower), rows };
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
  const extra = stageFeatures(unit, stage, base, cue, content);
  return extra.map((rows, i) => {
    const baseRows = base.rows[i]!;
    const all = new Int32Array(baseRows.length + rows.length);
    all.set(baseRows);
    all.set(rows, baseRows.length);
    return all;
  });
}

/** The rows a stage adds to the shared base rows of each token (what unitFeatures appends to base.rows). The run-time
 * taggers score base rows once for all stages (src/quotes/tagging.ts) and only these rows per stage. */
export function stageFeatures(unit: Unit, stage: Stage, base: BaseFeatures, cue?: Uint8Array, content?: Uint8Array): FeatureSeq {
  const n = unit.tokens.length;
  const { lower, pos, cueLex, commas } = base;
  const sent = unit.sent;
  const pcue = cue ? (i: number) => cue[i] !== O : undefined;
  const lpc = pcue ? nearest(n, sent, pcue, 1) : undefined;
  const rpc = pcue ? nearest(n, sent, pcue, -1) : undefined;
  const pcont = content ? (i: number) => content[i] !== O : undefined;
  const lct = pcont ? nearest(n, sent, pcont, 1) : undefined;
  const rct = pcont ? nearest(n, sent, pcont, -1) : undefined;
  // Sentences that hold a predicted cue, to let content run on in the sentence after "He said:".
  const sentHasCue = new Set<number>();
  if (cue) for (let i = 0; i < n; i++) if (cue[i] !== O) sentHasCue.add(sent[i]!);
  // Is the quotation holding a token attached to a cue (a cue within QUOTE_CUE_WINDOW tokens of either mark)?
  const isCue = cue ? (i: number) => cue[i] !== O : (i: number) => cueLex[i]! > 0;
  const attached = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    const q = unit.quote[i]!;
    if (q < 0 || attached.has(q)) continue;
    let j = i;
    while (j + 1 < n && unit.quote[j + 1] === q) j++;
    let before = false;
    let after = false;
    for (let k = Math.max(0, i - QUOTE_CUE_WINDOW); k < i; k++) if (isCue(k)) before = true;
    for (let k = j + 1; k <= Math.min(n - 1, j + QUOTE_CUE_WINDOW); k++) if (isCue(k)) after = true;
    let inside = false;
    for (let k = i; k <= j && !inside; k++) if (isCue(k)) inside = true;
    attached.set(q, `${before}|${after}|${inside}|${j - i > 6}`);
  }
  const out: FeatureSeq = new Array(n);
  const r = new Rows(n, STAGE_ROWS_PER_TOKEN);
  for (let i = 0; i < n; i++) {
    const w = lower[i]!;
    const p = pos[i]!;
    const q = String(unit.depth[i]!);
    const qa = unit.quote[i]! < 0 ? 'none' : attached.get(unit.quote[i]!)!;
    r.f(H_qa, qa);
    r.f(H_qap, qa, String(unit.mark[i]));
    if (stage !== 'cue' && cue && lpc && rpc) {
      const l = lpc[i]!;
      const rr = rpc[i]!;
      const lb = l < 0 ? 'none' : bucket(i - l);
      const rb = rr < 0 ? 'none' : bucket(rr - i);
      const lc = l >= 0 && commas[i]! - commas[l]! > 0;
      const rc = rr >= 0 && commas[rr]! - commas[i]! > 0;
      const s = sent[i]!;
      r.f(H_c, String(cue[i]));
      r.f(H_cm1, i > 0 ? String(cue[i - 1]) : 'x', String(cue[i]));
      r.f(H_cp1, String(cue[i]), i + 1 < n ? String(cue[i + 1]) : 'x');
      r.f(H_lpc, lb);
      r.f(H_rpc, rb);
      r.f(H_lpcq, lb, q);
      r.f(H_rpcq, rb, q);
      r.f(H_lpcc, lb, String(lc));
      r.f(H_rpcc, rb, String(rc));
      r.f(H_lpcp, lb, p);
      r.f(H_rpcp, rb, p);
      r.f(H_lpcw, l < 0 ? 'none' : lower[l]!);
      r.f(H_rpcw, rr < 0 ? 'none' : lower[rr]!);
      r.f(H_lr, String(l >= 0), String(rr >= 0), q);
      r.f(H_sc, String(sentHasCue.has(s)), String(sentHasCue.has(s - 1)), String(sentHasCue.has(s + 1)));
      r.f(H_scq, String(sentHasCue.has(s)), q, String(base.first[i] === 1));
      if (l >= 0 && i - l === 1) {
        r.f(H_aftercue, w);
        r.f(H_aftercuep, p);
      }
      if (rr >= 0 && rr - i === 1) {
        r.f(H_beforecue, w);
        r.f(H_beforecuep, p);
      }
    }
    if ((stage === 'source' || stage === 'refine') && content && lct && rct) {
      const l = lct[i]!;
      const rr = rct[i]!;
      const lb = l < 0 ? 'none' : bucket(i - l);
      const rb = rr < 0 ? 'none' : bucket(rr - i);
      r.f(H_k, String(content[i]));
      r.f(H_lct, lb);
      r.f(H_rct, rb);
      r.f(H_lctp, lb, p);
      r.f(H_rctp, rb, p);
      r.f(H_kc, String(content[i]), cue ? String(cue[i]) : 'x');
    }
    out[i] = r.end();
  }
  return out;
}

/** For each token, the index of the nearest token satisfying `pred` strictly before it (dir 1) or after it (dir -1)
 * in the same sentence, or -1. */
function nearest(n: number, sent: Int32Array, pred: (i: number) => boolean, dir: 1 | -1): Int32Array {
  const out = new Int32Array(n).fill(-1);
  let last = -1;
  if (dir === 1) {
    for (let i = 0; i < n; i++) {
      if (i > 0 && sent[i] !== sent[i - 1]) last = -1;
      out[i] = last;
      if (pred(i)) last = i;
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      if (i + 1 < n && sent[i] !== sent[i + 1]) last = -1;
      out[i] = last;
      if (pred(i)) last = i;
    }
  }
  return out;
}

/** Running count of commas, so "is there a comma between i and j" is one subtraction. */
function commaPrefix(lower: string[]): Int32Array {
  const out = new Int32Array(lower.length);
  let c = 0;
  for (let i = 0; i < lower.length; i++) {
    out[i] = c;
    if (lower[i] === ',') c++;
  }
  return out;
}

export { B, I, O };
