import { hashFeature, B, I, O, type FeatureSeq } from './perceptron.js';
import type { QuoteLexicon } from './lexicon.js';
import type { Unit } from './units.js';

// Token features for the three taggers. Stage "cue" sees words, POS, quotation marks and the cue word lists; stage
// "content" adds where the predicted cues are; stage "source" adds where the predicted content is too. Every feature
// is computed from a bounded window or from one left-to-right and one right-to-left pass: linear per paragraph.

/** refine: a second content tagger that also sees the first one's spans (stacking gives it the long-range view a
 * first-order tagger lacks: where the span started, whether the sentence before was content). */
export type Stage = 'cue' | 'content' | 'source' | 'refine';

/** Tokens between a quotation mark and a cue for the quotation to count as attached to it ("…,” he said). */
export const QUOTE_CUE_WINDOW = 4;

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

/**
 * Feature rows for each token of the unit. `cue` and `content` are the labels the earlier taggers predicted (for
 * stages content and source).
 */
export function unitFeatures(
  unit: Unit,
  lex: QuoteLexicon,
  stage: Stage,
  cue?: Uint8Array,
  content?: Uint8Array,
): FeatureSeq {
  const toks = unit.tokens;
  const n = toks.length;
  const lower = toks.map((t) => t.text.toLowerCase());
  const pos = toks.map((t) => t.pos);
  const { cueLex, cls } = lexClasses(unit, lex);
  const sent = unit.sent;
  // Nearest cue-list word to the left / right within the sentence.
  const lcl = nearest(n, sent, (i) => cueLex[i]! > 0, 1);
  const rcl = nearest(n, sent, (i) => cueLex[i]! > 0, -1);
  const pcue = cue ? (i: number) => cue[i] !== O : undefined;
  const lpc = pcue ? nearest(n, sent, pcue, 1) : undefined;
  const rpc = pcue ? nearest(n, sent, pcue, -1) : undefined;
  const pcont = content ? (i: number) => content[i] !== O : undefined;
  const lct = pcont ? nearest(n, sent, pcont, 1) : undefined;
  const rct = pcont ? nearest(n, sent, pcont, -1) : undefined;
  // Sentences that hold a predicted cue, to let content run on in the sentence after "He said:".
  const sentHasCue = new Set<number>();
  if (cue) for (let i = 0; i < n; i++) if (cue[i] !== O) sentHasCue.add(sent[i]!);
  const sentHasQuote = new Set<number>();
  for (let i = 0; i < n; i++) if (unit.mark[i] === 1) sentHasQuote.add(sent[i]!);
  const commaBetween = commaPrefix(lower);
  // Where each sentence starts and ends, for position features.
  const sentStart = new Int32Array(n);
  const sentEnd = new Int32Array(n);
  for (let i = 0; i < n; i++) sentStart[i] = i > 0 && sent[i] === sent[i - 1] ? sentStart[i - 1]! : i;
  for (let i = n - 1; i >= 0; i--) sentEnd[i] = i + 1 < n && sent[i] === sent[i + 1] ? sentEnd[i + 1]! : i;
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
  const f: string[] = [];
  for (let i = 0; i < n; i++) {
    f.length = 0;
    const w = lower[i]!;
    const p = pos[i]!;
    const w1 = i > 0 ? lower[i - 1]! : '<s>';
    const w2 = i + 1 < n ? lower[i + 1]! : '</s>';
    const p1 = i > 0 ? pos[i - 1]! : '<s>';
    const p2 = i + 1 < n ? pos[i + 1]! : '</s>';
    const pm2 = i > 1 ? pos[i - 2]! : '<s>';
    const pp2 = i + 2 < n ? pos[i + 2]! : '</s>';
    const q = unit.depth[i]!;
    const first = i === 0 || sent[i - 1] !== sent[i];
    const last = i + 1 === n || sent[i + 1] !== sent[i];
    f.push(
      'bias',
      'w=' + w,
      'p=' + p,
      'sh=' + shape(toks[i]!.text),
      's3=' + w.slice(-3),
      'w-1=' + w1,
      'w+1=' + w2,
      'p-1=' + p1,
      'p+1=' + p2,
      'p-2=' + pm2,
      'p+2=' + pp2,
      'pp=' + p1 + '|' + p,
      'pn=' + p + '|' + p2,
      'ww=' + w1 + '|' + w,
      'wn=' + w + '|' + w2,
      'q=' + q,
      'qp=' + q + '|' + p,
      'qm=' + unit.mark[i],
      'q-1=' + (i > 0 ? unit.depth[i - 1] : 'x') + '|' + q,
      'q+1=' + q + '|' + (i + 1 < n ? unit.depth[i + 1] : 'x'),
      'sf=' + first + '|' + last,
      'pf=' + (i === 0) + '|' + (i + 1 === n),
      'ds=' + bucket(i - sentStart[i]!),
      'de=' + bucket(sentEnd[i]! - i),
      'dsq=' + bucket(i - sentStart[i]!) + '|' + q,
      'w-2=' + (i > 1 ? lower[i - 2] : '<s>'),
      'w+2=' + (i + 2 < n ? lower[i + 2] : '</s>'),
      'qa=' + (unit.quote[i]! < 0 ? 'none' : attached.get(unit.quote[i]!)),
      'qap=' + (unit.quote[i]! < 0 ? 'none' : attached.get(unit.quote[i]!)) + '|' + unit.mark[i],
      'sq=' + sentHasQuote.has(sent[i]!),
      'cls=' + cls[i] + '|' + cueLex[i],
      'cls-1=' + (i > 0 ? cls[i - 1] : '<s>') + '|' + cls[i],
      'cls+1=' + cls[i] + '|' + (i + 1 < n ? cls[i + 1] : '</s>'),
      'lcl=' + (lcl[i]! < 0 ? 'none' : bucket(i - lcl[i]!)),
      'rcl=' + (rcl[i]! < 0 ? 'none' : bucket(rcl[i]! - i)),
      'lclq=' + (lcl[i]! < 0 ? 'none' : bucket(i - lcl[i]!)) + '|' + q,
      'rclq=' + (rcl[i]! < 0 ? 'none' : bucket(rcl[i]! - i)) + '|' + q,
    );
    if (cueLex[i]) f.push('cvw=' + w, 'cvp=' + w + '|' + p2, 'cvq=' + w + '|' + q);
    if (stage !== 'cue' && cue && lpc && rpc) {
      const l = lpc[i]!;
      const r = rpc[i]!;
      const lb = l < 0 ? 'none' : bucket(i - l);
      const rb = r < 0 ? 'none' : bucket(r - i);
      const lc = l >= 0 && commaBetween[i]! - commaBetween[l]! > 0;
      const rc = r >= 0 && commaBetween[r]! - commaBetween[i]! > 0;
      f.push(
        'c=' + cue[i],
        'c-1=' + (i > 0 ? cue[i - 1] : 'x') + '|' + cue[i],
        'c+1=' + cue[i] + '|' + (i + 1 < n ? cue[i + 1] : 'x'),
        'lpc=' + lb,
        'rpc=' + rb,
        'lpcq=' + lb + '|' + q,
        'rpcq=' + rb + '|' + q,
        'lpcc=' + lb + '|' + lc,
        'rpcc=' + rb + '|' + rc,
        'lpcp=' + lb + '|' + p,
        'rpcp=' + rb + '|' + p,
        'lpcw=' + (l < 0 ? 'none' : lower[l]),
        'rpcw=' + (r < 0 ? 'none' : lower[r]),
        'lr=' + (l >= 0) + '|' + (r >= 0) + '|' + q,
        'sc=' + sentHasCue.has(sent[i]!) + '|' + sentHasCue.has(sent[i]! - 1) + '|' + sentHasCue.has(sent[i]! + 1),
        'scq=' + sentHasCue.has(sent[i]!) + '|' + q + '|' + first,
      );
      if (l >= 0 && i - l === 1) f.push('aftercue=' + w, 'aftercuep=' + p);
      if (r >= 0 && r - i === 1) f.push('beforecue=' + w, 'beforecuep=' + p);
    }
    if ((stage === 'source' || stage === 'refine') && content && lct && rct) {
      const l = lct[i]!;
      const r = rct[i]!;
      const lb = l < 0 ? 'none' : bucket(i - l);
      const rb = r < 0 ? 'none' : bucket(r - i);
      f.push(
        'k=' + content[i],
        'lct=' + lb,
        'rct=' + rb,
        'lctp=' + lb + '|' + p,
        'rctp=' + rb + '|' + p,
        'kc=' + content[i] + '|' + (cue ? cue[i] : 'x'),
      );
    }
    const rows = new Int32Array(f.length);
    for (let k = 0; k < f.length; k++) rows[k] = hashFeature(f[k]!);
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
