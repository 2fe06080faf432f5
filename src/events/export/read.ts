import { readFileSync } from 'node:fs';
import type { NewsRecord } from '../../model/record.js';

/** Records from a JSONL file as `newsledger analyze` writes them ("-" reads standard input); bad lines are reported. */
export function readRecords(path: string, onError: (line: number, error: string) => void): NewsRecord[] {
  const content = readFileSync(path === '-' ? 0 : path, 'utf8');
  const out: NewsRecord[] = [];
  content.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const r = JSON.parse(line) as NewsRecord;
      if (!r || typeof r !== 'object' || !Array.isArray(r.events)) throw new Error('not a Newsledger record');
      out.push(r);
    } catch (e) {
      onError(i + 1, (e as Error).message);
    }
  });
  return out;
}

/** Events of a run, one per merged id (the report seen first), with the document that first reported each. */
export function uniqueEvents(records: NewsRecord[]) {
  const seen = new Map<string, { doc: NewsRecord; event: NewsRecord['events'][number] }>();
  for (const r of records) for (const e of r.events) if (!seen.has(e.id)) seen.set(e.id, { doc: r, event: e });
  return [...seen.values()];
}
