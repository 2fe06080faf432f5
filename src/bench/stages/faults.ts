// Crash trials: `newsledger ingest` processes killed with SIGKILL (kill -9) at random points of an ingest of 1,000
// documents, each kill followed by the store's integrity check, then a last run that must complete the set: exactly
// the documents given, none lost, none twice. The kill points come from a seeded PRNG (src/util/random.ts), so a
// failing trial reproduces: a trial waits until its run has stored k more documents (k drawn from the PRNG; the
// parent polls the store), then waits 0-3 ms more (also drawn) and kills, so kills land inside write transactions,
// between them, and now and then (k = 0) while the process is still starting or migrating the schema.
//
// The runs are the real ingest command (src/store/ingestProcess.ts: `newsledger ingest` without the other commands) with the stub
// analyser (NEWSLEDGER_ANALYZER=stub, src/store/stub.ts): the pipeline would make each trial take minutes, and the
// store's writes, locking and replay are the same. Runs are cumulative: each run after a kill is the rerun of the
// one before, resuming (its stored documents come back "unchanged"), and is itself killed, until the last.
//
// runFaultTrials is the entry for other code (the README generator); faultsStage the `npm run bench` stage; the
// tests (test/reliability-store-crash.test.ts) call crashTrials for the per-trial detail.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../store/open.js';
import type { SqlStore } from '../../store/sqlStore.js';
import { prng } from '../../util/random.js';
import { PACKAGE_ROOT } from '../../version.js';
import type { BenchRow, BenchStage } from '../stages.js';
import { freshPgSchema } from '../../store/pgSchema.js';

export interface FaultFigures {
  backend: 'sqlite' | 'postgres';
  trials: number;
  documents: number;
  lost: number;
  duplicates: number;
  integrityFailures: number;
  seconds: number;
}

export interface TrialResult {
  /** Documents stored when the run was killed (as the parent last saw them) and after the kill. */
  seenBeforeKill: number;
  afterKill: number;
  /** The run finished before its kill point (no fault injected). */
  completed: boolean;
  integrity: string[];
}

export interface CrashReport extends FaultFigures {
  seed: number;
  details: TrialResult[];
  /** The last run's exit code and the store's final state. */
  finalExit: number | null;
  finalDocuments: number;
  finalVersions: number;
  problems: string[];
}

export const DEFAULT_FAULT_SEED = 20_261_123;
export const DEFAULT_FAULT_DOCS = 1000;

/**
 * `newsledger ingest` (or `worker`) as a process: src/store/ingestProcess.ts, the command without the rest of the CLI
 * (a third of the start-up time); the TypeScript source under tsx (tests), the built file otherwise.
 */
export function cliCommand(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts')
    ? { file: fileURLToPath(new URL('../../store/ingestProcess.ts', import.meta.url)), execArgv: ['--import', 'tsx'] }
    : { file: fileURLToPath(new URL('../../store/ingestProcess.js', import.meta.url)), execArgv: [] };
}

/** Stub-markup documents: a quote whose wording recurs (run-wide statement ids), entities, words for full text. */
export function faultCorpus(n: number, prefix = 'f'): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = [`Story ${i} about the harbour budget`, `Q|Speaker ${i % 7}|remark ${i % 13} on topic ${i % 5}`,
      `E|PERSON|Speaker ${i % 7}`, `E|ORG|Council ${i % 11}`, `Body text of story ${i}: the council met on day ${i % 28}.`].join('\n');
    lines.push(JSON.stringify({ id: `${prefix}${i}`, text, date: `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`, outlet: `Outlet ${i % 4}` }));
  }
  return lines.join('\n') + '\n';
}

async function versionsIn(store: SqlStore): Promise<number> {
  return Number((await store.driver.all<{ n: number }>('SELECT COUNT(*) AS n FROM versions'))[0]!.n);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs the trials and returns the figures with every trial's detail. */
export async function crashTrials(backend: 'sqlite' | 'postgres', trials: number,
  opts: { docs?: number; pgUrl?: string; seed?: number; log?: (m: string) => void } = {}): Promise<CrashReport> {
  const docs = opts.docs ?? DEFAULT_FAULT_DOCS;
  const seed = opts.seed ?? DEFAULT_FAULT_SEED;
  const rand = prng(seed + (backend === 'postgres' ? 1 : 0));
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'newsledger-faults-'));
  const corpus = join(dir, 'corpus.jsonl');
  writeFileSync(corpus, faultCorpus(docs));
  let db: string;
  let drop = async () => undefined as void;
  if (backend === 'postgres') {
    if (!opts.pgUrl) throw new Error('crash trials on PostgreSQL need a server URL');
    const s = await freshPgSchema(opts.pgUrl, `faults_${process.pid}_${Date.now() % 1e6}`);
    db = s.url;
    drop = s.drop;
  } else {
    db = join(dir, 'ledger.db');
  }
  // The parent's own connection: it creates the schema, watches progress and checks the store after each kill.
  const observer = await openStore(db, { poolSize: 2 });
  const cli = cliCommand();
  const env = { ...process.env, NEWSLEDGER_ANALYZER: 'stub', NEWSLEDGER_STUB_FAIL: '' };
  const run = (onSpawn?: (kill: () => void, exited: Promise<number | null>) => Promise<void>) => {
    const child = spawn(process.execPath, [...cli.execArgv, cli.file, '--db', db, '--input', 'jsonl', corpus],
      { cwd: PACKAGE_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
      resolve(code);
      // Its standard error is read to the end by then, or soon: never let the pipe keep this process waiting.
      setTimeout(() => child.stderr.destroy(), 1000).unref();
    }));
    const watching = onSpawn?.(() => child.kill('SIGKILL'), exited) ?? Promise.resolve();
    return Promise.all([exited, watching]).then(([code]) => ({ code, stderr }));
  };
  const details: TrialResult[] = [];
  const problems: string[] = [];
  let integrityFailures = 0;
  let lost = 0;
  const check = async (when: string) => {
    // A connection of its own, as the next process to open the store would have.
    const fresh = await openStore(db, { poolSize: 1 });
    const report = await fresh.integrityCheck().finally(() => fresh.close());
    if (!report.ok) {
      integrityFailures++;
      problems.push(`${when}: ${report.problems.join('; ')}`);
    }
    return report;
  };
  try {
    for (let i = 0; i < trials; i++) {
      const before = await versionsIn(observer);
      // Kill points: a few while starting (k = 0, after a random number of milliseconds), the others after k more
      // documents, k spread so the kills fall across the whole set and leave a part for the last run.
      const startKill = rand() < 0.1;
      const k = 1 + Math.floor(rand() * Math.max(1, Math.floor(docs / trials)));
      const extraMs = Math.floor(rand() * 4);
      const startMs = Math.floor(rand() * 600);
      let seen = before;
      let completed = false;
      await run(async (kill, exited) => {
        let done = false;
        void exited.then(() => (done = true));
        if (startKill) {
          await sleep(startMs);
        } else {
          while (!done) {
            seen = await versionsIn(observer);
            if (seen >= before + k) break;
            await sleep(3);
          }
          if (extraMs) await sleep(extraMs);
        }
        if (done) completed = true;
        else kill();
      });
      const afterKill = await versionsIn(observer);
      // A committed document must survive its process: fewer than the parent saw is a loss.
      if (afterKill < seen) {
        lost += seen - afterKill;
        problems.push(`trial ${i}: ${seen} documents seen before the kill, ${afterKill} after`);
      }
      const report = await check(`trial ${i} (after ${afterKill} documents)`);
      details.push({ seenBeforeKill: seen, afterKill, completed, integrity: report.problems });
      opts.log?.(`trial ${i + 1}/${trials}: ${completed ? 'finished before its kill point' : `killed at ${afterKill}/${docs} documents`}` +
        `${report.ok ? '' : `; integrity: ${report.problems.join('; ')}`}`);
    }
    const last = await run();
    if (last.code !== 0) problems.push(`the last run exited ${last.code}: ${last.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    await check('after the last run');
    const finalDocuments = Number((await observer.driver.all<{ n: number }>('SELECT COUNT(DISTINCT doc_key) AS n FROM documents'))[0]!.n);
    const finalVersions = await versionsIn(observer);
    lost += Math.max(0, docs - finalDocuments);
    // Each document is given once with one text: any second version, or row, is a duplicate.
    const rows = Number((await observer.driver.all<{ n: number }>('SELECT COUNT(*) AS n FROM documents'))[0]!.n);
    const duplicates = (finalVersions - finalDocuments) + (rows - finalDocuments);
    const injected = details.filter((d) => !d.completed).length;
    return {
      backend, trials: injected, documents: docs, lost, duplicates, integrityFailures,
      seconds: (performance.now() - t0) / 1000, seed, details, finalExit: last.code, finalDocuments, finalVersions, problems,
    };
  } finally {
    await observer.close();
    await drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The crash trials' figures (for the README generator and the bench stage). */
export async function runFaultTrials(backend: 'sqlite' | 'postgres', trials: number, opts?: { docs?: number; pgUrl?: string }): Promise<FaultFigures> {
  const r = await crashTrials(backend, trials, opts);
  return { backend: r.backend, trials: r.trials, documents: r.documents, lost: r.lost, duplicates: r.duplicates,
    integrityFailures: r.integrityFailures, seconds: r.seconds };
}

/** The PostgreSQL server the trials use: NEWSLEDGER_PG_URL, else the tests' NEWSLEDGER_TEST_PG. */
export function faultsPgUrl(): string | null {
  return process.env.NEWSLEDGER_PG_URL || process.env.NEWSLEDGER_TEST_PG || null;
}

export const faultsStage: BenchStage = {
  name: 'faults',
  needsData: false,
  description: 'crash trials: ingest processes killed (SIGKILL) at seeded random points; lost, duplicated, integrity failures',
  async run(ctx): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const backends: ['sqlite' | 'postgres', number][] = [['sqlite', 20]];
    const pgUrl = faultsPgUrl();
    if (pgUrl) backends.push(['postgres', 10]);
    else ctx.progress('faults: PostgreSQL trials skipped (set NEWSLEDGER_PG_URL)');
    for (const [backend, trials] of backends) {
      const f = await runFaultTrials(backend, trials, { pgUrl: pgUrl ?? undefined });
      ctx.progress(`faults ${backend}: ${f.trials} kills, ${f.documents} documents given, ${f.lost} lost, ${f.duplicates} duplicates, ` +
        `${f.integrityFailures} integrity failures, ${f.seconds.toFixed(1)} s`);
      rows.push({
        stage: `faults ${backend}: ${f.trials} kills, ${f.lost} lost, ${f.duplicates} dup, ${f.integrityFailures} integrity failures`,
        measuredOn: `${f.documents} stub documents, ingest killed -9 ${f.trials} times, then completed`,
        docs: f.documents, mb: 0, seconds: f.seconds, items: { count: f.trials, unit: 'kills' },
      });
    }
    return rows;
  },
};
