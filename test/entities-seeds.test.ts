import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scoreSeeds } from '../src/eval/seeds/command.js';
import { prf } from '../src/eval/table.js';

const root = join(import.meta.dirname, '..');

// A regression gate: the named entities of the sample coverage, with their aliases, against the hand annotation.
// Floors sit a little below what the layer reaches (entities F1 0.979, aliases 0.984).
const ENTITY_F1_FLOOR = 0.95;
const ALIAS_F1_FLOOR = 0.95;

test('entities of the sample coverage stay above their pinned F1 floors', () => {
  const [result] = scoreSeeds(join(root, 'examples', 'seeds.gold.json'), join(root, 'examples', 'seeds'), 'entities');
  const row = (name: string) => {
    const r = result!.rows.find((x) => x.name === name);
    assert.ok(r, `no row "${name}"`);
    return r;
  };
  const f1 = (kind: string) => {
    const recall = row(`${kind} recall`);
    const precision = row(`${kind} precision`);
    return prf(precision.correct, precision.total, recall.total).f1;
  };
  assert.ok(f1('entities') >= ENTITY_F1_FLOOR, `entities F1 ${f1('entities')}\n${result!.review.join('\n')}`);
  assert.ok(f1('aliases') >= ALIAS_F1_FLOOR, `aliases F1 ${f1('aliases')}\n${result!.review.join('\n')}`);
});
