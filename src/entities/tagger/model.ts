import { readFileSync } from 'node:fs';

/**
 * A linear-chain model: one weight per (feature, tag), a tag-transition matrix, and BILOU constraints that the
 * decoder enforces (an I- or L- only continues a B- or I- of its type). Used by training (weights change) and
 * tagging (weights loaded from models/ner).
 */
export class LinearModel {
  readonly T: number;
  /** Row T is the start state. */
  readonly trans: Float32Array;
  /** 1 when tag b may follow tag a (row T: may start a sentence); index a * T + b. */
  readonly allowed: Uint8Array;
  /** 1 when a tag may end a sentence. */
  readonly final: Uint8Array;
  /** Per tag, the tags allowed before it (and after it): the decoder loops over these only, a third of all pairs. */
  private readonly predFlat: Int32Array;
  private readonly predStart: Int32Array;
  private readonly succs: Int32Array[];
  /** Id of the tag 'O' (-1 if the tag set has none). */
  private readonly outside: number;

  constructor(
    readonly tags: readonly string[],
    readonly index: Map<string, number>,
    readonly weights: Float32Array,
    trans?: Float32Array,
  ) {
    this.T = tags.length;
    this.outside = tags.indexOf('O');
    this.trans = trans ?? new Float32Array((this.T + 1) * this.T);
    const { allowed, final } = bilouConstraints(tags);
    this.allowed = allowed;
    this.final = final;
    const T = this.T;
    const preds = Array.from({ length: T }, (_, b) => Array.from({ length: T }, (_, a) => a).filter((a) => allowed[a * T + b] === 1));
    this.predFlat = Int32Array.from(preds.flat());
    this.predStart = new Int32Array(T + 1);
    for (let b = 0; b < T; b++) this.predStart[b + 1] = this.predStart[b]! + preds[b]!.length;
    this.predTrans = new Float64Array(this.predFlat.length);
    this.succs = Array.from({ length: T }, (_, a) => Int32Array.from({ length: T }, (_, b) => b).filter((b) => allowed[a * T + b] === 1));
    this.predGroups = groupBy(T, (b) => preds[b]!).map(([list, members]) => ({ preds: list, members }));
    this.succGroups = groupBy(T, (a) => [...this.succs[a]!]).map(([list, members]) => ({ succs: list, members }));
    this.predRange = new Float64Array(T);
    this.succRange = new Float64Array(T);
    this.ahead = new Float64Array(T);
  }

  private readonly predTrans: Float64Array;
  /** Tags with the same predecessors (BILOU: O, B- and U- all follow O, L- and U-), and tags with the same successors. */
  private readonly predGroups: Array<{ preds: Int32Array; members: Int32Array }>;
  private readonly succGroups: Array<{ succs: Int32Array; members: Int32Array }>;
  /** Per tag, the spread (max − min) of the transition weights into it from its predecessors, and out of it. */
  private readonly predRange: Float64Array;
  private readonly succRange: Float64Array;
  /** Backward scratch: per next tag, its emission plus backward score. */
  private readonly ahead: Float64Array;
  /** Scratch arrays of the decoder, grown on demand and reused, so decoding a sentence allocates only its result. */
  private fwd = new Float64Array(0);
  private bwd = new Float64Array(0);
  private back = new Int32Array(0);

  /**
   * Best tag sequence for emission scores `em` (n × T). `confidence`, when given, receives per token inside a
   * mention (0 for tokens tagged O, which are not scored) the probability of the chosen tag under a softmax of
   * max-marginal scores (forward + backward Viterbi), a cheap measure of how close the runner-up path came. Perceptron scores are not log-probabilities, so they are divided by
   * a `temperature` fitted on dev data (see src/train/ner.ts) before the softmax.
   *
   * The tagger keeps both stages' scores side by side in one array: token t's score for tag b is then
   * `em[offset + t * stride + b]` (by default offset 0 and stride T).
   */
  decode(em: Float64Array, n: number, confidence?: Float64Array, temperature = 1, offset = 0, stride = this.T, into?: Int32Array): Int32Array {
    const T = this.T;
    const out = into ?? new Int32Array(n);
    if (n === 0) return out;
    const NEG = -1e30;
    if (this.fwd.length < n * T) {
      const size = Math.max(n * T, 2 * this.fwd.length);
      this.fwd = new Float64Array(size);
      this.back = new Int32Array(size);
    }
    const score = this.fwd;
    const back = this.back;
    const trans = this.trans;
    const predFlat = this.predFlat;
    const predStart = this.predStart;
    // The transition weights in the order the loop reads them (trans may change between calls while training).
    const predTrans = this.predTrans;
    for (let b = 0; b < T; b++) for (let k = predStart[b]!; k < predStart[b + 1]!; k++) predTrans[k] = trans[predFlat[k]! * T + b]!;
    for (let b = 0; b < T; b++) score[b] = this.allowed[T * T + b] ? em[offset + b]! + trans[T * T + b]! : NEG;
    const predRange = this.predRange;
    for (let b = 0; b < T; b++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = predStart[b]!; k < predStart[b + 1]!; k++) {
        lo = Math.min(lo, predTrans[k]!);
        hi = Math.max(hi, predTrans[k]!);
      }
      predRange[b] = hi - lo;
    }
    const groups = this.predGroups;
    for (let t = 1; t < n; t++) {
      const prev = (t - 1) * T;
      const cur = t * T;
      const row = offset + t * stride;
      for (let g = 0; g < groups.length; g++) {
        const { preds, members } = groups[g]!;
        // When the best predecessor leads the runner-up by more than the spread of the transition weights into a
        // tag, it is that tag's best predecessor: one addition instead of a loop (most tokens of most sentences).
        let a1 = -1;
        let s1 = -Infinity;
        let s2 = -Infinity;
        if (preds.length >= MIN_SHORTCUT_PREDS) {
          for (let k = 0; k < preds.length; k++) {
            const v = score[prev + preds[k]!]!;
            if (v > s1) {
              s2 = s1;
              s1 = v;
              a1 = preds[k]!;
            } else if (v > s2) s2 = v;
          }
        }
        const gap = s1 - s2;
        const margin = 1e-12 * (Math.abs(s1) + 1);
        for (let m = 0; m < members.length; m++) {
          const b = members[m]!;
          if (a1 >= 0 && gap > predRange[b]! + margin) {
            score[cur + b] = s1 + trans[a1 * T + b]! + em[row + b]!;
            back[cur + b] = a1;
            continue;
          }
          let best = NEG;
          let arg = 0;
          const end = predStart[b + 1]!;
          for (let k = predStart[b]!; k < end; k++) {
            const a = predFlat[k]!;
            const s = score[prev + a]! + predTrans[k]!;
            if (s > best) {
              best = s;
              arg = a;
            }
          }
          score[cur + b] = best + em[row + b]!;
          back[cur + b] = arg;
        }
      }
    }
    let best = NEG;
    let arg = 0;
    const last = (n - 1) * T;
    for (let b = 0; b < T; b++) {
      if (this.final[b] && score[last + b]! > best) {
        best = score[last + b]!;
        arg = b;
      }
    }
    out[n - 1] = arg;
    for (let t = n - 1; t > 0; t--) out[t - 1] = back[t * T + out[t]!]!;
    if (confidence) this.maxMarginals(em, n, score, out, confidence, temperature, offset, stride);
    return out;
  }

  private maxMarginals(em: Float64Array, n: number, fwd: Float64Array, path: Int32Array, confidence: Float64Array, temperature: number, offset: number, stride: number): void {
    const T = this.T;
    const NEG = -1e30;
    const outside = this.outside;
    // Only tokens inside mentions get a confidence, and the backward pass is needed from the first of them on.
    let first = 0;
    while (first < n && path[first] === outside) confidence[first++] = 0;
    if (first === n) return;
    if (this.bwd.length < n * T) this.bwd = new Float64Array(Math.max(n * T, 2 * this.bwd.length));
    const bwd = this.bwd;
    const trans = this.trans;
    for (let b = 0; b < T; b++) bwd[(n - 1) * T + b] = this.final[b] ? 0 : NEG;
    const succRange = this.succRange;
    for (let a = 0; a < T; a++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const b of this.succs[a]!) {
        lo = Math.min(lo, trans[a * T + b]!);
        hi = Math.max(hi, trans[a * T + b]!);
      }
      succRange[a] = hi - lo;
    }
    const v = this.ahead;
    const groups = this.succGroups;
    for (let t = n - 2; t >= first; t--) {
      const row = offset + (t + 1) * stride;
      const next = (t + 1) * T;
      for (let b = 0; b < T; b++) v[b] = em[row + b]! + bwd[next + b]!;
      for (let g = 0; g < groups.length; g++) {
        const { succs, members } = groups[g]!;
        // As in decode: a clear leader among the next tags is the best successor of every tag of the group.
        let b1 = -1;
        let s1 = -Infinity;
        let s2 = -Infinity;
        if (succs.length >= MIN_SHORTCUT_PREDS) {
          for (let k = 0; k < succs.length; k++) {
            const x = v[succs[k]!]!;
            if (x > s1) {
              s2 = s1;
              s1 = x;
              b1 = succs[k]!;
            } else if (x > s2) s2 = x;
          }
        }
        const gap = s1 - s2;
        const margin = 1e-12 * (Math.abs(s1) + 1);
        for (let m = 0; m < members.length; m++) {
          const a = members[m]!;
          if (b1 >= 0 && gap > succRange[a]! + margin) {
            bwd[t * T + a] = trans[a * T + b1]! + s1;
            continue;
          }
          let best = NEG;
          for (let k = 0; k < succs.length; k++) {
            const b = succs[k]!;
            const s = trans[a * T + b]! + v[b]!;
            if (s > best) best = s;
          }
          bwd[t * T + a] = best;
        }
      }
    }
    for (let t = first; t < n; t++) {
      // Only tokens inside mentions need a confidence; the softmax is most of this pass's cost, so skip the rest.
      if (path[t] === outside) {
        confidence[t] = 0;
        continue;
      }
      const at = t * T;
      let max = NEG;
      for (let b = 0; b < T; b++) max = Math.max(max, fwd[at + b]! + bwd[at + b]!);
      let sum = 0;
      for (let b = 0; b < T; b++) sum += Math.exp((fwd[at + b]! + bwd[at + b]! - max) / temperature);
      const chosen = fwd[at + path[t]!]! + bwd[at + path[t]!]!;
      confidence[t] = Math.exp((chosen - max) / temperature) / sum;
    }
  }
}

/** The Viterbi shortcut (see decode) is tried for tags with at least this many predecessors. */
const MIN_SHORTCUT_PREDS = 4;

/** Tags 0..T-1 grouped by an integer list of theirs, in order of first appearance: [list, members]. */
function groupBy(T: number, list: (tag: number) => number[]): Array<[Int32Array, Int32Array]> {
  const groups = new Map<string, [number[], number[]]>();
  for (let tag = 0; tag < T; tag++) {
    const l = list(tag);
    const key = l.join(',');
    const g = groups.get(key);
    if (g) g[1].push(tag);
    else groups.set(key, [l, [tag]]);
  }
  return [...groups.values()].map(([l, members]) => [Int32Array.from(l), Int32Array.from(members)]);
}

export function bilouConstraints(tags: readonly string[]): { allowed: Uint8Array; final: Uint8Array } {
  const T = tags.length;
  const allowed = new Uint8Array((T + 1) * T);
  const final = new Uint8Array(T);
  const parse = (t: string): [string, string] => (t === 'O' ? ['O', ''] : [t.slice(0, 1), t.slice(2)]);
  for (let b = 0; b < T; b++) {
    const [pb, yb] = parse(tags[b]!);
    final[b] = pb === 'B' || pb === 'I' ? 0 : 1;
    for (let a = 0; a <= T; a++) {
      const [pa, ya] = a === T ? ['O', ''] : parse(tags[a]!);
      const open = pa === 'B' || pa === 'I';
      const continues = pb === 'I' || pb === 'L';
      allowed[a * T + b] = open ? (continues && ya === yb ? 1 : 0) : continues ? 0 : 1;
    }
  }
  return { allowed, final };
}

/**
 * Binary model file: "NLNER1\n", a uint32 length and a JSON header (tags, version, settings, scale), a uint32 length
 * and the feature strings joined by '\n', then int16 weights (features × tags, then transitions), each the float
 * weight times `scale`. Quantising to 16 bits halves the file against float32 at no measured loss.
 */
const MAGIC = 'NLNER1\n';

export interface ModelHeader {
  version: string;
  tags: string[];
  scale: number;
  features: number;
  settings: Record<string, unknown>;
}

export function encodeModel(model: LinearModel, version: string, settings: Record<string, unknown>): Buffer {
  const names: string[] = new Array(model.index.size);
  for (const [name, id] of model.index) names[id] = name;
  let maxAbs = 0;
  for (const v of model.weights) maxAbs = Math.max(maxAbs, Math.abs(v));
  for (const v of model.trans) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs > 0 ? 32767 / maxAbs : 1;
  const header: ModelHeader = { version, tags: [...model.tags], scale, features: names.length, settings };
  const headerBuf = Buffer.from(JSON.stringify(header), 'utf8');
  const namesBuf = Buffer.from(names.join('\n'), 'utf8');
  const q = new Int16Array(model.weights.length + model.trans.length);
  for (let i = 0; i < model.weights.length; i++) q[i] = Math.round(model.weights[i]! * scale);
  for (let i = 0; i < model.trans.length; i++) q[model.weights.length + i] = Math.round(model.trans[i]! * scale);
  const len = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  return Buffer.concat([Buffer.from(MAGIC, 'utf8'), len(headerBuf.length), headerBuf, len(namesBuf.length), namesBuf, Buffer.from(q.buffer)]);
}

export function decodeModel(buf: Buffer): { model: LinearModel; header: ModelHeader } {
  if (buf.toString('utf8', 0, MAGIC.length) !== MAGIC) throw new Error('not a Newsledger NER model file');
  let at = MAGIC.length;
  const headerLen = buf.readUInt32LE(at);
  at += 4;
  const header = JSON.parse(buf.toString('utf8', at, at + headerLen)) as ModelHeader;
  at += headerLen;
  const namesLen = buf.readUInt32LE(at);
  at += 4;
  const names = header.features === 0 ? [] : buf.toString('utf8', at, at + namesLen).split('\n');
  at += namesLen;
  const T = header.tags.length;
  const count = names.length * T + (T + 1) * T;
  // Copied into a fresh array: a view on the file buffer may not have the 2-byte alignment Int16Array needs.
  const q = new Int16Array(count);
  new Uint8Array(q.buffer).set(buf.subarray(at, at + count * 2));
  const weights = new Float32Array(names.length * T);
  for (let i = 0; i < weights.length; i++) weights[i] = q[i]! / header.scale;
  const trans = new Float32Array((T + 1) * T);
  for (let i = 0; i < trans.length; i++) trans[i] = q[weights.length + i]! / header.scale;
  const index = new Map<string, number>();
  for (let i = 0; i < names.length; i++) index.set(names[i]!, i);
  return { model: new LinearModel(header.tags, index, weights, trans), header };
}

export function loadModel(path: string): { model: LinearModel; header: ModelHeader } {
  return decodeModel(readFileSync(path));
}
