// Ingestion through the PostgreSQL job queue (pg-boss): two workers, each with its own analyser (as two processes
// would have), share one store, analysing their jobs in batches; the documents' cross-document links equal one
// analyser's over the same order.
// Needs a PostgreSQL server (NEWSLEDGER_TEST_PG): skipped without one, a failure under CI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { Ledger } from '../src/store/ledger.js';
import { openStore } from '../src/store/open.js';
import { failedJobs, IngestQueue, openQueue, runWorker } from '../src/store/queue.js';
import { pgTestUrl } from './fixtures/store/pg.js';
import { doc, StubAnalyzer } from './fixtures/store/stubAnalyzer.js';
import type { IngestedDoc } from '../src/ingest/document.js';
import type { NewsRecord } from '../src/model/record.js';

/** The stub, noting the ids of every batch it is given. */
class BatchNoting extends StubAnalyzer {
  static batches: string[][] = [];
  override analyzeBatch(inputs: readonly IngestedDoc[]): Array<NewsRecord | Error> {
    BatchNoting.batches.push(inputs.map((d) => d.id));
    return super.analyzeBatch(inputs);
  }
}

const base = await pgTestUrl();
const skip = base.url ? false : `no PostgreSQL server (${base.reason}); set NEWSLEDGER_TEST_PG or run scripts/ci-postgres.sh`;
if (!base.url && process.env.CI === 'true') {
  test('queue: a server is required under CI', () => assert.fail(`no PostgreSQL server: ${base.reason}`));
}

test('two workers share one store through the queue', { skip }, async () => {
  const schema = `q${process.pid}`;
  const admin = new pg.Client({ connectionString: base.url! });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`);
  await admin.query(`CREATE SCHEMA ${schema}`);
  const u = new URL(base.url!);
  u.searchParams.set('options', `-c search_path=${schema},public`);
  const url = u.toString();
  const docs = Array.from({ length: 12 }, (_, i) =>
    doc(`d${i}`, [`Story ${i}`, `Q|Speaker ${i % 3}|remark number ${i % 4} about the budget`, 'E|ORG|Ministry'], { date: `2024-01-${String(i + 1).padStart(2, '0')}` }));
  const stores = [await openStore(url), await openStore(url)];
  const bosses = [await openQueue(url, `${schema}_boss`), await openQueue(url, `${schema}_boss`)];
  try {
    const queue = new IngestQueue(bosses[0]!);
    for (const d of docs) await queue.add(d);
    await queue.add(doc('bad', ['Bad', 'Q|X|BOOM goes the analyser']));
    await queue.flush();
    const quiet = () => undefined;
    const stats = await Promise.all(stores.map((s, i) =>
      runWorker(bosses[i]!, new Ledger(s, () => new BatchNoting({ failOn: 'BOOM' })), { untilEmpty: true, log: quiet })));
    assert.equal(stats[0]!.stored + stats[1]!.stored, docs.length);
    // Jobs are analysed in batches; a retried job (the failing one, tried twice more) comes alone.
    const batches = BatchNoting.batches;
    assert.ok(batches.some((b) => b.length > 1), `batches: ${JSON.stringify(batches)}`);
    const withBad = batches.filter((b) => b.includes('bad'));
    assert.equal(withBad.length, 3);
    assert.deepEqual(withBad.slice(1), [['bad'], ['bad']], `batches: ${JSON.stringify(batches)}`);
    assert.equal((await stores[0]!.counts()).documents, docs.length);
    const failed = await failedJobs(bosses[0]!, `${schema}_boss`);
    assert.deepEqual(failed.map((f) => [f.document, f.error]), [['bad', 'stub analyser failure']], 'kept as failed after its retries');
    // One analyser over the documents in the order they were stored gives the same statement ids.
    const order = await stores[0]!.versionsAfter(0, 100);
    const whole = new StubAnalyzer();
    for (const v of order) {
      const expected = whole.analyze(v.raw.doc);
      const view = await stores[0]!.getDocument(v.docKey);
      assert.deepEqual(view!.record.quotes, expected.quotes);
      assert.deepEqual(view!.record.entities, expected.entities);
    }
  } finally {
    for (const b of bosses) await b.stop({ graceful: false, wait: true }).catch(() => undefined);
    for (const s of stores) await s.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`);
    await admin.end();
  }
});
