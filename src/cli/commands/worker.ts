import { parseArgs } from 'node:util';
import { Ledger } from '../../store/ledger.js';
import { dbArgument, openStore } from '../../store/open.js';
import { openQueue, runWorker } from '../../store/queue.js';
import { analyzerFactory } from '../../store/stub.js';
import { type CliCommand, UsageError } from '../command.js';

export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'take documents queued with `ingest --queue` and store them (PostgreSQL; run as many as you like)',
  usage: `newsledger worker --db postgres://... [--until-empty]

  --until-empty    stop when no job is queued or running (default: wait for jobs until SIGINT/SIGTERM)

Workers share the store: each document is written under the store's write lock after replaying what other workers
stored, so links across documents are as one process would make them. A document that fails is retried (twice) and
kept as an error entry (\`newsledger errors\`, \`newsledger retry\`). A worker that dies mid-job leaves its job to
be retried by another once it expires (15 minutes; pg-boss checks every 2 minutes).`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' }, 'until-empty': { type: 'boolean', default: false } } });
    const db = dbArgument(values.db);
    if (!/^postgres(ql)?:\/\//.test(db)) throw new UsageError('worker needs --db postgres://... (the queue lives in PostgreSQL)');
    const makeAnalyzer = await analyzerFactory();
    const store = await openStore(db);
    const boss = await openQueue(db);
    try {
      const t0 = performance.now();
      const stats = await runWorker(boss, new Ledger(store, makeAnalyzer), {
        untilEmpty: values['until-empty'],
        log: (m) => io.err(`newsledger worker: ${m}`),
      });
      io.err(`newsledger worker: ${stats.stored} stored, ${stats.unchanged} unchanged, ${stats.failed} failed in ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return 0;
    } finally {
      await boss.stop({ graceful: true, wait: true }).catch(() => undefined);
      await store.close();
    }
  },
};
