// Checks a record against its contract, for any test: the JSON Schema (schema/record.schema.json) and a generic span
// walk (every span-shaped object anywhere under the record, so layers added later are covered, must be the slice of
// the text it claims to be). Shared by test/schema.test.ts and the fuzz suites.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { NewsRecord } from '../../src/model/record.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const recordSchema = JSON.parse(readFileSync(join(ROOT, 'schema', 'record.schema.json'), 'utf8'));
export const validateRecord = new Ajv2020({ allErrors: true, strict: true }).compile(recordSchema);

/** Every span-shaped object (numeric start and end) under `value`, with the path it was found at. */
export function* spansIn(value: unknown, path: string): Generator<{ path: string; span: Record<string, unknown> }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* spansIn(value[i], `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') yield { path, span: o };
    for (const [k, v] of Object.entries(o)) yield* spansIn(v, `${path}.${k}`);
  }
}

/**
 * Problems with spans under `value` against `text`: ranges outside it, and span texts that are not their slice.
 * With `textOptional`, a span-shaped object without a `text` (a working layer's sentence) is checked for its range only.
 */
export function spanProblems(value: unknown, text: string, path = '$', textOptional = false): string[] {
  const out: string[] = [];
  for (const { path: p, span } of spansIn(value, path)) {
    const { start, end } = span as { start: number; end: number };
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start && end <= text.length)) {
      out.push(`${p}: [${start}, ${end}) is not a range of a text of length ${text.length}`);
    } else if (!(textOptional && !('text' in span)) && span.text !== text.slice(start, end)) {
      out.push(`${p}: text ${JSON.stringify(span.text)} is not text.slice(${start}, ${end})`);
    }
  }
  return out;
}

/** Problems with the record: schema errors, then spans that are not the slice they claim. */
export function recordProblems(record: NewsRecord): string[] {
  const out: string[] = [];
  if (!validateRecord(record)) out.push(...validateRecord.errors!.map((e) => `schema: ${e.instancePath} ${e.message}`));
  const { text, ...rest } = record;
  out.push(...spanProblems(rest, text));
  return out;
}
