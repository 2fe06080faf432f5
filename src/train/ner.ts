/**
 * Trains the named-entity tagger: `npm run build && npm run train:ner`.
 *
 *   node dist/src/train/ner.js [--epochs N] [--folds K] [--out DIR] [--ablation] [--no-save] [--per-epoch]
 *                              [--without GROUP]...
 *
 * --ablation retrains with each feature group removed in turn and prints a table of dev F1 (nothing is saved).
 *
 * Stage 1 (local features) is an averaged perceptron trained on eng.train. Stage 2 adds document features computed
 * from stage 1's tags; to give it realistic (not memorised) stage-1 tags on the training data, those are produced by
 * JACKKNIFE_FOLDS stage-1 models each trained without the fold it tags. Settings were chosen on eng.testa (dev),
 * which is never trained on. Deterministic: fixed seed, stable iteration order.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentFeatures } from '../entities/tagger/docfeatures.js';
import { FEATURE_GROUPS, type FeatureGroup, type FeatureResources, type FeatureSentence } from '../entities/tagger/features.js';
import { encodeModel, type LinearModel } from '../entities/tagger/model.js';
import { conllScores, overallF1, type TypeScore } from '../entities/tagger/score.js';
import { featureSentence, loadResources, MODEL_DIR, NerTagger, STAGE1_FILE, STAGE2_FILE } from '../entities/tagger/tagger.js';
import { BILOU_TAGS, bilouOfSpans, spansOfTags } from '../entities/tagger/tags.js';
import { CONLL_DEV, CONLL_TRAIN, type ConllDocs, readConllWithPos } from './ner-data.js';
import { encodeGrowing, pruneIndex, pruneWeights, trainPerceptron } from './ner-perceptron.js';

/** Epochs of the perceptron: dev F1 levels off around here (see the report of issue 4). */
export const EPOCHS = 12;
/** Features seen fewer times than this in training are dropped: they are mostly noise and cost model size. */
export const MIN_FEATURE_COUNT = 2;
/** After training, features whose weights all stay below this are dropped from the saved model. */
export const PRUNE_EPS = 0.05;
/** Folds for producing stage 1's out-of-fold tags on the training data. */
export const JACKKNIFE_FOLDS = 4;
export const SEED = 20240501;
export const MODEL_VERSION = 'ner-perceptron-1';

interface Settings {
  epochs: number;
  folds: number;
  groups: Set<FeatureGroup>;
  log: (line: string) => void;
}

function featureSentences(data: ConllDocs, res: FeatureResources, groups: ReadonlySet<FeatureGroup>): FeatureSentence[] {
  return data.sentences.map((s) => featureSentence(s, res, groups));
}

function bilouGold(data: ConllDocs): string[][] {
  return data.sentences.map((s) => bilouOfSpans(spansOfTags(s.tags), s.words.length));
}

function trainOne(sents: FeatureSentence[], gold: string[][], res: FeatureResources, st: Settings, dev?: () => (m: LinearModel) => number): LinearModel {
  const tagIndex = new Map(BILOU_TAGS.map((t, i) => [t, i]));
  const grown = new Map<string, number>();
  const counts: number[] = [];
  const data = encodeGrowing(sents, gold, tagIndex, res, st.groups, grown, counts);
  const index = pruneIndex(grown, counts, MIN_FEATURE_COUNT, data);
  const score = dev?.();
  return trainPerceptron(data, BILOU_TAGS, index, st.epochs, SEED, (epoch, averaged) => {
    if (score) st.log(`    epoch ${epoch}: dev F1 ${score(averaged()).toFixed(4)}`);
  });
}

/** Tags every pseudo-document of `data`. */
function tagAll(tagger: NerTagger, data: ConllDocs): string[][] {
  const out: string[][] = new Array(data.sentences.length);
  for (const [a, b] of data.docs) {
    const tagged = tagger.tagDocument(data.sentences.slice(a, b));
    tagged.forEach((t, i) => (out[a + i] = t.tags));
  }
  return out;
}

export interface Trained {
  stage1: LinearModel;
  stage2: LinearModel | null;
  dev1: TypeScore[];
  dev2: TypeScore[] | null;
}

export function trainTagger(train: ConllDocs, dev: ConllDocs, res: FeatureResources, st: Settings, perEpoch = false): Trained {
  const gold = bilouGold(train);
  const sents = featureSentences(train, res, st.groups);
  const devGold = dev.sentences.map((s) => s.tags);
  const stage1Groups = new Set([...st.groups].filter((g) => g !== 'doc'));
  const devScore1 = () => (m: LinearModel) => overallF1(conllScores(devGold, tagAll(new NerTagger(m, null, res, stage1Groups), dev)));
  let t0 = Date.now();
  st.log('  stage 1 ...');
  const stage1 = trainOne(sents, gold, res, st, perEpoch ? devScore1 : undefined);
  const dev1 = conllScores(devGold, tagAll(new NerTagger(stage1, null, res, stage1Groups), dev));
  st.log(`  stage 1: dev F1 ${overallF1(dev1).toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (!st.groups.has('doc')) return { stage1, stage2: null, dev1, dev2: null };

  t0 = Date.now();
  const firstPass: string[][] = new Array(train.sentences.length);
  for (let fold = 0; fold < st.folds; fold++) {
    const inFold = (d: number): boolean => d % st.folds === fold;
    const trainIdx: number[] = [];
    train.docs.forEach(([a, b], d) => {
      if (!inFold(d)) for (let s = a; s < b; s++) trainIdx.push(s);
    });
    const m = trainOne(
      trainIdx.map((s) => sents[s]!),
      trainIdx.map((s) => gold[s]!),
      res,
      st,
    );
    const tagger = new NerTagger(m, null, res, stage1Groups);
    train.docs.forEach(([a, b], d) => {
      if (!inFold(d)) return;
      tagger.tagDocument(train.sentences.slice(a, b)).forEach((t, i) => (firstPass[a + i] = t.tags));
    });
  }
  st.log(`  jackknife: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  t0 = Date.now();
  const sents2: FeatureSentence[] = new Array(sents.length);
  for (const [a, b] of train.docs) {
    const doc = documentFeatures(
      train.sentences.slice(a, b).map((s) => s.words),
      firstPass.slice(a, b),
    );
    for (let s = a; s < b; s++) sents2[s] = { ...sents[s]!, doc: doc[s - a]! };
  }
  const devScore2 = () => (m: LinearModel) => overallF1(conllScores(devGold, tagAll(new NerTagger(stage1, m, res, st.groups), dev)));
  const stage2 = trainOne(sents2, gold, res, st, perEpoch ? devScore2 : undefined);
  const dev2 = conllScores(devGold, tagAll(new NerTagger(stage1, stage2, res, st.groups), dev));
  st.log(`  stage 2: dev F1 ${overallF1(dev2).toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return { stage1, stage2, dev1, dev2 };
}

/** Temperatures tried for the confidence softmax. */
export const TEMPERATURES = [1, 2, 4, 8, 16, 32];

/**
 * The temperature under which a predicted mention's confidence (mean of its tokens') best predicts whether it is
 * correct on dev, by log loss: perceptron scores are large, and a softmax of them says 1.0 to nearly everything.
 */
function fitTemperature(tagger: NerTagger, dev: ConllDocs): number {
  let best = 1;
  let bestLoss = Infinity;
  for (const temperature of TEMPERATURES) {
    tagger.temperature = temperature;
    let loss = 0;
    for (const [a, b] of dev.docs) {
      tagger.tagDocument(dev.sentences.slice(a, b)).forEach((t, i) => {
        const gold = new Set(spansOfTags(dev.sentences[a + i]!.tags).map((x) => `${x.start}:${x.end}:${x.type}`));
        for (const m of spansOfTags(t.tags)) {
          let c = 0;
          for (let k = m.start; k < m.end; k++) c += t.confidence[k]!;
          const p = Math.min(1 - 1e-6, Math.max(1e-6, c / (m.end - m.start)));
          loss -= gold.has(`${m.start}:${m.end}:${m.type}`) ? Math.log(p) : Math.log(1 - p);
        }
      });
    }
    if (loss < bestLoss) {
      bestLoss = loss;
      best = temperature;
    }
  }
  tagger.temperature = 1;
  return best;
}

function parseArgs(argv: string[]): { epochs: number; folds: number; out: string; ablation: boolean; save: boolean; perEpoch: boolean; without: FeatureGroup[] } {
  const a = { epochs: EPOCHS, folds: JACKKNIFE_FOLDS, out: MODEL_DIR, ablation: false, save: true, perEpoch: false, without: [] as FeatureGroup[] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--epochs') a.epochs = Number(argv[++i]);
    else if (arg === '--out') a.out = argv[++i]!;
    else if (arg === '--folds') a.folds = Number(argv[++i]);
    else if (arg === '--ablation') a.ablation = true;
    else if (arg === '--no-save') a.save = false;
    else if (arg === '--per-epoch') a.perEpoch = true;
    else if (arg === '--without') a.without.push(argv[++i] as FeatureGroup);
    else throw new Error(`unknown argument ${arg}`);
  }
  return a;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string): void => console.log(line);
  let t0 = Date.now();
  const train = readConllWithPos(CONLL_TRAIN);
  const dev = readConllWithPos(CONLL_DEV);
  const res = loadResources(MODEL_DIR); // clusters are an input of training, read from the committed folder
  log(
    `read ${train.sentences.length} train / ${dev.sentences.length} dev sentences (${train.docs.length} / ${dev.docs.length} pseudo-documents), ` +
      `clusters ${res.clusters?.size ?? 0} words, gazetteer ${res.gazetteer?.size ?? 0} names, ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const all = new Set<FeatureGroup>(FEATURE_GROUPS.filter((g) => !args.without.includes(g)));
  if (args.ablation) {
    const rows: string[] = ['| removed group | dev F1 | change |', '|---|---|---|'];
    const full = trainTagger(train, dev, res, { epochs: args.epochs, folds: args.folds, groups: all, log });
    const fullF1 = overallF1(full.dev2 ?? full.dev1);
    rows.push(`| (none: full model) | ${fullF1.toFixed(4)} | |`);
    for (const g of FEATURE_GROUPS) {
      log(`without ${g}:`);
      const groups = new Set([...all].filter((x) => x !== g));
      const r = trainTagger(train, dev, res, { epochs: args.epochs, folds: args.folds, groups, log });
      const f1 = overallF1(r.dev2 ?? r.dev1);
      rows.push(`| ${g} | ${f1.toFixed(4)} | ${(f1 - fullF1 >= 0 ? '+' : '') + (f1 - fullF1).toFixed(4)} |`);
    }
    log(rows.join('\n'));
    return;
  }
  t0 = Date.now();
  const r = trainTagger(train, dev, res, { epochs: args.epochs, folds: args.folds, groups: all, log }, args.perEpoch);
  log(`trained in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const row of r.dev2 ?? r.dev1) log(`  ${row.type.padEnd(8)} P ${row.precision.toFixed(4)} R ${row.recall.toFixed(4)} F1 ${row.f1.toFixed(4)}`);
  if (!args.save) return;
  mkdirSync(args.out, { recursive: true });
  const temperature = fitTemperature(new NerTagger(r.stage1, r.stage2, res, all), dev);
  log(`confidence temperature ${temperature}`);
  const settings = { groups: [...all], epochs: args.epochs, minFeatureCount: MIN_FEATURE_COUNT, pruneEps: PRUNE_EPS, seed: SEED, temperature };
  const s1 = pruneWeights(r.stage1, PRUNE_EPS);
  writeFileSync(join(args.out, STAGE1_FILE), encodeModel(s1, MODEL_VERSION, settings));
  log(`stage 1: ${s1.index.size} features`);
  if (r.stage2) {
    const s2 = pruneWeights(r.stage2, PRUNE_EPS);
    writeFileSync(join(args.out, STAGE2_FILE), encodeModel(s2, MODEL_VERSION, settings));
    log(`stage 2: ${s2.index.size} features`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
