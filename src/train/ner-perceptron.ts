import { prng } from '../util/random.js';
import { type FeatureGroup, type FeatureResources, type FeatureSentence, tokenFeatures } from '../entities/tagger/features.js';
import { LinearModel } from '../entities/tagger/model.js';

/** A sentence encoded for training: feature ids of token t are feats[offsets[t] .. offsets[t+1]). */
export interface EncodedSentence {
  feats: Int32Array;
  offsets: Int32Array;
  gold: Int32Array;
}

/**
 * Encodes sentences, growing `index` with every feature seen; `counts[id]` counts occurrences. Call `pruneIndex`
 * afterwards to drop rare features.
 */
export function encodeGrowing(
  sents: readonly FeatureSentence[],
  golds: readonly (readonly string[])[],
  tagIndex: ReadonlyMap<string, number>,
  res: FeatureResources,
  groups: ReadonlySet<FeatureGroup>,
  index: Map<string, number>,
  counts: number[],
): EncodedSentence[] {
  const out: EncodedSentence[] = [];
  const buf: string[] = [];
  for (let s = 0; s < sents.length; s++) {
    const sent = sents[s]!;
    const n = sent.words.length;
    const ids: number[] = [];
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      buf.length = 0;
      tokenFeatures(sent, i, res, groups, buf);
      for (const f of buf) {
        let id = index.get(f);
        if (id === undefined) {
          id = index.size;
          index.set(f, id);
          counts.push(0);
        }
        counts[id]!++;
        ids.push(id);
      }
      offsets[i + 1] = ids.length;
    }
    const gold = Int32Array.from(golds[s]!, (t) => {
      const id = tagIndex.get(t);
      if (id === undefined) throw new Error(`unknown tag ${t}`);
      return id;
    });
    out.push({ feats: Int32Array.from(ids), offsets, gold });
  }
  return out;
}

/** Keeps features seen at least `minCount` times; renumbers ids in `data` in place. Returns the pruned index. */
export function pruneIndex(index: Map<string, number>, counts: readonly number[], minCount: number, data: EncodedSentence[]): Map<string, number> {
  const remap = new Int32Array(index.size).fill(-1);
  const kept = new Map<string, number>();
  for (const [name, id] of index) {
    if (counts[id]! >= minCount) {
      remap[id] = kept.size;
      kept.set(name, kept.size);
    }
  }
  for (const d of data) {
    const feats: number[] = [];
    const offsets = new Int32Array(d.offsets.length);
    for (let t = 0; t + 1 < d.offsets.length; t++) {
      for (let j = d.offsets[t]!; j < d.offsets[t + 1]!; j++) {
        const r = remap[d.feats[j]!]!;
        if (r >= 0) feats.push(r);
      }
      offsets[t + 1] = feats.length;
    }
    d.feats = Int32Array.from(feats);
    d.offsets = offsets;
  }
  return kept;
}


/**
 * Averaged structured perceptron (Collins 2002) with Viterbi decoding under the BILOU constraints. The average is
 * kept with the usual trick: alongside the weights w, u accumulates c × each update, and w − u / c is the average.
 * `onEpoch` receives the averaged model after each epoch (for choosing the number of epochs on dev).
 */
export function trainPerceptron(
  data: readonly EncodedSentence[],
  tags: readonly string[],
  index: Map<string, number>,
  epochs: number,
  seed: number,
  onEpoch?: (epoch: number, averaged: () => LinearModel) => void,
): LinearModel {
  const T = tags.length;
  const nF = index.size;
  const w = new Float32Array(nF * T);
  const u = new Float64Array(nF * T);
  const model = new LinearModel(tags, index, w);
  const trans = model.trans;
  const transU = new Float64Array(trans.length);
  let c = 1;
  const order = Array.from(data.keys());
  const rand = prng(seed);
  const averaged = (): LinearModel => {
    const aw = new Float32Array(w.length);
    for (let i = 0; i < w.length; i++) aw[i] = w[i]! - u[i]! / c;
    const at = new Float32Array(trans.length);
    for (let i = 0; i < trans.length; i++) at[i] = trans[i]! - transU[i]! / c;
    return new LinearModel(tags, index, aw, at);
  };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const s of order) {
      const d = data[s]!;
      const n = d.gold.length;
      const em = new Float64Array(n * T);
      for (let t = 0; t < n; t++) {
        for (let j = d.offsets[t]!; j < d.offsets[t + 1]!; j++) {
          const base = d.feats[j]! * T;
          for (let y = 0; y < T; y++) em[t * T + y] += w[base + y]!;
        }
      }
      const pred = model.decode(em, n);
      for (let t = 0; t < n; t++) {
        const g = d.gold[t]!;
        const p = pred[t]!;
        if (g !== p) {
          for (let j = d.offsets[t]!; j < d.offsets[t + 1]!; j++) {
            const base = d.feats[j]! * T;
            w[base + g] += 1;
            u[base + g] += c;
            w[base + p] -= 1;
            u[base + p] -= c;
          }
        }
        const gPrev = t === 0 ? T : d.gold[t - 1]!;
        const pPrev = t === 0 ? T : pred[t - 1]!;
        if (gPrev !== pPrev || g !== p) {
          trans[gPrev * T + g] += 1;
          transU[gPrev * T + g] += c;
          trans[pPrev * T + p] -= 1;
          transU[pPrev * T + p] -= c;
        }
      }
      c++;
    }
    onEpoch?.(epoch, averaged);
  }
  return averaged();
}

/** Drops features whose weights are all below `eps` in absolute value (they cannot change a decision much). */
export function pruneWeights(model: LinearModel, eps: number): LinearModel {
  const T = model.T;
  const index = new Map<string, number>();
  const keep: number[] = [];
  for (const [name, id] of model.index) {
    let max = 0;
    for (let y = 0; y < T; y++) max = Math.max(max, Math.abs(model.weights[id * T + y]!));
    if (max >= eps) {
      index.set(name, keep.length);
      keep.push(id);
    }
  }
  const weights = new Float32Array(keep.length * T);
  keep.forEach((id, k) => weights.set(model.weights.subarray(id * T, id * T + T), k * T));
  return new LinearModel(model.tags, index, weights, model.trans);
}
