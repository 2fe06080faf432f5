// The Store over a SqlDriver: reads and listings here, writes in tx.ts. Listings join each item to its document
// (alias d) so every filter of filters.ts applies to every layer; pages are fetched one row long to tell whether a
// next page exists without counting. Documents and quotes come newest stored first (by row id): that order walks an
// index and stops at the page's end, where ordering by publication day would sort every match of a common word.
import { applyCorrections } from './corrections.js';
import { resolverFor } from './resolve.js';
import type { Correction } from './corrections.js';
import type { SqlDriver } from './driver.js';
import { buildWhere, ftsMatch, queryTerms, type Layer } from './filters.js';
import { claimRow, correctionFromRow, documentRow, entityRow, eventRow, quoteRow, versionFromRow, type CorrectionRow, type VersionRow } from './read.js';
import type { ClaimRow, DocumentRow, DocumentView, EntityRow, EventRow, Filters, Page, PageRequest, QuoteRow, StatementRow, Store, StoreTx, StoredVersion, TimelineRow } from './store.js';
import { SqlStoreTx } from './tx.js';
import { deleteError, errorsWithInput, listErrors, recordError, type ErrorEntry, type ErrorWithInput, type NewError } from './errors.js';
import { integrityCheck, type IntegrityReport } from './integrity.js';

/** The columns documentRow and quoteRow read (a quote's outlet and publication date are its own columns, headline and URL its document's). */
const DOCUMENT_COLUMNS = 'd.doc_key, d.version, d.url, d.outlet, d.headline, d.published, d.language, d.n_quotes, d.n_entities, ' +
  'd.n_events, d.n_claims, d.pipeline_version';
const QUOTE_COLUMNS = 'x.doc_key, x.quote_id, x.kind, x.speaker, x.speaker_entity, x.content, x.start_off, x.end_off, x.statement, ' +
  'x.paraphrase_of, x.confidence, x.outlet, x.published, x.corrected, d.headline, d.url';

export class SqlStore implements Store {
  constructor(readonly driver: SqlDriver) {}

  get dialect() {
    return this.driver.dialect;
  }

  get where() {
    return this.driver.where;
  }

  write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.driver.writeTransaction((exec) => fn(new SqlStoreTx(exec, this.driver.dialect)));
  }

  async versionsAfter(seq: number, limit: number): Promise<StoredVersion[]> {
    const rows = await this.driver.all<VersionRow>('SELECT * FROM versions WHERE seq > ? ORDER BY seq LIMIT ?', [seq, limit]);
    return rows.map(versionFromRow);
  }

  async lastSeq(): Promise<number> {
    const rows = await this.driver.all<{ s: number | null }>('SELECT MAX(seq) AS s FROM versions');
    return Number(rows[0]?.s ?? 0);
  }

  async getDocument(key: string): Promise<DocumentView | null> {
    const rows = await this.driver.all<Record<string, unknown>>(
      'SELECT d.*, (SELECT COUNT(*) FROM versions w WHERE w.doc_key = d.doc_key) AS versions FROM documents d WHERE d.doc_key = ?', [key]);
    if (!rows[0]) return null;
    const v = await this.driver.all<VersionRow>('SELECT * FROM versions WHERE seq = ?', [rows[0].seq]);
    const all = await this.driver.all<CorrectionRow>('SELECT * FROM corrections ORDER BY id');
    const corrections = all.map(correctionFromRow);
    const stored = versionFromRow(v[0]!);
    // The rows hold the corrected items; the record shown is rebuilt from the analysed one the same way. Without
    // corrections there is nothing to apply: the record just parsed is returned as it is (applyCorrections would only
    // deep-copy it, a large part of this read's cost).
    if (corrections.length === 0) return { row: documentRow(rows[0]), record: stored.record, corrections: [] };
    const resolve = await resolverFor(new SqlStoreTx(this.driver, this.driver.dialect), corrections);
    const { record } = applyCorrections(stored.record, key, corrections, resolve);
    return { row: documentRow(rows[0]), record, corrections: corrections.filter((c) => c.documents.includes(key)) };
  }

  private async page<T>(sql: string, params: unknown[], page: PageRequest, map: (r: Record<string, unknown>) => T): Promise<Page<T>> {
    const rows = await this.driver.all<Record<string, unknown>>(`${sql} LIMIT ? OFFSET ?`, [...params, page.limit + 1, page.offset]);
    const more = rows.length > page.limit;
    return { items: rows.slice(0, page.limit).map(map), next: more ? page.offset + page.limit : null };
  }

  private filter(layer: Layer, f: Filters) {
    return buildWhere(layer, f, this.driver.dialect);
  }

  /**
   * On SQLite, a search (q) with no other filter: the FTS match, newest first, cut to the rows the page needs. The
   * general filter reads every match of the words into a list first (thousands for a common word) before the page
   * takes its rows; FTS5 walks its rowids in descending order itself. The same rows: every FTS row has its table's
   * row and the reverse (written in one transaction; `newsledger check` verifies it), and both orders are by that id.
   */
  private ftsOnly(f: Filters, page: PageRequest): { match: string; rows: number } | null {
    if (this.driver.dialect !== 'sqlite' || f.q === undefined) return null;
    for (const [k, v] of Object.entries(f)) if (k !== 'q' && v !== undefined) return null;
    const terms = queryTerms(f.q);
    return terms.length ? { match: ftsMatch(terms), rows: page.offset + page.limit + 1 } : null;
  }

  listDocuments(f: Filters, page: PageRequest): Promise<Page<DocumentRow>> {
    // The columns documentRow reads, not d.*: each column of each row costs the driver a value to build.
    const cols = DOCUMENT_COLUMNS;
    const fts = this.ftsOnly(f, page);
    if (fts) {
      return this.page(`SELECT ${cols} FROM documents d WHERE d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ` +
        'ORDER BY rowid DESC LIMIT ?) ORDER BY d.id DESC', [fts.match, fts.rows], page, documentRow);
    }
    const w = this.filter('documents', f);
    return this.page(`SELECT ${cols} FROM documents d ${w.sql} ORDER BY d.id DESC`, w.params, page, documentRow);
  }

  listQuotes(f: Filters, page: PageRequest): Promise<Page<QuoteRow>> {
    const cols = QUOTE_COLUMNS;
    const fts = this.ftsOnly(f, page);
    if (fts) {
      return this.page(`SELECT ${cols} FROM quotes x JOIN documents d ON d.doc_key = x.doc_key WHERE x.id IN ` +
        '(SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY x.id DESC', [fts.match, fts.rows], page, quoteRow);
    }
    const w = this.filter('quotes', f);
    return this.page(
      `SELECT ${cols} FROM quotes x JOIN documents d ON d.doc_key = x.doc_key ${w.sql} ORDER BY x.id DESC`,
      w.params, page, quoteRow);
  }

  async listStatements(f: Filters, page: PageRequest): Promise<Page<StatementRow>> {
    const w = this.filter('quotes', f);
    const cond = w.sql ? `${w.sql} AND x.statement IS NOT NULL` : 'WHERE x.statement IS NOT NULL';
    const result = await this.page(
      'SELECT x.statement AS id, MAX(x.speaker) AS speaker, MIN(d.published) AS first_seen, COUNT(*) AS reports, ' +
        `COUNT(DISTINCT x.doc_key) AS documents FROM quotes x JOIN documents d ON d.doc_key = x.doc_key ${cond} ` +
        'GROUP BY x.statement ORDER BY COUNT(*) DESC, x.statement', w.params, page, (r) => ({
        id: String(r.id),
        speaker: r.speaker === null ? null : String(r.speaker),
        wording: '',
        first_seen: r.first_seen === null ? null : String(r.first_seen),
        reports: Number(r.reports),
        documents: Number(r.documents),
      }));
    // The fullest wording: the longest verbatim report (one indexed lookup per statement on the page).
    for (const s of result.items) {
      const rows = await this.driver.all<{ content: string }>(
        "SELECT content FROM quotes WHERE statement = ? ORDER BY CASE WHEN kind = 'direct' THEN 0 ELSE 1 END, LENGTH(content) DESC LIMIT 1", [s.id]);
      s.wording = rows[0]?.content ?? '';
    }
    return result;
  }

  listEntities(f: Filters, page: PageRequest): Promise<Page<EntityRow>> {
    const w = this.filter('entities', f);
    return this.page(
      'SELECT x.entity_id, MIN(x.type) AS type, MIN(x.name) AS name, COUNT(DISTINCT x.doc_key) AS documents, ' +
        `SUM(x.mentions) AS mentions FROM doc_entities x JOIN documents d ON d.doc_key = x.doc_key ${w.sql} ` +
        'GROUP BY x.entity_id ORDER BY COUNT(DISTINCT x.doc_key) DESC, x.entity_id', w.params, page, entityRow);
  }

  listEvents(f: Filters, page: PageRequest): Promise<Page<EventRow>> {
    const w = this.filter('events', f);
    return this.page(
      `SELECT x.*, d.published FROM events x JOIN documents d ON d.doc_key = x.doc_key ${w.sql} ` +
        'ORDER BY d.published_day DESC, x.doc_key, x.start_off', w.params, page, eventRow);
  }

  listClaims(f: Filters, page: PageRequest): Promise<Page<ClaimRow>> {
    const w = this.filter('claims', f);
    return this.page(
      `SELECT x.*, d.published FROM claims x JOIN documents d ON d.doc_key = x.doc_key ${w.sql} ` +
        'ORDER BY d.published_day DESC, x.doc_key, x.start_off', w.params, page, claimRow);
  }

  listCorrections(f: { document?: string }, page: PageRequest): Promise<Page<Correction>> {
    // Documents are a JSON array of keys; a LIKE on the quoted key finds them without a join table.
    const where = f.document !== undefined ? 'WHERE documents LIKE ?' : '';
    const params = f.document !== undefined ? [`%${JSON.stringify(f.document).replace(/[%_\\]/g, '\\$&')}%`] : [];
    const like = f.document !== undefined ? " ESCAPE '\\'" : '';
    return this.page(`SELECT * FROM corrections ${where}${like} ORDER BY id DESC`, params, page,
      (r) => correctionFromRow(r as unknown as CorrectionRow));
  }

  async timeline(f: Filters): Promise<TimelineRow[]> {
    const w = this.filter('documents', f);
    const cond = w.sql ? `${w.sql} AND d.published_day IS NOT NULL` : 'WHERE d.published_day IS NOT NULL';
    const rows = await this.driver.all<Record<string, unknown>>(
      'SELECT d.published_day AS day, COUNT(*) AS documents, SUM(d.n_quotes) AS quotes, SUM(d.n_events) AS events ' +
        `FROM documents d ${cond} GROUP BY d.published_day ORDER BY d.published_day`, w.params);
    return rows.map((r) => ({ day: String(r.day), documents: Number(r.documents), quotes: Number(r.quotes), events: Number(r.events) }));
  }

  async counts() {
    const one = async (table: string) => Number((await this.driver.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
    return { documents: await one('documents'), versions: await one('versions'), quotes: await one('quotes'), corrections: await one('corrections') };
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  recordError(e: NewError, o: { ifNew?: boolean } = {}): Promise<number> {
    // Under the write lock like every write, so an entry never races the transaction that stores the same input.
    return this.driver.writeTransaction((exec) => recordError(exec, e, o));
  }

  listErrors(o: { limit: number; ids?: number[] }): Promise<ErrorEntry[]> {
    return listErrors(this.driver, o);
  }

  errorsWithInput(ids?: number[]): Promise<ErrorWithInput[]> {
    return errorsWithInput(this.driver, ids);
  }

  deleteError(id: number): Promise<void> {
    return this.driver.writeTransaction((exec) => deleteError(exec, id));
  }

  async countErrors(): Promise<number> {
    return Number((await this.driver.all<{ n: number }>('SELECT COUNT(*) AS n FROM ingest_errors'))[0]!.n);
  }

  integrityCheck(): Promise<IntegrityReport> {
    return integrityCheck(this.driver);
  }
}
