// The store's tables, once per dialect. Versions keep the raw input and the analysed record (its text left out: it
// is the raw text, never rewritten); documents, quotes, entities, events and claims hold the current version of
// each document with corrections applied, flattened for filtering; full-text indexes cover documents and quotes.
// Statements and entities across documents are aggregates over these rows (GROUP BY their run-wide ids), so they
// follow every document write without a separate rebuild.

/** Columns shared by both dialects, after their id column. */
const VERSIONS = `
  doc_key TEXT NOT NULL,
  version INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  raw_text TEXT NOT NULL,
  raw_meta TEXT NOT NULL,
  record TEXT NOT NULL,
  pipeline_version TEXT NOT NULL,
  models TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  UNIQUE (doc_key, content_hash),
  UNIQUE (doc_key, version)`;

const DOCUMENTS = `
  doc_key TEXT NOT NULL UNIQUE,
  seq BIGINT NOT NULL,
  version INTEGER NOT NULL,
  url TEXT,
  outlet TEXT,
  headline TEXT,
  published TEXT,
  published_day TEXT,
  language TEXT NOT NULL,
  n_quotes INTEGER NOT NULL,
  n_entities INTEGER NOT NULL,
  n_events INTEGER NOT NULL,
  n_claims INTEGER NOT NULL,
  pipeline_version TEXT NOT NULL,
  updated_at TEXT NOT NULL`;

const QUOTES = `
  doc_key TEXT NOT NULL,
  quote_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  speaker TEXT,
  speaker_norm TEXT,
  speaker_last TEXT,
  speaker_entity TEXT,
  content TEXT NOT NULL,
  start_off INTEGER NOT NULL,
  end_off INTEGER NOT NULL,
  statement TEXT,
  paraphrase_of TEXT,
  confidence REAL NOT NULL,
  outlet TEXT,
  published TEXT,
  published_day TEXT,
  corrected INTEGER NOT NULL,
  UNIQUE (doc_key, quote_id)`;

/**
 * Inputs an ingest could not store (unreadable, undecodable, analysis or write failed), with the input itself: the
 * raw bytes for what could not be read as a document, the document (JSON) for what was read but not stored. One row
 * per distinct input (`fingerprint`), so running the same bad batch again counts attempts instead of adding rows; a
 * successful ingest of the same input deletes it (in the transaction that stores the document).
 */
const INGEST_ERRORS = (id: string, blob: string) => `
CREATE TABLE IF NOT EXISTS ingest_errors (
  id ${id},
  fingerprint TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  doc_key TEXT,
  content_hash TEXT,
  stage TEXT NOT NULL,
  error TEXT NOT NULL,
  input_kind TEXT NOT NULL,
  input_path TEXT,
  input_line INTEGER,
  raw ${blob},
  doc TEXT,
  attempts INTEGER NOT NULL,
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ingest_errors_doc ON ingest_errors (doc_key, content_hash);
CREATE INDEX IF NOT EXISTS ingest_errors_source ON ingest_errors (source);
`;

const REST = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS doc_entities (
  doc_key TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  name_norm TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  PRIMARY KEY (doc_key, entity_id)
);
CREATE TABLE IF NOT EXISTS events (
  doc_key TEXT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  sub_type TEXT,
  trigger_text TEXT NOT NULL,
  start_off INTEGER NOT NULL,
  end_off INTEGER NOT NULL,
  actor TEXT,
  actor_entity TEXT,
  place TEXT,
  date_value TEXT,
  background INTEGER NOT NULL,
  published_day TEXT,
  PRIMARY KEY (doc_key, event_id)
);
CREATE TABLE IF NOT EXISTS claims (
  doc_key TEXT NOT NULL,
  claim_id TEXT NOT NULL,
  status TEXT NOT NULL,
  claim TEXT NOT NULL,
  claimant TEXT,
  claimant_entity TEXT,
  start_off INTEGER NOT NULL,
  end_off INTEGER NOT NULL,
  published_day TEXT,
  PRIMARY KEY (doc_key, claim_id)
);
CREATE INDEX IF NOT EXISTS versions_doc ON versions (doc_key);
CREATE INDEX IF NOT EXISTS documents_outlet ON documents (outlet, published_day);
CREATE INDEX IF NOT EXISTS documents_day ON documents (published_day);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_norm);
CREATE INDEX IF NOT EXISTS quotes_speaker_last ON quotes (speaker_last);
CREATE INDEX IF NOT EXISTS quotes_statement ON quotes (statement);
CREATE INDEX IF NOT EXISTS quotes_paraphrase ON quotes (paraphrase_of);
CREATE INDEX IF NOT EXISTS quotes_day ON quotes (published_day);
CREATE INDEX IF NOT EXISTS quotes_entity ON quotes (speaker_entity);
CREATE INDEX IF NOT EXISTS entities_id ON doc_entities (entity_id);
CREATE INDEX IF NOT EXISTS entities_name ON doc_entities (name_norm);
CREATE INDEX IF NOT EXISTS events_type ON events (type, published_day);
CREATE INDEX IF NOT EXISTS claims_status ON claims (status, published_day);
`;

export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS versions (seq INTEGER PRIMARY KEY AUTOINCREMENT, ${VERSIONS});
CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, ${DOCUMENTS});
CREATE TABLE IF NOT EXISTS quotes (id INTEGER PRIMARY KEY, ${QUOTES});
CREATE TABLE IF NOT EXISTS corrections (
  id INTEGER PRIMARY KEY AUTOINCREMENT, action TEXT NOT NULL, input TEXT NOT NULL, documents TEXT NOT NULL,
  who TEXT NOT NULL, why TEXT NOT NULL, at TEXT NOT NULL);
${REST}
${INGEST_ERRORS('INTEGER PRIMARY KEY AUTOINCREMENT', 'BLOB')}
-- Contentless full-text indexes keyed by the rows' ids: the text is already stored once in versions and quotes.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(headline, body, content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(content, speaker, content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2');
`;

// The 'simple' text-search configuration (lower-cased words, no stemming or stop words) matches what SQLite's
// unicode61 tokenizer does, so a query finds the same documents in both stores.
export const POSTGRES_SCHEMA = `
-- In public, so every schema a store lives in (search_path ..., public) sees its operator classes.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE TABLE IF NOT EXISTS versions (seq BIGSERIAL PRIMARY KEY, ${VERSIONS});
CREATE TABLE IF NOT EXISTS documents (id BIGSERIAL PRIMARY KEY, ${DOCUMENTS}, tsv tsvector NOT NULL);
CREATE TABLE IF NOT EXISTS quotes (id BIGSERIAL PRIMARY KEY, ${QUOTES}, tsv tsvector NOT NULL);
CREATE TABLE IF NOT EXISTS corrections (
  id BIGSERIAL PRIMARY KEY, action TEXT NOT NULL, input TEXT NOT NULL, documents TEXT NOT NULL,
  who TEXT NOT NULL, why TEXT NOT NULL, at TEXT NOT NULL);
${REST}
${INGEST_ERRORS('BIGSERIAL PRIMARY KEY', 'BYTEA')}
CREATE INDEX IF NOT EXISTS documents_tsv ON documents USING GIN (tsv);
CREATE INDEX IF NOT EXISTS quotes_tsv ON quotes USING GIN (tsv);
-- Trigram indexes serve substring matches on names (entity search "biden" in "Joseph R. Biden").
CREATE INDEX IF NOT EXISTS quotes_speaker_trgm ON quotes USING GIN (speaker_norm gin_trgm_ops);
CREATE INDEX IF NOT EXISTS entities_name_trgm ON doc_entities USING GIN (name_norm gin_trgm_ops);
`;
