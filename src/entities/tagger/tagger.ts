import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../version.js';
import { Clusters } from './clusters.js';
import { documentFeatures } from './docfeatures.js';
import {
  BOUNDARY_AFTER,
  BOUNDARY_BEFORE,
  contextualFeatures,
  normalForm,
  posFeatures,
  posKey,
  FEATURE_GROUPS,
  type FeatureGroup,
  type FeatureResources,
  type FeatureSentence,
  intrinsicFeatures,
  isCapsSentence,
  WINDOW,
} from './features.js';
import { Gazetteer } from './gazetteer.js';
import { LinearModel, loadModel } from './model.js';

export const MODEL_DIR = join(PACKAGE_ROOT, 'models', 'ner');
export const GAZETTEER_DIR = join(PACKAGE_ROOT, 'data', 'gazetteers');
export const STAGE1_FILE = 'stage1.bin';
export const STAGE2_FILE = 'stage2.bin';
export const CLUSTERS_FILE = 'clusters.tsv';

/**
 * Cached per-word weight sums are dropped when the cache holds this many words, which bounds memory on any input;
 * results never depend on what the cache holds (it only memoises a pure function).
 */
export const WORD_CACHE_MAX = 200_000;

/** Distinct POS tags given numeric ids (wink-nlp has 17); a window of five ids then fits one safe integer key. */
export const POS_ID_LIMIT = 30;

export interface TaggerInputSentence {
  words: readonly string[];
  pos: readonly string[];
}

export interface TaggedSentence {
  /** BILOU tags. */
  tags: string[];
  /** Per token inside a mention, the probability-like confidence of its tag; 0 outside mentions (see LinearModel.decode). */
  confidence: Float64Array;
}

/** Scores one model over sentences, with the per-word cache of intrinsic feature weights. */
export class Scorer {
  /** Word vectors for ordinary sentences and for sentences in capitals (the caps flag changes features). */
  private readonly cache = new Map<string, Float32Array>();
  private readonly capsCache = new Map<string, Float32Array>();
  private readonly posIds = new Map<string, number>();
  private readonly posCache = new Map<number, Float32Array>();
  private readonly buf: string[] = [];

  constructor(
    readonly model: LinearModel,
    readonly res: FeatureResources,
    readonly groups: ReadonlySet<FeatureGroup>,
  ) {}

  /**
   * The ids of each token's contextual features (contextualFeatures) in this scorer's index. Both stages share one
   * index (see NerTagger), so these are looked up once per sentence and serve both.
   */
  contextIds(s: FeatureSentence): ContextIds {
    const n = s.words.length;
    const offsets = new Int32Array(n + 1);
    const ids: number[] = [];
    const buf = this.buf;
    for (let i = 0; i < n; i++) {
      buf.length = 0;
      contextualFeatures(s, i, this.groups, buf);
      for (const f of buf) {
        const id = this.model.index.get(f);
        if (id !== undefined) ids.push(id);
      }
      offsets[i + 1] = ids.length;
    }
    return { ids: Int32Array.from(ids), offsets };
  }

  /**
   * Emission scores n × T: cached sums of each window word's intrinsic features and of the POS window, plus the
   * contextual features (`ctx`, from contextIds with the same index) and the document features.
   */
  emissions(s: FeatureSentence, ctx: ContextIds = this.contextIds(s)): Float64Array {
    const T = this.model.T;
    const n = s.words.length;
    const em = new Float64Array(n * T);
    const W = this.model.weights;
    const index = this.model.index;
    // Each word's cached vector is fetched once per sentence and added at the five window offsets it serves.
    const vecs: Float32Array[] = new Array(n);
    for (let j = 0; j < n; j++) vecs[j] = this.wordVector(s.words[j]!, s.caps);
    const before = this.wordVector(BOUNDARY_BEFORE, s.caps);
    const after = this.wordVector(BOUNDARY_AFTER, s.caps);
    const posIds = new Int32Array(n);
    for (let j = 0; j < n; j++) posIds[j] = this.posId(s.pos[j]!);
    for (let i = 0; i < n; i++) {
      const row = i * T;
      for (let k = -WINDOW; k <= WINDOW; k++) {
        const j = i + k;
        const vec = j < 0 ? before : j >= n ? after : vecs[j]!;
        const off = (k + WINDOW) * T;
        for (let t = 0; t < T; t++) em[row + t] += vec[off + t]!;
      }
      const pv = this.posVector(s, i, posIds);
      for (let t = 0; t < T; t++) em[row + t] += pv[t]!;
      for (let j = ctx.offsets[i]!; j < ctx.offsets[i + 1]!; j++) {
        const base = ctx.ids[j]! * T;
        for (let t = 0; t < T; t++) em[row + t] += W[base + t]!;
      }
      if (s.doc) {
        for (const f of s.doc[i]!) {
          const id = index.get(f);
          if (id === undefined) continue;
          const base = id * T;
          for (let t = 0; t < T; t++) em[row + t] += W[base + t]!;
        }
      }
    }
    return em;
  }

  /** Small ids for POS tags so a window's cache key is a number; tags beyond POS_ID_LIMIT are not cached. */
  private posId(tag: string): number {
    let id = this.posIds.get(tag);
    if (id === undefined) {
      id = this.posIds.size < POS_ID_LIMIT ? this.posIds.size + 1 : POS_ID_LIMIT + 1;
      if (id <= POS_ID_LIMIT) this.posIds.set(tag, id);
    }
    return id;
  }

  private posVector(s: FeatureSentence, i: number, ids: Int32Array): Float32Array {
    const n = ids.length;
    let key = 0;
    let cacheable = true;
    for (let j = i - 2; j <= i + 2; j++) {
      const id = j < 0 || j >= n ? 0 : ids[j]!;
      if (id > POS_ID_LIMIT) cacheable = false;
      key = key * (POS_ID_LIMIT + 2) + id;
    }
    let vec = cacheable ? this.posCache.get(key) : undefined;
    if (vec) return vec;
    const T = this.model.T;
    vec = new Float32Array(T);
    const feats: string[] = [];
    posFeatures(posKey(s, i), this.groups, feats);
    for (const f of feats) {
      const id = this.model.index.get(f);
      if (id === undefined) continue;
      for (let t = 0; t < T; t++) vec[t] += this.model.weights[id * T + t]!;
    }
    if (cacheable) this.posCache.set(key, vec);
    return vec;
  }

  private wordVector(word: string, caps: boolean): Float32Array {
    const cache = caps ? this.capsCache : this.cache;
    let vec = cache.get(word);
    if (vec) return vec;
    const T = this.model.T;
    vec = new Float32Array((2 * WINDOW + 1) * T);
    const feats: string[] = [];
    for (let k = -WINDOW; k <= WINDOW; k++) {
      feats.length = 0;
      intrinsicFeatures(word, k, caps, this.res, this.groups, feats);
      const off = (k + WINDOW) * T;
      for (const f of feats) {
        const id = this.model.index.get(f);
        if (id === undefined) continue;
        for (let t = 0; t < T; t++) vec[off + t] += this.model.weights[id * T + t]!;
      }
    }
    if (cache.size >= WORD_CACHE_MAX) cache.clear();
    cache.set(word, vec);
    return vec;
  }
}

/**
 * The two-stage tagger: stage 1 tags each sentence from local features; stage 2 tags again with the document
 * features computed from stage 1's output (src/entities/tagger/docfeatures.ts). Without a stage-2 model the
 * stage-1 tags are final.
 */
export class NerTagger {
  private readonly s1: Scorer;
  private readonly s2: Scorer | null;

  constructor(
    stage1: LinearModel,
    stage2: LinearModel | null,
    readonly res: FeatureResources,
    readonly groups: ReadonlySet<FeatureGroup> = new Set(FEATURE_GROUPS),
    readonly version = 'ner-unversioned',
    /** Divides scores before the confidence softmax (fitted on dev by the training script). */
    public temperature = 1,
  ) {
    const useStage2 = stage2 !== null && groups.has('doc');
    const [m1, m2] = useStage2 ? sharedIndex(stage1, stage2) : [stage1, null];
    this.s1 = new Scorer(m1, res, groups);
    this.s2 = m2 ? new Scorer(m2, res, groups) : null;
  }

  /** Tags the sentences of one document. */
  tagDocument(sentences: readonly TaggerInputSentence[]): TaggedSentence[] {
    const feats = sentences.map((s) => this.featureSentence(s));
    const ctx = feats.map((f) => this.s1.contextIds(f));
    const first = feats.map((f, i) => this.decode(this.s1, f, ctx[i]!, !this.s2));
    if (!this.s2) return first;
    const doc = documentFeatures(
      sentences.map((s) => s.words),
      first.map((f) => f.tags),
    );
    return feats.map((f, i) => this.decode(this.s2!, { ...f, doc: doc[i]! }, ctx[i]!, true));
  }

  featureSentence(s: TaggerInputSentence): FeatureSentence {
    return featureSentence(s, this.res, this.groups);
  }

  private decode(scorer: Scorer, f: FeatureSentence, ctx: ContextIds, withConfidence: boolean): TaggedSentence {
    const n = f.words.length;
    const confidence = new Float64Array(n);
    const ids = scorer.model.decode(scorer.emissions(f, ctx), n, withConfidence ? confidence : undefined, this.temperature);
    const tags = Array.from(ids, (id) => scorer.model.tags[id]!);
    return { tags, confidence };
  }
}

/** Ids of each token's contextual features: token i's are ids[offsets[i] .. offsets[i + 1]). */
export interface ContextIds {
  ids: Int32Array;
  offsets: Int32Array;
}

/**
 * The two stages re-laid over one feature index (the union of theirs), so a feature string is hashed once for both;
 * a feature one stage lacks gets zero weights there. Scores are unchanged.
 */
export function sharedIndex(a: LinearModel, b: LinearModel): [LinearModel, LinearModel] {
  const index = new Map(a.index);
  for (const name of b.index.keys()) if (!index.has(name)) index.set(name, index.size);
  const relay = (m: LinearModel): LinearModel => {
    const T = m.T;
    const w = new Float32Array(index.size * T);
    for (const [name, id] of m.index) w.set(m.weights.subarray(id * T, id * T + T), index.get(name)! * T);
    return new LinearModel(m.tags, index, w, m.trans);
  };
  return [relay(a), relay(b)];
}

/** The feature extractor's view of a sentence (no document features yet). */
export function featureSentence(s: TaggerInputSentence, res: FeatureResources, groups: ReadonlySet<FeatureGroup>): FeatureSentence {
  const norm = s.words.map(normalForm);
  return {
    words: s.words,
    pos: s.pos,
    norm,
    caps: isCapsSentence(s.words),
    gazetteer: groups.has('gazetteer') && res.gazetteer ? res.gazetteer.features(norm) : null,
    doc: null,
  };
}

export function loadResources(modelDir = MODEL_DIR, gazetteerDir = GAZETTEER_DIR): FeatureResources {
  const clustersPath = join(modelDir, CLUSTERS_FILE);
  return {
    clusters: existsSync(clustersPath) ? Clusters.load(clustersPath) : null,
    gazetteer: existsSync(gazetteerDir) ? Gazetteer.load(gazetteerDir) : null,
  };
}

/** Loads the committed tagger from models/ner. */
export function loadTagger(modelDir = MODEL_DIR): NerTagger {
  const { model: stage1, header } = loadModel(join(modelDir, STAGE1_FILE));
  const stage2Path = join(modelDir, STAGE2_FILE);
  const stage2 = existsSync(stage2Path) ? loadModel(stage2Path).model : null;
  const groups = new Set((header.settings['groups'] as FeatureGroup[] | undefined) ?? FEATURE_GROUPS);
  const temperature = typeof header.settings['temperature'] === 'number' ? header.settings['temperature'] : 1;
  return new NerTagger(stage1, stage2, loadResources(modelDir), groups, header.version, temperature);
}

let shared: NerTagger | null = null;

/** The process-wide tagger, loaded on first use. */
export function sharedTagger(): NerTagger {
  if (!shared) shared = loadTagger();
  return shared;
}
