// Accounting: every input of an ingest ends as a stored document or an error entry in the store, and the summary's
// counts add up to the inputs: stored + new versions + unchanged + failed. Inputs that cannot be read (missing),
// decoded (empty, binary, bad JSON, bad UTF-8) or analysed (the stub analyser throws on BOOM) are listed by
// `newsledger errors`, keep their input (retry works after the file is gone) and `newsledger retry` stores them
// once they can be; a fixed file ingested again settles its entry. On SQLite and PostgreSQL (skipped without
// NEWSLEDGER_TEST_PG, a failure under CI), plus a failing queue job on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPgSchema } from '../src/store/pgSchema.js';
import type { CliIO } from '../src/cli/command.js';
import { checkCommand } from '../src/cli/commands/check.js';
import { errorsCommand } from '../src/cli/commands/errors.js';
import { ingestCommand } from '../src/cli/commands/ingest.js';
import { retryCommand } from '../src/cli/commands/retry.js';
import { Ledger } from '../src/store/ledger.js';
import { openStore } from '../src/store/open.js';
import { openQueue, runWorker } from '../src/store/queue.js';
import { StubLedgerAnalyzer } from '../src/store/stub.js';
import { pgTestUrl } from './fixtures/store/pg.js';
import { parseSummary } from './tools/reliability.js';

process.env.NEWSLEDGER_ANALYZER = 'stub';
/** A hung child or server fails the test instead of holding the run (normal: well under a minute). */
const TIMEOUT = 120_000;
const dir = mkdtempSync(join(tmpdir(), 'newsledger-accounting-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const base = await pgTestUrl();
const pgSkip = base.url ? false : `no PostgreSQL server (${base.reason}); set NEWSLEDGER_TEST_PG or run scripts/ci-postgres.sh`;
if (!base.url && process.env.CI === 'true') {
  test('accounting on PostgreSQL: a server is required under CI', () => assert.fail(`no PostgreSQL server: ${base.reason}`));
}

function capture(): CliIO & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (l) => out_.push(l), err: (l) => err_.push(l) };
}

async function cli(cmd: typeof ingestCommand, args: string[]) {
  const io = capture();
  const code = await cmd.run(args, io);
  return { code, out: io.out_, err: io.err_.join('\n') };
}

const story = (i: number, extra = '') => `Story ${i}\nQ|Ann Lee|remark ${i}\nE|PERSON|Ann Lee\n${extra}`;

/** The whole accounting flow against one store (`db`: a file or a postgres:// URL). */
async function accounting(db: string, folder: string) {
  mkdirSync(folder, { recursive: true });
  const good = join(folder, 'good.txt');
  const boom = join(folder, 'boom.txt');
  const empty = join(folder, 'empty.txt');
  writeFileSync(good, story(1));
  writeFileSync(boom, story(2, 'BOOM\n'));
  writeFileSync(empty, '');
  writeFileSync(join(folder, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0x08, 0, 0, 0x21, 0]));
  const corpus = join(folder, 'corpus.jsonl');
  writeFileSync(corpus, Buffer.concat([
    Buffer.from(JSON.stringify({ id: 'j1', text: story(3) }) + '\n'),
    Buffer.from('{broken\n\n'),
    Buffer.from('{"id":"j2","text":"bad \xff\xfe utf-8"}\n', 'latin1'),
    Buffer.from(JSON.stringify({ id: 'j3' }) + '\n'),
    Buffer.from(JSON.stringify({ id: 'j4', text: story(4, 'BOOM\n') }) + '\n'),
    Buffer.from(JSON.stringify({ id: 'j1', text: story(3) }) + '\n'),
    Buffer.from(JSON.stringify({ id: 'j5', text: story(5) }) + '\n'),
  ]));
  process.env.NEWSLEDGER_STUB_FAIL = 'BOOM';
  // Text: good, boom, empty, binary (the folder's four) + a missing file = 5 inputs: 1 stored, 4 failed.
  const t = await cli(ingestCommand, ['--db', db, folder, join(folder, 'missing.txt')]);
  assert.equal(t.code, 1);
  const ts = parseSummary(t.err);
  assert.deepEqual(ts, { inputs: 5, stored: 1, newVersions: 0, unchanged: 0, failed: 4 }, t.err);
  // JSONL: 7 non-blank lines: j1, broken, bad UTF-8, no text, j4 (BOOM), j1 again (unchanged), j5.
  const j = await cli(ingestCommand, ['--db', db, '--input', 'jsonl', corpus]);
  const js = parseSummary(j.err);
  assert.deepEqual(js, { inputs: 7, stored: 2, newVersions: 0, unchanged: 1, failed: 4 }, j.err);
  for (const s of [ts, js]) assert.equal(s.stored + s.newVersions + s.unchanged + s.failed, s.inputs);

  const listed = (await cli(errorsCommand, ['--db', db])).out.map((l) => JSON.parse(l));
  assert.equal(listed.length, ts.failed + js.failed, 'one error entry per failed input');
  const bySource = new Map(listed.map((e) => [e.source, e]));
  assert.equal(bySource.get(boom).stage, 'analyze');
  assert.equal(bySource.get(boom).document, 'boom');
  assert.equal(bySource.get(empty).stage, 'decode');
  assert.equal(bySource.get(join(folder, 'missing.txt')).stage, 'read');
  assert.equal(bySource.get(join(folder, 'binary.txt')).input.bytes, 14, 'the undecodable bytes are kept');
  assert.equal(bySource.get(`${corpus}:2`).stage, 'decode');
  assert.equal(bySource.get(`${corpus}:4`).input.line, 4);
  assert.equal(bySource.get(`${corpus}:6`).document, 'j4');
  const store = await openStore(db);
  try {
    const kept = await store.errorsWithInput([bySource.get(`${corpus}:4`).id]);
    assert.equal(kept[0]!.kept.kind === 'jsonl' && kept[0]!.kept.raw?.toString('latin1'), '{"id":"j2","text":"bad \xff\xfe utf-8"}');
    assert.deepEqual((await store.integrityCheck()).problems, []);
  } finally {
    await store.close();
  }

  // Running the same batch again adds no entry: it counts another attempt on each.
  const again = await cli(ingestCommand, ['--db', db, '--input', 'jsonl', corpus]);
  assert.deepEqual(parseSummary(again.err), { inputs: 7, stored: 0, newVersions: 0, unchanged: 3, failed: 4 });
  const after = (await cli(errorsCommand, ['--db', db])).out.map((l) => JSON.parse(l));
  assert.equal(after.length, listed.length);
  assert.equal(after.find((e) => e.source === `${corpus}:2`).attempts, 2);

  // Retry of one named entry while the analyser still fails: kept, attempt counted.
  const r1 = await cli(retryCommand, ['--db', db, String(bySource.get(boom).id)]);
  assert.equal(r1.code, 1);
  assert.match(r1.err, /1 entry, 1 input\(s\): 0 stored, 0 new version\(s\), 0 unchanged, 1 failed/);
  // The analyser fixed, the originals gone: retry stores the two BOOM documents from the kept inputs alone.
  delete process.env.NEWSLEDGER_STUB_FAIL;
  unlinkSync(boom);
  unlinkSync(corpus);
  const r2 = await cli(retryCommand, ['--db', db]);
  assert.match(r2.err, /8 entries, 8 input\(s\): 2 stored, 0 new version\(s\), 0 unchanged, 6 failed/, r2.err);
  const left = (await cli(errorsCommand, ['--db', db])).out.map((l) => JSON.parse(l));
  assert.deepEqual(left.map((e) => e.source).sort(), [...listed.map((e) => e.source)].filter((s) => s !== boom && s !== `${corpus}:6`).sort());
  // A fixed file ingested again settles its entry.
  writeFileSync(empty, story(6));
  const fixed = await cli(ingestCommand, ['--db', db, empty]);
  assert.equal(fixed.code, 0);
  assert.equal((await cli(errorsCommand, ['--db', db])).out.length, left.length - 1);
  const check = await cli(checkCommand, ['--db', db]);
  assert.equal(check.code, 0, check.out.join('\n'));
  assert.equal(JSON.parse(check.out[0]!).documents, 6, 'good, j1, j5, then boom and j4 by retry, empty once fixed');
}

test('SQLite: every input is stored or an error entry; errors lists them, retry stores them from the kept input', { timeout: TIMEOUT }, async () => {
  await accounting(join(dir, 'acc.db'), join(dir, 'sqlite'));
});

test('PostgreSQL: every input is stored or an error entry; errors lists them, retry stores them from the kept input', { skip: pgSkip, timeout: TIMEOUT }, async () => {
  const s = await freshPgSchema(base.url!, `acc_${process.pid}`);
  try {
    await accounting(s.url, join(dir, 'pg'));
  } finally {
    await s.drop();
  }
});

test('PostgreSQL queue: a job that fails for good is an error entry, listed by errors and stored by retry', { skip: pgSkip, timeout: TIMEOUT }, async () => {
  const name = `accq_${process.pid}`;
  const s = await freshPgSchema(base.url!, name);
  process.env.NEWSLEDGER_QUEUE_SCHEMA = `${name}_boss`;
  const corpus = join(dir, 'queue.jsonl');
  writeFileSync(corpus, [JSON.stringify({ id: 'q1', text: story(1) }), JSON.stringify({ id: 'q2', text: story(2, 'BOOM\n') }), '{bad'].join('\n') + '\n');
  try {
    const q = await cli(ingestCommand, ['--db', s.url, '--queue', '--input', 'jsonl', corpus]);
    assert.match(q.err, /3 input\(s\): 2 queued for workers, 1 failed/);
    const store = await openStore(s.url);
    const boss = await openQueue(s.url);
    try {
      const stats = await runWorker(boss, new Ledger(store, () => new StubLedgerAnalyzer({ failOn: 'BOOM' })), { untilEmpty: true, log: () => undefined });
      assert.equal(stats.stored, 1);
      assert.equal(stats.failed, 3, 'the first try and its two retries');
    } finally {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await store.close();
    }
    const listed = (await cli(errorsCommand, ['--db', s.url])).out.map((l) => JSON.parse(l));
    assert.deepEqual(listed.map((e) => [e.document, e.stage, e.attempts]).sort(), [[null, 'decode', 1], ['q2', 'analyze', 3]]);
    const r = await cli(retryCommand, ['--db', s.url]);
    assert.match(r.err, /2 entries, 2 input\(s\): 1 stored/);
    assert.equal((await cli(errorsCommand, ['--db', s.url])).out.length, 1, 'the bad line stays');
  } finally {
    delete process.env.NEWSLEDGER_QUEUE_SCHEMA;
    await s.drop();
    await freshPgSchema(base.url!, `${name}_boss`).then((b) => b.drop());
  }
});
