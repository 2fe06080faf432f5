// An ingest's accounting: every input ends as a stored version (stored, a new version, or unchanged: already stored)
// or an error entry in the store (errors.ts), and the counts say which, so that
//   inputs = stored + new versions + unchanged + failed
// holds for every run (`newsledger ingest` prints it). `retry` processes error entries again the same way.
import type { IngestedDoc } from '../ingest/document.js';
import type { ErrorStage, NewError } from './errors.js';
import { contentHash } from './hash.js';
import type { InputItem } from './inputs.js';
import { rereadInput } from './inputs.js';
import { AnalysisError, INGEST_BATCH_DOCS, type IngestResult, type Ledger } from './ledger.js';
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

/** Counts, reports and records an input that could not be read as a document; returns its error entry's id. */
async function unreadable(store: Store, item: Extract<InputItem, { ok: false }>, counts: IngestCounts, hooks: Hooks): Promise<number | null> {
  counts.inputs++;
  counts.failed++;
  hooks.report(`${item.source}: ${item.error}`);
  return record(store, inputError(item), counts, hooks);
}

/** A document waiting for its batch, and what its caller does once it is settled (given its entry id, 0 if stored). */
interface PendingDoc {
  doc: IngestedDoc;
  source: string;
  settled(entry: number | null): void | Promise<void>;
}

/**
 * Documents go to the ledger a batch at a time (Ledger.ingestBatch) and are settled in input order: counted, and a
 * failed one reported and recorded as an error entry before any input after it is written. Anything else the caller
 * writes (an unreadable input's entry, a retried entry's removal) waits for flush(), so every write to the store
 * comes in the order one-at-a-time ingest made it.
 */
class Batcher {
  private pending: PendingDoc[] = [];

  constructor(
    private readonly ledger: Ledger,
    private readonly store: Store,
    private readonly counts: IngestCounts,
    private readonly hooks: Hooks,
  ) {}

  /** Queues a document; a full batch is stored at once (the ones it did not take wait for more). */
  async add(p: PendingDoc): Promise<void> {
    this.pending.push(p);
    if (this.pending.length >= INGEST_BATCH_DOCS) await this.drain(INGEST_BATCH_DOCS);
  }

  /** Stores every queued document. */
  flush(): Promise<void> {
    return this.drain(1);
  }

  /** Stores batches while at least `min` documents are queued. */
  private async drain(min: number): Promise<void> {
    while (this.pending.length >= min && this.pending.length > 0) {
      const results = await this.ledger.ingestBatch(this.pending);
      for (const [i, r] of results.entries()) {
        const p = this.pending[i]!;
        await p.settled(await this.settle(p, r));
      }
      this.pending = this.pending.slice(results.length);
    }
  }

  /** Counts one stored or failed document; returns its error entry's id, or 0 when stored. */
  private async settle(p: PendingDoc, r: IngestResult | Error): Promise<number | null> {
    this.counts.inputs++;
    if (!(r instanceof Error)) {
      this.counts[r.outcome]++;
      return 0;
    }
    this.counts.failed++;
    this.hooks.report(`${p.source}: not stored: ${r.message}`);
    return record(this.store, documentError(p.source, p.doc, r), this.counts, this.hooks);
  }
}

export async function ingestItems(ledger: Ledger, store: Store, items: Iterable<InputItem>, hooks: Hooks): Promise<IngestCounts> {
  const counts = emptyCounts();
  const batcher = new Batcher(ledger, store, counts, hooks);
  for (const item of items) {
    if (item.ok) {
      await batcher.add({ doc: item.doc, source: item.source, settled: () => hooks.tick?.() });
      continue;
    }
    // The documents read before it first: one stored under the same name would settle this input's entry.
    await batcher.flush();
    await unreadable(store, item, counts, hooks);
    hooks.tick?.();
  }
  await batcher.flush();
  return counts;
}

/**
 * Processes error entries again (all, or the ones named), oldest first, from the input each kept. An entry whose
 * input is now stored is removed (the ledger does it in the storing transaction); one that fails again stays, its
 * attempts counted; one whose input now fails differently (a file that reads but whose document fails analysis) is
 * replaced by the new entry. Counts are per input read again. The documents go to the ledger in batches across
 * entries; an entry is settled (kept or removed) once the last of its inputs is.
 */
export async function retryErrors(ledger: Ledger, store: Store, ids: number[] | undefined, hooks: Hooks): Promise<IngestCounts & { entries: number; missing: number[] }> {
  const entries = await store.errorsWithInput(ids);
  const missing = (ids ?? []).filter((id) => !entries.some((e) => e.id === id));
  const counts = emptyCounts();
  const batcher = new Batcher(ledger, store, counts, hooks);
  for (const entry of entries) {
    let kept = false;
    // Recording an input that already has an entry counts an attempt on it (same fingerprint, same id).
    const mark = (id: number | null) => {
      if (id === entry.id || id === null) kept = true;
    };
    const finish = async () => {
      if (!kept) await store.deleteError(entry.id);
      hooks.tick?.();
    };
    const items = rereadInput(entry.source, entry.kept);
    for (const [i, item] of items.entries()) {
      const last = i === items.length - 1;
      if (item.ok) {
        await batcher.add({ doc: item.doc, source: item.source, settled: async (id) => {
          mark(id);
          if (last) await finish();
        } });
        continue;
      }
      await batcher.flush();
      mark(await unreadable(store, item, counts, hooks));
      if (last) await finish();
    }
    if (items.length === 0) {
      await batcher.flush();
      await finish();
    }
  }
  await batcher.flush();
  return { ...counts, entries: entries.length, missing };
}
