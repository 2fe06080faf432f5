// Batched ingest (Ledger.ingestBatch, driven by ingestItems) against one document per transaction, with the real
// pipeline: the same inputs (the two bundled seeds and test fixtures, with a repeat of a stored document and new
// versions of two documents, one of them in the same batch as its first version) ingested both ways into two SQLite
// stores give byte-identical stores: every stored version (raw input and record, as stored), every current row and
// item, and the same counts. Once with batches of 4, so batch boundaries fall between chosen inputs, and once with the
// default size, where everything is one batch. Then with a document the pipeline fails on part way (after the entity
// layer has registered its entities run-wide), and with two processes taking turns. Last, reanalysis (Ledger.reanalyze)
// in batches against one version at a time, of a store whose records the stub analyser made: the same stores, and the
// same failure when the pipeline fails on a stored version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestedDoc } from '../src/ingest/document.js';
import { readTextFile } from '../src/ingest/textFile.js';
import type { Component } from '../src/pipeline/component.js';
import { DEFAULT_COMPONENTS } from '../src/pipeline/default.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { PipelineAnalyzer } from '../src/store/analyzer.js';
import { emptyCounts, ingestItems } from '../src/store/ingestRun.js';
import type { InputItem } from '../src/store/inputs.js';
import { AnalysisError, Ledger } from '../src/store/ledger.js';
import { openStore } from '../src/store/open.js';
import type { SqlStore } from '../src/store/sqlStore.js';
import { StubLedgerAnalyzer } from '../src/store/stub.js';
import { VERSION } from '../src/version.js';

const ROOT = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'newsledger-batch-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const file = (...p: string[]) => readTextFile(join(ROOT, ...p));
/** A new text under the same key: the document's next version. */
const revised = (d: IngestedDoc, extra: string): IngestedDoc => ({ ...d, text: `${d.text.trimEnd()}\n\n${extra}\n` });

const seed0 = file('examples', 'seeds', '000_24fc0c8c87d24407.txt');
const seed1 = file('examples', 'seeds', '001_014a8133c311e563.txt');
const kharkiv = file('test', 'fixtures', 'events', 'wire-kharkiv.txt');
const broadsheet = file('test', 'fixtures', 'entities', 'broadsheet.txt');
/** With batches of 4: [seed0, seed1, kharkiv, seed0 again] [followup, claim, kharkiv v2, denial] [wire, broadsheet,
 * broadsheet v2, seed1 again] [wire-style quotes, a French article]. */
const INPUTS: IngestedDoc[] = [
  seed0, seed1, kharkiv, seed0,
  file('test', 'fixtures', 'events', 'wire-followup.txt'), file('test', 'fixtures', 'events', 'paper-claim.txt'),
  revised(kharkiv, '"We will rebuild every house," the mayor, Ihor Terekhov, told reporters on Friday.'),
  file('test', 'fixtures', 'events', 'paper-denial.txt'),
  file('test', 'fixtures', 'entities', 'wire.txt'), broadsheet,
  revised(broadsheet, 'The minister later denied the report, a spokesman said.'), seed1,
  file('test', 'fixtures', 'quotes', 'wire-style.txt'), file('test', 'fixtures', 'structure', 'french-article.txt'),
];

/** Columns that hold the time of the write, which two runs never share. */
const CLOCK = new Set(['ingested_at', 'updated_at', 'first_at', 'last_at']);
const TABLES = ['versions', 'documents', 'quotes', 'doc_entities', 'events', 'claims', 'ingest_errors', 'documents_fts', 'quotes_fts'];

/** Every row of every table, in storage order, without the write times. */
async function dump(store: SqlStore): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const cols = t.endsWith('_fts') ? 'rowid, *' : '*';
    const rows = await store.driver.all<Record<string, unknown>>(`SELECT ${cols} FROM ${t} ORDER BY rowid`);
    out[t] = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !CLOCK.has(k))));
  }
  return out;
}

/** Throws on a document containing FAULT, after the entity layer has added its entities to the run's registry. */
const FAULT = 'FAULT-INJECTED';
const faulty: Component = {
  name: 'fault-injection', requires: [], assigns: [],
  run(doc) {
    if (doc.record.text.includes(FAULT)) throw new Error('injected analysis failure');
  },
};
const entitiesAt = DEFAULT_COMPONENTS.findIndex((c) => c.name === 'entities');
const faultyPipeline = () => new Pipeline([...DEFAULT_COMPONENTS.slice(0, entitiesAt + 1), faulty, ...DEFAULT_COMPONENTS.slice(entitiesAt + 1)]);
/** INPUTS with a failing document (the wire story under another id) before the inputs it shares entities with. */
const WITH_FAILURE: IngestedDoc[] = [...INPUTS.slice(0, 5), { ...revised(INPUTS[8]!, FAULT), id: 'wire-fails' }, ...INPUTS.slice(5)];

const items = (docs: IngestedDoc[]): InputItem[] => docs.map((doc, i) => ({ ok: true, doc, source: `input ${i}` }));
const noReport = { report: () => undefined };

async function oneAtATime(db: string, docs = INPUTS, pipeline?: () => Pipeline) {
  const store = (await openStore(db)) as SqlStore;
  // A batch of one per ingestItems call: one document per transaction, failures recorded as ingest records them.
  const ledger = new Ledger(store, () => new PipelineAnalyzer(pipeline?.()), 1);
  const counts = await ingestItems(ledger, store, items(docs), noReport);
  return { store, counts };
}

async function batched(db: string, batchDocs?: number, docs = INPUTS, pipeline?: () => Pipeline) {
  const store = (await openStore(db)) as SqlStore;
  const ledger = new Ledger(store, () => new PipelineAnalyzer(pipeline?.()), batchDocs);
  const counts = await ingestItems(ledger, store, items(docs), noReport);
  return { store, counts };
}

/** Compares a store, table by table, with the expected dump, and closes it. */
async function sameAs(store: SqlStore, expected: Record<string, unknown[]>, name: string): Promise<void> {
  try {
    const got = await dump(store);
    for (const t of TABLES) assert.deepEqual(got[t], expected[t], `${name}: table ${t}`);
    assert.deepEqual((await store.integrityCheck()).problems, []);
  } finally {
    await store.close();
  }
}

test('batched ingest stores byte-for-byte what one document per transaction stores (real pipeline, SQLite)', { timeout: 300_000 }, async () => {
  const single = await oneAtATime(join(dir, 'single.db'));
  const expected = await dump(single.store);
  await single.store.close();
  assert.deepEqual(single.counts, { inputs: 14, stored: 10, 'new-version': 2, unchanged: 2, failed: 0, unrecorded: 0 });
  assert.equal(expected.versions!.length, 12);
  assert.ok(expected.quotes!.length > 20, `the inputs have quotes (${expected.quotes!.length})`);
  assert.ok(expected.doc_entities!.length > 50 && expected.events!.length > 5);
  for (const [name, size] of [['batches of 4', 4], ['one batch', undefined]] as const) {
    const b = await batched(join(dir, `batched-${size ?? 'default'}.db`), size);
    assert.deepEqual(b.counts, single.counts, name);
    await sameAs(b.store, expected, name);
  }
});

test('a document the pipeline fails on part way is an error entry; the rest of its batch is stored as one at a time stores it', { timeout: 300_000 }, async () => {
  const single = await oneAtATime(join(dir, 'fault-single.db'), WITH_FAILURE, faultyPipeline);
  const expected = await dump(single.store);
  await single.store.close();
  assert.deepEqual(single.counts, { inputs: 15, stored: 10, 'new-version': 2, unchanged: 2, failed: 1, unrecorded: 0 });
  assert.equal(expected.ingest_errors!.length, 1);
  assert.equal((expected.ingest_errors![0] as { stage: string }).stage, 'analyze');
  for (const [name, size] of [['batches of 4', 4], ['one batch', undefined]] as const) {
    const b = await batched(join(dir, `fault-${size ?? 'default'}.db`), size, WITH_FAILURE, faultyPipeline);
    assert.deepEqual(b.counts, single.counts, name);
    await sameAs(b.store, expected, name);
  }
});

test('two processes taking turns, a batch each, store what one process stores', { timeout: 300_000 }, async () => {
  const single = await oneAtATime(join(dir, 'turns-single.db'));
  const expected = await dump(single.store);
  await single.store.close();
  const store = (await openStore(join(dir, 'turns.db'))) as SqlStore;
  // Each turn, the other process's batch is in the store: it is replayed (no NLP) before this one's is analysed.
  const processes = [new Ledger(store, () => new PipelineAnalyzer(), 3), new Ledger(store, () => new PipelineAnalyzer(), 3)];
  let rest = INPUTS.map((doc, i) => ({ doc, source: `input ${i}` }));
  for (let turn = 0; rest.length > 0; turn++) {
    const done = await processes[turn % 2]!.ingestBatch(rest);
    assert.ok(done.every((r) => !(r instanceof Error)));
    rest = rest.slice(done.length);
  }
  await sameAs(store, expected, 'two processes');
});

/** A store of these documents with the stub's records (quick to make): reanalysis replaces every one of them. */
async function stubStore(db: string, docs: IngestedDoc[]): Promise<SqlStore> {
  const store = (await openStore(db)) as SqlStore;
  await ingestItems(new Ledger(store, () => new StubLedgerAnalyzer()), store, items(docs), noReport);
  return store;
}

/** Reanalyses the store with the pipeline, `batchDocs` versions per analyzeBatch; the progress counts it reported. */
async function reanalyzed(store: SqlStore, batchDocs: number | undefined, pipeline?: () => Pipeline) {
  const done: number[] = [];
  const ledger = new Ledger(store, () => new PipelineAnalyzer(pipeline?.()), batchDocs);
  const result = await ledger.reanalyze((n) => done.push(n)).then((n) => n, (e: unknown) => e);
  return { result, done };
}

test('batched reanalysis rewrites byte-for-byte what one version at a time rewrites (real pipeline, SQLite)', { timeout: 300_000 }, async () => {
  const single = await stubStore(join(dir, 'reanalyze-single.db'), INPUTS);
  const one = await reanalyzed(single, 1);
  assert.equal(one.result, 12);
  assert.deepEqual(one.done, Array.from({ length: 12 }, (_, i) => i + 1));
  const expected = await dump(single);
  await single.close();
  assert.ok(expected.versions!.every((v) => (v as { pipeline_version: string }).pipeline_version === VERSION));
  assert.ok(expected.quotes!.length > 20, `the records are the pipeline's (${expected.quotes!.length} quotes)`);
  // The stored records are the ones ingesting with the pipeline stores (ingest order, the same cross-document links).
  const ingested = await oneAtATime(join(dir, 'reanalyze-ingested.db'));
  assert.deepEqual(expected.versions, (await dump(ingested.store)).versions);
  await ingested.store.close();
  for (const [name, size] of [['batches of 4', 4], ['one batch', undefined]] as const) {
    const store = await stubStore(join(dir, `reanalyze-${size ?? 'default'}.db`), INPUTS);
    const b = await reanalyzed(store, size);
    assert.deepEqual(b, one, `${name}: count and progress`);
    await sameAs(store, expected, name);
  }
});

test('reanalysis that the pipeline fails on a stored version fails as one version at a time: the error, progress, nothing changed', { timeout: 300_000 }, async () => {
  // The failing version is the fifth: second in the second batch of 3, fifth of the single batch.
  const single = await stubStore(join(dir, 'reanalyze-fault-single.db'), WITH_FAILURE);
  const before = await dump(single);
  const one = await reanalyzed(single, 1, faultyPipeline);
  assert.ok(one.result instanceof Error && !(one.result instanceof AnalysisError), 'the pipeline\'s own error');
  assert.equal(one.result.message, 'injected analysis failure');
  assert.deepEqual(one.done, [1, 2, 3, 4]);
  await sameAs(single, before, 'one at a time');
  for (const [name, size] of [['batches of 3', 3], ['one batch', undefined]] as const) {
    const store = await stubStore(join(dir, `reanalyze-fault-${size ?? 'default'}.db`), WITH_FAILURE);
    const b = await reanalyzed(store, size, faultyPipeline);
    assert.ok(b.result instanceof Error && b.result.constructor === one.result.constructor, name);
    assert.equal(b.result.message, one.result.message, name);
    assert.deepEqual(b.done, one.done, `${name}: progress up to the failed version`);
    await sameAs(store, before, name);
  }
});
