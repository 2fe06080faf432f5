import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { Analyzer, BATCH_DOCS } from '../../analyze.js';
import { addAliasFile } from '../../entities/aliasTable.js';
import type { IngestedDoc, IngestFailure } from '../../ingest/document.js';
import { InputError } from '../../ingest/decode.js';
import { isFailure, readJsonlBytes } from '../../ingest/jsonl.js';
import { readAnyItems } from '../../ingest/readAny.js';
import { type CliCommand, UsageError } from '../command.js';

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'analyse news documents and write one JSON record per document (JSONL)',
  usage: `newsledger analyze FILE... [--out FILE] [--input text|jsonl] [--aliases FILE]...

  FILE...          scraped plain-text files (UTF-8, windows-1252 or UTF-16 with BOM; an optional " date YYYY-MM-DD"
                   header at the start of the first line), or with --input jsonl, corpora of
                   {"id","text","date"?,"url"?,"outlet"?} lines ("-" reads standard input)
  --out FILE       write the records to FILE instead of standard output
  --input KIND     text (default) or jsonl
  --aliases FILE   extra names for the entity resolver (JSON: {"entries": [{"name", "type", "aliases"?, "capitalOf"?,
                   "seatOf"?, "demonymOf"?}], "variants": [["Kyiv", "Kiev"]]}); may be given more than once

A file that cannot be read is reported on standard error, naming it, and the rest are analysed. The exit code is 1
only when nothing could be analysed.`,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string' }, input: { type: 'string', default: 'text' }, aliases: { type: 'string', multiple: true } },
    });
    if (positionals.length === 0) throw new UsageError('analyze needs at least one FILE');
    if (values.input !== 'text' && values.input !== 'jsonl') throw new UsageError('--input is text or jsonl');
    for (const file of values.aliases ?? []) {
      try {
        addAliasFile(file);
      } catch (e) {
        throw new UsageError(`--aliases: ${(e as Error).message}`);
      }
    }
    const analyzer = new Analyzer();
    const sink = values.out ? createWriteStream(values.out) : null;
    // The loop below is synchronous apart from this await: without waiting for 'drain', a file stream could not flush
    // until the whole batch was done, and every record would sit in memory.
    const write = async (line: string) => {
      const stream = sink ?? process.stdout;
      if (!stream.write(line + '\n')) await once(stream, 'drain');
    };
    let ok = 0;
    let failed = 0;
    const report = (f: IngestFailure) => {
      failed++;
      io.err(`newsledger: ${f.source}: ${f.error}`);
    };
    // Documents are analysed in batches (Analyzer.analyzeBatch: faster, the same records) and written in their order.
    let batch: IngestedDoc[] = [];
    const flush = async () => {
      const results = analyzer.analyzeBatch(batch);
      for (let i = 0; i < batch.length; i++) {
        const result = results[i]!;
        if (result instanceof Error) {
          report({ source: describe(batch[i]!), error: `analysis failed: ${result.stack ?? String(result)}` });
          continue;
        }
        await write(JSON.stringify(result));
        ok++;
      }
      batch = [];
    };
    for (const input of inputs(positionals, values.input)) {
      if (isFailure(input)) {
        report(input);
        continue;
      }
      batch.push(input);
      if (batch.length >= BATCH_DOCS) await flush();
    }
    await flush();
    if (sink) await new Promise<void>((resolve, reject) => sink.end((e?: Error | null) => (e ? reject(e) : resolve())));
    io.err(`newsledger: analysed ${ok} document(s)${failed ? `, ${failed} failed` : ''}`);
    return ok === 0 ? 1 : 0;
  },
};

function describe(doc: IngestedDoc): string {
  const s = doc.source as { path?: string; url?: string; corpus?: string };
  return s.path ?? s.corpus ?? s.url ?? doc.id;
}

function* inputs(paths: string[], kind: 'text' | 'jsonl'): Generator<IngestedDoc | IngestFailure> {
  for (const path of paths) {
    if (kind === 'text') {
      try {
        // By content: an HTML page (.html.gz too), an RSS/Atom feed (many documents) or plain text.
        yield* readAnyItems(path);
      } catch (e) {
        yield { source: path, error: e instanceof InputError ? e.message : String(e) };
      }
      continue;
    }
    // Bytes, not a utf8 string: invalid UTF-8 is reported per line instead of silently replaced (see readJsonlBytes).
    let content: Buffer;
    try {
      content = readFileSync(path === '-' ? 0 : path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      yield { source: path, error: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(e) };
      continue;
    }
    yield* readJsonlBytes(content, path);
  }
}
