// The ledger: the store plus an analyser, kept in step. Every write takes the store's write lock, replays what
// other processes stored since this one last looked (so cross-document links come out as if one process had
// analysed everything in ingest order), then analyses and writes one document in one transaction.
import type { IngestedDoc } from '../ingest/document.js';
import type { LedgerAnalyzer } from './analyzer.js';
import { applyCorrections, type Correction, type CorrectionInput, directDocuments, type QuoteAnchor } from './corrections.js';
import { contentHash } from './hash.js';
import { resolverFor, statementOf } from './resolve.js';
import { documentKey, type PutOutcome, type Store, StoreError, type StoreTx } from './store.js';

/** Versions read per query while replaying. */
const REPLAY_BATCH = 500;

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
   * earlier read failures it also settles.
   */
  async ingest(input: IngestedDoc, source?: string): Promise<IngestResult> {
    const key = documentKey(input);
    const hash = contentHash(input.text);
    try {
      return await this.store.write(async (tx) => {
        const found = await tx.findVersion(key, hash);
        await tx.clearErrors(key, hash, source);
        if (found) return { outcome: 'unchanged', key, version: found.version, seq: found.seq };
        await this.catchUp();
        let record;
        try {
          record = this.analyzer.analyze(input);
        } catch (e) {
          throw new AnalysisError(e);
        }
        const version = (await tx.latestVersion(key)) + 1;
        const seq = await tx.insertVersion({ docKey: key, version, hash, raw: { doc: input, decoded: decodedFrom(input) }, record });
        this.seen = seq;
        const corrections = await tx.corrections();
        const resolve = await resolverFor(tx, corrections);
        const applied = applyCorrections(record, key, corrections, resolve);
        await tx.writeCurrent(key, seq, version, applied.record, applied.corrected);
        return { outcome: version === 1 ? 'stored' : 'new-version', key, version, seq };
      });
    } catch (e) {
      this.reset();
      throw e;
    }
  }

  /** Whether this text is stored under this key. */
  async isStored(key: string, hash: string): Promise<boolean> {
    return (await this.store.write((tx) => tx.findVersion(key, hash))) !== null;
  }

  /**
   * Analyses every stored version again with this process's pipeline, in ingest order, and rewrites the records and
   * current items with corrections applied: one transaction, so readers see the old ledger until it commits.
   */
  async reanalyze(progress?: (done: number) => void): Promise<number> {
    this.current = this.makeAnalyzer();
    this.seen = 0;
    try {
      return await this.store.write(async (tx) => {
        const current = new Set<string>();
        let n = 0;
        for (;;) {
          const batch = await this.store.versionsAfter(this.seen, REPLAY_BATCH);
          for (const v of batch) {
            const record = this.analyzer.analyze(v.raw.doc);
            await tx.replaceRecord(v.seq, record);
            this.seen = v.seq;
            current.add(v.docKey);
            n++;
            progress?.(n);
          }
          if (batch.length < REPLAY_BATCH) break;
        }
        await this.rewrite(tx, [...current]);
        return n;
      });
    } catch (e) {
      this.reset();
      throw e;
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
