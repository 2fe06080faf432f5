import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApp } from '../src/server/app.js';
import { retryErrors } from '../src/store/ingestRun.js';
import { Ledger } from '../src/store/ledger.js';
import { openStore } from '../src/store/open.js';
import { StubAnalyzer } from './fixtures/store/stubAnalyzer.js';

// A document posted to the API is an input like a file given to `newsledger ingest`: when it cannot be analysed it is
// kept as an error entry (listed by `newsledger errors`, processed again by `newsledger retry`), not only answered
// with an error the client may drop.
test('a document the API cannot analyse becomes an error entry that retry stores', async () => {
  const store = await openStore(':memory:');
  try {
    let failing = true;
    const analyzer = () => new StubAnalyzer(failing ? { failOn: 'EXPLODE' } : {});
    const app = createApp({ store, ledger: new Ledger(store, analyzer), token: 't', maxBodyBytes: 10_000 });
    const post = (text: string, id: string) => app.request('/api/documents', {
      method: 'POST', body: JSON.stringify({ id, text }),
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
    });
    assert.equal((await post('Fine headline\nE|PERSON|Jane Doe', 'ok-1')).status, 201);
    const bad = await post('Bad headline\nEXPLODE', 'bad-1');
    assert.equal(bad.status, 500);
    const body = await bad.json() as Record<string, unknown>;
    assert.doesNotMatch(JSON.stringify(body), /stub analyser|at .*\.ts/);
    const entries = await store.listErrors({ limit: 10 });
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.source, 'api:bad-1');
    assert.equal(entries[0]!.stage, 'analyze');

    failing = false;
    const done = await retryErrors(new Ledger(store, analyzer), store, undefined, { report: () => undefined });
    assert.equal(done.failed, 0);
    assert.deepEqual(await store.listErrors({ limit: 10 }), []);
    assert.ok(await store.getDocument('bad-1'));
  } finally {
    await store.close();
  }
});
