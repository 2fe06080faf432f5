import type { NewsRecord } from '../../model/record.js';
import type { Gold } from './gold.js';

/** A record set beside its gold annotation: records are keyed by the gold's file name. */
export interface SeedsRun {
  gold: Gold;
  records: Map<string, NewsRecord>;
}

/** One row of a score table: a name, what was right out of what, and free text for detail. */
export interface ScoreRow {
  name: string;
  correct: number;
  total: number;
  /** Optional precision-side count: predicted items, when the row is a P/R measure. */
  predicted?: number;
  detail?: string;
}

export interface SectionResult {
  section: string;
  rows: ScoreRow[];
  /** Items to review: mistakes, or predictions not in the gold (listed, not silently counted). */
  review: string[];
}

/** A part of `newsledger eval seeds` (structure, entities, quotes, events, claims), each in its own file. */
export interface SeedsSection {
  name: string;
  score(run: SeedsRun): SectionResult;
}
