// Concurrent writers on one store while the API serves reads: two `newsledger ingest` processes into one SQLite file
// (overlapping halves of one corpus), and four `newsledger worker` processes taking one queue on PostgreSQL. Each ends
// with exactly the documents given (each once, one version each), the store whole, and every read of the API during
// the run answered (zero failures). Stub analyser (NEWSLEDGER_ANALYZER=stub); PostgreSQL parts skip without a server
// (NEWSLEDGER_TEST_PG) and fail under CI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { faultCorpus } from '../src/bench/stages/faults.js';
import { freshPgSchema } from '../src/store/pgSchema.js';
import { openStore } from '../src/store/open.js';
import { IngestQueue, openQueue } from '../src/store/queue.js';
import { pgTestUrl } from './fixtures/store/pg.js';
import { parseSummary, readLoop, spawnLedger } from './tools/reliability.js';

/** A hung child or server fails the test instead of holding the run (normal: well under a minute). */
const TIMEOUT = 180_000;
const dir = mkdtempSync(join(tmpdir(), 'newsledger-concurrency-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const base = await pgTestUrl();
const pgSkip = base.url ? false : `no PostgreSQL server (${base.reason}); set NEWSLEDGER_TEST_PG or run scripts/ci-postgres.sh`;
if (!base.url && process.env.CI === 'true') {
  test('concurrency on PostgreSQL: a server is required under CI', () => assert.fail(`no PostgreSQL server: ${base.reason}`));
}

test('two ingests into one SQLite file at once, overlapping, end with exactly the documents given while the API reads', { timeout: TIMEOUT }, async () => {
  const lines = faultCorpus(600).trimEnd().split('\n');
  const a = join(dir, 'a.jsonl');
  const b = join(dir, 'b.jsonl');
  writeFileSync(a, lines.slice(0, 400).join('\n') + '\n');
  writeFileSync(b, lines.slice(200).join('\n') + '\n');
  const db = join(dir, 'two.db');
  const store = await openStore(db);
  try {
    const reader = await readLoop(store);
    const runs = [spawnLedger(['--db', db, '--input', 'jsonl', a]), spawnLedger(['--db', db, '--input', 'jsonl', b])];
    const results = await Promise.all(runs.map((r) => r.done));
    const { reads, failures } = await reader.stop();
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const [sa, sb] = results.map((r) => parseSummary(r.stderr));
    assert.equal(sa!.inputs, 400);
    assert.equal(sb!.inputs, 400);
    assert.equal(sa!.stored + sb!.stored, 600, 'each document stored by exactly one of the two');
    assert.equal(sa!.unchanged + sb!.unchanged, 200, 'the overlap found stored by the other');
    assert.deepEqual(failures, [], `${failures.length} of ${reads} reads failed`);
    assert.ok(reads >= 20, `the API was read during the run (${reads} reads)`);
    const c = await store.counts();
    assert.equal(c.documents, 600);
    assert.equal(c.versions, 600);
    const report = await store.integrityCheck();
    assert.deepEqual(report.problems, []);
  } finally {
    await store.close();
  }
});

test('four workers on PostgreSQL take one queue and end with exactly the documents given while the API reads', { skip: pgSkip, timeout: TIMEOUT }, async () => {
  const name = `conc_${process.pid}`;
  const s = await freshPgSchema(base.url!, name);
  const env = { NEWSLEDGER_QUEUE_SCHEMA: `${name}_boss` };
  const store = await openStore(s.url);
  const boss = await openQueue(s.url, `${name}_boss`);
  try {
    const queue = new IngestQueue(boss);
    const docs = faultCorpus(400).trimEnd().split('\n').map((l) => JSON.parse(l));
    for (const d of docs) await queue.add({ id: d.id, source: { corpus: 'test' }, text: d.text, date: d.date, outlet: d.outlet, url: null, notes: [] });
    await queue.flush();
    const reader = await readLoop(store);
    const workers = Array.from({ length: 4 }, () => spawnLedger(['worker', '--db', s.url, '--until-empty'], env));
    const results = await Promise.all(workers.map((w) => w.done));
    const { reads, failures } = await reader.stop();
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const stored = results.map((r) => Number(/(\d+) stored/.exec(r.stderr)?.[1] ?? NaN));
    assert.equal(stored.reduce((x, y) => x + y, 0), 400, `stored per worker: ${stored.join(', ')}`);
    assert.deepEqual(failures, [], `${failures.length} of ${reads} reads failed`);
    assert.ok(reads >= 20, `the API was read during the run (${reads} reads)`);
    const c = await store.counts();
    assert.equal(c.documents, 400);
    assert.equal(c.versions, 400);
    assert.deepEqual((await store.integrityCheck()).problems, []);
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await store.close();
    await s.drop();
    await freshPgSchema(base.url!, `${name}_boss`).then((b) => b.drop());
  }
});
