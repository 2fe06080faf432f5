// A record flattened into the rows the store filters on. Values only: the SQL that inserts them is in tx.ts.
import type { NewsRecord } from '../model/record.js';
import { lastWord, normName } from './filters.js';

export function day(published: string | null): string | null {
  return published && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : null;
}

export function documentValues(record: NewsRecord, url: string | null) {
  return {
    url,
    outlet: record.outlet,
    headline: record.headline?.text ?? null,
    published: record.published,
    published_day: day(record.published),
    language: record.language,
    n_quotes: record.quotes.length,
    n_entities: record.entities.length,
    n_events: record.events.length,
    n_claims: record.claims.length,
    pipeline_version: record.pipeline.version,
  };
}

/** Quote rows; `corrected` marks quotes whose speaker a correction set (no mention in the text backs it). */
export function quoteRows(docKey: string, record: NewsRecord, corrected: Set<string>): unknown[][] {
  const d = day(record.published);
  return record.quotes.map((q) => [
    docKey,
    q.id,
    q.kind,
    q.speaker.name,
    normName(q.speaker.name),
    lastWord(q.speaker.name),
    q.speaker.entity,
    q.content.text,
    q.content.start,
    q.content.end,
    q.statement,
    q.paraphrase_of,
    q.confidence,
    record.outlet,
    record.published,
    d,
    corrected.has(q.id) ? 1 : 0,
  ]);
}
export const QUOTE_COLUMNS = 'doc_key, quote_id, kind, speaker, speaker_norm, speaker_last, speaker_entity, content, ' +
  'start_off, end_off, statement, paraphrase_of, confidence, outlet, published, published_day, corrected';

export function entityRows(docKey: string, record: NewsRecord): unknown[][] {
  return record.entities.map((e) => [docKey, e.id, e.type, e.name, normName(e.name) ?? '', e.mentions.length]);
}
export const ENTITY_COLUMNS = 'doc_key, entity_id, type, name, name_norm, mentions';

export function eventRows(docKey: string, record: NewsRecord): unknown[][] {
  const d = day(record.published);
  return record.events.map((e) => [
    docKey, e.id, e.type, e.sub_type, e.trigger.text, e.trigger.start, e.trigger.end,
    e.actor?.name ?? null, e.actor?.entity ?? null, e.place?.name ?? null, e.date?.value ?? null, e.background ? 1 : 0, d,
  ]);
}
export const EVENT_COLUMNS = 'doc_key, event_id, type, sub_type, trigger_text, start_off, end_off, actor, actor_entity, ' +
  'place, date_value, background, published_day';

export function claimRows(docKey: string, record: NewsRecord): unknown[][] {
  const d = day(record.published);
  return record.claims.map((c) => [
    docKey, c.id, c.status, c.claim.text, c.claimant?.name ?? null, c.claimant?.entity ?? null, c.claim.start, c.claim.end, d,
  ]);
}
export const CLAIM_COLUMNS = 'doc_key, claim_id, status, claim, claimant, claimant_entity, start_off, end_off, published_day';
