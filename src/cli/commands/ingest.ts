import { parseArgs } from 'node:util';
import { readInputItems } from '../../store/inputs.js';
import { ingestItems, inputError, summary } from '../../store/ingestRun.js';
import { Ledger } from '../../store/ledger.js';
import { dbArgument, openStore } from '../../store/open.js';
import { IngestQueue, openQueue } from '../../store/queue.js';
import { analyzerFactory } from '../../store/stub.js';
import { type CliCommand, type CliIO, UsageError } from '../command.js';
import { countTextInputs, Progress } from '../progress.js';

export const ingestCommand: CliCommand = {
  name: 'ingest',
  summary: 'analyse documents and store them in the ledger (SQLite file or PostgreSQL)',
  usage: `newsledger ingest PATH... [--db FILE|URL] [--input text|jsonl]

  PATH...          text files, folders (their *.txt, or *.jsonl with --input jsonl, walked in name order), JSONL
                   corpora of {"id","text","date"?,"url"?,"outlet"?} lines with --input jsonl; "-" reads stdin
  --db FILE|URL    the store: a SQLite file (created on first use; default $NEWSLEDGER_DB or ./newsledger.db) or a
                   postgres://user@host/db URL
  --input KIND     text (default) or jsonl
  --queue          PostgreSQL only: queue the documents for \`newsledger worker\` processes instead of analysing here

Documents are analysed and stored a batch at a time (up to 32, one transaction each; a killed run loses at most
the batch it was in, which a rerun stores). The same text under the same key (URL, else id) is stored once; a new
text under a known URL is stored as its next version. Every input ends stored or as an error entry in the store, with the input
itself (the bytes that could not be read as a document, or the document whose analysis failed): \`newsledger errors\`
lists them and \`newsledger retry\` processes them again. The summary counts inputs = stored + new versions +
unchanged + failed; the exit code is 1 when any input failed.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { db: { type: 'string' }, input: { type: 'string', default: 'text' }, queue: { type: 'boolean', default: false } },
    });
    if (positionals.length === 0) throw new UsageError('ingest needs at least one PATH');
    if (values.input !== 'text' && values.input !== 'jsonl') throw new UsageError('--input is text or jsonl');
    const db = dbArgument(values.db);
    if (values.queue) {
      if (!/^postgres(ql)?:\/\//.test(db)) throw new UsageError('--queue needs --db postgres://... (the queue lives in PostgreSQL)');
      return enqueue(db, positionals, values.input, io);
    }
    const makeAnalyzer = await analyzerFactory();
    const store = await openStore(db);
    const progress = Progress.forStderr(countTextInputs(positionals, values.input));
    let counts;
    try {
      counts = await ingestItems(new Ledger(store, makeAnalyzer), store, readInputItems(positionals, values.input), {
        report: (line) => {
          progress?.clear();
          io.err(`newsledger: ${line}`);
        },
        tick: () => progress?.tick(),
      });
    } finally {
      progress?.clear();
      await store.close();
    }
    io.err(`newsledger: ${summary(counts)} in ${store.where}`);
    return counts.failed > 0 ? 1 : 0;
  },
};

async function enqueue(db: string, paths: string[], kind: 'text' | 'jsonl', io: CliIO): Promise<number> {
  // Inputs that cannot be read become error entries in the store, as without the queue; the documents become jobs.
  const store = await openStore(db);
  let queue: IngestQueue | null = null;
  let inputs = 0;
  let queued = 0;
  let failed = 0;
  try {
    queue = new IngestQueue(await openQueue(db));
    for (const item of readInputItems(paths, kind)) {
      inputs++;
      if (!item.ok) {
        failed++;
        io.err(`newsledger: ${item.source}: ${item.error}`);
        await store.recordError(inputError(item));
        continue;
      }
      await queue.add(item.doc);
      queued++;
    }
    await queue.flush();
  } finally {
    await queue?.boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await store.close();
  }
  io.err(`newsledger: ${inputs} input(s): ${queued} queued for workers, ${failed} failed` +
    (failed ? ' (kept as error entries: newsledger errors, newsledger retry)' : ''));
  return failed > 0 ? 1 : 0;
}
