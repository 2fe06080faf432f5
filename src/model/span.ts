import type { Span } from './record.js';

/** The span [start, end) of `text`, carrying its own slice so a record can be checked without its source. */
export function span(text: string, start: number, end: number): Span {
  if (!(start >= 0 && end >= start && end <= text.length)) {
    throw new RangeError(`span [${start}, ${end}) is outside a text of length ${text.length}`);
  }
  return { start, end, text: text.slice(start, end) };
}

/** The span with surrounding whitespace removed, or null when nothing but whitespace is left. */
export function trimmedSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? span(text, start, end) : null;
}

/** True when the span's `text` is exactly the slice of `text` it claims to cover. */
export function spanIsValid(text: string, s: Span): boolean {
  return s.start >= 0 && s.end >= s.start && s.end <= text.length && text.slice(s.start, s.end) === s.text;
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
