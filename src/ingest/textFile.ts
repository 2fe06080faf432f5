import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { decodeBytes, InputError } from './decode.js';
import type { IngestedDoc } from './document.js';
import { readHeader } from './header.js';

/** Files larger than this are refused rather than read whole into memory. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/**
 * The size of the regular file at `path`, or an InputError saying plainly why it cannot be read (missing, a
 * directory, not a regular file, over `limit` bytes). Every file reader starts here.
 */
export function checkedFileSize(path: string, limit: number, what = 'the'): number {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError('is a directory; pass the files in it (e.g. DIR/*.txt)');
    if (!st.isFile()) throw new InputError('is not a regular file');
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(e)})`);
  }
  if (size > limit) throw new InputError(`is ${size} bytes, over ${what} ${limit}-byte limit`);
  return size;
}

/** Reads one scraped plain-text file. Throws InputError with a clear reason for anything that is not usable text. */
export function readTextFile(path: string): IngestedDoc {
  checkedFileSize(path, MAX_FILE_BYTES);
  const decoded = decodeBytes(readFileSync(path));
  if (decoded.text.trim() === '') throw new InputError('has no text (only whitespace)');
  const notes: string[] = [];
  if (decoded.encoding !== 'utf-8') notes.push(`ingest: decoded as ${decoded.encoding}`);
  if (decoded.repaired > 0) notes.push(`ingest: repaired ${decoded.repaired} double-encoded (mojibake) sequences`);
  const header = readHeader(decoded.text);
  return {
    id: basename(path).replace(/\.[^.]+$/, ''),
    source: { path },
    text: decoded.text,
    date: header?.date ?? null,
    outlet: null,
    url: null,
    notes,
  };
}
