import { parseArgs } from 'node:util';
import type { SqlStore } from '../../store/sqlStore.js';
import { dbArgument, openStore, storeExists } from '../../store/open.js';
import { type CliCommand, UsageError } from '../command.js';
import { adoptQueueFailures } from './retry.js';

export const errorsCommand: CliCommand = {
  name: 'errors',
  summary: 'list the inputs ingest could not store (unreadable, undecodable, analysis or write failed), with the error',
  usage: `newsledger errors [--db FILE|URL] [--limit N]

One JSON line per error entry, newest first: {"id", "source" (the file, "corpus.jsonl:12", "stdin"), "document" (its
key, once it was read as one), "stage" (read, decode, analyze, store, queue), "error", "attempts", "first_at",
"last_at", "input": {"kind", "path", "line", "bytes"}}. Every input of an ingest is stored or has an entry here; the
entry keeps the input itself, so \`newsledger retry [ID...]\` processes it again without the original file. On
PostgreSQL, queue jobs that failed for good are listed too.`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' }, limit: { type: 'string', default: '500' } } });
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit is a positive whole number');
    const db = dbArgument(values.db);
    if (!storeExists(db)) throw new UsageError(`no store at ${db} (\`newsledger ingest\` creates one)`);
    const store = await openStore(db);
    try {
      await adoptQueueFailures(store as SqlStore);
      for (const e of await store.listErrors({ limit })) io.out(JSON.stringify(e));
      return 0;
    } finally {
      await store.close();
    }
  },
};
