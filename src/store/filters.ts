// Filters to SQL: one WHERE builder for every listing, so a filter means the same thing on documents, quotes,
// events and claims. Values are always bound parameters; only fixed SQL fragments are concatenated.
import type { Filters } from './store.js';

export type Layer = 'documents' | 'quotes' | 'events' | 'claims' | 'entities';

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased words of a name, as speaker and entity columns store them. */
export function nameWords(name: string): string[] {
  return name.toLowerCase().normalize('NFC').match(WORD) ?? [];
}

export function normName(name: string | null): string | null {
  if (name === null) return null;
  const w = nameWords(name);
  return w.length ? w.join(' ') : null;
}

export function lastWord(name: string | null): string | null {
  if (name === null) return null;
  const w = nameWords(name);
  return w.length ? w[w.length - 1]! : null;
}

/** A user's query as terms: "quoted phrases" and single words, punctuation and operators dropped. */
export function queryTerms(q: string): string[][] {
  const terms: string[][] = [];
  const re = /"([^"]*)"|([^\s"]+)/g;
  for (let m = re.exec(q); m !== null; m = re.exec(q)) {
    const w = nameWords(m[1] ?? m[2] ?? '');
    if (w.length) terms.push(w);
  }
  return terms;
}

/** FTS5 MATCH syntax: each term quoted (so no word is read as an operator), all required. */
export function ftsMatch(terms: string[][]): string {
  return terms.map((t) => `"${t.join(' ')}"`).join(' ');
}

/** to_tsquery syntax: words ANDed, a phrase's words joined by "followed by". Terms hold only letters and digits. */
export function tsQuery(terms: string[][]): string {
  return terms.map((t) => (t.length === 1 ? t[0]! : `(${t.join(' <-> ')})`)).join(' & ');
}

export interface Where {
  sql: string;
  params: unknown[];
}

/**
 * The WHERE clause for a listing of `layer`, whose table is aliased `x` and joined to its document as `d` (for
 * documents, `x` and `d` are the same row). A filter on another layer (a speaker, for events) keeps items whose
 * document has such an item.
 */
export function buildWhere(layer: Layer, f: Filters, dialect: 'sqlite' | 'postgres'): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...p: unknown[]) => {
    parts.push(sql);
    params.push(...p);
  };
  const inDoc = (table: string, cond: string, ...p: unknown[]) =>
    add(`EXISTS (SELECT 1 FROM ${table} y WHERE y.doc_key = d.doc_key AND ${cond})`, ...p);

  if (f.q !== undefined) {
    const terms = queryTerms(f.q);
    if (terms.length === 0) add('1 = 0');
    else if (layer === 'entities') add('x.name_norm LIKE ?', `%${terms.flat().join(' ')}%`);
    else if (layer === 'quotes') {
      if (dialect === 'sqlite') add('x.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)', ftsMatch(terms));
      else add(`x.tsv @@ to_tsquery('simple', ?)`, tsQuery(terms));
    } else if (dialect === 'sqlite') add('d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)', ftsMatch(terms));
    else add(`d.tsv @@ to_tsquery('simple', ?)`, tsQuery(terms));
  }
  if (f.speaker !== undefined) {
    // A one-word name is a last name ("Biden" finds "Joe Biden"); a longer one is the whole name. One equality on
    // one index either way, whose entries are in id order, so a page of a much-quoted speaker reads only its rows.
    const words = nameWords(f.speaker);
    const cond = words.length === 1 ? 'y.speaker_last = ?' : 'y.speaker_norm = ?';
    const value = words.join(' ');
    if (layer === 'quotes') add(cond.replace(/y\./g, 'x.'), value);
    else inDoc('quotes', cond, value);
  }
  if (f.entity !== undefined) {
    const cond = '(y.entity_id = ? OR y.name_norm = ?)';
    if (layer === 'entities') add(cond.replace(/y\./g, 'x.'), f.entity, normName(f.entity) ?? '');
    else inDoc('doc_entities', cond, f.entity, normName(f.entity) ?? '');
  }
  if (f.outlet !== undefined) add('d.outlet = ?', f.outlet);
  if (f.document !== undefined) add('d.doc_key = ?', f.document);
  if (f.from !== undefined) add('d.published_day >= ?', f.from);
  if (f.to !== undefined) add('d.published_day <= ?', f.to);
  if (f.kind !== undefined) {
    if (layer === 'quotes') add('x.kind = ?', f.kind);
    else inDoc('quotes', 'y.kind = ?', f.kind);
  }
  if (f.statement !== undefined) {
    if (layer === 'quotes') add('x.id IN (SELECT id FROM quotes WHERE statement = ? UNION SELECT id FROM quotes WHERE paraphrase_of = ?)', f.statement, f.statement);
    else inDoc('quotes', 'y.statement = ?', f.statement);
  }
  if (f.event_type !== undefined) {
    if (layer === 'events') add('x.type = ?', f.event_type);
    else inDoc('events', 'y.type = ?', f.event_type);
  }
  if (f.claim_status !== undefined) {
    if (layer === 'claims') add('x.status = ?', f.claim_status);
    else inDoc('claims', 'y.status = ?', f.claim_status);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}
