import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../version.js';
import { Clusters } from './clusters.js';
import { isDocumentWord } from './docfeatures.js';
import {
  BOUNDARY_AFTER,
  BOUNDARY_BEFORE,
  CAPS_SENTENCE_MIN_WORDS,
  CAPS_SENTENCE_SHARE,
  normalForm,
  posCoreFeatures,
  posFarFeatures,
  FEATURE_GROUPS,
  type FeatureGroup,
  type FeatureResources,
  type FeatureSentence,
  intrinsicFeatures,
  isCapsSentence,
  wordFacts,
  WINDOW,
} from './features.js';
import { Gazetteer } from './gazetteer.js';
import { shortShape } from './shape.js';
import { LinearModel, loadModel } from './model.js';

export const MODEL_DIR = join(PACKAGE_ROOT, 'models', 'ner');
export const GAZETTEER_DIR = join(PACKAGE_ROOT, 'data', 'gazetteers');
export const STAGE1_FILE = 'stage1.bin';
export const STAGE2_FILE = 'stage2.bin';
export const CLUSTERS_FILE = 'clusters.tsv';

/**
 * Words whose per-word data (normal form, flags, cached weight vectors) is kept; beyond this the table is dropped at
 * the next document boundary, which bounds memory on any input. Results never depend on what the caches hold (they
 * only memoise pure functions).
 */
export const WORD_CACHE_MAX = 100_000;
/** Cached window vectors (one per word and caps flag); beyond this the pool restarts at the next sentence. */
export const VECTOR_POOL_MAX = 65_536;
/**
 * POS vectors held (cached per tag trigram and per far tag, plus uncached ones for tags beyond POS_ID_LIMIT); beyond
 * this the POS caches restart at the next sentence. wink-nlp's 17 tags make at most 5,832 trigrams.
 */
export const POS_POOL_MAX = 65_536;

/** Distinct POS tags given numeric ids (wink-nlp has 17), whose vectors are cached in dense tables. */
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

/** What the tagger knows of a normal form (normalForm): shared by the words that fold to it ("Clinton", "CLINTON"). */
interface NormInfo {
  readonly norm: string;
  /** Id in the vocabulary of the word-bigram features, or -1 when the form is in none. */
  readonly bigram: number;
  /** Whether a gazetteer entry starts with this form. */
  readonly gazFirst: boolean;
  /** Document counter when `local` was assigned: the form's index among the current document's forms. */
  stamp: number;
  local: number;
}

/** Per distinct word, everything the tagger computes from the word alone, once. */
interface WordInfo {
  readonly norm: NormInfo;
  /** Has cased letters (counts towards the caps-sentence share), and has no lower-case ones. */
  readonly cased: boolean;
  readonly allCaps: boolean;
  /** Whether the document features consider the word (see docfeatures.ts key()). */
  readonly docKey: boolean;
  /** Offsets of the cached window vectors (ordinary and caps sentences) in the pool, valid in generation *Gen. */
  vec: number;
  vecGen: number;
  capsVec: number;
  capsGen: number;
  /** Feature id of "first:ss=…" for this word, -1 when unknown to the model, -2 before it is looked up. */
  firstSs: number;
}

/**
 * Open-addressing table from a pair of small non-negative integers to a feature id: the word-bigram features keyed
 * by the two words' ids, so a token's bigrams cost two integer probes instead of building and hashing strings.
 */
class PairTable {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
  }

  private static hash(a: number, b: number): number {
    return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
  }

  get(a: number, b: number): number {
    let h = PairTable.hash(a, b) & this.mask;
    for (;;) {
      const ka = this.keysA[h]!;
      if (ka === -1) return -1;
      if (ka === a && this.keysB[h] === b) return this.values[h]!;
      h = (h + 1) & this.mask;
    }
  }

  set(a: number, b: number, value: number): void {
    if ((this.count + 1) * 2 > this.keysA.length) this.grow();
    let h = PairTable.hash(a, b) & this.mask;
    for (;;) {
      const ka = this.keysA[h]!;
      if (ka === -1) break;
      if (ka === a && this.keysB[h] === b) {
        this.values[h] = value;
        return;
      }
      h = (h + 1) & this.mask;
    }
    this.keysA[h] = a;
    this.keysB[h] = b;
    this.values[h] = value;
    this.count++;
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    const cap = keysA.length * 2;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
    this.count = 0;
    for (let h = 0; h < keysA.length; h++) if (keysA[h] !== -1) this.set(keysA[h]!, keysB[h]!, values[h]!);
  }
}

/** Feature-name prefixes of the word bigrams (contextualFeatures): previous|current and current|next. */
const BIGRAM_LEFT = '-1l0=';
const BIGRAM_RIGHT = '0l1=';
/** What contextualFeatures puts for a neighbour beyond the sentence. */
const BIGRAM_BEFORE = '<S>';
const BIGRAM_AFTER = '</S>';

/**
 * The two-stage tagger: stage 1 tags each sentence from local features; stage 2 tags again with the document
 * features computed from stage 1's output (src/entities/tagger/docfeatures.ts). Without a stage-2 model the
 * stage-1 tags are final.
 *
 * Both stages share one feature index, and their weights sit side by side ([feature][stage 1 tags, stage 2 tags]),
 * so each feature is found once and one row serves both stages: a token's local features are summed once, and
 * stage 2 adds only the document features. Per distinct word the sum of its intrinsic features at each window
 * offset is cached (intrinsicFeatures), per POS window the POS features' sum (with the bias), and the word bigrams
 * are found by integer ids; a token then costs seven vector additions and a few integer lookups. The scores equal
 * those of summing the string features of tokenFeatures (the training path) up to float rounding.
 */
export class NerTagger {
  private readonly m1: LinearModel;
  private readonly m2: LinearModel | null;
  /** Columns per feature row: T (stage 1 alone) or 2T (stage 1, then stage 2). */
  private readonly D: number;
  private readonly T: number;
  /** Weights [feature][D] over the shared index. */
  private readonly W: Float32Array;
  private readonly index: Map<string, number>;

  private readonly words = new Map<string, WordInfo>();
  private readonly norms = new Map<string, NormInfo>();
  private readonly bigramVocab = new Map<string, number>();
  private readonly bigramLeft: PairTable;
  private readonly bigramRight: PairTable;
  private readonly bigramBefore: number;
  private readonly bigramAfter: number;
  private readonly useBigrams: boolean;
  private readonly useFirstShape: boolean;
  private readonly useGazetteer: boolean;

  /** Window vectors: each 5 × D floats (offsets -2..2); the first two are the sentence boundaries, never dropped. */
  private pool = new Float32Array(0);
  private poolUsed = 0;
  private poolGen = 1;
  private readonly vecSize: number;
  private readonly reserved: number;

  private readonly posIds = new Map<string, number>();
  private readonly gazIds = new Map<string, Int32Array>();
  /** Offsets in posPool of the cached POS vectors, -1 before they are computed: per tag trigram, per far tag. */
  private readonly posTrigram = new Int32Array((POS_ID_LIMIT + 1) ** 3).fill(-1);
  private readonly posFar = new Int32Array(2 * (POS_ID_LIMIT + 1)).fill(-1);
  private posPool = new Float32Array(0);
  private posUsed = 0;

  /** Document features (stage 2): ids of "d:has=TYPE" and "d:maj=TYPE" by type index (1.. in name order), of "d:O". */
  private readonly docHas: Int32Array;
  private readonly docMaj: Int32Array;
  private readonly docO: number;
  /** Per tag id, its type index: 0 for O, else 1 + the type's rank in name order. */
  private readonly tagType: Int32Array;
  private readonly types: number;
  private docCounter = 0;

  // Scratch, grown on demand.
  private em = new Float64Array(0);
  private vecOff = new Int32Array(0);
  private posOff = new Int32Array(0);
  private farBefore = new Int32Array(0);
  private farAfter = new Int32Array(0);
  private posIdBuf = new Int32Array(0);
  private ctxIds = new Int32Array(0);
  private ctxStart = new Int32Array(0);
  private docLocal = new Int32Array(0);
  private stage1 = new Int32Array(0);
  private path = new Int32Array(0);
  private infos: WordInfo[] = [];

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
    const m1 = stage1;
    const m2 = useStage2 ? stage2 : null;
    if (m2 && m2.tags.join() !== m1.tags.join()) throw new Error('NER stages have different tag sets');
    this.m1 = m1;
    this.m2 = m2;
    const T = m1.T;
    this.T = T;
    this.D = m2 ? 2 * T : T;
    const D = this.D;
    // One index over both stages' features (stage 1's order, then the features only stage 2 has).
    const names = new Set([...m1.index.keys(), ...(m2 ? m2.index.keys() : [])]);
    this.index = new Map([...names].map((name, i) => [name, i]));
    this.W = new Float32Array(this.index.size * D);
    for (const [m, column] of [[m1, 0], ...(m2 ? [[m2, T] as const] : [])] as const) {
      for (const [name, id] of m.index) this.W.set(m.weights.subarray(id * T, id * T + T), this.index.get(name)! * D + column);
    }

    this.useBigrams = groups.has('word') && groups.has('context');
    this.useFirstShape = groups.has('shape');
    this.useGazetteer = groups.has('gazetteer') && res.gazetteer !== null;
    const bigrams: Array<[PairTable, string]> = [];
    this.bigramLeft = new PairTable(1024);
    this.bigramRight = new PairTable(1024);
    bigrams.push([this.bigramLeft, BIGRAM_LEFT], [this.bigramRight, BIGRAM_RIGHT]);
    const vocab = (w: string): number => {
      let id = this.bigramVocab.get(w);
      if (id === undefined) this.bigramVocab.set(w, (id = this.bigramVocab.size));
      return id;
    };
    for (const [name, id] of this.index) {
      for (const [table, prefix] of bigrams) {
        if (!name.startsWith(prefix)) continue;
        // A word may itself hold '|': every split gives a pair whose feature name is this one, so all are entered.
        for (let bar = name.indexOf('|', prefix.length); bar >= 0; bar = name.indexOf('|', bar + 1)) {
          table.set(vocab(name.slice(prefix.length, bar)), vocab(name.slice(bar + 1)), id);
        }
      }
    }
    this.bigramBefore = this.bigramVocab.get(BIGRAM_BEFORE) ?? -1;
    this.bigramAfter = this.bigramVocab.get(BIGRAM_AFTER) ?? -1;

    // Type names in name order, so that ties of the majority type go to the first name, as in documentFeatures.
    const typeNames = [...new Set(m1.tags.filter((t) => t !== 'O').map((t) => t.slice(2)))].sort();
    this.types = typeNames.length;
    this.tagType = Int32Array.from(m1.tags, (t) => (t === 'O' ? 0 : typeNames.indexOf(t.slice(2)) + 1));
    const id = (name: string): number => this.index.get(name) ?? -1;
    this.docHas = Int32Array.from([-1, ...typeNames.map((t) => id(`d:has=${t}`))]);
    this.docMaj = Int32Array.from([-1, ...typeNames.map((t) => id(`d:maj=${t}`))]);
    this.docO = id('d:O');

    // The emission loop reads the five window vectors by name.
    if (WINDOW !== 2) throw new Error('NerTagger expects a window of two words each side');
    this.vecSize = (2 * WINDOW + 1) * D;
    this.reserved = 2 * this.vecSize;
    this.pool = new Float32Array(this.vecSize * 1024);
    this.sumIntrinsic(BOUNDARY_BEFORE, false, 0);
    this.sumIntrinsic(BOUNDARY_AFTER, false, this.vecSize);
    this.poolUsed = this.reserved;
  }

  /** Tags the sentences of one document. */
  tagDocument(sentences: readonly TaggerInputSentence[]): TaggedSentence[] {
    if (this.words.size > WORD_CACHE_MAX) {
      this.words.clear();
      this.norms.clear();
    }
    const D = this.D;
    const T = this.T;
    const stamp = ++this.docCounter;
    let total = 0;
    for (const s of sentences) total += s.words.length;
    if (this.em.length < total * D) this.em = new Float64Array(Math.max(total * D, 2 * this.em.length));
    if (this.docLocal.length < total) {
      this.docLocal = new Int32Array(Math.max(total, 2 * this.docLocal.length));
      this.stage1 = new Int32Array(this.docLocal.length);
    }
    const em = this.em;
    const out: TaggedSentence[] = new Array(sentences.length);
    let forms = 0;
    let base = 0;
    for (let si = 0; si < sentences.length; si++) {
      const s = sentences[si]!;
      const n = s.words.length;
      this.emissions(s, base);
      // Each word the document features consider gets the index of its normal form in this document.
      const infos = this.infos;
      for (let i = 0; i < n; i++) {
        const info = infos[i]!;
        if (!info.docKey) {
          this.docLocal[base + i] = -1;
          continue;
        }
        const norm = info.norm;
        if (norm.stamp !== stamp) {
          norm.stamp = stamp;
          norm.local = forms++;
        }
        this.docLocal[base + i] = norm.local;
      }
      if (this.m2) {
        if (this.path.length < n) this.path = new Int32Array(Math.max(n, 2 * this.path.length));
        const tags = this.m1.decode(em, n, undefined, this.temperature, base * D, D, this.path);
        for (let i = 0; i < n; i++) this.stage1[base + i] = tags[i]!;
      } else out[si] = this.finish(this.m1, n, base, 0);
      base += n;
    }
    if (!this.m2) return out;
    this.addDocumentFeatures(total, forms);
    base = 0;
    for (let si = 0; si < sentences.length; si++) {
      const n = sentences[si]!.words.length;
      out[si] = this.finish(this.m2, n, base, T);
      base += n;
    }
    return out;
  }

  featureSentence(s: TaggerInputSentence): FeatureSentence {
    return featureSentence(s, this.res, this.groups);
  }

  /**
   * The emission scores (n × D, stage 1 then stage 2 columns, without the document features) of one sentence, as
   * the tagger computes them. For tests that check them against the training path's features.
   */
  localScores(s: TaggerInputSentence): Float64Array {
    const n = s.words.length;
    if (this.em.length < n * this.D) this.em = new Float64Array(n * this.D);
    this.emissions(s, 0);
    return this.em.slice(0, n * this.D);
  }

  private finish(model: LinearModel, n: number, base: number, column: number): TaggedSentence {
    const confidence = new Float64Array(n);
    if (this.path.length < n) this.path = new Int32Array(Math.max(n, 2 * this.path.length));
    const ids = model.decode(this.em, n, confidence, this.temperature, base * this.D + column, this.D, this.path);
    const tags: string[] = new Array(n);
    for (let i = 0; i < n; i++) tags[i] = model.tags[ids[i]!]!;
    return { tags, confidence };
  }

  /**
   * Adds the document features (documentFeatures: how stage 1 labelled the other occurrences of the same normal
   * form) to the stage-2 columns of every token of the document.
   */
  private addDocumentFeatures(total: number, forms: number): void {
    const K = this.types + 1;
    const counts = new Int32Array(forms * K);
    const local = this.docLocal;
    const stage1 = this.stage1;
    const tagType = this.tagType;
    for (let i = 0; i < total; i++) {
      const l = local[i]!;
      if (l >= 0) counts[l * K + tagType[stage1[i]!]!]!++;
    }
    const D = this.D;
    const T = this.T;
    const W = this.W;
    const em = this.em;
    for (let i = 0; i < total; i++) {
      const l = local[i]!;
      if (l < 0) continue;
      const own = tagType[stage1[i]!]!;
      let all = 0;
      for (let k = 0; k < K; k++) all += counts[l * K + k]!;
      // A form seen once in the document has no other occurrences to learn from.
      if (all <= 1) continue;
      const row = i * D + T;
      let best = 0;
      let bestType = 0;
      let others = 0;
      for (let k = 0; k < K; k++) {
        const c = counts[l * K + k]! - (k === own ? 1 : 0);
        if (c <= 0) continue;
        others += c;
        if (k === 0) continue;
        addStage2(em, row, W, this.docHas[k]!, T);
        if (c > best) {
          best = c;
          bestType = k;
        }
      }
      if (bestType > 0) addStage2(em, row, W, this.docMaj[bestType]!, T);
      else if (others > 0) addStage2(em, row, W, this.docO, T);
    }
  }

  /** Emission scores of sentence `s` into em rows base.. (all D columns), and this.infos for its words. */
  private emissions(s: TaggerInputSentence, base: number): void {
    const words = s.words;
    const n = words.length;
    const D = this.D;
    if (this.poolUsed > VECTOR_POOL_MAX * this.vecSize) {
      this.poolGen++;
      this.poolUsed = this.reserved;
    }
    if (this.posUsed > POS_POOL_MAX * D) {
      this.posTrigram.fill(-1);
      this.posFar.fill(-1);
      this.posUsed = 0;
    }
    if (this.vecOff.length < n) {
      const size = Math.max(n, 2 * this.vecOff.length);
      this.vecOff = new Int32Array(size);
      this.posOff = new Int32Array(size);
      this.farBefore = new Int32Array(size);
      this.farAfter = new Int32Array(size);
      this.ctxStart = new Int32Array(size + 1);
    }
    const infos = this.infos;
    infos.length = n;
    let lettered = 0;
    let capsWords = 0;
    for (let i = 0; i < n; i++) {
      const info = this.wordInfo(words[i]!);
      infos[i] = info;
      if (info.cased) {
        lettered++;
        if (info.allCaps) capsWords++;
      }
    }
    const caps = lettered >= CAPS_SENTENCE_MIN_WORDS && capsWords >= CAPS_SENTENCE_SHARE * lettered;
    const vecOff = this.vecOff;
    for (let i = 0; i < n; i++) vecOff[i] = this.wordVector(words[i]!, infos[i]!, caps);
    this.posWindows(s, n);
    this.contextIds(s, n);

    // Every cache is filled: sum.
    const em = this.em;
    const pool = this.pool;
    const posPool = this.posPool;
    const posOff = this.posOff;
    const farBefore = this.farBefore;
    const farAfter = this.farAfter;
    const W = this.W;
    const ctxIds = this.ctxIds;
    const ctxStart = this.ctxStart;
    const V = this.vecSize;
    const after = V;
    for (let i = 0; i < n; i++) {
      const row = (base + i) * D;
      // One pass over the columns with every vector read at once: each score is written once, not eight times.
      const o0 = i >= 2 ? vecOff[i - 2]! : 0;
      const o1 = (i >= 1 ? vecOff[i - 1]! : 0) + D;
      const o2 = vecOff[i]! + 2 * D;
      const o3 = (i + 1 < n ? vecOff[i + 1]! : after) + 3 * D;
      const o4 = (i + 2 < n ? vecOff[i + 2]! : after) + 4 * D;
      const p = posOff[i]!;
      const fb = farBefore[i]!;
      const fa = farAfter[i]!;
      for (let t = 0; t < D; t++) {
        em[row + t] = pool[o0 + t]! + pool[o1 + t]! + pool[o2 + t]! + pool[o3 + t]! + pool[o4 + t]! + posPool[p + t]! + posPool[fb + t]! + posPool[fa + t]!;
      }
      for (let c = ctxStart[i]!; c < ctxStart[i + 1]!; c++) {
        const w = ctxIds[c]! * D;
        for (let t = 0; t < D; t++) em[row + t] += W[w + t]!;
      }
    }
  }

  private wordInfo(word: string): WordInfo {
    let info = this.words.get(word);
    if (info !== undefined) return info;
    const normForm = normalForm(word);
    let norm = this.norms.get(normForm);
    if (norm === undefined) {
      norm = {
        norm: normForm,
        bigram: this.bigramVocab.get(normForm) ?? -1,
        gazFirst: this.useGazetteer && this.res.gazetteer!.startsEntry(normForm),
        stamp: 0,
        local: -1,
      };
      this.norms.set(normForm, norm);
    }
    const lower = word.toLowerCase();
    const upper = word.toUpperCase();
    info = {
      norm,
      cased: lower !== upper,
      allCaps: word !== lower && word === upper,
      docKey: isDocumentWord(word),
      vec: -1,
      vecGen: 0,
      capsVec: -1,
      capsGen: 0,
      firstSs: -2,
    };
    this.words.set(word, info);
    return info;
  }

  /** Offset in the pool of the word's window vector (computed and cached on first use in this generation). */
  private wordVector(word: string, info: WordInfo, caps: boolean): number {
    if (caps) {
      if (info.capsGen !== this.poolGen) {
        info.capsVec = this.allocVector();
        info.capsGen = this.poolGen;
        this.sumIntrinsic(word, true, info.capsVec);
      }
      return info.capsVec;
    }
    if (info.vecGen !== this.poolGen) {
      info.vec = this.allocVector();
      info.vecGen = this.poolGen;
      this.sumIntrinsic(word, false, info.vec);
    }
    return info.vec;
  }

  private allocVector(): number {
    const at = this.poolUsed;
    if (at + this.vecSize > this.pool.length) {
      // Doubling, but not far past the limit at which the pool restarts (a long sentence may still pass it).
      const limit = (VECTOR_POOL_MAX + 1024) * this.vecSize;
      const grown = new Float32Array(Math.max(at + 1024 * this.vecSize, Math.min(2 * this.pool.length, limit)));
      grown.set(this.pool);
      this.pool = grown;
    }
    this.poolUsed += this.vecSize;
    this.pool.fill(0, at, at + this.vecSize);
    return at;
  }

  /** Sums the word's intrinsic features at each window offset into the pool at `at` (float32, like the weights). */
  private sumIntrinsic(word: string, caps: boolean, at: number): void {
    const D = this.D;
    const feats: string[] = [];
    const pool = this.pool;
    const W = this.W;
    const index = this.index;
    const facts = word === BOUNDARY_BEFORE || word === BOUNDARY_AFTER ? undefined : wordFacts(word, this.res);
    for (let k = -WINDOW; k <= WINDOW; k++) {
      feats.length = 0;
      intrinsicFeatures(word, k, caps, this.res, this.groups, feats, facts);
      const off = at + (k + WINDOW) * D;
      for (let q = 0; q < feats.length; q++) {
        const id = index.get(feats[q]!);
        if (id === undefined) continue;
        const w = id * D;
        for (let t = 0; t < D; t++) pool[off + t] += W[w + t]!;
      }
    }
  }

  /**
   * Per token, the offsets in posPool of its POS vectors: posOff for the tag trigram (-1, 0, 1; with the bias),
   * farBefore and farAfter for the tags at -2 and 2. Ids: 0 beyond the sentence, 1..POS_ID_LIMIT for tags; a tag
   * beyond the limit gets vectors of its own, not cached.
   */
  private posWindows(s: TaggerInputSentence, n: number): void {
    if (this.posIdBuf.length < n) this.posIdBuf = new Int32Array(Math.max(n, 2 * this.posIdBuf.length));
    const ids = this.posIdBuf;
    for (let j = 0; j < n; j++) ids[j] = this.posId(s.pos[j]!);
    const R = POS_ID_LIMIT + 1;
    const tri = this.posTrigram;
    const pos = s.pos;
    const tag = (j: number): string => (j < 0 ? '<S>' : j >= n ? '</S>' : pos[j]!);
    for (let i = 0; i < n; i++) {
      const a = i > 0 ? ids[i - 1]! : 0;
      const b = ids[i]!;
      const c = i + 1 < n ? ids[i + 1]! : 0;
      if (a < R && b < R && c < R) {
        const key = (a * R + b) * R + c;
        let off = tri[key]!;
        if (off < 0) tri[key] = off = this.posVector(tag(i - 1), tag(i), tag(i + 1), 0);
        this.posOff[i] = off;
      } else this.posOff[i] = this.posVector(tag(i - 1), tag(i), tag(i + 1), 0);
      this.farBefore[i] = this.farVector(i - WINDOW, -WINDOW, n, ids, tag);
      this.farAfter[i] = this.farVector(i + WINDOW, WINDOW, n, ids, tag);
    }
  }

  /** Offset of the POS vector of the tag of token j (maybe beyond the sentence) at offset k. */
  private farVector(j: number, k: number, n: number, ids: Int32Array, tag: (j: number) => string): number {
    const R = POS_ID_LIMIT + 1;
    const id = j < 0 || j >= n ? 0 : ids[j]!;
    if (id >= R) return this.posVector('', tag(j), '', k);
    const key = (k < 0 ? 0 : R) + id;
    let off = this.posFar[key]!;
    if (off < 0) this.posFar[key] = off = this.posVector('', tag(j), '', k);
    return off;
  }

  /** A POS vector in posPool: the core features of (pm1, p0, pp1) and the bias (k = 0), or the feature of p0 at k. */
  private posVector(pm1: string, p0: string, pp1: string, k: number): number {
    const D = this.D;
    if (this.posUsed + D > this.posPool.length) {
      const grown = new Float32Array(Math.max(64 * D, this.posPool.length * 2));
      grown.set(this.posPool);
      this.posPool = grown;
    }
    const at = this.posUsed;
    this.posUsed += D;
    const pool = this.posPool;
    pool.fill(0, at, at + D);
    const feats: string[] = [];
    if (k === 0) {
      posCoreFeatures(pm1, p0, pp1, this.groups, feats);
      feats.push('bias');
    } else posFarFeatures(k, p0, this.groups, feats);
    for (const f of feats) {
      const id = this.index.get(f);
      if (id === undefined) continue;
      const w = id * D;
      for (let t = 0; t < D; t++) pool[at + t] += this.W[w + t]!;
    }
    return at;
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

  /** Ids of a list's features "g:LIST:B", ":I", ":L", ":U" (-1 where the model has none). */
  private gazetteerIds(list: string): Int32Array {
    let ids = this.gazIds.get(list);
    if (!ids) {
      ids = Int32Array.from(['B', 'I', 'L', 'U'], (p) => this.index.get(`g:${list}:${p}`) ?? -1);
      this.gazIds.set(list, ids);
    }
    return ids;
  }

  /**
   * Ids of each token's contextual features but the bias (contextualFeatures, which the bias leads; it is summed
   * with the POS window): word bigrams, the first word's shape, gazetteer matches.
   */
  private contextIds(s: TaggerInputSentence, n: number): void {
    const infos = this.infos;
    const start = this.ctxStart;
    // At most two bigrams and one shape per token, and the gazetteer features (counted once they are known).
    if (this.ctxIds.length < 3 * n + 16) this.ctxIds = new Int32Array(Math.max(3 * n + 16, 2 * this.ctxIds.length));
    // Gazetteer feature ids per token, for the sentences where some entry matches.
    let gaz: number[][] | null = null;
    if (this.useGazetteer) {
      const gazetteer = this.res.gazetteer!;
      const norm = (j: number): string => infos[j]!.norm.norm;
      for (let i = 0; i < n; i++) {
        if (!infos[i]!.norm.gazFirst) continue;
        const match = gazetteer.longestAt(n, norm, i);
        if (!match) continue;
        gaz ??= Array.from({ length: n }, () => []);
        const len = match.length;
        for (const list of match.lists) {
          const ids = this.gazetteerIds(list);
          if (len === 1) gaz[i]!.push(ids[3]!);
          else {
            gaz[i]!.push(ids[0]!);
            for (let j = i + 1; j < i + len - 1; j++) gaz[j]!.push(ids[1]!);
            gaz[i + len - 1]!.push(ids[2]!);
          }
        }
      }
    }
    if (gaz) {
      let total = 3 * n + 16;
      for (const g of gaz) total += g.length;
      if (this.ctxIds.length < total) this.ctxIds = new Int32Array(total);
    }
    const ids = this.ctxIds;
    let c = 0;
    for (let i = 0; i < n; i++) {
      start[i] = c;
      if (this.useBigrams) {
        const cur = infos[i]!.norm.bigram;
        if (cur >= 0) {
          const prev = i === 0 ? this.bigramBefore : infos[i - 1]!.norm.bigram;
          const next = i + 1 === n ? this.bigramAfter : infos[i + 1]!.norm.bigram;
          if (prev >= 0) {
            const id = this.bigramLeft.get(prev, cur);
            if (id >= 0) ids[c++] = id;
          }
          if (next >= 0) {
            const id = this.bigramRight.get(cur, next);
            if (id >= 0) ids[c++] = id;
          }
        }
      }
      if (i === 0 && this.useFirstShape) {
        const info = infos[0]!;
        if (info.firstSs === -2) info.firstSs = this.index.get(`first:ss=${shortShape(s.words[0]!)}`) ?? -1;
        if (info.firstSs >= 0) ids[c++] = info.firstSs;
      }
      if (gaz) for (const id of gaz[i]!) if (id >= 0) ids[c++] = id;
    }
    start[n] = c;
  }
}

/** em[at .. at + T) += the stage-2 weights of feature `id` (columns T .. 2T of rows of width 2T); nothing for id -1. */
function addStage2(em: Float64Array, at: number, W: Float32Array, id: number, T: number): void {
  if (id < 0) return;
  const w = id * 2 * T + T;
  for (let t = 0; t < T; t++) em[at + t] += W[w + t]!;
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
