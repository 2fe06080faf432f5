// The store's writes, inside one transaction (Store.write). A document's current content is replaced whole: its
// rows are deleted and inserted again, so a new version updates its quotes and events instead of adding to them.
import type { NewsRecord } from '../model/record.js';
import type { Correction, CorrectionInput } from './corrections.js';
import type { SqlExecutor } from './driver.js';
import { CLAIM_COLUMNS, claimRows, documentValues, ENTITY_COLUMNS, entityRows, EVENT_COLUMNS, eventRows, QUOTE_COLUMNS, quoteRows } from './rows.js';
import type { RawInput, StoredVersion, StoreTx } from './store.js';
import { clearErrorsFor } from './errors.js';
import { correctionFromRow, versionFromRow, type CorrectionRow, type VersionRow } from './read.js';

/** Rows per multi-row INSERT: well under SQLite's 32,766 bound parameters for the widest table (17 columns). */
const INSERT_CHUNK = 200;

export class SqlStoreTx implements StoreTx {
  constructor(
    private readonly db: SqlExecutor,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  async findVersion(docKey: string, hash: string) {
    const rows = await this.db.all<{ seq: number; version: number }>(
      'SELECT seq, version FROM versions WHERE doc_key = ? AND content_hash = ?', [docKey, hash]);
    return rows[0] ?? null;
  }

  async latestVersion(docKey: string): Promise<number> {
    const rows = await this.db.all<{ v: number | null }>('SELECT MAX(version) AS v FROM versions WHERE doc_key = ?', [docKey]);
    return rows[0]?.v ?? 0;
  }

  async insertVersion(v: { docKey: string; version: number; hash: string; raw: RawInput; record: NewsRecord }): Promise<number> {
    const { text: _text, ...meta } = v.raw.doc;
    const rows = await this.db.all<{ seq: number }>(
      'INSERT INTO versions (doc_key, version, content_hash, raw_text, raw_meta, record, pipeline_version, models, ingested_at) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq',
      [v.docKey, v.version, v.hash, v.raw.doc.text, JSON.stringify({ ...meta, decoded: v.raw.decoded }), recordJson(v.record),
        v.record.pipeline.version, JSON.stringify(v.record.pipeline.models), new Date().toISOString()],
    );
    return rows[0]!.seq;
  }

  async replaceRecord(seq: number, record: NewsRecord): Promise<void> {
    await this.db.run('UPDATE versions SET record = ?, pipeline_version = ?, models = ? WHERE seq = ?',
      [recordJson(record), record.pipeline.version, JSON.stringify(record.pipeline.models), seq]);
  }

  async current(docKey: string): Promise<StoredVersion | null> {
    const rows = await this.db.all<VersionRow>(
      'SELECT v.* FROM versions v JOIN documents d ON d.seq = v.seq WHERE d.doc_key = ?', [docKey]);
    return rows[0] ? versionFromRow(rows[0]) : null;
  }

  async writeCurrent(docKey: string, seq: number, version: number, record: NewsRecord, corrected = new Set<string>()): Promise<void> {
    const url = (record.source as { url?: string }).url ?? null;
    const v = documentValues(record, url);
    const now = new Date().toISOString();
    const existing = await this.db.all<{ id: number }>('SELECT id FROM documents WHERE doc_key = ?', [docKey]);
    const pg = this.dialect === 'postgres';
    const tsv = pg ? `, tsv = to_tsvector('simple', ?)` : '';
    const body = `${v.headline ?? ''}\n${record.text}`;
    const docParams = [seq, version, v.url, v.outlet, v.headline, v.published, v.published_day, v.language, v.n_quotes,
      v.n_entities, v.n_events, v.n_claims, v.pipeline_version, now];
    let docId: number;
    if (existing[0]) {
      docId = existing[0].id;
      await this.db.run(
        'UPDATE documents SET seq = ?, version = ?, url = ?, outlet = ?, headline = ?, published = ?, published_day = ?, ' +
          `language = ?, n_quotes = ?, n_entities = ?, n_events = ?, n_claims = ?, pipeline_version = ?, updated_at = ?${tsv} ` +
          'WHERE id = ?',
        [...docParams, ...(pg ? [body] : []), docId]);
      if (!pg) await this.db.run('DELETE FROM documents_fts WHERE rowid = ?', [docId]);
    } else {
      const rows = await this.db.all<{ id: number }>(
        'INSERT INTO documents (seq, version, url, outlet, headline, published, published_day, language, n_quotes, ' +
          `n_entities, n_events, n_claims, pipeline_version, updated_at, doc_key${pg ? ', tsv' : ''}) ` +
          `VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?${pg ? `, to_tsvector('simple', ?)` : ''}) RETURNING id`,
        [...docParams, docKey, ...(pg ? [body] : [])]);
      docId = rows[0]!.id;
    }
    if (!pg) {
      await this.db.run('INSERT INTO documents_fts (rowid, headline, body) VALUES (?, ?, ?)', [docId, v.headline ?? '', record.text]);
      await this.db.run('DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM quotes WHERE doc_key = ?)', [docKey]);
    }
    for (const table of ['quotes', 'doc_entities', 'events', 'claims']) {
      await this.db.run(`DELETE FROM ${table} WHERE doc_key = ?`, [docKey]);
    }
    const quotes = quoteRows(docKey, record, corrected);
    if (pg) {
      // The speaker is indexed with the words so "Biden" finds what he said.
      await this.insertMany('quotes', `${QUOTE_COLUMNS}, tsv`, quotes.map((r) => [...r, `${r[7]} ${r[3] ?? ''}`]),
        `(${'?, '.repeat(17)}to_tsvector('simple', ?))`);
    } else {
      for (const r of quotes) {
        const ids = await this.db.all<{ id: number }>(`INSERT INTO quotes (${QUOTE_COLUMNS}) VALUES (${qs(17)}) RETURNING id`, r);
        await this.db.run('INSERT INTO quotes_fts (rowid, content, speaker) VALUES (?, ?, ?)', [ids[0]!.id, r[7], r[3] ?? '']);
      }
    }
    await this.insertMany('doc_entities', ENTITY_COLUMNS, entityRows(docKey, record));
    await this.insertMany('events', EVENT_COLUMNS, eventRows(docKey, record));
    await this.insertMany('claims', CLAIM_COLUMNS, claimRows(docKey, record));
  }

  /** Multi-row INSERTs (one round trip per chunk on PostgreSQL). `template` is one row's VALUES tuple. */
  private async insertMany(table: string, columns: string, rows: unknown[][], template?: string): Promise<void> {
    if (rows.length === 0) return;
    const width = rows[0]!.length;
    const tuple = template ?? `(${qs(width)})`;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      // ON CONFLICT DO NOTHING: a record listing one id twice (a pipeline bug) must not lose the whole document.
      await this.db.run(`INSERT INTO ${table} (${columns}) VALUES ${chunk.map(() => tuple).join(', ')} ON CONFLICT DO NOTHING`,
        chunk.flat());
    }
  }

  async addCorrection(c: CorrectionInput, docKeys: string[]): Promise<Correction> {
    const at = new Date().toISOString();
    const rows = await this.db.all<CorrectionRow>(
      'INSERT INTO corrections (action, input, documents, who, why, at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *',
      [c.action, JSON.stringify(c), JSON.stringify(docKeys), c.who, c.why, at]);
    return correctionFromRow(rows[0]!);
  }

  async corrections(): Promise<Correction[]> {
    const rows = await this.db.all<CorrectionRow>('SELECT * FROM corrections ORDER BY id');
    return rows.map(correctionFromRow);
  }

  async statementAnchor(id: string): Promise<{ document: string; quote: string; start: number; end: number } | null> {
    const rows = await this.db.all<{ doc_key: string; quote_id: string; start_off: number; end_off: number }>(
      'SELECT doc_key, quote_id, start_off, end_off FROM quotes WHERE statement = ? ORDER BY id LIMIT 1', [id]);
    const r = rows[0];
    return r ? { document: r.doc_key, quote: r.quote_id, start: r.start_off, end: r.end_off } : null;
  }

  async documentsWith(ids: { statements?: string[]; entities?: string[] }): Promise<string[]> {
    const out = new Set<string>();
    const s = ids.statements ?? [];
    if (s.length) {
      const rows = await this.db.all<{ doc_key: string }>(
        `SELECT DISTINCT doc_key FROM quotes WHERE statement IN (${qs(s.length)}) OR paraphrase_of IN (${qs(s.length)})`, [...s, ...s]);
      for (const r of rows) out.add(r.doc_key);
    }
    const e = ids.entities ?? [];
    if (e.length) {
      const rows = await this.db.all<{ doc_key: string }>(
        `SELECT DISTINCT doc_key FROM doc_entities WHERE entity_id IN (${qs(e.length)})`, e);
      for (const r of rows) out.add(r.doc_key);
    }
    return [...out];
  }

  async allDocuments(): Promise<string[]> {
    return (await this.db.all<{ doc_key: string }>('SELECT doc_key FROM documents ORDER BY id')).map((r) => r.doc_key);
  }

  clearErrors(docKey: string, hash: string, source?: string): Promise<void> {
    return clearErrorsFor(this.db, docKey, hash, source);
  }

  async getMeta(key: string): Promise<string | null> {
    const rows = await this.db.all<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
    return rows[0]?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }
}

/** The record as stored: its text is the version's raw text, so it is not kept twice. */
function recordJson(record: NewsRecord): string {
  const { text: _text, ...rest } = record;
  return JSON.stringify(rest);
}

export function qs(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}
