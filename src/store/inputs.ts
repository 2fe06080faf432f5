// What `newsledger ingest` reads: files, folders (walked, in name order), JSONL corpora and standard input. Each
// item is a document or a failure naming its source, so one bad file is reported and the batch goes on; a failure
// carries the bytes it read, which its error entry keeps (errors.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decodeBytes, InputError } from '../ingest/decode.js';
import type { IngestedDoc, IngestFailure } from '../ingest/document.js';
import { readHeader } from '../ingest/header.js';
import { isFailure, readJsonlBytes } from '../ingest/jsonl.js';
import { readTextFile } from '../ingest/textFile.js';
import { type ErrorInput, MAX_KEPT_BYTES } from './errors.js';

export type InputKind = 'text' | 'jsonl';

/** Extensions taken from a folder; other files there (images, notes) are not news text. */
const FOLDER_EXTENSIONS: Record<InputKind, RegExp> = { text: /\.txt$/i, jsonl: /\.jsonl$/i };

/** What an input was read from, kept with an error entry so `retry` can read it again without the file. */
export interface InputOrigin {
  kind: InputKind;
  /** The file ("-" for standard input). */
  path: string | null;
  /** The JSONL line, or null for a whole file. */
  line: number | null;
  /** The file's or line's bytes, when they could be read (and were not over MAX_KEPT_BYTES). */
  raw: Buffer | null;
}

/**
 * One input of an ingest: a document with the name of what it was read from ("a.txt", "corpus.jsonl:12"), or a
 * failure naming it, with its bytes when there were any ("decode": read but not a document) or none ("read").
 */
export type InputItem =
  | { ok: true; doc: IngestedDoc; source: string }
  | { ok: false; source: string; error: string; stage: 'read' | 'decode'; origin: InputOrigin };

export function* readInputs(paths: string[], kind: InputKind): Generator<IngestedDoc | IngestFailure> {
  for (const item of readInputItems(paths, kind)) yield item.ok ? item.doc : { source: item.source, error: item.error };
}

export function* readInputItems(paths: string[], kind: InputKind): Generator<InputItem> {
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
      yield* readInputItems(walk(path, FOLDER_EXTENSIONS[kind]), kind);
    } else if (kind === 'text') {
      try {
        yield { ok: true, doc: readTextFile(path), source: path };
      } catch (e) {
        const raw = keptBytes(path);
        yield { ok: false, source: path, error: message(e), stage: raw ? 'decode' : 'read', origin: { kind, path, line: null, raw } };
      }
    } else {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        yield { ok: false, source: path, error: code === 'ENOENT' ? 'no such file' : String(e), stage: 'read', origin: { kind, path, line: null, raw: null } };
        continue;
      }
      yield* jsonlItems(bytes, path, path);
    }
  }
}

function message(e: unknown): string {
  return e instanceof InputError ? e.message : String(e);
}

/** A file's bytes to keep with its error entry: none when it cannot be read or is too large to copy. */
function keptBytes(path: string): Buffer | null {
  try {
    const st = statSync(path);
    return st.isFile() && st.size <= MAX_KEPT_BYTES ? readFileSync(path) : null;
  } catch {
    return null;
  }
}

/** Start and end offsets (and 1-based numbers) of the lines the JSONL reader does not skip as blank. */
function nonBlankLines(bytes: Uint8Array): { no: number; start: number; end: number }[] {
  const out: { no: number; start: number; end: number }[] = [];
  const lenient = new TextDecoder('utf-8');
  let pos = 0;
  let no = 0;
  while (pos < bytes.length) {
    let nl = bytes.indexOf(0x0a, pos);
    if (nl < 0) nl = bytes.length;
    no++;
    if (lenient.decode(bytes.subarray(pos, nl)).trim() !== '') out.push({ no, start: pos, end: nl });
    pos = nl + 1;
  }
  return out;
}

/**
 * The JSONL reader's items, each with the line it came from (its bytes kept for a failure). The reader yields one
 * item per non-blank line, in order, or one failure naming the whole file.
 */
function* jsonlItems(bytes: Buffer, name: string, path: string): Generator<InputItem> {
  const lines = nonBlankLines(bytes);
  let k = 0;
  for (const item of readJsonlBytes(bytes, name)) {
    if (!isFailure(item)) {
      const line = lines[k++];
      yield { ok: true, doc: item, source: line ? `${name}:${line.no}` : name };
      continue;
    }
    if (item.source === name) {
      const raw = bytes.length <= MAX_KEPT_BYTES ? bytes : null;
      yield { ok: false, source: name, error: item.error, stage: 'decode', origin: { kind: 'jsonl', path, line: null, raw } };
      continue;
    }
    const line = lines[k++];
    const same = line !== undefined && item.source === `${name}:${line.no}`;
    yield {
      ok: false, source: item.source, error: item.error, stage: 'decode',
      origin: { kind: 'jsonl', path, line: same ? line.no : null, raw: same ? bytes.subarray(line.start, line.end) : null },
    };
  }
}

function* readStdin(kind: InputKind): Generator<InputItem> {
  const bytes = readFileSync(0);
  if (kind === 'jsonl') {
    yield* jsonlItems(bytes, 'stdin', '-');
    return;
  }
  yield stdinItem(bytes);
}

function stdinItem(bytes: Buffer): InputItem {
  try {
    const decoded = decodeBytes(bytes);
    if (decoded.text.trim() === '') throw new InputError('has no text (only whitespace)');
    const notes = decoded.encoding !== 'utf-8' ? [`ingest: decoded as ${decoded.encoding}`] : [];
    return { ok: true, source: 'stdin', doc: { id: 'stdin', source: { path: '-' }, text: decoded.text, date: readHeader(decoded.text)?.date ?? null, outlet: null, url: null, notes } };
  } catch (e) {
    return { ok: false, source: 'stdin', error: message(e), stage: 'decode', origin: { kind: 'text', path: '-', line: null, raw: bytes.length <= MAX_KEPT_BYTES ? bytes : null } };
  }
}

/** A scraped text file's document from its bytes, as readTextFile makes it from the file. */
function textItem(bytes: Buffer, path: string): InputItem {
  try {
    const decoded = decodeBytes(bytes);
    if (decoded.text.trim() === '') throw new InputError('has no text (only whitespace)');
    const notes: string[] = [];
    if (decoded.encoding !== 'utf-8') notes.push(`ingest: decoded as ${decoded.encoding}`);
    if (decoded.repaired > 0) notes.push(`ingest: repaired ${decoded.repaired} double-encoded (mojibake) sequences`);
    const doc: IngestedDoc = { id: basename(path).replace(/\.[^.]+$/, ''), source: { path }, text: decoded.text,
      date: readHeader(decoded.text)?.date ?? null, outlet: null, url: null, notes };
    return { ok: true, doc, source: path };
  } catch (e) {
    return { ok: false, source: path, error: message(e), stage: 'decode', origin: { kind: 'text', path, line: null, raw: bytes } };
  }
}

/**
 * Reads an error entry's input again (`newsledger retry`): the document it kept, else the bytes it kept, else its
 * file. A whole JSONL file may give several items; a JSONL line is read at its own line number, so a document
 * without an id gets the same "file:line" id as when the whole file was read.
 */
export function rereadInput(source: string, kept: ErrorInput): InputItem[] {
  if (kept.kind === 'doc') return [{ ok: true, doc: kept.doc, source }];
  let raw = kept.raw;
  if (!raw) {
    if (!kept.path || kept.path === '-') {
      return [{ ok: false, source, error: 'the input was not kept and has no file to read again', stage: 'read', origin: kept }];
    }
    try {
      raw = readFileSync(kept.path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return [{ ok: false, source, error: code === 'ENOENT' ? 'no such file' : String(e), stage: 'read', origin: kept }];
    }
    if (kept.kind === 'jsonl' && kept.line !== null) {
      const line = nonBlankLines(raw).find((l) => l.no === kept.line);
      raw = line ? raw.subarray(line.start, line.end) : Buffer.alloc(0);
    }
  }
  if (kept.kind === 'text') return [kept.path === '-' ? stdinItem(raw) : textItem(raw, kept.path ?? source)];
  const name = kept.path === '-' ? 'stdin' : kept.path ?? source;
  // Blank lines before it give the line its number (the reader skips them).
  const bytes = kept.line !== null ? Buffer.concat([Buffer.alloc(kept.line - 1, 0x0a), raw]) : raw;
  return [...jsonlItems(bytes, name, kept.path ?? name)];
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
