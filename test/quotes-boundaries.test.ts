// The content-boundary rankers (src/quotes/boundaries.ts): their file format, the guarantees rechooseBoundaries keeps
// whatever the weights (runs stay runs, inside the paragraph, apart from each other), and what the committed rankers
// do to contents on text in a style PolNeAR does not have (a wire report, British spelling, a live-blog line).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenize } from '../src/language/tokenize.js';
import {
  BOUNDARY_ROLES,
  BOUNDARY_WINDOW,
  loadBoundaryModels,
  parseBoundaries,
  rechooseBoundaries,
  serialiseBoundaries,
  type BoundaryModel,
} from '../src/quotes/boundaries.js';
import { B, HASH_SIZE, I, O, runsOf } from '../src/quotes/perceptron.js';
import { layoutOf } from '../src/quotes/tagging.js';
import { QuoteTestRun } from './fixtures/quotes/pipeline.js';

function unitOf(text: string) {
  const { tokens } = tokenize(text);
  return layoutOf(text, tokens, []).units[0]!;
}

function labels(n: number, runs: Array<[number, number]>): Uint8Array {
  const out = new Uint8Array(n);
  for (const [a, b] of runs) {
    out[a] = B;
    for (let t = a + 1; t < b; t++) out[t] = I;
  }
  return out;
}

function randomModel(seed: number): BoundaryModel {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296) * 2 - 1;
  const start = new Float32Array(HASH_SIZE);
  const end = new Float32Array(HASH_SIZE);
  for (let k = 0; k < HASH_SIZE; k += 7) {
    start[k] = rand();
    end[k] = rand();
  }
  return { start, end };
}

test('boundary rankers: a model with no weights keeps the taggers’ boundaries', () => {
  const unit = unitOf('The minister said on Monday that the talks would resume next week, but she gave no date for them.');
  const n = unit.tokens.length;
  const content = labels(n, [[5, 14]]);
  const zero = { start: new Float32Array(HASH_SIZE), end: new Float32Array(HASH_SIZE) };
  assert.deepEqual([...rechooseBoundaries(zero, unit, new Uint8Array(n), content)], [...content]);
});

test('boundary rankers: whatever the weights, runs stay separate, non-empty, in the paragraph and within the window', () => {
  const unit = unitOf(
    '“We will not accept this,” the spokesman said, adding that the company would appeal. Analysts said the ruling was expected and shares fell 3 per cent in early trading on Tuesday.',
  );
  const n = unit.tokens.length;
  const runs: Array<[number, number]> = [[0, 6], [11, 16], [20, 26]];
  const cue = labels(n, [[9, 10], [18, 19]]);
  for (let seed = 1; seed <= 20; seed++) {
    const out = rechooseBoundaries(randomModel(seed), unit, cue, labels(n, runs));
    const after = runsOf(out);
    assert.equal(after.length, runs.length);
    after.forEach(([a, b], k) => {
      assert.ok(a < b && a >= 0 && b <= n);
      assert.ok(Math.abs(a - runs[k]![0]) <= BOUNDARY_WINDOW && Math.abs(b - runs[k]![1]) <= BOUNDARY_WINDOW);
      if (k > 0) assert.ok(a >= after[k - 1]![1]);
    });
    for (let t = 0; t < n; t++) assert.ok(out[t] === O || out[t] === B || out[t] === I);
  }
});

test('boundary rankers: the file keeps every weight that matters', () => {
  const m = randomModel(7);
  const back = parseBoundaries(serialiseBoundaries(m));
  for (let k = 0; k < HASH_SIZE; k++) {
    if (Math.abs(m.start[k]!) >= 1e-3) assert.equal(back.start[k], m.start[k]);
    if (Math.abs(m.end[k]!) >= 1e-3) assert.equal(back.end[k], m.end[k]);
  }
});

test('boundary rankers: every role’s rankers are committed and load', { skip: loadBoundaryModels().content ? false : 'no boundary model committed' }, () => {
  const models = loadBoundaryModels();
  for (const role of BOUNDARY_ROLES) assert.ok(models[role], `${role} rankers missing`);
});

test('boundary rankers: committed, and a reported clause ends before the clause that is the writer’s own', { skip: loadBoundaryModels().content ? false : 'no boundary model committed' }, () => {
  const run = new QuoteTestRun();
  const rec = run.analyze(
    'Ministers met in Brussels on Tuesday.\n\nThe Irish foreign minister said the backstop would stay in any deal, but officials in London gave no sign of movement.\n',
  );
  const q = rec.quotes.find((x) => x.cue?.text === 'said');
  assert.ok(q, JSON.stringify(rec.quotes));
  assert.equal(q.content.text, 'the backstop would stay in any deal');
});
