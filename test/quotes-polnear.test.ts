import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/version.js';
import { evaluateQuotes } from '../src/eval/quotes.js';
import { codePointToUtf16 } from '../src/train/quotesData.js';

const DEV = join(PACKAGE_ROOT, '..', 'shared', 'data', 'polnear', 'dev.jsonl');

/** Floors a few points under the scores measured when the weights were trained: a regression gate, not a target. */
const FLOORS = {
  'content exact': 0.36,
  'source exact': 0.55,
  'cue exact': 0.58,
  'content overlap>=0.3': 0.62,
  attributed: 0.38,
} as const;

test('PolNeAR code-point offsets convert to UTF-16', () => {
  const map = codePointToUtf16('a😀b');
  assert.deepEqual([...map], [0, 1, 3, 4]);
});

test('PolNeAR dev scores stay above their pinned floors', (t) => {
  if (!existsSync(DEV)) {
    if (process.env.CI === 'true') assert.fail(`PolNeAR dev split missing at ${DEV}`);
    t.skip('PolNeAR data not found at ../shared/data/polnear (skipped outside CI)');
    return;
  }
  const { scores } = evaluateQuotes(DEV);
  for (const [metric, floor] of Object.entries(FLOORS)) {
    const f1 = scores[metric as keyof typeof FLOORS].f1;
    assert.ok(f1 >= floor, `${metric}: F1 ${f1.toFixed(3)} under the floor ${floor}`);
  }
});
