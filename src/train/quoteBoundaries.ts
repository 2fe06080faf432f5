// Trains the boundary rankers of one role (src/quotes/boundaries.ts) on PolNeAR train: for every content (or source)
// run the taggers predicted (jackknifed, so they are the errors of a tagger that never saw the document) that overlaps
// a gold one, the start ranker learns to pick the gold first token among the candidates, the end ranker the gold end. Averaged
// perceptron (a ranking perceptron: one update towards the gold candidate and away from the predicted one), epochs
// chosen on dev by how many dev runs get both boundaries right.
import {
  bestBoundary,
  denseScorer,
  boundaryContext,
  boundaryRows,
  candidates,
  rowBuffer,
  type BoundaryContext,
  type BoundaryModel,
  type RowScorer,
  type Side,
} from '../quotes/boundaries.js';
import { HASH_SIZE, runsOf } from '../quotes/perceptron.js';
import type { Unit } from '../quotes/units.js';
import { lcg } from '../util/random.js';

/** Most epochs tried; the best on dev is kept. */
export const BOUNDARY_MAX_EPOCHS = 12;

/** One content run to re-bound: the paragraph, the run as tagged, the candidate ranges, the gold boundaries. */
interface Example {
  c: BoundaryContext;
  run: [number, number];
  ranges: Record<Side, [number, number]>;
  gold: Record<Side, number>;
}

/** A paragraph as the rankers see it in training: its tokens, predicted cue labels, the role's predicted and gold
 * labels. */
export interface BoundaryUnit {
  unit: Unit;
  cue: Uint8Array;
  labels: Uint8Array;
  gold: Uint8Array;
}

export function boundaryExamples(units: readonly BoundaryUnit[]): Example[] {
  const out: Example[] = [];
  for (const u of units) {
    const runs = runsOf(u.labels);
    if (runs.length === 0) continue;
    const goldRuns = runsOf(u.gold);
    if (goldRuns.length === 0) continue;
    const c = boundaryContext(u.unit, u.cue, u.labels);
    const n = u.labels.length;
    let prevEnd = 0;
    runs.forEach((run, k) => {
      const nextStart = k + 1 < runs.length ? runs[k + 1]![0] : n;
      let best: [number, number] | null = null;
      let bestOverlap = 0;
      for (const g of goldRuns) {
        const o = Math.min(g[1], run[1]) - Math.max(g[0], run[0]);
        if (o > bestOverlap) {
          bestOverlap = o;
          best = g;
        }
      }
      const ranges = { start: candidates('start', run, prevEnd, nextStart, n), end: candidates('end', run, prevEnd, nextStart, n) };
      prevEnd = run[1];
      if (!best) return;
      out.push({ c, run, ranges, gold: { start: best[0], end: best[1] } });
    });
  }
  return out;
}

class RankTrainer {
  readonly w = new Float64Array(HASH_SIZE);
  private readonly acc = new Float64Array(HASH_SIZE);
  private readonly stamp = new Float64Array(HASH_SIZE);
  step = 1;

  bump(rows: Int32Array, count: number, d: number): void {
    for (let k = 0; k < count; k++) {
      const r = rows[k]!;
      this.acc[r] += (this.step - this.stamp[r]!) * this.w[r]!;
      this.stamp[r] = this.step;
      this.w[r] += d;
    }
  }

  averaged(): Float32Array {
    const out = new Float32Array(HASH_SIZE);
    for (let k = 0; k < HASH_SIZE; k++) out[k] = (this.acc[k]! + (this.step - this.stamp[k]!) * this.w[k]!) / this.step;
    return out;
  }
}

/** Dev runs whose start, end and both are right with the given scorers (the gold boundary must be a candidate). */
export function boundaryAccuracy(model: BoundaryModel, examples: readonly Example[]): { start: number; end: number; both: number; tagged: number } {
  const rows = rowBuffer();
  const start = denseScorer(model.start);
  const end = denseScorer(model.end);
  let s = 0;
  let e = 0;
  let both = 0;
  let tagged = 0;
  for (const x of examples) {
    const a = bestBoundary(start, x.c, 'start', x.run, x.ranges.start, rows) === x.gold.start;
    const b = bestBoundary(end, x.c, 'end', x.run, x.ranges.end, rows) === x.gold.end;
    if (a) s++;
    if (b) e++;
    if (a && b) both++;
    if (x.run[0] === x.gold.start && x.run[1] === x.gold.end) tagged++;
  }
  const n = Math.max(1, examples.length);
  return { start: s / n, end: e / n, both: both / n, tagged: tagged / n };
}

export interface BoundaryTrainOptions {
  /** Rankers averaged into the one returned (1 unless given): the first chooses the epochs on dev, copy k (k >= 1)
   * is trained as many epochs with seed + k * 1000 (a bagged, or seed-averaged, perceptron: the plain mean of the
   * averaged weights; same size and run time as one ranker). */
  bag?: number;
}

export function trainBoundaries(train: readonly BoundaryUnit[], dev: readonly BoundaryUnit[], seed: number, log: (m: string) => void, options: BoundaryTrainOptions = {}): BoundaryModel {
  const bag = options.bag ?? 1;
  const tr = boundaryExamples(train);
  const dv = boundaryExamples(dev);
  log(`${tr.length} train runs, ${dv.length} dev runs`);
  const first = fitRankers(tr, dv, seed, BOUNDARY_MAX_EPOCHS, log);
  if (bag <= 1) return first.model;
  const copies = [first.model];
  for (let k = 1; k < bag; k++) copies.push(fitRankers(tr, null, seed + k * 1000, first.epochs).model);
  const model = { start: meanWeights(copies.map((m) => m.start)), end: meanWeights(copies.map((m) => m.end)) };
  const acc = boundaryAccuracy(model, dv);
  log(`  bagged ${bag} x ${first.epochs} epochs: dev start ${acc.start.toFixed(4)} end ${acc.end.toFixed(4)} both ${acc.both.toFixed(4)}`);
  return model;
}

/** The element-wise mean of equally long weight tables (summed in doubles, in a fixed order). */
export function meanWeights(tables: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(tables[0]!.length);
  for (let k = 0; k < out.length; k++) {
    let s = 0;
    for (const t of tables) s += t[k]!;
    out[k] = s / tables.length;
  }
  return out;
}

/** Start and end rankers trained `epochs` epochs in an order shuffled from `seed`. With dev examples, the averaged
 * weights of the epoch with the most dev runs right at both ends (and that epoch); without, those of the last. */
function fitRankers(tr: readonly Example[], dv: readonly Example[] | null, seed: number, epochs: number, log?: (m: string) => void): { model: BoundaryModel; epochs: number } {
  const trainers: Record<Side, RankTrainer> = { start: new RankTrainer(), end: new RankTrainer() };
  const scorers: Record<Side, RowScorer> = { start: denseScorer(trainers.start.w), end: denseScorer(trainers.end.w) };
  const random = lcg(seed);
  const order = tr.map((_, i) => i);
  const rows = rowBuffer();
  const goldRows = rowBuffer();
  let best: BoundaryModel | null = null;
  let bestBoth = -1;
  let bestEpoch = epochs;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const k of order) {
      const x = tr[k]!;
      for (const side of ['start', 'end'] as const) {
        const t = trainers[side];
        const [lo, hi] = x.ranges[side];
        const g = x.gold[side];
        if (g < lo || g > hi) continue;
        const pred = bestBoundary(scorers[side], x.c, side, x.run, x.ranges[side], rows);
        if (pred !== g) {
          errors++;
          const tagged = side === 'start' ? x.run[0] : x.run[1];
          const other = side === 'start' ? x.run[1] : x.run[0];
          t.bump(goldRows, boundaryRows(x.c, side, g, tagged, other, goldRows), 1);
          t.bump(rows, boundaryRows(x.c, side, pred, tagged, other, rows), -1);
        }
        t.step++;
      }
    }
    if (!dv) continue;
    const model = { start: trainers.start.averaged(), end: trainers.end.averaged() };
    const acc = boundaryAccuracy(model, dv);
    log?.(`  epoch ${epoch}: ${errors} errors on train; dev start ${acc.start.toFixed(4)} end ${acc.end.toFixed(4)} both ${acc.both.toFixed(4)} (tagger ${acc.tagged.toFixed(4)})`);
    if (acc.both > bestBoth) {
      bestBoth = acc.both;
      best = model;
      bestEpoch = epoch;
    }
  }
  return { model: best ?? { start: trainers.start.averaged(), end: trainers.end.averaged() }, epochs: bestEpoch };
}
