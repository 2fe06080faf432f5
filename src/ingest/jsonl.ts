import { looksBinary } from './decode.js';
import type { IngestedDoc, IngestFailure } from './document.js';

// JSON lines are UTF-8 by definition; a line that is not is reported rather than read with replacement characters,
// which would silently change the `text` users hold offsets against.
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a corpus of `{"id","text","date"?,"url"?,"outlet"?}` lines. The `text` is kept exactly as given, so offsets
 * users hold against it stay valid. A bad line is reported (with its line number) and the others are read.
 */
export function* readJsonlCorpus(content: string, sourceName: string): Generator<IngestedDoc | IngestFailure> {
  let lineNo = 0;
  let pos = 0;
  while (pos < content.length) {
    let nl = content.indexOf('\n', pos);
    if (nl < 0) nl = content.length;
    const line = content.slice(pos, nl);
    pos = nl + 1;
    lineNo++;
    const item = parseLine(line, lineNo, sourceName);
    if (item) yield item;
  }
}

/**
 * Reads a JSONL file's bytes: an empty or binary file is one failure naming the file, a file with no JSON lines
 * too; when the bytes are not valid UTF-8, each line is decoded on its own so the valid lines are still read.
 */
export function* readJsonlBytes(bytes: Uint8Array, sourceName: string): Generator<IngestedDoc | IngestFailure> {
  if (bytes.length === 0) {
    yield { source: sourceName, error: 'the file is empty' };
    return;
  }
  if (looksBinary(bytes)) {
    yield { source: sourceName, error: 'the file looks binary, not JSON lines' };
    return;
  }
  let any = false;
  for (const item of linesOf(bytes, sourceName)) {
    any = true;
    yield item;
  }
  if (!any) yield { source: sourceName, error: 'has no JSON lines (only blank lines)' };
}

function* linesOf(bytes: Uint8Array, sourceName: string): Generator<IngestedDoc | IngestFailure> {
  let content: string | null = null;
  try {
    content = utf8Strict.decode(bytes);
  } catch {
    // Not valid UTF-8 as a whole: handled line by line below.
  }
  if (content !== null) {
    yield* readJsonlCorpus(content, sourceName);
    return;
  }
  let lineNo = 0;
  let pos = 0;
  while (pos < bytes.length) {
    // 0x0A never occurs inside a multi-byte UTF-8 sequence, so splitting bytes at it splits lines.
    let nl = bytes.indexOf(0x0a, pos);
    if (nl < 0) nl = bytes.length;
    const lineBytes = bytes.subarray(pos, nl);
    pos = nl + 1;
    lineNo++;
    let line: string;
    try {
      line = utf8Strict.decode(lineBytes);
    } catch {
      yield { source: `${sourceName}:${lineNo}`, error: 'not valid UTF-8 (JSON lines must be UTF-8)' };
      continue;
    }
    const item = parseLine(line, lineNo, sourceName);
    if (item) yield item;
  }
}

/** One line: a document, a failure naming the line, or null for a blank line. */
function parseLine(raw: string, lineNo: number, sourceName: string): IngestedDoc | IngestFailure | null {
  // trim() also drops a byte-order mark at the start of the file and the CR of CRLF line ends.
  const line = raw.trim();
  if (line === '') return null;
  const where = `${sourceName}:${lineNo}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { source: where, error: `not valid JSON (${(e as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { source: where, error: 'a line must be a JSON object' };
  }
  const o = value as Record<string, unknown>;
  if (typeof o.text !== 'string' || o.text.trim() === '') {
    return { source: where, error: 'missing or empty "text"' };
  }
  const date = typeof o.date === 'string' ? o.date : null;
  if (date !== null && !/^\d{4}-\d{2}-\d{2}/.test(date)) {
    return { source: where, error: `"date" must start YYYY-MM-DD, got ${JSON.stringify(date)}` };
  }
  return {
    id: o.id === undefined || o.id === null ? `${sourceName}:${lineNo}` : String(o.id),
    source: typeof o.url === 'string' ? { url: o.url } : { corpus: where },
    text: o.text,
    date: date ? date.slice(0, 10) : null,
    outlet: typeof o.outlet === 'string' ? o.outlet : null,
    url: typeof o.url === 'string' ? o.url : null,
    notes: [],
  };
}

export function isFailure(x: IngestedDoc | IngestFailure): x is IngestFailure {
  return (x as IngestFailure).error !== undefined;
}
