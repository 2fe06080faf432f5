// The cache of cross-document listings (src/server/aggregates.ts): cheap answers are never kept (so a small store
// always shows its latest writes), expensive ones are served while the store is unchanged and for a bounded time
// after a change made by another writer, writes through the server drop them, and on a SQLite file they are computed
// on the worker thread with the same result as the store's own listing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AggregateReads, EXPENSIVE_MS } from '../src/server/aggregates.js';
import { createApp } from '../src/server/app.js';
import { Ledger } from '../src/store/ledger.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { doc, StubAnalyzer } from './fixtures/store/stubAnalyzer.js';

const page = { limit: 50, offset: 0 };
const names = (p: { items: object[] }) => (p.items as Array<{ name: string }>).map((e) => e.name).sort();

test('cheap answers are computed every time: a write by another writer shows at once', async () => {
  const store = await openStore(':memory:');
  const ledger = new Ledger(store, () => new StubAnalyzer());
  const reads = new AggregateReads(store);
  await ledger.ingest(doc('a', ['One', 'E|PERSON|Jane Doe']));
  assert.deepEqual(names(await reads.list('entities', {}, page)), ['Jane Doe']);
  await ledger.ingest(doc('b', ['Two', 'E|PERSON|John Roe']));
  assert.deepEqual(names(await reads.list('entities', {}, page)), ['Jane Doe', 'John Roe']);
  await store.close();
});

test('expensive answers: kept while the store is unchanged, stale for a bounded time after a change, dropped by invalidate', async () => {
  const real = await openStore(':memory:');
  const ledger = new Ledger(real, () => new StubAnalyzer());
  await ledger.ingest(doc('a', ['One', 'E|PERSON|Jane Doe']));
  let calls = 0;
  // The same store, with a listing slow enough to count as expensive.
  const slow = new Proxy(real, {
    get(target, prop, receiver) {
      if (prop === 'listEntities') {
        return async (...args: Parameters<Store['listEntities']>) => {
          calls++;
          await new Promise((r) => setTimeout(r, EXPENSIVE_MS + 30));
          return target.listEntities(...args);
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as Store;
  const reads = new AggregateReads(slow);
  assert.deepEqual(names(await reads.list('entities', {}, page)), ['Jane Doe']);
  assert.deepEqual(names(await reads.list('entities', {}, page)), ['Jane Doe']);
  assert.equal(calls, 1, 'the second read is answered from the cache');
  await ledger.ingest(doc('b', ['Two', 'E|PERSON|John Roe']));
  await new Promise((r) => setTimeout(r, 300)); // past the generation's memo
  // Changed by another writer: the kept answer is served while a new one is computed in the background.
  assert.deepEqual(names(await reads.list('entities', {}, page)), ['Jane Doe']);
  await new Promise((r) => setTimeout(r, EXPENSIVE_MS + 100));
  assert.deepEqual(names(await reads.list('entities', {}, page)), ['Jane Doe', 'John Roe']);
  assert.equal(calls, 2);
  // A write through the server drops everything: the next read is fresh.
  await ledger.ingest(doc('c', ['Three', 'E|PERSON|Ann Poe']));
  reads.invalidate();
  assert.deepEqual(names(await reads.list('entities', {}, page)), ['Ann Poe', 'Jane Doe', 'John Roe']);
  await real.close();
});

test('on a SQLite file the worker thread answers, as the store itself would', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsledger-aggregates-'));
  const store = await openStore(join(dir, 'a.db'));
  try {
    const ledger = new Ledger(store, () => new StubAnalyzer());
    for (let i = 0; i < 30; i++) {
      await ledger.ingest(doc(`d${i}`, [`Story ${i}`, `E|PERSON|Person ${i % 7}`, `Q|Person ${i % 5}|words number ${i % 4}`], { date: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}` }));
    }
    const app = createApp({ store, ledger, token: 't', maxBodyBytes: 10_000 });
    for (const path of ['/api/entities', '/api/statements', '/api/entities?q=person&limit=3', '/api/search?layer=statements&speaker=person%202', '/api/statements?offset=2&limit=2']) {
      const r = await app.request(path);
      assert.equal(r.status, 200, path);
      const body = (await r.json()) as object;
      const q = new URL(`http://x${path}`).searchParams;
      const layer = path.startsWith('/api/search') ? 'statements' : path.includes('entities') ? 'entities' : 'statements';
      const f = Object.fromEntries([...q].filter(([k]) => !['limit', 'offset', 'layer'].includes(k)));
      const p = { limit: Number(q.get('limit') ?? 50), offset: Number(q.get('offset') ?? 0) };
      const direct = layer === 'entities' ? await store.listEntities(f, p) : await store.listStatements(f, p);
      assert.deepEqual(body, JSON.parse(JSON.stringify(direct)), path);
    }
    const reads = new AggregateReads(store);
    assert.deepEqual(await reads.list('entities', {}, page), await store.listEntities({}, page));
    assert.ok(reads.threaded, 'computed on the worker thread');
    reads.close();
    // A correction through the API shows at once in the aggregates.
    const before = (await (await app.request('/api/entities')).json()) as { items: Array<{ id: string; name: string }> };
    const [a, b] = before.items;
    const merged = await app.request('/api/corrections', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ action: 'merge_entities', into: a!.id, from: [b!.id], who: 'desk', why: 'same person' }),
    });
    assert.equal(merged.status, 201, await merged.clone().text());
    const after = (await (await app.request('/api/entities')).json()) as { items: Array<{ id: string }> };
    assert.equal(after.items.length, before.items.length - 1);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
