import type { Span } from '../../model/record.js';

export type TimeGranularity = 'datetime' | 'day' | 'week' | 'month' | 'year';

/**
 * A time expression read from the text: a date at the granularity the text gives, or a duration that is not a date.
 * `value` is ISO 8601: YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY, a local datetime with its offset, or a duration (P3.5Y).
 */
export interface TimeExpression {
  span: Span;
  kind: 'date' | 'duration' | 'unresolved';
  value: string | null;
  granularity: TimeGranularity | null;
  /** The instant or day the value was counted from (the post's or document's published time), as given. */
  anchor: string | null;
  /** absolute: the text gives the whole date; anchor: counted from the anchor; reference: from another expression. */
  basis: 'absolute' | 'anchor' | 'reference' | null;
  /** Why the value is null (e.g. "no such date"), when it is. */
  note?: string;
}

/** The time a stretch of text is written at: a day (and time, when known) in the outlet's zone. */
export interface TimeAnchor {
  /** The published value as the record gives it (UTC datetime or day). */
  source: string;
  y: number;
  m: number;
  d: number;
  /** Local minutes since midnight, when the anchor has a time. */
  minutes: number | null;
  /** The zone local values are written in (IANA name or fixed offset). */
  zone: string;
}
