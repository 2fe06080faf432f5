// Statement merges name statements by quotes that report them (ids change when a newer pipeline renumbers); these
// find the statement id such a quote has now, in the analysed record of its document's current version.
import type { Correction, QuoteAnchor, StatementResolver } from './corrections.js';
import type { StoreTx } from './store.js';

/** The statement a quote anchor names, in the analysed record of its document's current version. */
export async function statementOf(tx: StoreTx, a: QuoteAnchor): Promise<string | null> {
  const v = await tx.current(a.document);
  if (!v) return null;
  const q = v.record.quotes.find((x) => (a.start !== undefined && x.content.start === a.start && x.content.end === a.end)) ??
    v.record.quotes.find((x) => x.id === a.quote);
  return q?.statement ?? null;
}

export async function resolverFor(tx: StoreTx, corrections: Correction[]): Promise<StatementResolver> {
  const map = new Map<string, string | null>();
  for (const c of corrections) {
    if (c.input.action !== 'merge_statements') continue;
    for (const s of c.input.statements) if (typeof s !== 'string') map.set(`${s.document}\u0000${s.quote}`, await statementOf(tx, s));
  }
  return (a: QuoteAnchor) => map.get(`${a.document}\u0000${a.quote}`) ?? null;
}

/**
 * The corrections as one transaction that writes several documents (a batch) applies them, read from the store once
 * instead of once per document. The list cannot change inside the transaction: only Ledger.correct adds corrections,
 * in a transaction of its own, and writing a document (Ledger.put) never does. The statement resolver can change: it
 * reads the analysed record of each anchored document's current version, and writing a new version of an anchored
 * document makes another record current. So it is built again after such a write, as the next document's own
 * transaction would have built it, and kept otherwise. Both are read on first use: a batch that writes nothing reads
 * nothing.
 */
export class TxCorrections {
  private list: Correction[] | null = null;
  private anchored = new Set<string>();
  private resolver: StatementResolver | null = null;

  constructor(private readonly tx: StoreTx) {}

  /** Every correction, in the order they were made, and the statement resolver for the current versions. */
  async get(): Promise<{ corrections: Correction[]; resolve: StatementResolver }> {
    if (!this.list) {
      this.list = await this.tx.corrections();
      this.anchored = anchoredDocuments(this.list);
    }
    this.resolver ??= await resolverFor(this.tx, this.list);
    return { corrections: this.list, resolve: this.resolver };
  }

  /** Call after making another version of `docKey` current: a resolver that read its old record is out of date. */
  madeCurrent(docKey: string): void {
    if (this.anchored.has(docKey)) this.resolver = null;
  }
}

/** The documents whose current records resolverFor reads: those of the quote anchors in statement merges. */
function anchoredDocuments(corrections: Correction[]): Set<string> {
  const out = new Set<string>();
  for (const c of corrections) {
    if (c.input.action !== 'merge_statements') continue;
    for (const s of c.input.statements) if (typeof s !== 'string') out.add(s.document);
  }
  return out;
}
