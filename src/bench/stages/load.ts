// The API under load: a SQLite store of real news records, `newsledger serve` on loopback in a process of its own,
// warmed (one request to each path, then a few seconds at full load, unmeasured), then autocannon (here) with 50 connections over a mix of read endpoints for a
// bounded time, while a writer process ingests new documents into the same store file. It reports requests/s, latency percentiles (computed exactly from
// every response time, not read off autocannon's p97.5/p99), errors, timeouts and non-2xx answers, overall and per
// endpoint. It measures and reports; it never asserts (the issue's target: no errors, p95 under 100 ms).
//
// The store is built fast: a few base texts are analysed once by the real pipeline and their records reused under
// new ids (as src/store/bench.ts does), so the data has the real pipeline's quotes, statements and entities.
//
// Run as a script, this file is the writer process: `load.js --writer DB RECORDS RATE` ingests at RATE documents per
// second until its standard input says "stop", then prints what it wrote as JSON.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { IngestedDoc } from '../../ingest/document.js';
import type { NewsRecord } from '../../model/record.js';
import type { LedgerAnalyzer } from '../../store/analyzer.js';
import { analyzeOneByOne, Ledger } from '../../store/ledger.js';
import { openStore } from '../../store/open.js';
import { corpusDocs, type BaseText } from '../corpus.js';
import type { BenchStage } from '../stages.js';

const HERE = fileURLToPath(import.meta.url);
/** Run from source (tsx) or from the build: child processes are started the same way. */
const FROM_SOURCE = HERE.endsWith('.ts');
const CLI = join(dirname(HERE), '..', '..', 'cli', FROM_SOURCE ? 'main.ts' : 'main.js');
const nodeArgs = (script: string, ...args: string[]) => [...(FROM_SOURCE ? ['--import', 'tsx'] : []), script, ...args];

const OUTLETS = ['Daily', 'Herald', 'Courier', 'Times', 'Post', 'Wire'];
/** The unmeasured run at full load before the measured one. */
const WARM_UP_SECONDS = 3;

export interface LoadOptions {
  /** Documents in the store before the load starts (default 5000). */
  docs?: number;
  /** Distinct base texts analysed by the real pipeline, cycled under new ids (default 40). */
  baseTexts?: number;
  seconds?: number;
  connections?: number;
  /** Documents per second the writer ingests during the load (default 10); 0 for no writer. */
  writeRate?: number;
  /** A store built by an earlier run (its documents named load-N, as this one names them) to copy instead of building. */
  reuse?: string;
  /** Where to copy the built store (before the load), to pass as `reuse` to later runs. */
  keep?: string;
  progress?: (message: string) => void;
}

export interface EndpointFigures {
  name: string;
  requests: number;
  p50: number;
  p95: number;
  max: number;
}

export interface LoadFigures {
  backend: 'sqlite';
  documents: number;
  connections: number;
  seconds: number;
  /** Responses received. */
  requests: number;
  rps: number;
  /** Connection errors and timeouts (autocannon's errors, which include its timeouts). */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Internal errors the server logged. */
  serverErrors: number;
  /** Latency percentiles in milliseconds, from every response time. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  endpoints: EndpointFigures[];
  /** Documents the writer ingested during the load, and how many of its writes failed. */
  written: number;
  writeFailures: number;
  /** Seconds spent building the store before the load. */
  buildSeconds: number;
  /** Responses completed in each second of the run, and the slowest of them (ms): where a stall is. */
  perSecond: Array<{ responses: number; max: number }>;
}

/** The real pipeline's record of each base text, reused under a new document's id (its items' ids follow). */
class RecordedAnalyzer implements LedgerAnalyzer {
  constructor(private readonly records: Map<string, NewsRecord>) {}
  analyze(input: IngestedDoc): NewsRecord {
    const r = this.records.get(input.text);
    if (!r) throw new Error('no recorded analysis for this text');
    const json = JSON.stringify({ ...r, text: '' }).split(`"${r.id}:`).join(`"${input.id}:`);
    return { ...(JSON.parse(json) as NewsRecord), id: input.id, text: input.text, source: input.source, outlet: input.outlet, published: input.date };
  }
  analyzeBatch(inputs: readonly IngestedDoc[]): Array<NewsRecord | Error> {
    return analyzeOneByOne(inputs, (input) => this.analyze(input));
  }
  replay(): void {}
}

/** The i-th document of a run: base text i mod n under a new id, with a date and an outlet. */
function nthDoc(texts: readonly string[], i: number, prefix: string): IngestedDoc {
  const day = `20${String(14 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  return { id: `${prefix}-${i}`, source: { corpus: 'bench:load' }, text: texts[i % texts.length]!, date: day, outlet: OUTLETS[i % OUTLETS.length]!, url: null, notes: [] };
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The read mix: a name for the per-endpoint figures and the paths it cycles through. */
function requestMix(words: string[], speakers: string[], entities: string[], keys: string[]): Array<{ name: string; paths: string[] }> {
  const e = encodeURIComponent;
  return [
    { name: 'documents list', paths: ['/api/documents', '/api/documents?limit=20', ...OUTLETS.map((o) => `/api/documents?outlet=${o}&limit=20`)] },
    { name: 'document search', paths: words.map((w) => `/api/search?layer=documents&q=${e(w)}&limit=20`) },
    { name: 'quote search', paths: words.map((w) => `/api/search?layer=quotes&q=${e(w)}&limit=20`) },
    { name: 'quotes', paths: ['/api/quotes', ...speakers.map((s) => `/api/quotes?speaker=${e(s)}&limit=20`)] },
    { name: 'entities', paths: ['/api/entities', '/api/entities?limit=20', ...entities.map((n) => `/api/entities?q=${e(n)}`)] },
    { name: 'statements', paths: ['/api/statements', '/api/statements?limit=20', ...speakers.map((s) => `/api/statements?speaker=${e(s)}`)] },
    { name: 'one document', paths: keys.map((k) => `/api/documents/${e(k)}`) },
  ];
}

function startServer(db: string): Promise<{ child: ChildProcess; port: number; errors: () => number }> {
  const child = spawn(process.execPath, nodeArgs(CLI, 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1'),
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NEWSLEDGER_TOKEN: '' } });
  let logged = 0;
  let buffer = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (b: Buffer) => {
      buffer += String(b);
      logged += (String(b).match(/newsledger serve: request /g) ?? []).length;
      const m = /serving .* on http:\/\/127\.0\.0\.1:(\d+)/.exec(buffer);
      if (m) resolve({ child, port: Number(m[1]), errors: () => logged });
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${buffer.slice(-2000)}`)));
  });
}

/** The writer process, once it has written its first document (it catches up with the store first). */
async function startWriter(db: string, recordsFile: string, rate: number): Promise<{ stop: () => Promise<{ written: number; failures: number }> }> {
  const child = spawn(process.execPath, nodeArgs(HERE, '--writer', db, recordsFile, String(rate)), { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += String(b);
      if (out.includes('ready\n')) resolve();
    });
    void exited.then(() => resolve());
  });
  return {
    async stop() {
      child.stdin!.end('stop\n');
      await exited;
      try {
        return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { written: number; failures: number };
      } catch {
        return { written: 0, failures: -1 };
      }
    },
  };
}

/** Builds the store, serves it, loads it while a writer ingests, and returns the figures. */
export async function runLoadTest(base: readonly BaseText[], o: LoadOptions = {}): Promise<LoadFigures> {
  const docs = o.docs ?? 5000;
  const seconds = o.seconds ?? 20;
  const connections = o.connections ?? 50;
  const writeRate = o.writeRate ?? 10;
  const progress = o.progress ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'newsledger-load-'));
  const db = join(dir, 'load.db');
  try {
    // 1. Records of a few base texts from the real pipeline (imported here: the writer process never needs it).
    const t0 = performance.now();
    const texts: string[] = [];
    for (const d of corpusDocs(base, Infinity)) {
      if (texts.length >= (o.baseTexts ?? 40)) break;
      if (!texts.includes(d.text)) texts.push(d.text);
    }
    const { PipelineAnalyzer } = await import('../../store/analyzer.js');
    const pipeline = new PipelineAnalyzer();
    const records = new Map<string, NewsRecord>(texts.map((t, i) => [t, pipeline.analyze({ ...nthDoc(texts, i, 'base'), id: 'base' })]));
    const recordsFile = join(dir, 'records.json');
    writeFileSync(recordsFile, JSON.stringify([...records.entries()]));
    progress(`load: analysed ${texts.length} base texts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // 2. The store.
    const t1 = performance.now();
    if (o.reuse) copyFileSync(o.reuse, db);
    const store = await openStore(db);
    const ledger = new Ledger(store, () => new RecordedAnalyzer(records));
    if (!o.reuse) for (let i = 0; i < docs; i++) await ledger.ingest(nthDoc(texts, i, 'load'));
    const speakers = [...new Set((await store.listQuotes({}, { limit: 500, offset: 0 })).items.map((q) => q.speaker).filter((s): s is string => !!s))].slice(0, 20);
    const entities = (await store.listEntities({}, { limit: 20, offset: 0 })).items.map((x) => x.name);
    await store.close();
    if (o.keep) copyFileSync(db, o.keep);
    const buildSeconds = (performance.now() - t0) / 1000;
    progress(`load: ${docs} documents stored in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

    // 3. Serve, write, load.
    const words = ['president', 'election', 'police', 'government', 'minister', 'market', '"prime minister"', 'war', 'economy', 'health', 'court', 'said'];
    const keys = Array.from({ length: 50 }, (_, i) => `load-${(i * 97) % docs}`);
    const mix = requestMix(words, speakers.length ? speakers : ['smith'], entities.length ? entities : ['london'], keys);
    const server = await startServer(db);
    // Warm-up, as a server in service is: one request to each path, so the measured run starts with its caches full.
    // Then a short unmeasured run at full load: the first seconds of any run here are slow (both JITs warming, the
    // connections opening), even for an endpoint that does nothing.
    const t2 = performance.now();
    for (const m of mix) for (const path of m.paths) await fetch(`http://127.0.0.1:${server.port}${path}`).then((r) => r.arrayBuffer());
    const all = mix.flatMap((m) => m.paths);
    let w = 0;
    await new Promise<void>((resolve, reject) => autocannon({
      url: `http://127.0.0.1:${server.port}`, connections, duration: WARM_UP_SECONDS,
      requests: [{ setupRequest: (req) => ({ ...req, path: all[w++ % all.length]! }) }],
    }, (err) => (err ? reject(err) : resolve())));
    progress(`load: warm-up, one request to each of ${all.length} paths, then ${WARM_UP_SECONDS} s unmeasured: ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    const writer = writeRate > 0 ? await startWriter(db, recordsFile, writeRate) : null;
    const times: number[] = [];
    const perSecond: Array<{ responses: number; max: number }> = [];
    let started = 0;
    const byEndpoint = new Map<string, number[]>(mix.map((m) => [m.name, []]));
    let result: autocannon.Result;
    let wrote = { written: 0, failures: 0 };
    try {
      let n = 0;
      progress(`load: ${connections} connections for ${seconds} s on http://127.0.0.1:${server.port}, writer at ${writeRate} docs/s`);
      result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon({
          url: `http://127.0.0.1:${server.port}`,
          connections,
          duration: seconds,
          timeout: 10,
          requests: [{
            setupRequest: (req, context) => {
              // Endpoints in turn, each cycling through its own paths.
              const m = mix[n % mix.length]!;
              const path = m.paths[Math.floor(n / mix.length) % m.paths.length]!;
              n++;
              (context as { endpoint?: string }).endpoint = m.name;
              return { ...req, path };
            },
          }],
        }, (err, r) => (err ? reject(err) : resolve(r)));
        // autocannon reports p50/p97.5/p99 only: every response time is kept, for an exact p95 overall and per
        // endpoint (the client's context names the endpoint of the request it just completed).
        started = performance.now();
        instance.on('response', (client: unknown, _status: number, _bytes: number, ms: number) => {
          times.push(ms);
          const sec = Math.floor((performance.now() - started) / 1000);
          const b = (perSecond[sec] ??= { responses: 0, max: 0 });
          b.responses++;
          b.max = Math.max(b.max, ms);
          const name = (client as { requestIterator?: { context?: { endpoint?: string } } }).requestIterator?.context?.endpoint;
          if (name) byEndpoint.get(name)?.push(ms);
        });
      });
    } finally {
      if (writer) wrote = await writer.stop();
      server.child.kill('SIGTERM');
      await new Promise<void>((resolve) => (server.child.exitCode !== null ? resolve() : server.child.once('exit', () => resolve())));
    }
    times.sort((a, b) => a - b);
    const endpoints = [...byEndpoint.entries()].map(([name, t]) => {
      t.sort((a, b) => a - b);
      return { name, requests: t.length, p50: pct(t, 50), p95: pct(t, 95), max: t[t.length - 1] ?? 0 };
    });
    return {
      backend: 'sqlite', documents: docs, connections, seconds,
      requests: times.length, rps: times.length / seconds,
      errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, serverErrors: server.errors(),
      p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), max: times[times.length - 1] ?? 0,
      endpoints, written: wrote.written, writeFailures: wrote.failures, buildSeconds,
      perSecond: Array.from(perSecond, (b) => b ?? { responses: 0, max: 0 }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per figure, for the bench's progress output. */
export function describeLoad(f: LoadFigures): string[] {
  return [
    `load: ${f.requests} requests in ${f.seconds} s (${f.rps.toFixed(0)} req/s) at ${f.connections} connections on a ${f.documents}-document SQLite store; ` +
      `p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(0)} ms; ${f.errors} errors (${f.timeouts} timeouts), ${f.non2xx} non-2xx, ` +
      `${f.serverErrors} logged server errors; ${f.written} documents ingested meanwhile (${f.writeFailures} failed writes)`,
    ...f.endpoints.map((e) => `load:   ${e.name}: ${e.requests} requests, p50 ${e.p50.toFixed(1)} ms, p95 ${e.p95.toFixed(1)} ms, max ${e.max.toFixed(0)} ms`),
    `load: responses per second (slowest ms): ${f.perSecond.map((b) => `${b.responses} (${b.max.toFixed(0)})`).join(', ')}`,
    `load: machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}, Node ${process.version}`,
  ];
}

export const loadStage: BenchStage = {
  name: 'load',
  description: 'the HTTP API under 50 connections for 20 s (read mix) while a writer ingests into the same SQLite store',
  async run(ctx) {
    const f = await runLoadTest(ctx.base, { progress: ctx.progress });
    for (const line of describeLoad(f)) ctx.progress(line);
    return [{
      stage: `load API read mix: p95 ${f.p95.toFixed(1)} ms, ${f.errors} errors, ${f.non2xx} non-2xx`,
      measuredOn: `${f.documents}-doc SQLite store, ${f.connections} connections, ${f.seconds} s, ${f.written} docs ingested meanwhile`,
      docs: null,
      mb: 0,
      seconds: f.seconds,
      items: { count: f.requests, unit: 'requests' },
    }];
  },
};

/** The writer process: ingests documents at a steady rate until told to stop, then prints what it did. */
async function writerMain(db: string, recordsFile: string, rate: number): Promise<void> {
  const records = new Map<string, NewsRecord>(JSON.parse(readFileSync(recordsFile, 'utf8')) as Array<[string, NewsRecord]>);
  const texts = [...records.keys()];
  const store = await openStore(db);
  const ledger = new Ledger(store, () => new RecordedAnalyzer(records));
  let stop = false;
  createInterface({ input: process.stdin }).on('line', () => (stop = true)).on('close', () => (stop = true));
  let written = 0;
  let failures = 0;
  const t0 = performance.now();
  for (let i = 0; !stop; i++) {
    try {
      await ledger.ingest(nthDoc(texts, i, 'written'));
      if (written++ === 0) process.stdout.write('ready\n');
    } catch (e) {
      if (failures++ === 0 && written === 0) process.stdout.write('ready\n');
      process.stderr.write(`load writer: ${(e as Error).message}\n`);
    }
    // Paced: document i+1 is due at (i+1)/rate seconds from the start.
    const wait = ((i + 1) / rate) * 1000 - (performance.now() - t0);
    await new Promise((r) => setTimeout(r, Math.max(0, wait)));
  }
  await store.close();
  process.stdout.write(JSON.stringify({ written, failures }) + '\n');
}

if (process.argv[1] === HERE && process.argv[2] === '--writer') {
  writerMain(process.argv[3]!, process.argv[4]!, Number(process.argv[5])).catch((e) => {
    process.stderr.write(`load writer: ${(e as Error).stack}\n`);
    process.exitCode = 1;
  });
}
