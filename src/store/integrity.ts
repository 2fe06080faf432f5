// The store's integrity check (`newsledger check`, and after every kill in the crash trials): the database's own
// check, then what the ledger promises on top of it. Each document is written in one transaction, so none of these
// should ever fail, whatever moment a process was killed at; a failure names what is wrong and how many rows.
import type { SqlDriver } from './driver.js';

export interface IntegrityReport {
  ok: boolean;
  /** One line per problem found; empty when ok. */
  problems: string[];
  documents: number;
  versions: number;
  errors: number;
}

/** A count query and the problem it names when the count is not zero. */
const CHECKS: [string, string][] = [
  ['SELECT COUNT(*) AS n FROM documents d LEFT JOIN versions v ON v.seq = d.seq ' +
    'WHERE v.seq IS NULL OR v.doc_key <> d.doc_key OR v.version <> d.version',
  'documents whose current version is missing or is another document\'s'],
  ['SELECT COUNT(*) AS n FROM documents d WHERE d.version <> (SELECT MAX(w.version) FROM versions w WHERE w.doc_key = d.doc_key)',
    'documents whose current version is not their latest'],
  ['SELECT COUNT(DISTINCT v.doc_key) AS n FROM versions v WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_key = v.doc_key)',
    'stored versions without a document (half-written)'],
  ['SELECT COUNT(*) AS n FROM (SELECT doc_key FROM versions GROUP BY doc_key HAVING COUNT(*) <> MAX(version) OR MIN(version) <> 1) x',
    'documents whose versions are not numbered 1..n'],
  ['SELECT COUNT(*) AS n FROM (SELECT doc_key, content_hash FROM versions GROUP BY doc_key, content_hash HAVING COUNT(*) > 1) x',
    'texts stored twice under one key (duplicates)'],
  ['SELECT COUNT(*) AS n FROM (SELECT doc_key FROM documents GROUP BY doc_key HAVING COUNT(*) > 1) x',
    'documents listed twice (duplicates)'],
  // Item rows follow their document's counts: none where it has some is a half-written document. (Fewer than counted
  // is allowed: a record listing one id twice keeps one row.)
  ...(['quotes:n_quotes', 'doc_entities:n_entities', 'events:n_events', 'claims:n_claims'].map((tc) => {
    const [table, count] = tc.split(':') as [string, string];
    const rows = `(SELECT COUNT(*) FROM ${table} x WHERE x.doc_key = d.doc_key)`;
    return [`SELECT COUNT(*) AS n FROM documents d WHERE ${rows} > d.${count} OR (d.${count} > 0 AND ${rows} = 0)`,
      `documents whose ${table.replace('doc_', '')} rows do not match the record`] as [string, string];
  })),
  ...['quotes', 'doc_entities', 'events', 'claims'].map((table) => [
    `SELECT COUNT(*) AS n FROM ${table} x WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.doc_key = x.doc_key)`,
    `${table.replace('doc_', '')} rows of no document`] as [string, string]),
  ['SELECT COUNT(*) AS n FROM ingest_errors e WHERE e.doc_key IS NOT NULL AND EXISTS ' +
    '(SELECT 1 FROM versions v WHERE v.doc_key = e.doc_key AND v.content_hash = e.content_hash)',
  'error entries for inputs that are stored'],
];

const SQLITE_CHECKS: [string, string][] = [
  ['SELECT COUNT(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM documents_fts f WHERE f.rowid = d.id)',
    'documents missing from the full-text index'],
  ['SELECT COUNT(*) AS n FROM documents_fts f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = f.rowid)',
    'full-text entries of no document'],
  ['SELECT COUNT(*) AS n FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM quotes_fts f WHERE f.rowid = q.id)',
    'quotes missing from the full-text index'],
  ['SELECT COUNT(*) AS n FROM quotes_fts f WHERE NOT EXISTS (SELECT 1 FROM quotes q WHERE q.id = f.rowid)',
    'full-text entries of no quote'],
];

const POSTGRES_CHECKS: [string, string][] = [
  ["SELECT COUNT(*) AS n FROM documents d JOIN versions v ON v.seq = d.seq WHERE d.tsv <> to_tsvector('simple', " +
    "COALESCE(d.headline, '') || E'\\n' || v.raw_text)", 'documents whose full-text entry does not match their text'],
  ["SELECT COUNT(*) AS n FROM quotes q WHERE q.tsv <> to_tsvector('simple', q.content || ' ' || COALESCE(q.speaker, ''))",
    'quotes whose full-text entry does not match their text'],
];

export async function integrityCheck(driver: SqlDriver): Promise<IntegrityReport> {
  const problems: string[] = [];
  const count = async (sql: string) => Number((await driver.all<{ n: number }>(sql))[0]!.n);
  if (driver.dialect === 'sqlite') {
    // FTS5 keeps each index's structure in memory per connection, and integrity_check reads it without first seeing
    // whether another process changed the index: on a connection that has been open while other processes wrote,
    // it reports "corruption" that a fresh connection does not find (seen in the crash trials). A full-text query
    // reloads the structure first.
    for (const t of ['documents_fts', 'quotes_fts']) await driver.all(`SELECT rowid FROM ${t} WHERE ${t} MATCH 'newsledger' LIMIT 1`);
    const rows = await driver.all<{ integrity_check: string }>('PRAGMA integrity_check');
    const bad = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    for (const m of bad.slice(0, 10)) problems.push(`sqlite integrity_check: ${m}`);
    // FTS5's own check of its index structures (a contentless index cannot be compared with a content table).
    for (const t of ['documents_fts', 'quotes_fts']) {
      try {
        await driver.run(`INSERT INTO ${t} (${t}) VALUES ('integrity-check')`);
      } catch (e) {
        problems.push(`${t}: ${(e as Error).message}`);
      }
    }
  }
  for (const [sql, what] of [...CHECKS, ...(driver.dialect === 'sqlite' ? SQLITE_CHECKS : POSTGRES_CHECKS)]) {
    const n = await count(sql);
    if (n > 0) problems.push(`${what}: ${n}`);
  }
  return {
    ok: problems.length === 0,
    problems,
    documents: await count('SELECT COUNT(*) AS n FROM documents'),
    versions: await count('SELECT COUNT(*) AS n FROM versions'),
    errors: await count('SELECT COUNT(*) AS n FROM ingest_errors'),
  };
}
