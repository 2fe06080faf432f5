/** One sentence of a CoNLL-2003 file: the words and their IOB2 entity tags (column 4). */
export interface ConllSentence {
  words: string[];
  tags: string[];
}

/**
 * Reads a CoNLL-2003 style file (token POS chunk NER, blank line between sentences). `-DOCSTART-` lines are dropped
 * and mark a document break (returned in `docStarts` as sentence indices), since some copies of the corpus keep them.
 * The NER column is the last one, so files with only "token TAG" also read.
 */
export function readConll(content: string): { sentences: ConllSentence[]; docStarts: number[] } {
  const sentences: ConllSentence[] = [];
  const docStarts: number[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  const flush = (): void => {
    if (words.length > 0) sentences.push({ words, tags });
    words = [];
    tags = [];
  };
  for (const raw of content.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      flush();
      docStarts.push(sentences.length);
      continue;
    }
    words.push(cols[0]!);
    tags.push(cols.length > 1 ? cols[cols.length - 1]! : 'O');
  }
  flush();
  return { sentences, docStarts };
}

/**
 * Some copies of CoNLL-2003 (the one in ../shared) have no -DOCSTART- lines. Each Reuters story there starts with a headline
 * followed by a dateline sentence ("BRUSSELS 1996-08-22"), so a pseudo-document starts at the sentence before a
 * short sentence ending in an ISO date. Cut at most this many sentences long, so one missed dateline does not merge
 * many stories.
 */
export const MAX_PSEUDO_DOC_SENTENCES = 60;
/** A dateline sentence has at most this many tokens (place names of several words, a comma, the date). */
export const MAX_DATELINE_TOKENS = 8;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function pseudoDocuments(sentences: readonly ConllSentence[], docStarts: readonly number[]): Array<[number, number]> {
  const starts = new Set<number>([0, ...docStarts]);
  if (docStarts.length === 0) {
    for (let i = 1; i < sentences.length; i++) {
      const w = sentences[i]!.words;
      if (w.length <= MAX_DATELINE_TOKENS && ISO_DATE.test(w[w.length - 1]!)) starts.add(i - 1);
    }
  }
  const sorted = [...starts].filter((s) => s < sentences.length).sort((a, b) => a - b);
  const docs: Array<[number, number]> = [];
  for (let d = 0; d < sorted.length; d++) {
    const end = d + 1 < sorted.length ? sorted[d + 1]! : sentences.length;
    for (let a = sorted[d]!; a < end; a += MAX_PSEUDO_DOC_SENTENCES) docs.push([a, Math.min(end, a + MAX_PSEUDO_DOC_SENTENCES)]);
  }
  return docs;
}

