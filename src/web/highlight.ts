// Highlights as data: the text between two offsets cut at every boundary of the items over it, each piece listing
// the items that cover it. Overlapping layers (a name inside a quote inside a claim) need no nesting rules this way.
// Pure functions, no DOM: tested under Node.

export interface Mark {
  start: number;
  end: number;
  /** The layer's class: quote, cue, speaker, entity, event, claim, hit. */
  layer: string;
  /** The item's id, to select it from a click. */
  id?: string;
  title?: string;
}

export interface Piece {
  start: number;
  end: number;
  marks: Mark[];
}

export function pieces(from: number, to: number, marks: Mark[]): Piece[] {
  const inside = marks.filter((m) => m.end > from && m.start < to && m.end > m.start);
  const cuts = new Set<number>([from, to]);
  for (const m of inside) {
    cuts.add(Math.max(from, m.start));
    cuts.add(Math.min(to, m.end));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    out.push({ start, end, marks: inside.filter((m) => m.start <= start && m.end >= end) });
  }
  return out;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The user's query as the store reads it: "quoted phrases" and single words, lower-cased, punctuation dropped. */
export function queryTerms(q: string): string[][] {
  const terms: string[][] = [];
  const re = /"([^"]*)"|([^\s"]+)/g;
  for (let m = re.exec(q); m !== null; m = re.exec(q)) {
    const w = (m[1] ?? m[2] ?? '').toLowerCase().match(WORD);
    if (w) terms.push(w);
  }
  return terms;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where the query's terms occur in a text, as whole words (a phrase's words with any punctuation between). */
export function hits(text: string, q: string): Mark[] {
  const out: Mark[] = [];
  for (const term of queryTerms(q)) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${term.map(escapeRegExp).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'giu');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, layer: 'hit' });
  }
  return out;
}
