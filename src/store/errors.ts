// The error entries of ingest: every input an ingest could not store ends here, with the input itself, so that
// `newsledger errors` lists it and `newsledger retry` can process it again without the original file. An input is
// accounted for when it is a stored version or an error entry; a later successful ingest of the same input removes
// its entry in the transaction that stores it (Ledger.ingest), so an input is never both.
import { createHash } from 'node:crypto';
import type { IngestedDoc } from '../ingest/document.js';
import type { SqlExecutor } from './driver.js';

/** Where an input failed: not readable at all, read but not a document, analysis threw, or the write failed. */
export type ErrorStage = 'read' | 'decode' | 'analyze' | 'store' | 'queue';

/**
 * What retry re-reads: the raw bytes of a text file or of one JSONL line (or of a whole JSONL file that failed as a
 * whole), or the document itself when it was read but not stored. `raw` is null only when nothing could be read (a
 * missing file) or the input was over MAX_KEPT_BYTES; retry then reads `path` again.
 */
export type ErrorInput =
  | { kind: 'text' | 'jsonl'; path: string | null; line: number | null; raw: Buffer | null }
  | { kind: 'doc'; doc: IngestedDoc; docKey: string; hash: string };

export interface NewError {
  /** The input's name as reported: a path, "corpus.jsonl:12", "stdin", a document id. */
  source: string;
  stage: ErrorStage;
  error: string;
  input: ErrorInput;
}

/** An entry as listed (without the kept input). */
export interface ErrorEntry {
  id: number;
  source: string;
  document: string | null;
  stage: ErrorStage;
  error: string;
  attempts: number;
  first_at: string;
  last_at: string;
  input: { kind: 'text' | 'jsonl' | 'doc'; path: string | null; line: number | null; bytes: number | null };
}

/** An entry with its kept input, for retry. */
export interface ErrorWithInput extends ErrorEntry {
  kept: ErrorInput;
}

/** Inputs larger than this are not copied into the entry (retry reads their file again). */
export const MAX_KEPT_BYTES = 16 * 1024 * 1024;

/** One entry per distinct input: a document by key and content, anything else by its name and bytes. */
export function fingerprint(e: NewError): string {
  const h = createHash('sha256');
  if (e.input.kind === 'doc') h.update(`doc\0${e.input.docKey}\0${e.input.hash}`);
  else {
    h.update(`src\0${e.source}\0`);
    if (e.input.raw) h.update(e.input.raw);
  }
  return h.digest('hex');
}

const LIST_COLUMNS = 'id, source, doc_key, stage, error, input_kind, input_path, input_line, attempts, first_at, last_at, ' +
  'LENGTH(raw) AS raw_bytes, LENGTH(doc) AS doc_chars';

/**
 * Adds the entry, or when this input already has one, counts the attempt and keeps the latest error; returns its id.
 * With ifNew an existing entry is left alone and 0 returned.
 */
export async function recordError(db: SqlExecutor, e: NewError, o: { ifNew?: boolean } = {}): Promise<number> {
  const now = new Date().toISOString();
  const doc = e.input.kind === 'doc' ? e.input : null;
  const raw = e.input.kind === 'doc' ? null : e.input.raw && e.input.raw.length <= MAX_KEPT_BYTES ? e.input.raw : null;
  const rows = await db.all<{ id: number }>(
    'INSERT INTO ingest_errors (fingerprint, source, doc_key, content_hash, stage, error, input_kind, input_path, input_line, ' +
      'raw, doc, attempts, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ' +
      (o.ifNew ? 'ON CONFLICT (fingerprint) DO NOTHING RETURNING id'
        : 'ON CONFLICT (fingerprint) DO UPDATE SET stage = excluded.stage, error = excluded.error, ' +
          'attempts = ingest_errors.attempts + 1, last_at = excluded.last_at RETURNING id'),
    [fingerprint(e), e.source, doc?.docKey ?? null, doc?.hash ?? null, e.stage, e.error, e.input.kind,
      e.input.kind === 'doc' ? null : e.input.path, e.input.kind === 'doc' ? null : e.input.line, raw,
      doc ? JSON.stringify(doc.doc) : null, now, now]);
  return rows[0] ? Number(rows[0].id) : 0;
}

function entryFromRow(r: Record<string, unknown>): ErrorEntry {
  const kind = String(r.input_kind) as ErrorEntry['input']['kind'];
  const bytes = r.raw_bytes !== undefined && r.raw_bytes !== null ? Number(r.raw_bytes) : r.raw instanceof Uint8Array ? r.raw.length : null;
  return {
    id: Number(r.id),
    source: String(r.source),
    document: r.doc_key === null ? null : String(r.doc_key),
    stage: String(r.stage) as ErrorStage,
    error: String(r.error),
    attempts: Number(r.attempts),
    first_at: String(r.first_at),
    last_at: String(r.last_at),
    input: { kind, path: r.input_path === null ? null : String(r.input_path), line: r.input_line === null ? null : Number(r.input_line), bytes: kind === 'doc' ? null : bytes },
  };
}

/** Entries, newest first; `ids` restricts to those. */
export async function listErrors(db: SqlExecutor, o: { limit: number; ids?: number[] }): Promise<ErrorEntry[]> {
  if (o.ids && o.ids.length === 0) return [];
  const where = o.ids ? `WHERE id IN (${o.ids.map(() => '?').join(', ')})` : '';
  const rows = await db.all<Record<string, unknown>>(`SELECT ${LIST_COLUMNS} FROM ingest_errors ${where} ORDER BY id DESC LIMIT ?`,
    [...(o.ids ?? []), o.limit]);
  return rows.map(entryFromRow);
}

/** Entries with their kept inputs, oldest first (the order retry processes them in). */
export async function errorsWithInput(db: SqlExecutor, ids?: number[]): Promise<ErrorWithInput[]> {
  if (ids && ids.length === 0) return [];
  const where = ids ? `WHERE id IN (${ids.map(() => '?').join(', ')})` : '';
  const rows = await db.all<Record<string, unknown>>(`SELECT * FROM ingest_errors ${where} ORDER BY id`, ids ?? []);
  return rows.map((r) => {
    const e = entryFromRow(r);
    const kept: ErrorInput = e.input.kind === 'doc'
      ? { kind: 'doc', doc: JSON.parse(String(r.doc)) as IngestedDoc, docKey: String(r.doc_key), hash: String(r.content_hash) }
      : { kind: e.input.kind, path: e.input.path, line: e.input.line, raw: r.raw === null ? null : Buffer.from(r.raw as Uint8Array) };
    return { ...e, kept };
  });
}

export async function deleteError(db: SqlExecutor, id: number): Promise<void> {
  await db.run('DELETE FROM ingest_errors WHERE id = ?', [id]);
}

/**
 * Removes the entries a stored document accounts for: its own (same key and text), and those of inputs under the
 * same name that could not even be read before (the file or line now reads as this document).
 */
export async function clearErrorsFor(db: SqlExecutor, docKey: string, hash: string, source?: string): Promise<void> {
  await db.run('DELETE FROM ingest_errors WHERE doc_key = ? AND content_hash = ?', [docKey, hash]);
  if (source !== undefined) await db.run("DELETE FROM ingest_errors WHERE source = ? AND input_kind <> 'doc'", [source]);
}
