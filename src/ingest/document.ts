import type { Block, NameRef, Post, Span, TimezoneInfo } from '../model/record.js';

/**
 * What a structured source (an HTML page, a feed item) says about the document's layout, with spans into the
 * document's `text`. When present, the structure layer takes these instead of reading them from the plain text.
 */
export interface StructureHints {
  headline: Span | null;
  standfirst: Span | null;
  byline: NameRef[];
  /** ISO 8601 UTC, or YYYY-MM-DD. */
  published: string | null;
  /** ISO 8601 UTC of the page's last update, when it gives one. */
  modified: string | null;
  /** The zone the page's own times were stated in (an offset such as "+02:00"), when it states one. */
  timezone: TimezoneInfo | null;
  outlet: string | null;
  /** ISO 639-1 code the page declares. */
  language: string | null;
  url: string | null;
  blocks: Block[];
  posts: Post[];
}

/** A document as ingest hands it to the pipeline: its text exactly as read, and what came with it. */
export interface IngestedDoc {
  id: string;
  source: { path: string } | { url: string } | { corpus: string };
  text: string;
  /** The date the scraper's header or the corpus line gave (YYYY-MM-DD), if any. */
  date: string | null;
  outlet: string | null;
  url: string | null;
  /** How the bytes were read, for the record's notes (e.g. "decoded as windows-1252"). */
  notes: string[];
  /** The layout an HTML page or a feed item gave (src/ingest/html, src/ingest/feed). */
  structureHints?: StructureHints;
}

/** A document that could not be read, reported by name while the rest of the batch goes on. */
export interface IngestFailure {
  source: string;
  error: string;
}
