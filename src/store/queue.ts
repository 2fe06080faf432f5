// Ingestion as a job queue in PostgreSQL (pg-boss): `ingest --queue` adds one job per document, and any number of
// `newsledger worker` processes take jobs and write to the one store. Each write holds the store's write lock and
// first replays what other workers stored (ledger.ts), so the cross-document links come out as in one process, in
// the order the documents were stored; a worker takes a batch of jobs at a time and analyses their documents
// together (Ledger.ingestBatch). Failed jobs are retried, then kept as failed with their error; every failed
// attempt also writes (or counts) the document's error entry in the store, which its success removes, so
// `newsledger errors` and `retry` see queue failures as they see any other. A worker that dies mid-job (killed, the
// machine lost) leaves its jobs active: after JOB_EXPIRE_SECONDS pg-boss's maintenance (run by every worker, every
// maintenance interval) expires them and they are retried by whichever worker is up. The batch's transaction died
// with its connection, so the retry starts from a store that holds each document whole or not at all.
import PgBoss from 'pg-boss';
import type { IngestedDoc } from '../ingest/document.js';
import { documentError } from './ingestRun.js';
import { INGEST_BATCH_DOCS, type Ledger } from './ledger.js';
import { documentKey } from './store.js';
import { describeInput } from './inputs.js';

export const INGEST_QUEUE = 'newsledger-ingest';
/** A document whose analysis throws is tried this many more times (a lock timeout can be transient). */
const RETRY_LIMIT = 2;
/** Jobs per INSERT when enqueueing a corpus. */
const ENQUEUE_BATCH = 500;
/**
 * A job still active this long after a worker took it is taken to be abandoned (its worker died) and retried. Far
 * above one document's analysis; NEWSLEDGER_QUEUE_EXPIRE_SECONDS sets it when enqueueing (tests use a few seconds).
 */
export const JOB_EXPIRE_SECONDS = 15 * 60;

function envSeconds(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of seconds, at least 1`);
  return n;
}

/**
 * The queue's tables live in their own schema: NEWSLEDGER_QUEUE_SCHEMA, else pgboss. Maintenance (expiring the jobs
 * of dead workers) runs every pg-boss default 120 s, or NEWSLEDGER_QUEUE_MAINTENANCE_SECONDS (tests: 1).
 */
export async function openQueue(url: string, schema = process.env.NEWSLEDGER_QUEUE_SCHEMA ?? 'pgboss'): Promise<PgBoss> {
  const maintenance = envSeconds('NEWSLEDGER_QUEUE_MAINTENANCE_SECONDS');
  const boss = new PgBoss({ connectionString: url, schema, max: 4, ...(maintenance ? { maintenanceIntervalSeconds: maintenance } : {}) });
  // pg-boss reports connection trouble as events; without a listener an 'error' event would end the process.
  boss.on('error', (e) => process.stderr.write(`newsledger: queue: ${(e as Error).message}\n`));
  await boss.start();
  await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, retryLimit: RETRY_LIMIT, expireInSeconds: JOB_EXPIRE_SECONDS });
  return boss;
}

export class IngestQueue {
  private pending: PgBoss.JobInsert[] = [];

  constructor(readonly boss: PgBoss) {}

  async add(doc: IngestedDoc): Promise<void> {
    const expireInSeconds = envSeconds('NEWSLEDGER_QUEUE_EXPIRE_SECONDS') ?? JOB_EXPIRE_SECONDS;
    this.pending.push({ name: INGEST_QUEUE, data: doc as unknown as object, retryLimit: RETRY_LIMIT, expireInSeconds });
    if (this.pending.length >= ENQUEUE_BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    await this.boss.insert(this.pending);
    this.pending = [];
  }
}

export interface WorkerStats {
  stored: number;
  unchanged: number;
  failed: number;
}

/** How long a worker with nothing to do waits before asking the queue again. */
const IDLE_POLL_MS = 500;

/**
 * The next jobs to process together: up to INGEST_BATCH_DOCS, analysed as one batch (Ledger.ingestBatch). A job that
 * is being retried (it failed, or expired because its worker died or hung) comes alone: a document that blocks the
 * analyser would otherwise hold a batch of other jobs until they expired as well, using up their retries. pg-boss
 * gives the oldest job first, and a retried job is older than any not yet taken, so one is asked for first; the
 * rest of the batch are then the jobs after it (a retried one among them only if it expired meanwhile: see runWorker).
 */
async function takeJobs(boss: PgBoss): Promise<Array<PgBoss.JobWithMetadata<IngestedDoc>>> {
  const first = await boss.fetch<IngestedDoc>(INGEST_QUEUE, { batchSize: 1, includeMetadata: true });
  if (first.length === 0 || first[0]!.retryCount > 0) return first;
  return [...first, ...(await boss.fetch<IngestedDoc>(INGEST_QUEUE, { batchSize: INGEST_BATCH_DOCS - 1, includeMetadata: true }))];
}

/**
 * Takes ingest jobs until stopped, or with untilEmpty until the queue has nothing queued or running (a job a dead
 * worker still holds counts as running until it expires and is done here). A batch of jobs at a time (takeJobs),
 * the next asked for as soon as one is done (pg-boss's own work loop waits its polling interval after every job,
 * which capped a worker at two documents a second). Resolves with what this worker did.
 */
export async function runWorker(boss: PgBoss, ledger: Ledger, o: { untilEmpty: boolean; log: (m: string) => void }): Promise<WorkerStats> {
  const stats: WorkerStats = { stored: 0, unchanged: 0, failed: 0 };
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    while (!stopping) {
      const jobs = await takeJobs(boss);
      if (jobs.length === 0) {
        if (o.untilEmpty && (await boss.getQueueSize(INGEST_QUEUE, { before: 'completed' }).catch(() => 1)) === 0) break;
        await new Promise((r) => setTimeout(r, IDLE_POLL_MS));
        continue;
      }
      // New jobs together, then any retried one that came with them alone, so none of them waits behind it.
      const fresh = jobs.filter((j) => j.retryCount === 0);
      for (const group of [fresh, ...jobs.filter((j) => j.retryCount > 0).map((j) => [j])]) {
        await ingestJobs(boss, ledger, group, stats, o.log);
      }
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return stats;
}

/** Stores the documents of these jobs (in batches, in order) and completes or fails each job. */
async function ingestJobs(boss: PgBoss, ledger: Ledger, jobs: Array<PgBoss.Job<IngestedDoc>>, stats: WorkerStats, log: (m: string) => void): Promise<void> {
  for (let rest = jobs; rest.length > 0;) {
    const results = await ledger.ingestBatch(rest.map((j) => ({ doc: j.data })));
    for (const [i, r] of results.entries()) {
      const job = rest[i]!;
      const doc = job.data;
      if (r instanceof Error) {
        stats.failed++;
        log(`${doc.id}: ${r.message}`);
        // Every failed attempt is in the store (counted on one entry), so a job whose last try dies with its worker
        // is still listed; a later success removes the entry.
        await ledger.store.recordError(documentError(describeInput(doc), doc, r)).catch((err: Error) =>
          log(`${doc.id}: the error entry could not be written either: ${err.message}`));
        await boss.fail(INGEST_QUEUE, job.id, { message: r.message });
        continue;
      }
      if (r.outcome === 'unchanged') stats.unchanged++;
      else stats.stored++;
      // Killed between the commit and this, the job expires and is retried: the retry finds the text stored.
      await boss.complete(INGEST_QUEUE, job.id);
    }
    rest = rest.slice(results.length);
  }
}

export interface FailedJob {
  id: string;
  document: string;
  error: string;
  at: string;
}

/** Documents whose jobs failed for good (after their retries), newest first, from pg-boss's job and archive tables. */
export async function failedJobs(boss: PgBoss, schema = process.env.NEWSLEDGER_QUEUE_SCHEMA ?? 'pgboss', limit = 500): Promise<FailedJob[]> {
  const db = boss.getDb() as { executeSql(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
  if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`not a schema name: ${schema}`);
  const rows = await db.executeSql(
    `SELECT id, data->>'id' AS document, output, completed_on FROM ${schema}.job WHERE name = $1 AND state = 'failed' ` +
      'ORDER BY completed_on DESC LIMIT $2', [INGEST_QUEUE, limit]);
  return rows.rows.map((r) => {
    const out = r.output as { message?: string } | null;
    return { id: String(r.id), document: String(r.document), error: out?.message ?? JSON.stringify(out), at: new Date(r.completed_on as string).toISOString() };
  });
}

/**
 * Failed jobs whose document is not stored become error entries (an entry already there is left as it is), so the
 * store's entries list every queue failure, even a job whose last attempt died with its worker before it could
 * record one. Returns how many were added.
 */
export async function adoptFailedJobs(boss: PgBoss, ledger: Ledger, schema = process.env.NEWSLEDGER_QUEUE_SCHEMA ?? 'pgboss'): Promise<number> {
  const db = boss.getDb() as { executeSql(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
  if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`not a schema name: ${schema}`);
  const rows = await db.executeSql(`SELECT id, data, output FROM ${schema}.job WHERE name = $1 AND state = 'failed' ORDER BY completed_on`, [INGEST_QUEUE]);
  let added = 0;
  for (const r of rows.rows) {
    const doc = r.data as IngestedDoc;
    const out = r.output as { message?: string; value?: { message?: string } } | null;
    const message = out?.message ?? out?.value?.message ?? JSON.stringify(out);
    const entry = { ...documentError(`queue job ${String(r.id)}`, doc, new Error(message)), stage: 'queue' as const };
    if (await ledger.isStored(documentKey(doc), entry.input.kind === 'doc' ? entry.input.hash : '')) continue;
    if (await ledger.store.recordError(entry, { ifNew: true })) added++;
  }
  return added;
}
