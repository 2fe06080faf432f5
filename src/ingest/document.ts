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
}

/** A document that could not be read, reported by name while the rest of the batch goes on. */
export interface IngestFailure {
  source: string;
  error: string;
}
