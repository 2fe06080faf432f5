import { parseArgs } from 'node:util';
import { Ledger } from '../../store/ledger.js';
import { retryErrors, summary } from '../../store/ingestRun.js';
import { dbArgument, openStore, storeExists } from '../../store/open.js';
import type { SqlStore } from '../../store/sqlStore.js';
import { analyzerFactory } from '../../store/stub.js';
import { type CliCommand, UsageError } from '../command.js';

/**
 * On PostgreSQL, queue jobs that failed for good become error entries first (queue.ts, adoptFailedJobs), when the
 * store has the queue's tables at all.
 */
export async function adoptQueueFailures(store: SqlStore): Promise<void> {
  if (store.dialect !== 'postgres') return;
  const schema = process.env.NEWSLEDGER_QUEUE_SCHEMA ?? 'pgboss';
  const rows = await store.driver.all<{ t: string | null }>('SELECT to_regclass(?) AS t', [`${schema}.job`]);
  if (!rows[0]?.t) return;
  const { adoptFailedJobs, openQueue } = await import('../../store/queue.js');
  const { PostgresDriver } = await import('../../store/postgres.js');
  const boss = await openQueue((store.driver as InstanceType<typeof PostgresDriver>).url, schema);
  try {
    await adoptFailedJobs(boss, new Ledger(store, () => {
      throw new Error('no analysis while listing errors');
    }), schema);
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
  }
}

export const retryCommand: CliCommand = {
  name: 'retry',
  summary: 'process the inputs of error entries again (all, or the ones named); an entry whose input is stored goes',
  usage: `newsledger retry [ID...] [--db FILE|URL]

  ID...            error entries to retry (the "id" of \`newsledger errors\`); default: every entry, oldest first

Each entry's input is read again from what the entry kept (the bytes, or the document), not from the original file
(which is read only when nothing could be kept: a file that was missing or too large). An input that is stored now
removes its entry; one that fails again keeps it, with the new error and one more attempt counted.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' } } });
    const ids = positionals.map((p) => {
      const n = Number(p);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`not an error entry id: ${p}`);
      return n;
    });
    const makeAnalyzer = await analyzerFactory();
    const db = dbArgument(values.db);
    if (!storeExists(db)) throw new UsageError(`no store at ${db} (\`newsledger ingest\` creates one)`);
    const store = await openStore(db);
    let result;
    try {
      await adoptQueueFailures(store);
      result = await retryErrors(new Ledger(store, makeAnalyzer), store, ids.length ? ids : undefined, {
        report: (line) => io.err(`newsledger retry: ${line}`),
      });
    } finally {
      await store.close();
    }
    for (const id of result.missing) io.err(`newsledger retry: no error entry ${id}`);
    io.err(`newsledger retry: ${result.entries} entr${result.entries === 1 ? 'y' : 'ies'}, ${summary(result)}`);
    return result.failed > 0 || result.missing.length > 0 ? 1 : 0;
  },
};
