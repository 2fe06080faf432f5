// The ledger: the store plus an analyser, kept in step. Every write takes the store's write lock, replays what
// other processes stored since this one last looked (so cross-document links come out as if one process had
// analysed everything in ingest order), then analyses and writes a batch of documents in one transaction
// (ingestBatch; ingest is a batch of one). reanalyze analyses every stored version again, in the same batches.
import type { IngestedDoc } from '../ingest/document.js';
import type { NewsRecord } from '../model/record.js';
import type { LedgerAnalyzer } from './analyzer.js';
import { applyCorrections, type Correction, type CorrectionInput, directDocuments, type QuoteAnchor } from './corrections.js';
import { contentHash } from './hash.js';
import { resolverFor, statementOf, TxCorrections } from './resolve.js';
import { documentKey, type PutOutcome, type Store, StoreError, type StoredVersion, type StoreTx } from './store.js';

/** Versions read per query while replaying or reanalysing. */
const REPLAY_BATCH = 500;

/**
 * Documents analysed and written together by ingestBatch: BATCH_DOCS of src/analyze.ts, measured there (a component's
 * tables stay in cache across the batch). Not imported from there: that module loads the pipeline, which processes
 * with the stub analyser never load.
 */
export const INGEST_BATCH_DOCS = 32;

/**
 * Characters of text after which a batch takes no more documents (it always takes one). The write lock is held while
 * a batch is analysed, and other writers wait for it at most SQLITE_BUSY_TIMEOUT_MS (30 s) on SQLite: the pipeline
 * reads about 60,000 characters a second on a shared 2-core machine, so a batch of news articles holds the lock for
 * about 3 s at most (32 BBC articles are about 72,000 characters: the cap binds only with long documents such as live
 * blogs; one very long document holds the lock as long as it did alone).
 */
export const INGEST_BATCH_CHARS = 200_000;

/** One input of a batch: the document and the file or line it was read from (see Ledger.ingest). */
export interface BatchInput {
  doc: IngestedDoc;
  source?: string;
}

/** A batch input with its store identity: key (URL, else id) and text hash. */
interface Keyed extends BatchInput {
  key: string;
  hash: string;
}

export interface IngestResult {
  outcome: PutOutcome;
  key: string;
  version: number;
  seq: number;
}

/** How the bytes were decoded, from the note ingest leaves ("ingest: decoded as windows-1252"); UTF-8 otherwise. */
export function decodedFrom(doc: IngestedDoc): string {
  for (const n of doc.notes) {
    const m = /decoded as (\S+)/.exec(n);
    if (m) return m[1]!;
  }
  return 'utf-8';
}

/**
 * analyzeBatch for an analyser with no batch mode of its own (the stub, the benchmarks' recorded analysers): each
 * document alone, in order, its error in its place.
 */
export function analyzeOneByOne(inputs: readonly IngestedDoc[], analyze: (input: IngestedDoc) => NewsRecord): Array<NewsRecord | Error> {
  return inputs.map((input) => {
    try {
      return analyze(input);
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  });
}

/** The analyser threw on this document (as opposed to the store failing to write it). */
export class AnalysisError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

export class Ledger {
  /** Made on first use: corrections and reads never need the pipeline's models loaded. */
  private current: LedgerAnalyzer | null = null;
  /** The last stored version whose effect the analyser's cross-document state holds. */
  private seen = 0;

  constructor(
    readonly store: Store,
    private readonly makeAnalyzer: () => LedgerAnalyzer,
    /** Documents per batch: INGEST_BATCH_DOCS; tests pass fewer to put batch boundaries between chosen inputs. */
    private readonly batchDocs = INGEST_BATCH_DOCS,
  ) {}

  private get analyzer(): LedgerAnalyzer {
    return (this.current ??= this.makeAnalyzer());
  }

  /** Replays the versions stored after `seen` (call with the write lock held, so none is being written). */
  private async catchUp(): Promise<number> {
    let n = 0;
    for (;;) {
      const batch = await this.store.versionsAfter(this.seen, REPLAY_BATCH);
      for (const v of batch) {
        this.analyzer.replay(v);
        this.seen = v.seq;
        n++;
      }
      if (batch.length < REPLAY_BATCH) return n;
    }
  }

  /** After a failed write the analyser may hold a document the store does not: start again from the store. */
  private reset(): void {
    this.current = null;
    this.seen = 0;
  }

  /**
   * Analyses and stores one document, unless this exact text is already stored under its key. The error entries this
   * input had (errors.ts) go in the same transaction: `source` names the file or line it was read from, whose
   * earlier read failures it also settles. Throws AnalysisError when the analyser throws, the store's error when the
   * write fails; either way nothing of the document is stored.
   */
  async ingest(input: IngestedDoc, source?: string): Promise<IngestResult> {
    const [r] = await this.ingestBatch([{ doc: input, source }]);
    if (r instanceof Error) throw r;
    return r!;
  }

  /**
   * Stores the first inputs of `inputs`, up to INGEST_BATCH_DOCS (and INGEST_BATCH_CHARS), as `ingest` would one
   * after the other, and returns their outcomes in order: callers pass the rest again. Every record is the one
   * one-at-a-time ingest stores. A result is an Error only in last place: an input that failed (AnalysisError, or
   * the store's error), which stored nothing; the caller records its error entry before it passes the inputs after
   * it, whose own storing could settle that entry (same key and text, or same source) as one at a time would.
   *
   * One transaction per batch, not one per document: the write lock is the transaction (SQLite BEGIN IMMEDIATE,
   * PostgreSQL pg_advisory_xact_lock), so committing each document would release the lock between the documents of
   * an analysed batch, another process could store versions in the gap, and the rest of the batch would have been
   * analysed against cross-document state that is no longer the store's (checking for that and analysing again
   * would throw most of each batch away whenever two writers share a store). Held from the catch-up to the last
   * write, the lock makes the batch exactly what one-at-a-time ingest makes. Crash safety is the same: a batch
   * commits whole or not at all, and nothing of it is reported before its commit; a killed run loses at most one
   * batch's work, which its rerun does again.
   */
  async ingestBatch(inputs: readonly BatchInput[]): Promise<Array<IngestResult | Error>> {
    if (inputs.length === 0) return [];
    const batch = takeBatch(inputs, this.batchDocs);
    try {
      const out = await this.store.write((tx) => this.writeBatch(tx, batch));
      // The analyser ran the failed document part way and the batch's later ones after it: start again from the
      // store, as one-at-a-time ingest does after a failure (the later ones are analysed again in the next batch).
      if (out.at(-1) instanceof Error) this.reset();
      return out;
    } catch (e) {
      // The write failed and the transaction is rolled back: the analyser holds documents the store does not.
      this.reset();
      if (batch.length === 1) return [e as Error];
      // Which document the store refused is unknown: one at a time (up to the first failure), as before batches.
      return this.oneByOne(batch);
    }
  }

  /** The batch's inputs one per transaction, up to and including the first that fails. */
  private async oneByOne(batch: readonly Keyed[]): Promise<Array<IngestResult | Error>> {
    const out: Array<IngestResult | Error> = [];
    for (const input of batch) {
      const [r] = await this.ingestBatch([input]);
      out.push(r!);
      if (r instanceof Error) break;
    }
    return out;
  }

  /**
   * In the batch's transaction: brings the analyser up to date, analyses the documents not stored yet (in one
   * analyzeBatch, in input order), then settles each input in order as `ingest` would have. Stops at the first
   * document whose analysis failed: the ones after it were analysed with the failed one's partial state.
   */
  private async writeBatch(tx: StoreTx, batch: readonly Keyed[]): Promise<Array<IngestResult | Error>> {
    const todo = await this.toAnalyse(tx, batch);
    const records = new Map<Keyed, NewsRecord | Error>();
    if (todo.length > 0) {
      await this.catchUp();
      let analysed: Array<NewsRecord | Error>;
      try {
        analysed = this.analyzer.analyzeBatch(todo.map((x) => x.doc));
      } catch (e) {
        // An analyser should return each document's error; one that throws instead leaves unknown which document
        // failed: alone, it is this one; in a batch, the transaction fails and ingestBatch goes one at a time.
        if (todo.length > 1) throw e;
        analysed = [e instanceof Error ? e : new Error(String(e))];
      }
      todo.forEach((x, i) => records.set(x, analysed[i]!));
    }
    const corrections = new TxCorrections(tx);
    const out: Array<IngestResult | Error> = [];
    for (const input of batch) {
      const record = records.get(input);
      if (record instanceof Error) {
        out.push(new AnalysisError(record));
        break;
      }
      out.push(await this.put(tx, input, record, corrections));
    }
    return out;
  }

  /**
   * The inputs to analyse: not stored under their key with their text, and not a repeat of an earlier input of the
   * batch (which is stored by the time the repeat is settled, so the repeat is 'unchanged', as one at a time).
   */
  private async toAnalyse(tx: StoreTx, batch: readonly Keyed[]): Promise<Keyed[]> {
    const planned = new Set<string>();
    const out: Keyed[] = [];
    for (const input of batch) {
      const id = `${input.key}\u0000${input.hash}`;
      if (planned.has(id)) continue;
      planned.add(id);
      if (!(await tx.findVersion(input.key, input.hash))) out.push(input);
    }
    return out;
  }

  /**
   * Settles one input in the batch's transaction: 'unchanged' when its text is stored under its key, else its
   * record stored as the key's next version and made current, corrections applied (`corrections`: read once for
   * the batch's transaction). Its error entries go either way.
   */
  private async put(tx: StoreTx, input: Keyed, record: NewsRecord | undefined, corrections: TxCorrections): Promise<IngestResult> {
    const { key, hash } = input;
    const found = await tx.findVersion(key, hash);
    await tx.clearErrors(key, hash, input.source);
    if (found) return { outcome: 'unchanged', key, version: found.version, seq: found.seq };
    // toAnalyse analysed every input that is neither stored nor a repeat of one stored earlier in this batch.
    if (!record) throw new Error(`internal: no analysis for ${key} in its batch`);
    const version = (await tx.latestVersion(key)) + 1;
    const seq = await tx.insertVersion({ docKey: key, version, hash, raw: { doc: input.doc, decoded: decodedFrom(input.doc) }, record });
    this.seen = seq;
    const { corrections: list, resolve } = await corrections.get();
    const applied = applyCorrections(record, key, list, resolve);
    await tx.writeCurrent(key, seq, version, applied.record, applied.corrected);
    corrections.madeCurrent(key);
    return { outcome: version === 1 ? 'stored' : 'new-version', key, version, seq };
  }

  /** Whether this text is stored under this key. */
  async isStored(key: string, hash: string): Promise<boolean> {
    return (await this.store.write((tx) => tx.findVersion(key, hash))) !== null;
  }

  /**
   * Analyses every stored version again with this process's pipeline, in ingest order, and rewrites the records and
   * current items with corrections applied: one transaction, so readers see the old ledger until it commits. The
   * versions are analysed a batch at a time (analyzeBatch, batches as ingestBatch takes them), which gives the
   * records one at a time gives. `progress` hears the count of versions done after each one's record is replaced.
   * The first version whose analysis fails fails the whole reanalysis with the analyser's error: nothing is changed
   * (an analyser whose analyzeBatch throws instead of returning the error fails it the same way, without the
   * progress of the batch's versions before the failed one).
   */
  async reanalyze(progress?: (done: number) => void): Promise<number> {
    this.current = this.makeAnalyzer();
    this.seen = 0;
    try {
      return await this.store.write(async (tx) => {
        const current = new Set<string>();
        let n = 0;
        for await (const batch of this.storedBatches()) {
          const records = this.analyzer.analyzeBatch(batch.map((v) => v.raw.doc));
          for (const [i, v] of batch.entries()) {
            const record = records[i]!;
            // Thrown as analysing this version alone threw it: the transaction rolls back, the catch below resets
            // the analyser (which ran the batch's later versions after the failed one: they are never written).
            if (record instanceof Error) throw record;
            await tx.replaceRecord(v.seq, record);
            this.seen = v.seq;
            current.add(v.docKey);
            n++;
            progress?.(n);
          }
        }
        await this.rewrite(tx, [...current]);
        return n;
      });
    } catch (e) {
      this.reset();
      throw e;
    }
  }

  /**
   * Every stored version in ingest order, in the batches ingestBatch would take (batchDocs, INGEST_BATCH_CHARS). The
   * versions are read REPLAY_BATCH at a time, and a batch that reaches the end of what was read waits for the next
   * read, so reads do not cut batches short.
   */
  private async *storedBatches(): AsyncGenerator<StoredVersion[]> {
    let pending: StoredVersion[] = [];
    let after = 0;
    let more = true;
    for (;;) {
      const n = batchLength(pending, this.batchDocs, (v) => v.raw.doc.text);
      if (more && n === pending.length) {
        const read = await this.store.versionsAfter(after, REPLAY_BATCH);
        more = read.length === REPLAY_BATCH;
        if (read.length > 0) after = read.at(-1)!.seq;
        pending = [...pending, ...read];
        continue;
      }
      if (n === 0) return;
      yield pending.slice(0, n);
      pending = pending.slice(n);
    }
  }

  /** Records a correction (who, when, why) and rewrites the documents it touches. */
  async correct(input: CorrectionInput): Promise<Correction> {
    return this.store.write(async (tx) => {
      const resolved = await this.anchorQuote(tx, await this.anchorStatements(tx, input));
      const docs = new Set(directDocuments(resolved));
      for (const d of docs) if (!(await tx.current(d))) throw new StoreError('not_found', `no document "${d}" in the store`);
      await this.checkTarget(tx, resolved);
      if (resolved.action === 'merge_entities') {
        for (const d of await tx.documentsWith({ entities: [resolved.into, ...resolved.from] })) docs.add(d);
      }
      if (resolved.action === 'merge_statements') {
        const ids = await Promise.all(resolved.statements.map(async (s) => (typeof s === 'string' ? s : await statementOf(tx, s))));
        for (const d of await tx.documentsWith({ statements: ids.filter((x): x is string => x !== null) })) docs.add(d);
      }
      const c = await tx.addCorrection(resolved, [...docs]);
      await this.rewrite(tx, [...docs]);
      return c;
    });
  }

  /** Statement ids in a merge become quotes that report them, which survive renumbering by a newer pipeline. */
  private async anchorStatements(tx: StoreTx, input: CorrectionInput): Promise<CorrectionInput> {
    if (input.action !== 'merge_statements') return input;
    const statements: QuoteAnchor[] = [];
    for (const s of input.statements) {
      if (typeof s !== 'string') {
        statements.push(s);
        continue;
      }
      const a = await tx.statementAnchor(s);
      if (!a) throw new StoreError('not_found', `no statement "${s}" in the store`);
      statements.push(a);
    }
    return { ...input, statements };
  }

  /** A quote named by id also gets its content span, by which a newer pipeline's renumbered quote is found again. */
  private async anchorQuote(tx: StoreTx, input: CorrectionInput): Promise<CorrectionInput> {
    const target = input.action === 'fix_speaker' || input.action === 'split_statement' ? input.quote
      : input.action === 'reject' && input.layer === 'quotes' ? input.id : null;
    if (target === null || ('start' in input && input.start !== undefined)) return input;
    const v = await tx.current((input as { document: string }).document);
    const q = v?.record.quotes.find((x) => x.id === target);
    return q ? ({ ...input, start: q.content.start, end: q.content.end } as CorrectionInput) : input;
  }

  /** Refuses a correction whose quote or item is not in its document, rather than storing one that does nothing. */
  private async checkTarget(tx: StoreTx, input: CorrectionInput): Promise<void> {
    const quoteTarget = input.action === 'fix_speaker' || input.action === 'split_statement'
      ? { document: input.document, quote: input.quote }
      : input.action === 'reject' && input.layer === 'quotes' ? { document: input.document, quote: input.id } : null;
    if (quoteTarget) {
      const v = await tx.current(quoteTarget.document);
      if (!v?.record.quotes.some((q) => q.id === quoteTarget.quote)) {
        throw new StoreError('not_found', `no quote "${quoteTarget.quote}" in document "${quoteTarget.document}"`);
      }
    } else if (input.action === 'reject') {
      const v = await tx.current(input.document);
      if (!v?.record[input.layer].some((x) => x.id === input.id)) {
        throw new StoreError('not_found', `no ${input.layer.replace(/s$/, '')} "${input.id}" in document "${input.document}"`);
      }
    }
  }

  /** Writes the current content of these documents again: their analysed records with every correction applied. */
  private async rewrite(tx: StoreTx, docs: string[]): Promise<void> {
    const corrections = await tx.corrections();
    const resolve = await resolverFor(tx, corrections);
    for (const d of docs) {
      const v = await tx.current(d);
      if (!v) continue;
      const applied = applyCorrections(v.record, d, corrections, resolve);
      await tx.writeCurrent(d, v.seq, v.version, applied.record, applied.corrected);
    }
  }
}

/** The inputs one batch takes from the front of `inputs` (at least one), keyed. */
function takeBatch(inputs: readonly BatchInput[], maxDocs: number): Keyed[] {
  const n = batchLength(inputs, maxDocs, (input) => input.doc.text);
  return inputs.slice(0, n).map((input) => ({ ...input, key: documentKey(input.doc), hash: contentHash(input.doc.text) }));
}

/**
 * How many items from the front of `items` one batch takes: up to maxDocs, and none after INGEST_BATCH_CHARS
 * characters of text; at least one unless `items` is empty.
 */
function batchLength<T>(items: readonly T[], maxDocs: number, text: (item: T) => string): number {
  let chars = 0;
  let n = 0;
  for (const item of items) {
    if (n >= maxDocs || (n > 0 && chars >= INGEST_BATCH_CHARS)) break;
    chars += text(item).length;
    n++;
  }
  return n;
}
