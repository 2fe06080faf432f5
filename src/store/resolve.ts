// Statement merges name statements by quotes that report them (ids change when a newer pipeline renumbers); these
// find the statement id such a quote has now, in the analysed record of its document's current version.
import type { Correction, QuoteAnchor } from './corrections.js';
import type { StoreTx } from './store.js';

/** The statement a quote anchor names, in the analysed record of its document's current version. */
export async function statementOf(tx: StoreTx, a: QuoteAnchor): Promise<string | null> {
  const v = await tx.current(a.document);
  if (!v) return null;
  const q = v.record.quotes.find((x) => (a.start !== undefined && x.content.start === a.start && x.content.end === a.end)) ??
    v.record.quotes.find((x) => x.id === a.quote);
  return q?.statement ?? null;
}

export async function resolverFor(tx: StoreTx, corrections: Correction[]) {
  const map = new Map<string, string | null>();
  for (const c of corrections) {
    if (c.input.action !== 'merge_statements') continue;
    for (const s of c.input.statements) if (typeof s !== 'string') map.set(`${s.document}\u0000${s.quote}`, await statementOf(tx, s));
  }
  return (a: QuoteAnchor) => map.get(`${a.document}\u0000${a.quote}`) ?? null;
}
