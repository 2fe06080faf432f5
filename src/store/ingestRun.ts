// An ingest's accounting: every input ends as a stored version (stored, a new version, or unchanged: already stored)
// or an error entry in the store (errors.ts), and the counts say which, so that
//   inputs = stored + new versions + unchanged + failed
// holds for every run (`newsledger ingest` prints it). `retry` processes error entries again the same way.
import type { IngestedDoc } from '../ingest/document.js';
import type { ErrorStage, NewError } from './errors.js';
import { contentHash } from './hash.js';
import type { InputItem } from './inputs.js';
import { rereadInput } from './inputs.js';
import { AnalysisError, type Ledger } from './ledger.js';
import { documentKey, type Store } from './store.js';

export interface IngestCounts {
  inputs: number;
  stored: number;
  'new-version': number;
  unchanged: number;
  /** Inputs not stored: each has an error entry, unless `unrecorded` counts it too. */
  failed: number;
  /** Failed inputs whose error entry could not be written either (the store itself failing). */
  unrecorded: number;
}

export function emptyCounts(): IngestCounts {
  return { inputs: 0, stored: 0, 'new-version': 0, unchanged: 0, failed: 0, unrecorded: 0 };
}

export function summary(c: IngestCounts): string {
  return `${c.inputs} input(s): ${c.stored} stored, ${c['new-version']} new version(s), ${c.unchanged} unchanged, ${c.failed} failed` +
    (c.failed ? ` (${c.failed - c.unrecorded} kept as error entries: newsledger errors, newsledger retry)` : '') +
    (c.unrecorded ? `; ${c.unrecorded} could not be recorded` : '');
}

/** The error entry of a document that was read but not stored. */
export function documentError(source: string, doc: IngestedDoc, e: unknown): NewError {
  const stage: ErrorStage = e instanceof AnalysisError ? 'analyze' : 'store';
  return { source, stage, error: (e as Error).message ?? String(e), input: { kind: 'doc', doc, docKey: documentKey(doc), hash: contentHash(doc.text) } };
}

/** The error entry of an input that could not be read as a document. */
export function inputError(item: Extract<InputItem, { ok: false }>): NewError {
  return { source: item.source, stage: item.stage, error: item.error, input: item.origin };
}

interface Hooks {
  /** A line for the user about one input (the caller adds the program's name). */
  report(line: string): void;
  /** Called after each input. */
  tick?(): void;
}

/** Writes an error entry; null (and a report) when even that fails. */
async function record(store: Store, e: NewError, counts: IngestCounts, hooks: Hooks): Promise<number | null> {
  try {
    return await store.recordError(e);
  } catch (err) {
    counts.unrecorded++;
    hooks.report(`${e.source}: the error entry could not be written either: ${(err as Error).message}`);
    return null;
  }
}

/** Stores one input or records why not; returns the error entry's id, or 0 when stored. */
async function one(ledger: Ledger, store: Store, item: InputItem, counts: IngestCounts, hooks: Hooks): Promise<number | null> {
  counts.inputs++;
  if (!item.ok) {
    counts.failed++;
    hooks.report(`${item.source}: ${item.error}`);
    return record(store, inputError(item), counts, hooks);
  }
  try {
    counts[(await ledger.ingest(item.doc, item.source)).outcome]++;
    return 0;
  } catch (e) {
    counts.failed++;
    hooks.report(`${item.source}: not stored: ${(e as Error).message}`);
    return record(store, documentError(item.source, item.doc, e), counts, hooks);
  }
}

export async function ingestItems(ledger: Ledger, store: Store, items: Iterable<InputItem>, hooks: Hooks): Promise<IngestCounts> {
  const counts = emptyCounts();
  for (const item of items) {
    await one(ledger, store, item, counts, hooks);
    hooks.tick?.();
  }
  return counts;
}

/**
 * Processes error entries again (all, or the ones named), oldest first, from the input each kept. An entry whose
 * input is now stored is removed (the ledger does it in the storing transaction); one that fails again stays, its
 * attempts counted; one whose input now fails differently (a file that reads but whose document fails analysis) is
 * replaced by the new entry. Counts are per input read again.
 */
export async function retryErrors(ledger: Ledger, store: Store, ids: number[] | undefined, hooks: Hooks): Promise<IngestCounts & { entries: number; missing: number[] }> {
  const entries = await store.errorsWithInput(ids);
  const missing = (ids ?? []).filter((id) => !entries.some((e) => e.id === id));
  const counts = emptyCounts();
  for (const entry of entries) {
    let kept = false;
    for (const item of rereadInput(entry.source, entry.kept)) {
      const id = await one(ledger, store, item, counts, hooks);
      // Recording an input that already has an entry counts an attempt on it (same fingerprint, same id).
      if (id === entry.id || id === null) kept = true;
    }
    if (!kept) await store.deleteError(entry.id);
    hooks.tick?.();
  }
  return { ...counts, entries: entries.length, missing };
}
