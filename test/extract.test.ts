// The extraction scorer (the benchmark's own shingle measure) and a pinned minimum on the reporting half of the
// article-extraction benchmark in ../shared/data/aeb (skipped when absent, a failure on CI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AEB_DIR, halfOf, loadBench, newsledgerExtractor, runExtractor, shingleMatch, summarise } from '../src/eval/extract.js';

test('shingle matching: per-page tp/fp/fn normalised, counts respected, \\w+ tokens', () => {
  assert.deepEqual(shingleMatch('a b c d e', 'a b c d e'), { tp: 1, fp: 0, fn: 0 });
  const s = shingleMatch('one two three four five', 'one two three four six');
  // truth shingles: [1234, 2345]; predicted: [1234, 2346] → tp 1, fp 1, fn 1, normalised by 3.
  assert.deepEqual(s, { tp: 1 / 3, fp: 1 / 3, fn: 1 / 3 });
  assert.deepEqual(shingleMatch('Hello, world: été 2024!', 'Hello world été 2024'), { tp: 1, fp: 0, fn: 0 });
  assert.deepEqual(shingleMatch('a b c d', ''), { tp: 0, fp: 0, fn: 1 });
});

test('aggregation: precision over pages that predicted something, recall over pages with a truth, F1 of the means', () => {
  const sum = summarise([{ tp: 1, fp: 0, fn: 0 }, { tp: 0.5, fp: 0.5, fn: 0 }, { tp: 0, fp: 0, fn: 1 }]);
  assert.equal(sum.precision, 0.75);
  assert.equal(sum.recall, 2 / 3);
  assert.ok(Math.abs(sum.f1 - (2 * 0.75 * (2 / 3)) / (0.75 + 2 / 3)) < 1e-12);
});

test('the split is by a hash of the id: stable and about half each way', () => {
  const ids = Array.from({ length: 1000 }, (_, i) => `page-${i}`);
  const report = ids.filter((id) => halfOf(id) === 'report').length;
  assert.ok(report > 400 && report < 600);
  assert.equal(halfOf('abc'), halfOf('abc'));
});

/** Measured on the reporting half with `newsledger eval extract --half report` (0.960; plain Readability 0.945);
 * pinned a little under it so noise-free regressions fail. */
const MIN_REPORT_F1 = 0.955;

test('AEB reporting half: F1 at or above the pinned minimum', (t) => {
  if (!existsSync(join(AEB_DIR, 'ground-truth.json'))) {
    if (process.env.CI === 'true') assert.fail(`the benchmark is missing at ${AEB_DIR}`);
    t.skip(`no benchmark at ${AEB_DIR}`);
    return;
  }
  const r = runExtractor(newsledgerExtractor, loadBench(AEB_DIR, 'report'), 'report');
  assert.ok(r.summary.pages > 60, `${r.summary.pages} pages`);
  assert.ok(r.summary.f1 >= MIN_REPORT_F1, `F1 ${r.summary.f1.toFixed(4)} under ${MIN_REPORT_F1}`);
});
