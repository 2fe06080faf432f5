import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filtersSchema } from '../src/store/params.js';

// The CLI and the API share these filters: a NUL byte would reach PostgreSQL as a text parameter and fail there with
// an encoding error, so it is refused up front, with the same message on both stores.
test('filters refuse a NUL character in every text filter and in the search', () => {
  for (const key of ['q', 'speaker', 'entity', 'outlet', 'event_type', 'document', 'statement']) {
    const r = filtersSchema.safeParse({ [key]: 'Kyiv\u0000Moscow' });
    assert.equal(r.success, false, key);
    assert.match(JSON.stringify(r.error?.issues), /NUL/, key);
    assert.equal(filtersSchema.safeParse({ [key]: 'Kyiv Moscow' }).success, true, key);
  }
});
