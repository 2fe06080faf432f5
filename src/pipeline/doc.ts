import type { NewsRecord } from '../model/record.js';

/** A token of the language layer: UTF-16 offsets into the record's text. */
export interface Token {
  start: number;
  end: number;
  text: string;
  /** Universal POS tag from wink-nlp (PROPN, VERB, PUNCT, ...). */
  pos: string;
  /** Index of the sentence the token belongs to. */
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Index of the first token and one past the last. */
  tokenStart: number;
  tokenEnd: number;
}

/** A named-entity mention found by the tagger, before entities are resolved. */
export interface NerMention {
  start: number;
  end: number;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
  confidence: number;
}

/**
 * The document as it passes through the pipeline: the record that will be written, plus working layers that later
 * components read but that are not serialised (tokens, sentences, tagger output). Like spaCy's Doc, it owns the
 * text, and everything else is offsets into it.
 */
export interface AnalysisDoc {
  record: NewsRecord;
  /** The ingest date the header or corpus line gave (YYYY-MM-DD), if any. */
  headerDate: string | null;
  /** Layers already assigned, by name: the pipeline checks requirements against this. */
  layers: Set<string>;
  tokens?: Token[];
  sentences?: Sentence[];
  ner?: NerMention[];
  /** Time expressions resolved against their post's or document's time (src/events/time). */
  times?: import('../events/time/types.js').TimeExpression[];
  /** Free-form working state of components, keyed by component name. */
  scratch: Map<string, unknown>;
}
