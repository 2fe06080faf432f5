import { HASH_SIZE, type FeatureSeq } from './perceptron.js';
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

/** Collects the hashed rows of one token: f(prefix, a, b, c) is the row of the string prefix + [a, b, c].join('|'). */
class Rows {
  readonly out: number[] = [];
  f(prefix: string, a?: string, b?: string, c?: string): void {
    let h = fnv(FNV_OFFSET, prefix);
    if (a !== undefined) h = fnv(h, a);
    if (b !== undefined) h = fnv(Math.imul(h ^ PIPE, 0x01000193), b);
    if (c !== undefined) h = fnv(Math.imul(h ^ PIPE, 0x01000193), c);
    this.out.push((h >>> 0) & (HASH_SIZE - 1));
  }
}

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
  rows: number[][];
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
  const rows: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = new Rows();
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
    r.f('bias');
    r.f('w=', w);
    r.f('p=', p);
    r.f('sh=', shape(toks[i]!.text));
    r.f('s3=', w.slice(-3));
    r.f('w-1=', w1);
    r.f('w+1=', w2);
    r.f('p-1=', p1);
    r.f('p+1=', p2);
    r.f('p-2=', i > 1 ? pos[i - 2]! : '<s>');
    r.f('p+2=', i + 2 < n ? pos[i + 2]! : '</s>');
    r.f('pp=', p1, p);
    r.f('pn=', p, p2);
    r.f('ww=', w1, w);
    r.f('wn=', w, w2);
    r.f('q=', q);
    r.f('qp=', q, p);
    r.f('qm=', String(unit.mark[i]));
    r.f('q-1=', i > 0 ? String(unit.depth[i - 1]) : 'x', q);
    r.f('q+1=', q, i + 1 < n ? String(unit.depth[i + 1]) : 'x');
    r.f('sf=', String(first), String(last));
    r.f('pf=', String(i === 0), String(i + 1 === n));
    r.f('ds=', ds);
    r.f('de=', bucket(sentEnd[i]! - i));
    r.f('dsq=', ds, q);
    r.f('w-2=', i > 1 ? lower[i - 2]! : '<s>');
    r.f('w+2=', i + 2 < n ? lower[i + 2]! : '</s>');
    r.f('sq=', String(sentHasQuote.has(sent[i]!)));
    r.f('cls=', cls[i]!, String(cueLex[i]));
    r.f('cls-1=', i > 0 ? cls[i - 1]! : '<s>', cls[i]!);
    r.f('cls+1=', cls[i]!, i + 1 < n ? cls[i + 1]! : '</s>');
    r.f('lcl=', lb);
    r.f('rcl=', rb);
    r.f('lclq=', lb, q);
    r.f('rclq=', rb, q);
    if (cueLex[i]) {
      r.f('cvw=', w);
      r.f('cvp=', w, p2);
      r.f('cvq=', w, q);
    }
    rows[i] = r.out;
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
  for (let i = 0; i < n; i++) {
    const r = new Rows();
    const w = lower[i]!;
    const p = pos[i]!;
    const q = String(unit.depth[i]!);
    const qa = unit.quote[i]! < 0 ? 'none' : attached.get(unit.quote[i]!)!;
    r.f('qa=', qa);
    r.f('qap=', qa, String(unit.mark[i]));
    if (stage !== 'cue' && cue && lpc && rpc) {
      const l = lpc[i]!;
      const rr = rpc[i]!;
      const lb = l < 0 ? 'none' : bucket(i - l);
      const rb = rr < 0 ? 'none' : bucket(rr - i);
      const lc = l >= 0 && commas[i]! - commas[l]! > 0;
      const rc = rr >= 0 && commas[rr]! - commas[i]! > 0;
      const s = sent[i]!;
      r.f('c=', String(cue[i]));
      r.f('c-1=', i > 0 ? String(cue[i - 1]) : 'x', String(cue[i]));
      r.f('c+1=', String(cue[i]), i + 1 < n ? String(cue[i + 1]) : 'x');
      r.f('lpc=', lb);
      r.f('rpc=', rb);
      r.f('lpcq=', lb, q);
      r.f('rpcq=', rb, q);
      r.f('lpcc=', lb, String(lc));
      r.f('rpcc=', rb, String(rc));
      r.f('lpcp=', lb, p);
      r.f('rpcp=', rb, p);
      r.f('lpcw=', l < 0 ? 'none' : lower[l]!);
      r.f('rpcw=', rr < 0 ? 'none' : lower[rr]!);
      r.f('lr=', String(l >= 0), String(rr >= 0), q);
      r.f('sc=', String(sentHasCue.has(s)), String(sentHasCue.has(s - 1)), String(sentHasCue.has(s + 1)));
      r.f('scq=', String(sentHasCue.has(s)), q, String(base.first[i] === 1));
      if (l >= 0 && i - l === 1) {
        r.f('aftercue=', w);
        r.f('aftercuep=', p);
      }
      if (rr >= 0 && rr - i === 1) {
        r.f('beforecue=', w);
        r.f('beforecuep=', p);
      }
    }
    if ((stage === 'source' || stage === 'refine') && content && lct && rct) {
      const l = lct[i]!;
      const rr = rct[i]!;
      const lb = l < 0 ? 'none' : bucket(i - l);
      const rb = rr < 0 ? 'none' : bucket(rr - i);
      r.f('k=', String(content[i]));
      r.f('lct=', lb);
      r.f('rct=', rb);
      r.f('lctp=', lb, p);
      r.f('rctp=', rb, p);
      r.f('kc=', String(content[i]), cue ? String(cue[i]) : 'x');
    }
    const baseRows = base.rows[i]!;
    const rows = new Int32Array(baseRows.length + r.out.length);
    rows.set(baseRows);
    rows.set(r.out, baseRows.length);
    out[i] = rows;
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
