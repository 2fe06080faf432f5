// Database rows to the store's types. Both drivers return the same column names; numbers may come back as strings
// from PostgreSQL aggregates, so they pass through Number().
import type { IngestedDoc } from '../ingest/document.js';
import type { NewsRecord } from '../model/record.js';
import type { Correction, CorrectionInput } from './corrections.js';
import type { ClaimRow, DocumentRow, EntityRow, EventRow, QuoteRow, StoredVersion } from './store.js';

export interface VersionRow {
  seq: number;
  doc_key: string;
  version: number;
  raw_text: string;
  raw_meta: string;
  record: string;
}

export function versionFromRow(r: VersionRow): StoredVersion {
  const meta = JSON.parse(r.raw_meta) as Omit<IngestedDoc, 'text'> & { decoded: string };
  const { decoded, ...doc } = meta;
  const { id, source, ...rest } = JSON.parse(r.record) as Omit<NewsRecord, 'text'>;
  // The record's own key order (text after source), so a stored record serialises as the pipeline wrote it.
  const record = { id, source, text: r.raw_text, ...rest } as NewsRecord;
  return { seq: Number(r.seq), docKey: r.doc_key, version: Number(r.version), raw: { doc: { ...doc, text: r.raw_text }, decoded }, record };
}

export interface CorrectionRow {
  id: number;
  action: string;
  input: string;
  documents: string;
  who: string;
  why: string;
  at: string;
}

export function correctionFromRow(r: CorrectionRow): Correction {
  return {
    id: Number(r.id),
    action: r.action as Correction['action'],
    input: JSON.parse(r.input) as CorrectionInput,
    who: r.who,
    why: r.why,
    at: r.at,
    documents: JSON.parse(r.documents) as string[],
  };
}

type Raw = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function documentRow(r: Raw): DocumentRow {
  return {
    key: String(r.doc_key),
    version: Number(r.version),
    versions: Number(r.versions ?? r.version),
    url: str(r.url),
    outlet: str(r.outlet),
    headline: str(r.headline),
    published: str(r.published),
    language: String(r.language),
    quotes: Number(r.n_quotes),
    entities: Number(r.n_entities),
    events: Number(r.n_events),
    claims: Number(r.n_claims),
    pipeline_version: String(r.pipeline_version),
  };
}

export function quoteRow(r: Raw): QuoteRow {
  return {
    document: String(r.doc_key),
    id: String(r.quote_id),
    kind: String(r.kind),
    speaker: str(r.speaker),
    speaker_entity: str(r.speaker_entity),
    content: String(r.content),
    start: Number(r.start_off),
    end: Number(r.end_off),
    statement: str(r.statement),
    paraphrase_of: str(r.paraphrase_of),
    confidence: Number(r.confidence),
    outlet: str(r.outlet),
    headline: str(r.headline),
    url: str(r.url),
    published: str(r.published),
    corrected: Number(r.corrected) === 1,
  };
}

export function entityRow(r: Raw): EntityRow {
  return { id: String(r.entity_id), type: String(r.type), name: String(r.name), documents: Number(r.documents), mentions: Number(r.mentions) };
}

export function eventRow(r: Raw): EventRow {
  return {
    document: String(r.doc_key),
    id: String(r.event_id),
    type: String(r.type),
    sub_type: str(r.sub_type),
    trigger: String(r.trigger_text),
    start: Number(r.start_off),
    end: Number(r.end_off),
    actor: str(r.actor),
    place: str(r.place),
    date: str(r.date_value),
    published: str(r.published),
    background: Number(r.background) === 1,
  };
}

export function claimRow(r: Raw): ClaimRow {
  return {
    document: String(r.doc_key),
    id: String(r.claim_id),
    status: String(r.status),
    claim: String(r.claim),
    claimant: str(r.claimant),
    start: Number(r.start_off),
    end: Number(r.end_off),
    published: str(r.published),
  };
}
