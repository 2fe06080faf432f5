import type { Block } from '../model/record.js';
import { paragraphRanges } from '../language/paragraphs.js';
import { pairQuoteMarks } from '../language/quoteMarks.js';

// Spans inside quotation marks: a speaker is named outside the quote, so coreference neither resolves pronouns inside
// quotes nor takes antecedents from them. The marks are paired as the quote layer pairs them (src/language/
// quoteMarks.ts: mixed styles, unclosed quotes, paragraphs joined into one line); only outer double quotations count,
// since a single-quoted word or headline phrase ("Wales 'must learn lessons'") is not speech that hides a name.
export function quotedRanges(text: string, blocks: readonly Block[]): Array<[number, number]> {
  return pairQuoteMarks(text, paragraphRanges(text, blocks))
    .filter((q) => q.depth === 0 && q.family === 'double')
    .map((q) => [q.start, q.end] as [number, number]);
}
