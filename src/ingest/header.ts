/**
 * The scraper's header: " date YYYY-MM-DD" at the very start of the first line, followed on the same line by the
 * first line of content. The header is metadata; the content after it stays in the text at its own offsets.
 */
const HEADER = /^\uFEFF?[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|(?=\r?\n)|$)/;

export interface Header {
  date: string;
  /** Offset where the content after the header begins. */
  contentStart: number;
}

export function readHeader(text: string): Header | null {
  const m = HEADER.exec(text.slice(0, 64));
  if (!m) return null;
  return { date: m[1]!, contentStart: m[0].length };
}
