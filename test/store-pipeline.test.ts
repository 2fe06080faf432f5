// The ledger with the real pipeline: documents ingested one process at a time (a fresh analyser each, which must
// replay the store) come out exactly as one run over the whole set, and the run-wide state replay rebuilds from
// stored records alone (entity registry, quote settings, statement index, event clusters, claims) deep-equals the
// live one. On the bundled samples, and on PolNeAR articles (../shared/data; skipped without it, failing in CI): there
// the first POLNEAR_FRESH by a fresh process each, the rest by two workers in turn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../src/analyze.js';
import { isFailure, readJsonlCorpus } from '../src/ingest/jsonl.js';
import type { IngestedDoc } from '../src/ingest/document.js';
import { readTextFile } from '../src/ingest/textFile.js';
import type { NewsRecord } from '../src/model/record.js';
import { PipelineAnalyzer, REPLAYERS, runParts } from '../src/store/analyzer.js';
import { RunContext } from '../src/pipeline/component.js';
import { Ledger } from '../src/store/ledger.js';
import { openStore } from '../src/store/open.js';
import type { StoredVersion } from '../src/store/store.js';

const ROOT = join(import.meta.dirname, '..');
const SEEDS = join(ROOT, 'examples', 'seeds');
const POLNEAR = join(ROOT, '..', 'shared', 'data', 'polnear', 'train.jsonl');
/** PolNeAR articles compared: the first of the train file. */
const POLNEAR_DOCS = 200;
/**
 * Of those, the first ones are each ingested by a fresh process (replaying the whole store: quadratic, about 100 s
 * for all 200 on two shared cores); the rest alternate between two long-lived workers, each of which replays the
 * other's document before every write.
 */
const POLNEAR_FRESH = 60;

/** Counts how a fresh analyser brought itself up to date: replay must never fall back to analysing stored inputs. */
class CountingAnalyzer extends PipelineAnalyzer {
  static analysed = 0;
  override analyze(input: IngestedDoc): NewsRecord {
    CountingAnalyzer.analysed++;
    return super.analyze(input);
  }
  /** The ledger analyses through this (a batch of one for `ingest`). */
  override analyzeBatch(inputs: readonly IngestedDoc[]): Array<NewsRecord | Error> {
    CountingAnalyzer.analysed += inputs.length;
    return super.analyzeBatch(inputs);
  }
}

/**
 * Ingests the documents one at a time, the first `fresh` each by a fresh analyser that replays the store, the others
 * by two workers in turn, and checks the stored records against one run over all of them, and a RunContext replayed
 * from the stored records against the live one.
 */
async function compareWithOneRun(docs: IngestedDoc[], fresh = docs.length): Promise<void> {
  const whole = new Analyzer();
  // As `newsledger analyze` writes them: each record as it stands when its document is analysed.
  const expected = docs.map((d) => structuredClone(whole.analyze(d)));
  const store = await openStore(':memory:');
  try {
    CountingAnalyzer.analysed = 0;
    const worker = () => {
      const analyzer = new CountingAnalyzer();
      assert.ok(analyzer.fastReplay, `every run-wide part has a replayer (parts: ${analyzer.parts.join(', ')})`);
      return new Ledger(store, () => analyzer);
    };
    const workers = [worker(), worker()];
    for (const [i, d] of docs.entries()) await (i < fresh ? worker() : workers[i % 2]!).ingest(d);
    assert.equal(CountingAnalyzer.analysed, docs.length, 'replay analysed stored inputs again');
    for (const [i, d] of docs.entries()) {
      const view = await store.getDocument(d.id);
      assert.deepEqual(view!.record, expected[i], `document ${i} (${d.id})`);
    }
    // The run-wide state rebuilt from stored records alone, part by part, equals the one run's.
    const versions: StoredVersion[] = [];
    for (let seq = 0, batch: StoredVersion[]; (batch = await store.versionsAfter(seq, 500)).length; seq = batch.at(-1)!.seq) versions.push(...batch);
    assert.equal(versions.length, docs.length);
    const replayed = new RunContext();
    const parts = runParts(whole.run);
    for (const v of versions) for (const p of parts) REPLAYERS[p]!(v.record, replayed);
    assert.deepEqual(runParts(replayed).sort(), [...parts].sort());
    for (const p of parts) assert.deepEqual(replayed.part(p, () => null), whole.run.part(p, () => null), `run-wide part "${p}"`);
  } finally {
    await store.close();
  }
}

test('samples ingested one process at a time equal one run over all of them, and replay rebuilds every part', async () => {
  const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => join(SEEDS, f));
  await compareWithOneRun(files.map(readTextFile));
});

test(`${POLNEAR_DOCS} PolNeAR articles (the first ${POLNEAR_FRESH} by a fresh process each, the rest by two workers) equal one run, and replay rebuilds every part`, {
  skip: existsSync(POLNEAR) || process.env.CI === 'true' ? false : `no ${POLNEAR} (the public data folder ../shared is not next to the repository)`,
}, async () => {
  assert.ok(existsSync(POLNEAR), `no ${POLNEAR}: CI must have the public data folder ../shared`);
  const docs = [...readJsonlCorpus(readFileSync(POLNEAR, 'utf8'), 'polnear')]
    .filter((d): d is IngestedDoc => !isFailure(d)).slice(0, POLNEAR_DOCS);
  assert.equal(docs.length, POLNEAR_DOCS);
  await compareWithOneRun(docs, POLNEAR_FRESH);
});
