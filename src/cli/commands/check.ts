import { parseArgs } from 'node:util';
import { dbArgument, openStore, storeExists } from '../../store/open.js';
import { type CliCommand, UsageError } from '../command.js';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'check the store is whole: database integrity, no half-written or duplicate document, full-text index in step',
  usage: `newsledger check [--db FILE|URL]

Prints one JSON line {"ok", "problems", "documents", "versions", "errors"} and exits 1 when a problem is found. The
checks: SQLite's integrity_check and FTS5's own check; every document's current version is its latest and is
stored; versions numbered 1..n with no text stored twice under one key; item rows (quotes, entities, events,
claims) present for every document that has items and none for a document not stored; every document and quote in
the full-text index and nothing else; no error entry for an input that is stored.`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
    const db = dbArgument(values.db);
    if (!storeExists(db)) throw new UsageError(`no store at ${db} (\`newsledger ingest\` creates one)`);
    const store = await openStore(db);
    try {
      const report = await store.integrityCheck();
      io.out(JSON.stringify(report));
      return report.ok ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};
