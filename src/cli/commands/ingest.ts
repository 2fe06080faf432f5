import { parseArgs } from 'node:util';
import { PipelineAnalyzer } from '../../store/analyzer.js';
import { isFailure } from '../../ingest/jsonl.js';
import { describeInput, readInputs } from '../../store/inputs.js';
import { Ledger } from '../../store/ledger.js';
import { dbArgument, openStore } from '../../store/open.js';
import { IngestQueue, openQueue } from '../../store/queue.js';
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

Each document is one transaction. The same text under the same key (URL, else id) is stored once; a new text under
a known URL is stored as its next version. Unreadable inputs are reported by name; the exit code is 1 when any
input failed.`,
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
    const store = await openStore(db);
    const counts = { stored: 0, 'new-version': 0, unchanged: 0, failed: 0 };
    const progress = Progress.forStderr(countTextInputs(positionals, values.input));
    const err = (line: string) => {
      progress?.clear();
      io.err(line);
    };
    try {
      const ledger = new Ledger(store, () => new PipelineAnalyzer());
      for (const input of readInputs(positionals, values.input)) {
        if (isFailure(input)) {
          counts.failed++;
          err(`newsledger: ${input.source}: ${input.error}`);
          progress?.tick();
          continue;
        }
        try {
          counts[(await ledger.ingest(input)).outcome]++;
        } catch (e) {
          counts.failed++;
          err(`newsledger: ${describeInput(input)}: not stored: ${(e as Error).message}`);
        }
        progress?.tick();
      }
    } finally {
      progress?.clear();
      await store.close();
    }
    io.err(`newsledger: ${counts.stored} stored, ${counts['new-version']} new version(s), ${counts.unchanged} unchanged, ` +
      `${counts.failed} failed (${store.where})`);
    return counts.failed > 0 ? 1 : 0;
  },
};

async function enqueue(db: string, paths: string[], kind: 'text' | 'jsonl', io: CliIO): Promise<number> {
  const queue = new IngestQueue(await openQueue(db));
  let queued = 0;
  let failed = 0;
  try {
    for (const input of readInputs(paths, kind)) {
      if (isFailure(input)) {
        failed++;
        io.err(`newsledger: ${input.source}: ${input.error}`);
        continue;
      }
      await queue.add(input);
      queued++;
    }
    await queue.flush();
  } finally {
    await queue.boss.stop({ graceful: false, wait: true }).catch(() => undefined);
  }
  io.err(`newsledger: ${queued} queued for workers, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
