import type { IngestedDoc, IngestFailure } from './document.js';

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
    const line = content.slice(pos, nl).trim();
    pos = nl + 1;
    lineNo++;
    if (line === '') continue;
    const where = `${sourceName}:${lineNo}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      yield { source: where, error: `not valid JSON (${(e as Error).message})` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { source: where, error: 'a line must be a JSON object' };
      continue;
    }
    const o = value as Record<string, unknown>;
    if (typeof o.text !== 'string' || o.text.trim() === '') {
      yield { source: where, error: 'missing or empty "text"' };
      continue;
    }
    const date = typeof o.date === 'string' ? o.date : null;
    if (date !== null && !/^\d{4}-\d{2}-\d{2}/.test(date)) {
      yield { source: where, error: `"date" must start YYYY-MM-DD, got ${JSON.stringify(date)}` };
      continue;
    }
    yield {
      id: o.id === undefined || o.id === null ? `${sourceName}:${lineNo}` : String(o.id),
      source: typeof o.url === 'string' ? { url: o.url } : { corpus: where },
      text: o.text,
      date: date ? date.slice(0, 10) : null,
      outlet: typeof o.outlet === 'string' ? o.outlet : null,
      url: typeof o.url === 'string' ? o.url : null,
      notes: [],
    };
  }
}

export function isFailure(x: IngestedDoc | IngestFailure): x is IngestFailure {
  return (x as IngestFailure).error !== undefined;
}
