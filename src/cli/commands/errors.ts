import { parseArgs } from 'node:util';
import { dbArgument } from '../../store/open.js';
import { failedJobs, openQueue } from '../../store/queue.js';
import { type CliCommand, UsageError } from '../command.js';

export const errorsCommand: CliCommand = {
  name: 'errors',
  summary: 'list documents the ingest workers could not store (PostgreSQL queue), with the error',
  usage: `newsledger errors --db postgres://... [--limit N]

One JSON line per failed document: the job id, the document id, the error and when it failed (after its retries).
Inputs that could not be read at all are reported by \`newsledger ingest\` itself, by name.`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' }, limit: { type: 'string', default: '500' } } });
    const db = dbArgument(values.db);
    if (!/^postgres(ql)?:\/\//.test(db)) throw new UsageError('errors needs --db postgres://... (the queue lives in PostgreSQL)');
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit is a positive whole number');
    const boss = await openQueue(db);
    try {
      for (const f of await failedJobs(boss, undefined, limit)) io.out(JSON.stringify(f));
      return 0;
    } finally {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    }
  },
};
