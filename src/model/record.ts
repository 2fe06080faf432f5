// The record: the contract every layer writes to. One NewsRecord per document, serialised as one JSONL line.
// Every span is UTF-16 offsets into the record's `text`, end-exclusive, with `text` equal to that slice.
// The JSON Schema in schema/record.schema.json describes the same shape; test/schema.test.ts keeps them in step.

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** A name read from the text (an author, a credit), with where it was read. */
export interface NameRef {
  name: string;
  span: Span;
}

export type BlockType =
  | 'paragraph'
  | 'heading'
  | 'caption'
  | 'related'
  | 'boilerplate'
  | 'byline'
  | 'dateline'
  | 'post_title';

export interface Block {
  type: BlockType;
  span: Span;
}

export interface Post {
  title: Span | null;
  authors: NameRef[];
  credit: NameRef | null;
  /** ISO 8601 UTC datetime, or YYYY-MM-DD when only the day is known, or null. */
  published: string | null;
  span: Span;
}

export interface TimezoneInfo {
  /** IANA zone name, or a fixed offset such as "+02:00" when only an offset was given. */
  name: string;
  /** True when no zone was stated in the text and the outlet's usual zone (or UTC) was taken. */
  assumed: boolean;
}

export type EntityType = 'PERSON' | 'ORG' | 'PLACE' | 'MISC';
export type MentionKind = 'name' | 'alias' | 'role' | 'pronoun' | 'metonymy';

export interface Mention {
  span: Span;
  kind: MentionKind;
  stands_for: string | null;
  /** Why a pronoun or role mention was linked to this entity (coreference reason), when it was. */
  reason?: string;
}

export interface Entity {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  named: boolean;
  description: string | null;
  roles: string[];
  mentions: Mention[];
  confidence: number;
}

export interface Speaker {
  entity: string | null;
  name: string | null;
  mention: Span | null;
  anonymous: boolean;
}

export interface Quote {
  id: string;
  kind: 'direct' | 'mixed' | 'indirect';
  content: Span;
  cue: Span | null;
  speaker: Speaker;
  via: string | null;
  statement: string | null;
  paraphrase_of: string | null;
  confidence: number;
}

export interface EventDate {
  value: string;
  granularity: 'datetime' | 'day' | 'week' | 'month' | 'year';
  anchor: string | null;
}

export interface EntityRef {
  entity: string | null;
  name: string;
}

export interface NewsEvent {
  id: string;
  type: string;
  sub_type: string | null;
  trigger: Span;
  actor: EntityRef | null;
  participants: EntityRef[];
  place: EntityRef | null;
  date: EventDate | null;
  casualties: { killed: number | null; injured: number | null } | null;
  sources: Span[];
  evidence: Span[];
  background: boolean;
  confidence: number;
  /** Every report of this event merged across posts and documents of a run: the document and the trigger's
   * [start, end) in that document's text (offsets, not a span: they may point into another record). */
  reports?: Array<{ doc: string; offsets: [number, number] }>;
}

export type ClaimStatus = 'asserted' | 'claimed' | 'unconfirmed' | 'denied' | 'disputed' | 'confirmed';

export interface Claim {
  id: string;
  claim: Span;
  claimant: EntityRef | null;
  status: ClaimStatus;
  evidence: Span[];
  confidence: number;
  /** Every report of this claim across the documents of a run, made or answered: the document, the [start, end)
   * of the claim or its answer in that document's text, and the status that document gives it. */
  reports?: Array<{ doc: string; offsets: [number, number]; status: ClaimStatus }>;
}

export interface NewsRecord {
  id: string;
  source: { path: string } | { url: string } | { corpus: string };
  text: string;
  /** ISO 639-1 code, or "und" when the language could not be told. */
  language: string;
  outlet: string | null;
  headline: Span | null;
  standfirst: Span | null;
  byline: NameRef[];
  published: string | null;
  timezone: TimezoneInfo;
  pipeline: { version: string; models: Record<string, string> };
  blocks: Block[];
  posts: Post[];
  entities: Entity[];
  quotes: Quote[];
  events: NewsEvent[];
  claims: Claim[];
  /** What the pipeline decided not to do, and why (e.g. English-only layers skipped for a French article). */
  notes: string[];
  /** What the run-wide linkers took from this document that the layers above do not show; present when any. */
  links?: RunLinks;
}

/**
 * What the cross-document linkers (entity registry, event merger, claim linker) took from a document beyond its
 * published layers: with it, a process rebuilds a run's state from stored records alone (src/store/analyzer.ts,
 * "replay"), without analysing the documents again. Working data, not for readers; every part is present when any.
 */
export interface RunLinks {
  /** Entity registry: the keys (alias-table key, type-prefixed name keys) first given to each entity id here. */
  entity_keys?: Record<string, string[]>;
  /** Entity registry: the surnames under which each person id was first registered here (from full names). */
  surnames?: Record<string, string[]>;
  /** Event merger, one per record event in order: every place its sentence names, and whether the text dates it. */
  events?: Array<{ places: string[]; date_stated: boolean }>;
  /** Claim linker: how many of `claims` the document makes (the rest answer earlier documents' claims). */
  claims_made?: number;
  /** Claim linker: sentences answering a claim the run did not know yet ([start, end) and status), for later claims. */
  answers?: Array<{ offsets: [number, number]; status: ClaimStatus }>;
}
