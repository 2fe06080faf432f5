// Pinned minimums of the seeds evaluation for events and claims (examples/seeds.gold.json): recall and precision may
// rise, never fall below what was reached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SEEDS_GOLD, scoreSeeds } from '../src/eval/seeds/command.js';
import { dirname, join } from 'node:path';

const FLOORS: Record<string, Record<string, number>> = {
  events: { 'events: type+date+place': 11 / 11, 'precision (matched/predicted)': 13 / 14 },
  claims: { 'claimant+status right': 4 / 4, 'precision (matched/predicted)': 4 / 4 },
};

test('seeds events and claims: recall and precision at or above their floors', () => {
  const results = scoreSeeds(DEFAULT_SEEDS_GOLD, join(dirname(DEFAULT_SEEDS_GOLD), 'seeds'));
  for (const [section, floors] of Object.entries(FLOORS)) {
    const rows = results.find((r) => r.section === section)!.rows;
    for (const [name, floor] of Object.entries(floors)) {
      const row = rows.find((r) => r.name === name)!;
      assert.ok(row.total > 0 && row.correct / row.total >= floor - 1e-9, `${section} ${name}: ${row.correct}/${row.total} < ${floor}`);
    }
  }
});
