// Ingestion as a job queue in PostgreSQL (pg-boss): `ingest --queue` adds one job per document, and any number of
// `newsledger worker` processes take jobs and write to the one store. Each write holds the store's write lock and
// first replays what other workers stored (ledger.ts), so the cross-document links come out as in one process, in
// the order the documents were stored. Failed jobs are retried, then kept as failed with their error.
import PgBoss from 'pg-boss';
import type { IngestedDoc } from '../ingest/document.js';
import type { Ledger } from './ledger.js';

export const INGEST_QUEUE = 'newsledger-ingest';
/** A document whose analysis throws is tried this many more times (a lock timeout can be transient). */
const RETRY_LIMIT = 2;
/** Jobs per INSERT when enqueueing a corpus. */
const ENQUEUE_BATCH = 500;

/** The queue's tables live in their own schema: NEWSLEDGER_QUEUE_SCHEMA, else pgboss. */
export async function openQueue(url: string, schema = process.env.NEWSLEDGER_QUEUE_SCHEMA ?? 'pgboss'): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, schema, max: 4 });
  // pg-boss reports connection trouble as events; without a listener an 'error' event would end the process.
  boss.on('error', (e) => process.stderr.write(`newsledger: queue: ${(e as Error).message}\n`));
  await boss.start();
  await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, retryLimit: RETRY_LIMIT });
  return boss;
}

export class IngestQueue {
  private pending: PgBoss.JobInsert[] = [];

  constructor(readonly boss: PgBoss) {}

  async add(doc: IngestedDoc): Promise<void> {
    this.pending.push({ name: INGEST_QUEUE, data: doc as unknown as object, retryLimit: RETRY_LIMIT });
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

/**
 * Takes ingest jobs until stopped, or with untilEmpty until the queue has nothing queued or running. Resolves with
 * what this worker did.
 */
export async function runWorker(boss: PgBoss, ledger: Ledger, o: { untilEmpty: boolean; log: (m: string) => void }): Promise<WorkerStats> {
  const stats: WorkerStats = { stored: 0, unchanged: 0, failed: 0 };
  await boss.work<IngestedDoc>(INGEST_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    try {
      const r = await ledger.ingest(job!.data);
      if (r.outcome === 'unchanged') stats.unchanged++;
      else stats.stored++;
    } catch (e) {
      stats.failed++;
      o.log(`${job!.data.id}: ${(e as Error).message}`);
      throw e;
    }
  });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (o.untilEmpty) {
      const timer = setInterval(async () => {
        const queued = await boss.getQueueSize(INGEST_QUEUE, { before: 'completed' }).catch(() => 1);
        if (queued === 0) {
          clearInterval(timer);
          resolve();
        }
      }, 1000);
    }
  });
  await boss.offWork(INGEST_QUEUE);
  return stats;
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
