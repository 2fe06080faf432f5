// A coarse linearity check of `analyze` (the full benchmark is `npm run bench -- --stage linearity`): one news-like
// document of 16 KB and one of 64 KB, built from the bundled samples; 4× the input must cost under 10× the time, for
// the whole pipeline and for each component slow enough to time reliably. The per-component ratios are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatLinearity, measureLinearity, newsLikeText, ratios } from '../src/bench/stages/linearity.js';
import { ROOT } from './tools/record-check.js';

/** 4× the input may cost at most this many times the time (linear is 4×; this leaves room for noise on shared CPUs). */
const MAX_RATIO = 10;
/** Components faster than this at the larger size are noise-dominated: their ratio is printed, not asserted. */
const MIN_TIMED_S = 0.05;

const SEEDS = join(ROOT, 'examples', 'seeds');
const texts = readdirSync(SEEDS).sort().map((f) => readFileSync(join(SEEDS, f), 'utf8'));

test('newsLikeText makes a document of the size asked for, of whole words', () => {
  for (const size of [1000, 16 * 1024, 50_000]) {
    const t = newsLikeText(texts, size);
    const bytes = Buffer.byteLength(t);
    assert.ok(bytes <= size && bytes > size - 200, `${bytes} bytes for ${size}`);
    assert.ok(!t.endsWith(' '), 'cut at a space, not inside a word');
  }
});

test('analyze is roughly linear: 4× the input (16 KB → 64 KB) costs under 10× the time', (t) => {
  const measure = () => measureLinearity(texts, [16 * 1024, 64 * 1024], undefined, undefined, 3);
  let r = measure();
  // One retry: a neighbour's burst of CPU during the small run is the usual cause of a high ratio.
  if (ratios(r.total)[1]! >= MAX_RATIO) r = measure();
  t.diagnostic(`\n${formatLinearity(r)}`);
  assert.ok(ratios(r.total)[1]! < MAX_RATIO, `the pipeline: ×${ratios(r.total)[1]!.toFixed(2)} time for ×4 input`);
  for (const c of r.components) {
    if (c.seconds[1]! < MIN_TIMED_S) continue;
    const q = ratios(c.seconds)[1]!;
    assert.ok(q < MAX_RATIO, `component ${c.name}: ×${q.toFixed(2)} time for ×4 input`);
  }
});
