import type { Block } from '../model/record.js';

/** Block types whose text is running prose in which quotations are read. */
const PROSE_BLOCKS = new Set<Block['type']>(['paragraph', 'heading', 'post_title', 'caption', 'related']);

/**
 * The paragraph runs of a document as sorted [start, end) ranges: the structure layer's blocks when it produced any,
 * else every non-empty line (scraped plain text often has one paragraph a line, with or without blank lines between).
 */
export function paragraphRanges(text: string, blocks: readonly Block[]): Array<[number, number]> {
  const prose = blocks.filter((b) => PROSE_BLOCKS.has(b.type));
  if (prose.length > 0) {
    return prose.map((b) => [b.span.start, b.span.end] as [number, number]).sort((a, b) => a[0] - b[0]);
  }
  const out: Array<[number, number]> = [];
  // Line by line (indexOf finds each break without a step per character); the last line ends at the end of the text.
  for (let start = 0; start <= text.length; ) {
    const br = text.indexOf('\n', start);
    const i = br < 0 ? text.length : br;
    let s = start;
    let e = i;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push([s, e]);
    start = i + 1;
  }
  return out;
}
