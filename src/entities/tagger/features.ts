import type { Clusters } from './clusters.js';
import type { Gazetteer } from './gazetteer.js';
import { isAllCaps, isCapitalised, longShape, shortShape } from './shape.js';

/**
 * Feature groups, named so the ablation can switch each off. word: the word and its lower-case form, word bigrams;
 * affix: prefixes and suffixes; shape: word shapes; context: features of the neighbouring words; pos: wink-nlp POS
 * window; gazetteer: list matches; clusters: word clusters; doc: the first pass's labels of the same word elsewhere in
 * the document (second stage only).
 */
export const FEATURE_GROUPS = ['word', 'affix', 'shape', 'context', 'pos', 'gazetteer', 'clusters', 'doc'] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

/** How far the window of neighbouring words reaches on each side. */
export const WINDOW = 2;
/** Prefix and suffix lengths: Ratinov & Roth (2009) and most feature taggers use up to 4. */
export const MAX_AFFIX = 4;
/** Words are cut to this many characters before they become features, so huge tokens cost no more than long ones. */
export const MAX_FEATURE_WORD_CHARS = 48;
/**
 * A sentence is read as a headline or shouted when at least this share of its words with letters is all-caps; shape
 * features then say little, and a flag lets the model weigh the word forms instead.
 */
export const CAPS_SENTENCE_SHARE = 0.7;
/** Minimum number of lettered words before the share above is trusted. */
export const CAPS_SENTENCE_MIN_WORDS = 3;

export const BOUNDARY_BEFORE = '\u0002<S>';
export const BOUNDARY_AFTER = '\u0002</S>';

export interface FeatureResources {
  clusters: Clusters | null;
  gazetteer: Gazetteer | null;
}

/** A sentence as the feature extractor sees it. */
export interface FeatureSentence {
  words: readonly string[];
  pos: readonly string[];
  /** normalForm of each word, computed once per sentence. */
  norm: readonly string[];
  /** Whether the sentence is mostly all-caps (see CAPS_SENTENCE_SHARE). */
  caps: boolean;
  /** Per token, the gazetteer features (from Gazetteer.features), or null when the group is off. */
  gazetteer: readonly (readonly string[])[] | null;
  /** Per token, the document features of the second stage, or null in the first stage. */
  doc: readonly (readonly string[])[] | null;
}

export function isCapsSentence(words: readonly string[]): boolean {
  let lettered = 0;
  let caps = 0;
  for (const w of words) {
    if (w.toLowerCase() === w.toUpperCase()) continue;
    lettered++;
    if (isAllCaps(w)) caps++;
  }
  return lettered >= CAPS_SENTENCE_MIN_WORDS && caps >= CAPS_SENTENCE_SHARE * lettered;
}

/** The word's form for features: lower case, digits folded to 0 (dates and scores differ only in digits), cut. */
export function normalForm(word: string): string {
  const cut = word.length > MAX_FEATURE_WORD_CHARS ? word.slice(0, MAX_FEATURE_WORD_CHARS) : word;
  return cut.toLowerCase().replace(/[0-9]/g, '0');
}

/** What the intrinsic features read of a word, computed once per word (the tagger shares it across offsets). */
export interface WordFacts {
  /** The word cut to MAX_FEATURE_WORD_CHARS. */
  cut: string;
  /** normalForm of the word. */
  lower: string;
  shortShape: string;
  capitalised: boolean;
  /** Cluster ids of the cut word, or undefined when it has none (or there are no clusters). */
  clusters: string[] | undefined;
}

export function wordFacts(word: string, res: FeatureResources): WordFacts {
  const cut = word.length > MAX_FEATURE_WORD_CHARS ? word.slice(0, MAX_FEATURE_WORD_CHARS) : word;
  return { cut, lower: normalForm(word), shortShape: shortShape(word), capitalised: isCapitalised(word), clusters: res.clusters?.of(cut) };
}

/**
 * Features of `word` seen at offset `k` from the token being tagged that depend on nothing but the word, the offset
 * and the sentence's caps flag. They are split from the rest so the tagger can cache their summed weights per word:
 * most of a token's features are these, and the cache is what makes tagging fast. `facts` may be passed when the
 * caller has them (they are wordFacts(word, res)).
 */
export function intrinsicFeatures(
  word: string,
  k: number,
  caps: boolean,
  res: FeatureResources,
  groups: ReadonlySet<FeatureGroup>,
  out: string[],
  facts?: WordFacts,
): void {
  if (word === BOUNDARY_BEFORE || word === BOUNDARY_AFTER) {
    if (groups.has('context') || k === 0) out.push(`${k}b${word}`);
    return;
  }
  if (k !== 0 && !groups.has('context')) return;
  const f = facts ?? wordFacts(word, res);
  const cut = f.cut;
  const lower = f.lower;
  const c = caps ? 'C' : '';
  if (k === 0) {
    if (groups.has('word')) {
      out.push(`w=${cut}`, `l=${lower}`);
    }
    if (groups.has('affix')) {
      const n = Math.min(MAX_AFFIX, lower.length - 1);
      for (let a = 1; a <= n; a++) out.push(`p${a}=${cut.slice(0, a)}`, `s${a}=${lower.slice(lower.length - a)}`);
    }
    if (groups.has('shape')) {
      const ss = f.shortShape;
      out.push(`sh=${longShape(word)}`, `ss=${ss}`, `${c}ss=${ss}`);
      if (caps) out.push(`Cl=${lower}`);
    }
  } else if (Math.abs(k) === 1) {
    if (groups.has('word')) out.push(`${k}l=${lower}`);
    if (groups.has('shape')) out.push(`${k}${c}ss=${f.shortShape}`);
  } else {
    if (groups.has('word')) out.push(`${k}l=${lower}`);
    if (groups.has('shape')) out.push(`${k}cap=${f.capitalised ? 1 : 0}`);
  }
  if (groups.has('clusters') && res.clusters && Math.abs(k) <= 1) {
    const ids = f.clusters;
    if (ids) for (let j = 0; j < ids.length; j++) out.push(`${k}c${j}=${ids[j]}`);
    else out.push(`${k}c=?`);
  }
}

/** The POS window of token `i` as one string (the training path; the tagger caches per tag trigram and far tag). */
export function posKey(s: Pick<FeatureSentence, 'words' | 'pos'>, i: number): string {
  const n = s.words.length;
  const p = (j: number): string => (j < 0 ? '<S>' : j >= n ? '</S>' : s.pos[j]!);
  return `${p(i - 2)} ${p(i - 1)} ${p(i)} ${p(i + 1)} ${p(i + 2)}`;
}

/** Features of the POS window: posCoreFeatures and posFarFeatures, which the tagger caches separately. */
export function posFeatures(key: string, groups: ReadonlySet<FeatureGroup>, out: string[]): void {
  const [pm2, pm1, p0, pp1, pp2] = key.split(' ');
  posCoreFeatures(pm1!, p0!, pp1!, groups, out);
  posFarFeatures(-2, pm2!, groups, out);
  posFarFeatures(2, pp2!, groups, out);
}

/**
 * The POS features of the tags at offsets -1, 0 and 1 (the tagger caches their weights per tag trigram): the tag,
 * its neighbours' tags, and the two tag bigrams. Neighbours beyond the sentence are '<S>' and '</S>'.
 */
export function posCoreFeatures(pm1: string, p0: string, pp1: string, groups: ReadonlySet<FeatureGroup>, out: string[]): void {
  if (!groups.has('pos')) return;
  out.push(`P=${p0}`);
  if (groups.has('context')) out.push(`-1P=${pm1}`, `1P=${pp1}`, `-1P0=${pm1}|${p0}`, `0P1=${p0}|${pp1}`);
}

/** The POS feature of the tag at offset k = -2 or 2 (the tagger caches its weights per tag and offset). */
export function posFarFeatures(k: number, tag: string, groups: ReadonlySet<FeatureGroup>, out: string[]): void {
  if (groups.has('pos') && groups.has('context')) out.push(`${k}P=${tag}`);
}

/** Features of token `i` that depend on its neighbours together and lists (not the POS window, not the document). */
export function contextualFeatures(s: FeatureSentence, i: number, groups: ReadonlySet<FeatureGroup>, out: string[]): void {
  const n = s.words.length;
  out.push('bias');
  if (groups.has('word') && groups.has('context')) {
    const w = (j: number): string => (j < 0 ? '<S>' : j >= n ? '</S>' : s.norm[j]!);
    const w0 = w(i);
    out.push(`-1l0=${w(i - 1)}|${w0}`, `0l1=${w0}|${w(i + 1)}`);
  }
  if (groups.has('shape') && i === 0) out.push(`first:ss=${shortShape(s.words[0]!)}`);
  if (s.gazetteer) for (const f of s.gazetteer[i]!) out.push(f);
}

/** All features of token `i` (the training path; the tagger sums the same features through its cache). */
export function tokenFeatures(s: FeatureSentence, i: number, res: FeatureResources, groups: ReadonlySet<FeatureGroup>, out: string[]): void {
  const n = s.words.length;
  for (let k = -WINDOW; k <= WINDOW; k++) {
    const j = i + k;
    const word = j < 0 ? BOUNDARY_BEFORE : j >= n ? BOUNDARY_AFTER : s.words[j]!;
    intrinsicFeatures(word, k, s.caps, res, groups, out);
  }
  posFeatures(posKey(s, i), groups, out);
  contextualFeatures(s, i, groups, out);
  if (s.doc) for (const f of s.doc[i]!) out.push(f);
}
