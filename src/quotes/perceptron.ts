// An averaged structured perceptron over BIO labels (O, B, I) with first-order transitions and Viterbi decoding
// (Collins 2002). Features are hashed into a fixed table, so the model's size is bounded whatever the vocabulary.
// Decoding is O(n · 3 · 3) per sequence: linear in the tokens.

export const O = 0;
export const B = 1;
export const I = 2;
export const LABELS = 3;

/** log2 of the hashed feature table's rows. 2^20 rows keep collisions rare for a few million feature strings. */
export const HASH_BITS = 20;
export const HASH_SIZE = 1 << HASH_BITS;

/** FNV-1a over UTF-16 units, masked to the table: deterministic on every platform. */
export function hashFeature(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & (HASH_SIZE - 1);
}

/** A sequence: for each token, its hashed feature rows. */
export type FeatureSeq = Int32Array[];

export class BioTagger {
  /** weights[row * 3 + label] */
  readonly weights: Float32Array;
  /** trans[prev * 3 + cur], with prev = 3 for the start of the sequence. */
  readonly trans: Float32Array;

  constructor(weights?: Float32Array, trans?: Float32Array) {
    this.weights = weights ?? new Float32Array(HASH_SIZE * LABELS);
    this.trans = trans ?? new Float32Array((LABELS + 1) * LABELS);
  }

  /** Best label sequence. I may not follow O or start a sequence: such paths are never taken. */
  decode(seq: FeatureSeq, bias = 0): Uint8Array {
    return viterbi(seq, this.weights, this.trans, bias);
  }
}

function emissions(seq: FeatureSeq, w: ArrayLike<number>, bias: number): Float64Array {
  const n = seq.length;
  const em = new Float64Array(n * LABELS);
  for (let t = 0; t < n; t++) {
    const f = seq[t]!;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < f.length; k++) {
      const r = f[k]! * LABELS;
      s0 += w[r]!;
      s1 += w[r + 1]!;
      s2 += w[r + 2]!;
    }
    em[t * 3] = s0;
    em[t * 3 + 1] = s1 + bias;
    em[t * 3 + 2] = s2 + bias;
  }
  return em;
}

function allowed(prev: number, cur: number): boolean {
  return !(cur === I && (prev === O || prev === LABELS));
}

/** `bias` is added to the B and I scores of every token: above 0 it trades precision for recall (set on dev). */
export function viterbi(seq: FeatureSeq, w: ArrayLike<number>, trans: ArrayLike<number>, bias = 0): Uint8Array {
  return viterbiEm(emissions(seq, w, bias), seq.length, trans);
}

/** Viterbi's working arrays, grown as needed and reused by every call (each call fills what it reads first, and
 * decoding runs synchronously): the taggers decode four times a paragraph. */
let scoreBuf = new Float64Array(0);
let backBuf = new Uint8Array(0);

/** Best label sequence given the emission scores em[t * 3 + label] of n tokens. */
export function viterbiEm(em: Float64Array, n: number, trans: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(n);
  if (n === 0) return out;
  if (scoreBuf.length < n * LABELS) {
    scoreBuf = new Float64Array(Math.max(n * LABELS, 2 * scoreBuf.length));
    backBuf = new Uint8Array(scoreBuf.length);
  }
  const score = scoreBuf;
  const back = backBuf;
  for (let c = 0; c < LABELS; c++) {
    score[c] = allowed(LABELS, c) ? em[c]! + trans[LABELS * LABELS + c]! : -Infinity;
  }
  // The recurrence over the three labels written out (it runs four times a token): the transition scores in locals,
  // the previous token's scores in locals, and I reached only from B or I (allowed()). The same additions and the
  // same comparisons in the same order as the loop over (label, previous label), so the same ties and the same path.
  const tOO = trans[0]!, tOB = trans[1]!;
  const tBO = trans[3]!, tBB = trans[4]!, tBI = trans[5]!;
  const tIO = trans[6]!, tIB = trans[7]!, tII = trans[8]!;
  let pO = score[0]!, pB = score[1]!, pI = score[2]!;
  for (let t = 1; t < n; t++) {
    const o = t * 3;
    // To O: from O, B or I.
    let best = -Infinity;
    let arg = 0;
    let s = pO + tOO;
    if (s > best) { best = s; arg = 0; }
    s = pB + tBO;
    if (s > best) { best = s; arg = 1; }
    s = pI + tIO;
    if (s > best) { best = s; arg = 2; }
    const sO = best + em[o]!;
    back[o] = arg;
    // To B: from O, B or I.
    best = -Infinity;
    arg = 0;
    s = pO + tOB;
    if (s > best) { best = s; arg = 0; }
    s = pB + tBB;
    if (s > best) { best = s; arg = 1; }
    s = pI + tIB;
    if (s > best) { best = s; arg = 2; }
    const sB = best + em[o + 1]!;
    back[o + 1] = arg;
    // To I: from B or I only.
    best = -Infinity;
    arg = 0;
    s = pB + tBI;
    if (s > best) { best = s; arg = 1; }
    s = pI + tII;
    if (s > best) { best = s; arg = 2; }
    const sI = best + em[o + 2]!;
    back[o + 2] = arg;
    score[o] = sO;
    score[o + 1] = sB;
    score[o + 2] = sI;
    pO = sO;
    pB = sB;
    pI = sI;
  }
  let last = 0;
  for (let c = 1; c < LABELS; c++) if (score[(n - 1) * 3 + c]! > score[(n - 1) * 3 + last]!) last = c;
  out[n - 1] = last;
  for (let t = n - 1; t > 0; t--) out[t - 1] = back[t * 3 + out[t]!]!;
  return out;
}

/** Training state: current weights plus the running sums for averaging (the lazy "timestamp" trick). */
export class PerceptronTrainer {
  private readonly w = new Float64Array(HASH_SIZE * LABELS);
  private readonly acc = new Float64Array(HASH_SIZE * LABELS);
  private readonly stamp = new Float64Array(HASH_SIZE * LABELS);
  private readonly t = new Float64Array((LABELS + 1) * LABELS);
  private readonly tAcc = new Float64Array((LABELS + 1) * LABELS);
  private readonly tStamp = new Float64Array((LABELS + 1) * LABELS);
  private step = 1;

  /** One online update on a sequence; returns the number of wrongly labelled tokens. */
  update(seq: FeatureSeq, gold: Uint8Array): number {
    const pred = viterbi(seq, this.w, this.t);
    let errors = 0;
    for (let i = 0; i < seq.length; i++) {
      const prevG = i === 0 ? LABELS : gold[i - 1]!;
      const prevP = i === 0 ? LABELS : pred[i - 1]!;
      if (gold[i] !== pred[i]) {
        errors++;
        for (const r of seq[i]!) {
          this.bump(this.w, this.acc, this.stamp, r * LABELS + gold[i]!, 1);
          this.bump(this.w, this.acc, this.stamp, r * LABELS + pred[i]!, -1);
        }
      }
      if (prevG !== prevP || gold[i] !== pred[i]) {
        this.bump(this.t, this.tAcc, this.tStamp, prevG * LABELS + gold[i]!, 1);
        this.bump(this.t, this.tAcc, this.tStamp, prevP * LABELS + pred[i]!, -1);
      }
    }
    this.step++;
    return errors;
  }

  private bump(w: Float64Array, acc: Float64Array, stamp: Float64Array, k: number, d: number): void {
    acc[k] += (this.step - stamp[k]!) * w[k]!;
    stamp[k] = this.step;
    w[k] += d;
  }

  /** The averaged weights, as a tagger. */
  averaged(): BioTagger {
    const avg = (w: Float64Array, acc: Float64Array, stamp: Float64Array): Float32Array => {
      const out = new Float32Array(w.length);
      for (let k = 0; k < w.length; k++) {
        const total = acc[k]! + (this.step - stamp[k]!) * w[k]!;
        out[k] = total / this.step;
      }
      return out;
    };
    return new BioTagger(avg(this.w, this.acc, this.stamp), avg(this.t, this.tAcc, this.tStamp));
  }
}

/** [start, end) token index ranges of the B/I runs of a label sequence. */
export function runsOf(labels: Uint8Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = -1;
  for (let i = 0; i <= labels.length; i++) {
    const l = i < labels.length ? labels[i]! : O;
    if (l !== I && s >= 0) {
      out.push([s, i]);
      s = -1;
    }
    if (l === B) s = i;
  }
  return out;
}
