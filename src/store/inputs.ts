// What `newsledger ingest` reads: files, folders (walked, in name order), JSONL corpora and standard input. Each
// item is a document or a failure naming its source, so one bad file is reported and the batch goes on.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes, InputError } from '../ingest/decode.js';
import type { IngestedDoc, IngestFailure } from '../ingest/document.js';
import { readHeader } from '../ingest/header.js';
import { readJsonlBytes } from '../ingest/jsonl.js';
import { readTextFile } from '../ingest/textFile.js';

export type InputKind = 'text' | 'jsonl';

/** Extensions taken from a folder; other files there (images, notes) are not news text. */
const FOLDER_EXTENSIONS: Record<InputKind, RegExp> = { text: /\.txt$/i, jsonl: /\.jsonl$/i };

export function* readInputs(paths: string[], kind: InputKind): Generator<IngestedDoc | IngestFailure> {
  for (const path of paths) {
    if (path === '-') {
      yield* readStdin(kind);
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // Missing: the readers below report it by name.
    }
    if (isDir) {
      yield* readInputs(walk(path, FOLDER_EXTENSIONS[kind]), kind);
    } else if (kind === 'text') {
      try {
        yield readTextFile(path);
      } catch (e) {
        yield { source: path, error: e instanceof InputError ? e.message : String(e) };
      }
    } else {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        yield { source: path, error: code === 'ENOENT' ? 'no such file' : String(e) };
        continue;
      }
      yield* readJsonlBytes(bytes, path);
    }
  }
}

function* readStdin(kind: InputKind): Generator<IngestedDoc | IngestFailure> {
  const bytes = readFileSync(0);
  if (kind === 'jsonl') {
    yield* readJsonlBytes(bytes, 'stdin');
    return;
  }
  try {
    const decoded = decodeBytes(bytes);
    if (decoded.text.trim() === '') throw new InputError('has no text (only whitespace)');
    const notes = decoded.encoding !== 'utf-8' ? [`ingest: decoded as ${decoded.encoding}`] : [];
    yield { id: 'stdin', source: { path: '-' }, text: decoded.text, date: readHeader(decoded.text)?.date ?? null, outlet: null, url: null, notes };
  } catch (e) {
    yield { source: 'stdin', error: e instanceof InputError ? e.message : String(e) };
  }
}

function walk(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p, ext));
    else if (ext.test(entry.name)) out.push(p);
  }
  return out;
}

export function describeInput(doc: IngestedDoc): string {
  const s = doc.source as { path?: string; url?: string; corpus?: string };
  return s.path ?? s.corpus ?? s.url ?? doc.id;
}
