// Store benchmark (`node --import tsx src/store/bench.ts`, or node dist/src/store/bench.js after a build). It is a
// script of its own, not a stage of `npm run bench`: it needs a 20,000-document store, child processes, an HTTP load
// generator and optionally PostgreSQL (`npm run bench` has the store-ingest stage, src/bench/stages/storeIngest.ts,
// for batched against one-document ingest). It measures and prints; it asserts nothing.
//   1. storage overhead: the real pipeline ingesting N documents into SQLite (in batches, as `newsledger ingest`),
//      time in the store vs in analysis;
//   2. a 20,000-document SQLite store built (in batches) with a recorded analyser (each base text analysed once by
//      the real pipeline, its record reused under new ids: the pipeline itself would take hours), store-only docs/s;
//   3. search and speaker-query latency, p50/p95 at 10 connections, autocannon against `newsledger serve` on loopback;
//   4. with --pg URL: the real pipeline through the queue with 1 and 2 `newsledger worker` processes.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDocs, loadBaseTexts, missingData } from '../bench/corpus.js';
import type { IngestedDoc } from '../ingest/document.js';
import type { NewsRecord } from '../model/record.js';
import { PACKAGE_ROOT } from '../version.js';
import { type LedgerAnalyzer, PipelineAnalyzer } from './analyzer.js';
import { analyzeOneByOne, Ledger } from './ledger.js';
import { openStore } from './open.js';
import type { StoredVersion } from './store.js';

const OUTLETS = ['Daily', 'Herald', 'Courier', 'Times', 'Post', 'Wire'];

/** Times the wrapped analyser, so the ledger's own time is the rest. */
class TimedAnalyzer implements LedgerAnalyzer {
  seconds = 0;
  constructor(private readonly inner: LedgerAnalyzer) {}
  analyze(input: IngestedDoc): NewsRecord {
    const t0 = performance.now();
    try {
      return this.inner.analyze(input);
    } finally {
      this.seconds += (performance.now() - t0) / 1000;
    }
  }
  analyzeBatch(inputs: readonly IngestedDoc[]): Array<NewsRecord | Error> {
    const t0 = performance.now();
    try {
      return this.inner.analyzeBatch(inputs);
    } finally {
      this.seconds += (performance.now() - t0) / 1000;
    }
  }
  replay(v: StoredVersion): void {
    this.inner.replay(v);
  }
}

/** The real pipeline's record of each base text, reused under the new document's id (ids of its items follow). */
class RecordedAnalyzer implements LedgerAnalyzer {
  constructor(private readonly records: Map<string, NewsRecord>) {}
  analyze(input: IngestedDoc): NewsRecord {
    const r = this.records.get(input.text)!;
    const json = JSON.stringify({ ...r, text: '' }).split(`"${r.id}:`).join(`"${input.id}:`);
    return { ...(JSON.parse(json) as NewsRecord), id: input.id, text: input.text, source: input.source, outlet: input.outlet, published: input.date };
  }
  analyzeBatch(inputs: readonly IngestedDoc[]): Array<NewsRecord | Error> {
    return analyzeOneByOne(inputs, (input) => this.analyze(input));
  }
  replay(): void {}
}

/** Stores the documents as `newsledger ingest` does: a batch at a time (Ledger.ingestBatch); any failure throws. */
async function ingestAll(ledger: Ledger, docs: readonly IngestedDoc[]): Promise<void> {
  for (let rest = docs.map((doc) => ({ doc })); rest.length > 0;) {
    const results = await ledger.ingestBatch(rest);
    const failed = results.find((r) => r instanceof Error);
    if (failed) throw failed;
    rest = rest.slice(results.length);
  }
}

/** Base texts the 20,000-document store cycles through: each is analysed once by the real pipeline. */
const BASE_TEXTS = 300;

function take<T>(gen: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  if (n <= 0) return out;
  for (const x of gen) {
    out.push(x);
    if (out.length >= n) break;
  }
  return out;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function load(url: string, paths: string[], seconds: number) {
  const latencies: number[] = [];
  let i = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url,
      connections: 10,
      duration: seconds,
      requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
    }, (err, r) => (err ? reject(err) : resolve(r)));
    // autocannon reports p50/p97.5/p99 only: each response time is kept to compute p95.
    instance.on('response', (_c: unknown, _s: number, _b: number, t: number) => latencies.push(t));
  });
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, rps: result.requests.average, non2xx: result.non2xx, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99) };
}

/** 3. Latency under load: the server in its own process, autocannon here. */
async function latency(dbPath: string, nDocs: number, speakers: string[], seconds: number): Promise<void> {
  const port = 18000 + (process.pid % 1000);
  const server = spawn(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'src', 'cli', 'main.ts'), 'serve', '--db', dbPath, '--port', String(port)],
    { cwd: PACKAGE_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    server.stderr.on('data', (b: Buffer) => (String(b).includes('serving') ? resolve() : undefined));
    server.once('exit', () => reject(new Error('the server exited')));
  });
  try {
    const words = ['president', 'election', 'police', 'government', 'minister', 'market', '"prime minister"', 'war', 'economy', 'health', 'court', 'trump'];
    const search = words.map((w) => `/api/search?layer=quotes&q=${encodeURIComponent(w)}&limit=20`);
    const docSearch = words.map((w) => `/api/search?layer=documents&q=${encodeURIComponent(w)}&limit=20`);
    const speaker = speakers.map((s) => `/api/quotes?speaker=${encodeURIComponent(s)}&limit=20`);
    for (const [name, paths] of [['quote search', search], ['document search', docSearch], ['speaker query', speaker]] as const) {
      const r = await load(`http://127.0.0.1:${port}`, paths, seconds);
      console.log(`${name}, ${nDocs}-doc SQLite store, 10 connections, ${seconds} s: p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, ` +
        `${r.rps.toFixed(0)} req/s, ${r.non2xx} non-2xx`);
    }
  } finally {
    server.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { docs: { type: 'string', default: '20000' }, sample: { type: 'string', default: '100' }, pg: { type: 'string' },
      seconds: { type: 'string', default: '10' }, 'pg-docs': { type: 'string', default: '60' }, keep: { type: 'string' },
      'latency-only': { type: 'boolean', default: false } },
  });
  const log = (m: string) => process.stderr.write(`store-bench: ${m}\n`);
  if (missingData().length) {
    log(`skipped: needs ../shared/data (${missingData().join(', ')})`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'newsledger-bench-'));
  try {
    const base = loadBaseTexts();
    const sampleN = Number(values.sample);
    const sample = take(corpusDocs(base, Infinity), sampleN).map((d, i) => ({ ...d, date: `2024-${String(1 + (i % 12)).padStart(2, '0')}-15`, outlet: OUTLETS[i % OUTLETS.length]! }));

    if (values['latency-only']) {
      if (!values.keep) throw new Error('--latency-only needs --keep FILE, a store built by an earlier run');
      const s0 = await openStore(values.keep);
      const speakers = (await s0.listQuotes({}, { limit: 2000, offset: 0 })).items.map((q) => q.speaker).filter((s): s is string => !!s);
      const docs = (await s0.counts()).documents;
      await s0.close();
      await latency(values.keep, docs, [...new Set(speakers)].slice(0, 40), Number(values.seconds));
      return;
    }
    // 1. Storage overhead with the real pipeline.
    const s1 = await openStore(join(dir, 'real.db'));
    const timed = new TimedAnalyzer(new PipelineAnalyzer());
    const ledger = new Ledger(s1, () => timed);
    const t0 = performance.now();
    await ingestAll(ledger, sample);
    const total = (performance.now() - t0) / 1000;
    const counts = await s1.counts();
    await s1.close();
    console.log(`ingest, real pipeline, SQLite: ${sample.length} docs in ${total.toFixed(1)} s (${(sample.length / total).toFixed(1)} docs/s); ` +
      `analysis ${timed.seconds.toFixed(1)} s, store ${(total - timed.seconds).toFixed(2)} s = ${(100 * (total - timed.seconds) / timed.seconds).toFixed(1)}% of the pipeline's time; ${counts.quotes} quotes`);

    // 2. The 20,000-document store, each base text analysed once by the real pipeline.
    const n = Number(values.docs);
    // Distinct texts are the first BASE_TEXTS of the corpus (PolNeAR and BBC in turn), cycled under new ids.
    const firsts = take(corpusDocs(base, Infinity), BASE_TEXTS);
    const docs = Array.from({ length: n }, (_, i) => ({ ...firsts[i % firsts.length]!, id: `bench-${i}` }));
    const distinct = new Map<string, NewsRecord>();
    const pipeline = new PipelineAnalyzer();
    const tA = performance.now();
    for (const d of docs) if (!distinct.has(d.text)) distinct.set(d.text, pipeline.analyze({ ...d, id: 'base' }));
    log(`analysed ${distinct.size} distinct base texts in ${((performance.now() - tA) / 1000).toFixed(0)} s`);
    const dbPath = values.keep ?? join(dir, 'big.db');
    const s2 = await openStore(dbPath);
    const big = new Ledger(s2, () => new RecordedAnalyzer(distinct));
    const tB = performance.now();
    await ingestAll(big, docs.map((d, i) => ({ ...d, date: `20${String(14 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, outlet: OUTLETS[i % OUTLETS.length]! })));
    const storeSeconds = (performance.now() - tB) / 1000;
    const c2 = await s2.counts();
    const speakers = (await s2.listStatements({}, { limit: 40, offset: 0 })).items.map((s) => s.speaker).filter((s): s is string => !!s);
    await s2.close();
    const mb = (statSync(dbPath).size + (existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0)) / 1e6;
    console.log(`store only (recorded analyser), SQLite: ${docs.length} docs in ${storeSeconds.toFixed(1)} s (${(docs.length / storeSeconds).toFixed(0)} docs/s); ${c2.quotes} quotes; ${mb.toFixed(0)} MB on disk`);

    await latency(dbPath, docs.length, speakers, Number(values.seconds));

    // 4. PostgreSQL: the queue with 1 and 2 worker processes, the real pipeline.
    if (values.pg) {
      const pgDocs = sample.slice(0, Number(values['pg-docs']));
      for (const workers of [1, 2]) {
        const schema = `bench_${workers}_${process.pid}`;
        spawnSync('psql', [values.pg, '-qc', `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`]);
        const u = new URL(values.pg);
        u.searchParams.set('options', `-c search_path=${schema},public`);
        const { IngestQueue, openQueue } = await import('./queue.js');
        // A queue schema of its own per run, so no job of an earlier run is taken.
        process.env.NEWSLEDGER_QUEUE_SCHEMA = `${schema}_boss`;
        const q = new IngestQueue(await openQueue(u.toString()));
        for (const d of pgDocs) await q.add(d);
        await q.flush();
        await q.boss.stop({ graceful: false, wait: true });
        const t = performance.now();
        await Promise.all(Array.from({ length: workers }, () => new Promise<void>((resolve) => {
          const w = spawn(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'src', 'cli', 'main.ts'), 'worker', '--db', u.toString(), '--until-empty'],
            { cwd: PACKAGE_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
          w.once('exit', () => resolve());
        })));
        const secs = (performance.now() - t) / 1000;
        const s3 = await openStore(u.toString());
        const c3 = await s3.counts();
        await s3.close();
        console.log(`ingest, real pipeline, PostgreSQL queue, ${workers} worker(s): ${c3.documents} docs in ${secs.toFixed(1)} s (${(c3.documents / secs).toFixed(1)} docs/s, incl. worker start-up)`);
        spawnSync('psql', [values.pg, '-qc', `DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`]);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (existsSync(PACKAGE_ROOT)) main().catch((e) => {
  process.stderr.write(`store-bench: ${(e as Error).stack}\n`);
  process.exitCode = 1;
});
