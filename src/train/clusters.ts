/**
 * Word clusters for the NER tagger from unlabelled news text:
 *
 *   node --import tsx src/train/clusters.ts     (or node dist/src/train/clusters.js after npm run build)
 *
 * Corpus: the BBC articles (all three files: they carry no entity labels), the PolNeAR training articles and the
 * words of CoNLL-2003 eng.train (never eng.testa), tokenised by wink-nlp as the pipeline does (CoNLL is already
 * tokenised). Method: the predictive exchange algorithm (Uszkoreit & Brants 2008), a fast alternative to Brown
 * clustering that maximises the likelihood of the class bigram model P(w | c(w)) P(c(w) | previous word); run at
 * several granularities (CLUSTER_SIZES) to stand in for the prefixes of Brown's hierarchy. Deterministic: the
 * initial assignment is by frequency rank, words are visited in that order, ties keep the current class.
 * Output: models/ner/clusters.tsv, "word<TAB>id id id" (coarse to fine).
 */
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConll } from '../entities/tagger/conll.js';
import { CLUSTERS_FILE, MODEL_DIR } from '../entities/tagger/tagger.js';
import { wink } from '../language/wink.js';
import { CONLL_TRAIN, SHARED_DATA } from './ner-data.js';

/** Cluster counts, coarse to fine. */
export const CLUSTER_SIZES = [64, 256, 1024];
/** Words seen fewer times than this are too rare to place; the tagger falls back to their shape and affixes. */
export const MIN_WORD_COUNT = 3;
/** At most this many words (the most frequent) are clustered, which bounds memory (words × classes counts). */
export const MAX_WORDS = 50_000;
/** Exchange passes over the vocabulary; the objective gains little after this many. */
export const ITERATIONS = 8;


function* corpus(): Generator<string[]> {
  const tokenise = (text: string): string[] => {
    const nlp = wink();
    return nlp.readDoc(text).tokens().out(nlp.its.value) as string[];
  };
  for (const f of ['train.csv', 'val.csv', 'test.csv']) {
    const rows = parse(readFileSync(join(SHARED_DATA, 'bbc', f), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<{ text?: string }>;
    for (const row of rows) if (row.text) yield tokenise(row.text);
  }
  for (const line of readFileSync(join(SHARED_DATA, 'polnear', 'train.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    for (const para of (JSON.parse(line) as { text: string }).text.split(/\n+/)) if (para.trim()) yield tokenise(para);
  }
  for (const s of readConll(readFileSync(CONLL_TRAIN, 'utf8')).sentences) yield s.words;
}

/** x log x, tabulated for the integer counts the algorithm sees. */
function xlogxTable(max: number): Float64Array {
  const t = new Float64Array(max + 1);
  for (let x = 1; x <= max; x++) t[x] = x * Math.log(x);
  return t;
}

/**
 * Predictive exchange clustering into C classes. `pred` is the CSR list of each word's predecessors with counts;
 * `count[w]` the word's count as a successor. Returns the class of each word.
 */
export function exchange(V: number, count: Int32Array, predStart: Int32Array, predWord: Int32Array, predCount: Int32Array, C: number, iterations: number, log: (s: string) => void): Int32Array {
  const cls = new Int32Array(V);
  for (let w = 0; w < V; w++) cls[w] = w % C; // words are numbered by frequency rank: round robin spreads the frequent ones
  const classCount = new Float64Array(C);
  const vc = new Int32Array(V * C); // N(v, c): v followed by a word of class c
  let total = 0;
  for (let w = 0; w < V; w++) {
    classCount[cls[w]!] += count[w]!;
    total += count[w]!;
    for (let j = predStart[w]!; j < predStart[w + 1]!; j++) vc[predWord[j]! * C + cls[w]!] += predCount[j]!;
  }
  const f = xlogxTable(total);
  const gain = new Float64Array(C);
  const xlogx = (x: number): number => (x <= 0 ? 0 : x * Math.log(x));
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let w = 0; w < V; w++) {
      const a = cls[w]!;
      const s0 = predStart[w]!;
      const s1 = predStart[w + 1]!;
      // Take w out of its class.
      classCount[a] -= count[w]!;
      for (let j = s0; j < s1; j++) vc[predWord[j]! * C + a] -= predCount[j]!;
      const nw = count[w]!;
      for (let b = 0; b < C; b++) gain[b] = -(xlogx(classCount[b]! + nw) - xlogx(classCount[b]!));
      for (let j = s0; j < s1; j++) {
        const row = predWord[j]! * C;
        const n = predCount[j]!;
        for (let b = 0; b < C; b++) {
          const x = vc[row + b]!;
          gain[b] += f[x + n]! - f[x]!;
        }
      }
      let best = a;
      for (let b = 0; b < C; b++) if (gain[b]! > gain[best]! + 1e-9) best = b;
      if (best !== a) moved++;
      cls[w] = best;
      classCount[best] += nw;
      for (let j = s0; j < s1; j++) vc[predWord[j]! * C + best] += predCount[j]!;
    }
    log(`  C=${C} pass ${it + 1}: ${moved} words moved`);
    if (moved === 0) break;
  }
  return cls;
}

function main(): void {
  const log = (s: string): void => console.log(s);
  if (!existsSync(SHARED_DATA)) throw new Error(`no data at ${SHARED_DATA}`);
  const t0 = Date.now();
  const sentences: string[][] = [];
  const freq = new Map<string, number>();
  let tokens = 0;
  for (const s of corpus()) {
    sentences.push(s);
    for (const w of s) if (!/\s/.test(w)) freq.set(w, (freq.get(w) ?? 0) + 1);
    tokens += s.length;
  }
  const vocab = [...freq].filter(([, c]) => c >= MIN_WORD_COUNT).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).slice(0, MAX_WORDS);
  // Word 0 stands for every word outside the vocabulary (and sentence starts), so bigram counts stay complete.
  const id = new Map<string, number>(vocab.map(([w], i) => [w, i + 1]));
  const V = vocab.length + 1;
  log(`${sentences.length} sentences, ${tokens} tokens, ${V - 1} words clustered (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const bigrams = new Map<number, number>();
  const count = new Int32Array(V);
  for (const s of sentences) {
    let prev = 0;
    for (const word of s) {
      const w = id.get(word) ?? 0;
      count[w]!++;
      const key = w * V + prev;
      bigrams.set(key, (bigrams.get(key) ?? 0) + 1);
      prev = w;
    }
  }
  const keys = [...bigrams.keys()].sort((x, y) => x - y);
  const predStart = new Int32Array(V + 1);
  const predWord = new Int32Array(keys.length);
  const predCount = new Int32Array(keys.length);
  keys.forEach((k, j) => {
    const w = Math.floor(k / V);
    predStart[w + 1]!++;
    predWord[j] = k % V;
    predCount[j] = bigrams.get(k)!;
  });
  for (let w = 0; w < V; w++) predStart[w + 1] += predStart[w]!;
  log(`${keys.length} bigram types`);
  const classes = CLUSTER_SIZES.map((C) => exchange(V, count, predStart, predWord, predCount, C, ITERATIONS, log));
  const lines = [`# word clusters by src/train/clusters.ts: predictive exchange, C = ${CLUSTER_SIZES.join(', ')}; ${tokens} tokens`];
  for (let w = 1; w < V; w++) lines.push(`${vocab[w - 1]![0]}\t${classes.map((c) => c[w]).join(' ')}`);
  writeFileSync(join(MODEL_DIR, CLUSTERS_FILE), lines.join('\n') + '\n');
  log(`wrote ${V - 1} words in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
