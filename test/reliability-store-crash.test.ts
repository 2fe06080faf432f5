// Crash safety: `newsledger ingest` of 1,000 documents killed with SIGKILL at seeded random points (20 times on
// SQLite, 10 on PostgreSQL; src/bench/stages/faults.ts), the store's integrity check after every kill, and a last
// run that completes the set: exactly 1,000 documents, none lost, none twice. And a queue worker killed in the middle
// of a job on PostgreSQL: its job expires (a short expiry here) and another worker does it. Stub analyser.
// PostgreSQL parts skip without a server (NEWSLEDGER_TEST_PG) and fail under CI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { crashTrials, faultCorpus } from '../src/bench/stages/faults.js';
import { freshPgSchema } from '../src/store/pgSchema.js';
import { Ledger } from '../src/store/ledger.js';
import { openStore } from '../src/store/open.js';
import type { SqlStore } from '../src/store/sqlStore.js';
import { StubLedgerAnalyzer } from '../src/store/stub.js';
import { IngestQueue, INGEST_QUEUE, openQueue } from '../src/store/queue.js';
import { pgTestUrl } from './fixtures/store/pg.js';
import { spawnLedger } from './tools/reliability.js';

/** A hung child or server fails the test instead of holding the run (normal: well under a minute). */
const TIMEOUT = 300_000;
const base = await pgTestUrl();
const pgSkip = base.url ? false : `no PostgreSQL server (${base.reason}); set NEWSLEDGER_TEST_PG or run scripts/ci-postgres.sh`;
if (!base.url && process.env.CI === 'true') {
  test('crash safety on PostgreSQL: a server is required under CI', () => assert.fail(`no PostgreSQL server: ${base.reason}`));
}

/** The integrity check is not vacuous: each kind of damage a torn write could leave is named. */
async function damageIsFound(store: SqlStore) {
  const ledger = new Ledger(store, () => new StubLedgerAnalyzer());
  for (const d of faultCorpus(6).trimEnd().split('\n').map((l) => JSON.parse(l))) {
    await ledger.ingest({ id: d.id, source: { corpus: 'test' }, text: d.text, date: d.date, outlet: null, url: null, notes: [] });
  }
  assert.deepEqual((await store.integrityCheck()).problems, []);
  const db = store.driver;
  await db.run("DELETE FROM documents WHERE doc_key = 'f1'");
  await db.run("DELETE FROM quotes WHERE doc_key = 'f2'");
  await db.run("INSERT INTO versions (doc_key, version, content_hash, raw_text, raw_meta, record, pipeline_version, models, ingested_at) " +
    "SELECT doc_key, 3, 'x', raw_text, raw_meta, record, pipeline_version, models, ingested_at FROM versions WHERE doc_key = 'f3'");
  if (store.dialect === 'sqlite') await db.run("DELETE FROM documents_fts WHERE rowid = (SELECT id FROM documents WHERE doc_key = 'f4')");
  else await db.run("UPDATE documents SET tsv = to_tsvector('simple', 'other words') WHERE doc_key = 'f4'");
  const { ok, problems } = await store.integrityCheck();
  assert.equal(ok, false);
  const text = problems.join('\n');
  for (const m of [/versions without a document \(half-written\): 1/, /quotes rows do not match the record: 1/, /rows of no document: 1/,
    /not numbered 1\.\.n: 1/, /not their latest: 1/, store.dialect === 'sqlite' ? /missing from the full-text index: 1/ : /full-text entry does not match/]) {
    assert.match(text, m);
  }
}

test('the integrity check names half-written documents, orphaned rows, version gaps and full-text damage (SQLite)', { timeout: TIMEOUT }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsledger-damage-'));
  const store = await openStore(join(dir, 'd.db'));
  try {
    await damageIsFound(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the integrity check names half-written documents, orphaned rows, version gaps and full-text damage (PostgreSQL)', { skip: pgSkip, timeout: TIMEOUT }, async () => {
  const s = await freshPgSchema(base.url!, `damage_${process.pid}`);
  const store = await openStore(s.url);
  try {
    await damageIsFound(store);
  } finally {
    await store.close();
    await s.drop();
  }
});

function assertTrials(r: Awaited<ReturnType<typeof crashTrials>>, kills: number) {
  const where = `seed ${r.seed}: ${r.problems.join(' / ')}`;
  assert.equal(r.trials, kills, `every trial killed its run before the end (${where})`);
  assert.equal(r.integrityFailures, 0, where);
  assert.equal(r.lost, 0, where);
  assert.equal(r.duplicates, 0, where);
  assert.equal(r.finalExit, 0, where);
  assert.equal(r.finalDocuments, 1000, where);
  assert.equal(r.finalVersions, 1000, where);
  assert.ok(r.details.some((d) => d.afterKill > 0 && d.afterKill < 1000), 'kills fell inside the run');
}

test('SQLite: ingest of 1,000 documents killed -9 at 20 random points; whole after each kill, the rerun completes the set', { timeout: TIMEOUT }, async () => {
  assertTrials(await crashTrials('sqlite', 20), 20);
});

test('PostgreSQL: ingest of 1,000 documents killed -9 at 10 random points; whole after each kill, the rerun completes the set', { skip: pgSkip, timeout: TIMEOUT }, async () => {
  assertTrials(await crashTrials('postgres', 10, { pgUrl: base.url! }), 10);
});

test('PostgreSQL: a worker killed in the middle of a job leaves it to another worker once it expires', { skip: pgSkip, timeout: TIMEOUT }, async () => {
  const name = `wkill_${process.pid}`;
  const s = await freshPgSchema(base.url!, name);
  const bossSchema = `${name}_boss`;
  const env = { NEWSLEDGER_QUEUE_SCHEMA: bossSchema, NEWSLEDGER_QUEUE_MAINTENANCE_SECONDS: '1' };
  const store = await openStore(s.url);
  const boss = await openQueue(s.url, bossSchema);
  const admin = new pg.Client({ connectionString: base.url! });
  await admin.connect();
  try {
    // Jobs expire 2 s after a worker takes them (the default is 15 minutes).
    process.env.NEWSLEDGER_QUEUE_EXPIRE_SECONDS = '2';
    const queue = new IngestQueue(boss);
    const docs = faultCorpus(30).trimEnd().split('\n').map((l) => JSON.parse(l));
    // The stub analyser blocks on this document: the first worker is stuck inside its job (transaction open, write
    // lock held) when it is killed.
    docs[12].text += '\nHANG here';
    for (const d of docs) await queue.add({ id: d.id, source: { corpus: 'test' }, text: d.text, date: d.date, outlet: null, url: null, notes: [] });
    await queue.flush();
    delete process.env.NEWSLEDGER_QUEUE_EXPIRE_SECONDS;
    const first = spawnLedger(['worker', '--db', s.url, '--until-empty'], { ...env, NEWSLEDGER_STUB_HANG: 'HANG' });
    const active = async () => (await admin.query(
      `SELECT data->>'id' AS id FROM ${bossSchema}.job WHERE name = $1 AND state = 'active'`, [INGEST_QUEUE])).rows.map((r) => r.id as string);
    const t0 = Date.now();
    while (!(await active()).includes('f12')) {
      assert.ok(Date.now() - t0 < 30_000, 'the first worker reached the blocking document');
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 200));
    first.child.kill('SIGKILL');
    const killed = await first.done;
    assert.equal(killed.signal, 'SIGKILL');
    assert.deepEqual((await store.integrityCheck()).problems, [], 'whole after the kill');
    assert.equal(await store.getDocument('f12'), null, 'the killed job stored nothing');
    // Two more workers; one of them takes the expired job.
    const others = [spawnLedger(['worker', '--db', s.url, '--until-empty'], env), spawnLedger(['worker', '--db', s.url, '--until-empty'], env)];
    const results = await Promise.all(others.map((o) => o.done));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const c = await store.counts();
    assert.equal(c.documents, 30);
    assert.equal(c.versions, 30);
    assert.ok(await store.getDocument('f12'));
    const job = (await admin.query(`SELECT state, retry_count FROM ${bossSchema}.job WHERE data->>'id' = 'f12'`)).rows[0];
    assert.equal(job.state, 'completed');
    assert.ok(job.retry_count >= 1, 'done on a retry, after it expired');
    assert.deepEqual((await store.integrityCheck()).problems, []);
    assert.equal(await store.countErrors(), 0);
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await store.close();
    await admin.end();
    await s.drop();
    await freshPgSchema(base.url!, bossSchema).then((b) => b.drop());
  }
});
