// The boundary rankers' run-time scoring (src/quotes/boundaries.ts scoreCandidate, through small tables of weights)
// must give exactly the numbers of the training-time scoring (the weights of boundaryRows added one by one): the same
// weights added in the same order. Random weights of many magnitudes make a row left out, added twice or read from
// the wrong table entry show in the bits (a change in order only where it changes the rounding).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenize } from '../src/language/tokenize.js';
import {
  boundaryContext,
  boundaryRows,
  candidates,
  denseScorer,
  fastRanker,
  rowBuffer,
  scoreCandidate,
  type BoundaryModel,
  type Side,
} from '../src/quotes/boundaries.js';
import { B, HASH_SIZE, I, runsOf } from '../src/quotes/perceptron.js';
import { layoutOf } from '../src/quotes/tagging.js';

const TEXTS = [
  '“We will not accept this,” the spokesman said, adding that the company would appeal. Analysts said the ruling was expected and shares fell 3 per cent in early trading on Tuesday.',
  'The minister said on Monday that the talks would resume next week, but she gave no date for them: “It is up to Brussels,” she told reporters.',
];

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
}

/** Weights on every other row, of random sign and of magnitudes from 2^-20 to 2^20. */
function randomModel(seed: number): BoundaryModel {
  const rand = random(seed);
  const weight = () => (rand() * 2 - 1) * 2 ** Math.floor(rand() * 41 - 20);
  const start = new Float32Array(HASH_SIZE);
  const end = new Float32Array(HASH_SIZE);
  for (let k = 0; k < HASH_SIZE; k += 2) {
    start[k] = weight();
    end[k] = weight();
  }
  return { start, end };
}

/** Random BIO labels: runs of 1 to 6 tokens with gaps of 0 to 5. */
function randomLabels(n: number, rand: () => number): Uint8Array {
  const out = new Uint8Array(n);
  for (let t = Math.floor(rand() * 4); t < n; ) {
    const len = 1 + Math.floor(rand() * 6);
    for (let k = t; k < Math.min(n, t + len); k++) out[k] = k === t ? B : I;
    t += len + Math.floor(rand() * 6);
  }
  return out;
}

test('boundary rankers: run-time candidate scores are exactly the scores of boundaryRows', () => {
  let compared = 0;
  for (const text of TEXTS) {
    const { tokens } = tokenize(text);
    const unit = layoutOf(text, tokens, []).units[0]!;
    const n = unit.tokens.length;
    for (let seed = 1; seed <= 6; seed++) {
      const model = randomModel(seed);
      const fast = fastRanker(model);
      const rand = random(seed * 31);
      const cue = randomLabels(n, rand);
      const labels = randomLabels(n, rand);
      const c = boundaryContext(unit, cue, labels);
      const rows = rowBuffer();
      const runs = runsOf(labels);
      runs.forEach((run, k) => {
        const prevEnd = k > 0 ? runs[k - 1]![1] : 0;
        const nextStart = k + 1 < runs.length ? runs[k + 1]![0] : n;
        for (const side of ['start', 'end'] as Side[]) {
          const tagged = side === 'start' ? run[0] : run[1];
          const other = side === 'start' ? run[1] : run[0];
          const dense = denseScorer(model[side]);
          const [from, to] = candidates(side, run, prevEnd, nextStart, n);
          for (let at = from; at <= to; at++) {
            const expected = dense(rows, boundaryRows(c, side, at, tagged, other, rows));
            const got = scoreCandidate(fast[side], c, side, at, tagged, other);
            assert.ok(Object.is(got, expected), `${side} ${at} of run ${run}: ${got} !== ${expected}`);
            compared++;
          }
        }
      });
    }
  }
  assert.ok(compared > 500, `only ${compared} candidates compared`);
});
