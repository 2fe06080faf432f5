// The ledger's store: one interface, two adapters (SQLite for one machine, PostgreSQL for several). Both are the same
// SqlStore over a small driver (src/store/sqlite.ts, src/store/postgres.ts), so the behaviour the shared test suite
// checks is one implementation; only the DDL, locking and full-text SQL differ by dialect.
import type { IngestedDoc } from '../ingest/document.js';
import type { ClaimStatus, NewsRecord } from '../model/record.js';
import type { Correction, CorrectionInput } from './corrections.js';
import type { ErrorEntry, ErrorWithInput, NewError } from './errors.js';
import type { IntegrityReport } from './integrity.js';

/** The raw input kept for `reanalyze`: the decoded text and everything ingest said about it. */
export interface RawInput {
  doc: IngestedDoc;
  /** How the bytes were turned into text (utf-8, windows-1252, ...), from ingest's notes. */
  decoded: string;
}

/** One stored version of a document, in ingest order (seq). */
export interface StoredVersion {
  seq: number;
  docKey: string;
  version: number;
  raw: RawInput;
  /** The record as the pipeline produced it, before corrections. */
  record: NewsRecord;
}

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  /** Offset of the next page, or null on the last one. */
  next: number | null;
}

/** Filters shared by search and the item listings. Every one is optional; they combine with AND. */
export interface Filters {
  /** Full-text query: words must all occur; "a phrase" in double quotes must occur as written. */
  q?: string;
  /** The speaker's name, whole or its last word, case-insensitive ("Biden" matches "Joe Biden"). */
  speaker?: string;
  /** An entity id, or a name matched case-insensitively. */
  entity?: string;
  outlet?: string;
  kind?: 'direct' | 'mixed' | 'indirect';
  event_type?: string;
  claim_status?: ClaimStatus;
  /** Inclusive date range on the document's publication day, YYYY-MM-DD. */
  from?: string;
  to?: string;
  document?: string;
  statement?: string;
}

export interface DocumentRow {
  key: string;
  version: number;
  versions: number;
  url: string | null;
  outlet: string | null;
  headline: string | null;
  published: string | null;
  language: string;
  quotes: number;
  entities: number;
  events: number;
  claims: number;
  pipeline_version: string;
}

export interface QuoteRow {
  document: string;
  id: string;
  kind: string;
  speaker: string | null;
  speaker_entity: string | null;
  content: string;
  start: number;
  end: number;
  statement: string | null;
  paraphrase_of: string | null;
  confidence: number;
  outlet: string | null;
  headline: string | null;
  url: string | null;
  published: string | null;
  corrected: boolean;
}

export interface StatementRow {
  id: string;
  speaker: string | null;
  wording: string;
  first_seen: string | null;
  reports: number;
  documents: number;
}

export interface EntityRow {
  id: string;
  type: string;
  name: string;
  documents: number;
  mentions: number;
}

export interface EventRow {
  document: string;
  id: string;
  type: string;
  sub_type: string | null;
  trigger: string;
  start: number;
  end: number;
  actor: string | null;
  place: string | null;
  date: string | null;
  published: string | null;
  background: boolean;
}

export interface ClaimRow {
  document: string;
  id: string;
  status: string;
  claim: string;
  claimant: string | null;
  start: number;
  end: number;
  published: string | null;
}

export interface TimelineRow {
  day: string;
  documents: number;
  quotes: number;
  events: number;
}

export interface DocumentView {
  row: DocumentRow;
  /** The current version's record with corrections applied. */
  record: NewsRecord;
  corrections: Correction[];
}

/** What writing one document did. */
export type PutOutcome = 'stored' | 'new-version' | 'unchanged';

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** A short description for messages (the file or the server, never the password). */
  readonly where: string;
  /**
   * Runs fn in one transaction that holds the store-wide write lock, so writers in other processes (CLI, server,
   * workers) wait: everything fn writes commits together or not at all.
   */
  write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Stored versions after seq, in ingest order, a batch at a time (for replay and reanalyze). */
  versionsAfter(seq: number, limit: number): Promise<StoredVersion[]>;
  lastSeq(): Promise<number>;
  getDocument(key: string): Promise<DocumentView | null>;
  listDocuments(f: Filters, page: PageRequest): Promise<Page<DocumentRow>>;
  listQuotes(f: Filters, page: PageRequest): Promise<Page<QuoteRow>>;
  listStatements(f: Filters, page: PageRequest): Promise<Page<StatementRow>>;
  listEntities(f: Filters, page: PageRequest): Promise<Page<EntityRow>>;
  listEvents(f: Filters, page: PageRequest): Promise<Page<EventRow>>;
  listClaims(f: Filters, page: PageRequest): Promise<Page<ClaimRow>>;
  listCorrections(f: { document?: string }, page: PageRequest): Promise<Page<Correction>>;
  timeline(f: Filters): Promise<TimelineRow[]>;
  counts(): Promise<{ documents: number; versions: number; quotes: number; corrections: number }>;
  /**
   * Records an input ingest could not store (or counts another attempt at one already recorded); returns its id. With
   * ifNew, an input already recorded is left alone and 0 returned.
   */
  recordError(e: NewError, o?: { ifNew?: boolean }): Promise<number>;
  /** Error entries, newest first (all, or the ones named). */
  listErrors(o: { limit: number; ids?: number[] }): Promise<ErrorEntry[]>;
  /** Error entries with the input they kept, oldest first (all, or the ones named), for retry. */
  errorsWithInput(ids?: number[]): Promise<ErrorWithInput[]>;
  deleteError(id: number): Promise<void>;
  countErrors(): Promise<number>;
  /**
   * Checks the store is whole: the database's own check (SQLite), every document's current version, versions and
   * item rows consistent (nothing half-written), no duplicate, full-text entries matching their rows.
   */
  integrityCheck(): Promise<IntegrityReport>;
  close(): Promise<void>;
}

/** Writes, inside Store.write's transaction. */
export interface StoreTx {
  /** The version of docKey with this content hash, if stored. */
  findVersion(docKey: string, hash: string): Promise<{ seq: number; version: number } | null>;
  latestVersion(docKey: string): Promise<number>;
  /** Appends a version (raw input and analysed record); returns its seq. */
  insertVersion(v: { docKey: string; version: number; hash: string; raw: RawInput; record: NewsRecord }): Promise<number>;
  /** Replaces the analysed record of a stored version (reanalyze). */
  replaceRecord(seq: number, record: NewsRecord): Promise<void>;
  /** Makes `record` (corrections applied) the document's current content: rows, items and full-text entries. */
  writeCurrent(docKey: string, seq: number, version: number, record: NewsRecord, corrected?: Set<string>): Promise<void>;
  /** The current version of a document: its seq and analysed record. */
  current(docKey: string): Promise<StoredVersion | null>;
  addCorrection(c: CorrectionInput, docKeys: string[]): Promise<Correction>;
  corrections(): Promise<Correction[]>;
  /** A quote that reports the statement, to name it in a correction that must survive renumbering. */
  statementAnchor(id: string): Promise<{ document: string; quote: string; start: number; end: number } | null>;
  /** Documents whose current items mention any of these statement or entity ids (for cross-document corrections). */
  documentsWith(ids: { statements?: string[]; entities?: string[] }): Promise<string[]>;
  allDocuments(): Promise<string[]>;
  /** Removes the error entries a stored input accounts for (errors.ts, clearErrorsFor). */
  clearErrors(docKey: string, hash: string, source?: string): Promise<void>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
}

export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The document's identity in the store: its URL when it has one (versions of a page share it), else its id. */
export function documentKey(doc: IngestedDoc): string {
  return doc.url ?? doc.id;
}
