import { normalForm } from './features.js';

/**
 * Document-level consistency (Ratinov & Roth 2009, "extended prediction history", both directions): the second
 * stage sees, for each token, how the first stage labelled the other occurrences of the same word (lower-cased, so
 * a headline in capitals and the body agree) in the document. A name tagged PER in one sentence then pulls its
 * other mentions towards PER, which is what fixes "Clinton" tagged LOC in a sentence with little context.
 */

/** Words shorter than this are mostly function words and abbreviations whose label says little elsewhere. */
export const MIN_DOC_WORD_CHARS = 2;

/**
 * `firstPass[s][i]` is the first stage's tag (BILOU or IOB) of word i of sentence s. Returns per sentence, per word,
 * the document features: "d:maj=TYPE" for the most frequent entity type among the other occurrences, "d:has=TYPE"
 * for each type seen, and "d:O" when every other occurrence was outside any entity.
 */
export function documentFeatures(sentences: readonly (readonly string[])[], firstPass: readonly (readonly string[])[]): (readonly string[])[][] {
  // Counts per word: [O, then one slot per type seen], in a small map per word.
  const counts = new Map<string, Map<string, number>>();
  const key = (w: string): string | null => (isDocumentWord(w) ? normalForm(w) : null);
  for (let s = 0; s < sentences.length; s++) {
    const words = sentences[s]!;
    for (let i = 0; i < words.length; i++) {
      const k = key(words[i]!);
      if (k === null) continue;
      const label = typeOf(firstPass[s]![i]!);
      let m = counts.get(k);
      if (!m) counts.set(k, (m = new Map()));
      m.set(label, (m.get(label) ?? 0) + 1);
    }
  }
  const out: (readonly string[])[][] = [];
  for (let s = 0; s < sentences.length; s++) {
    const words = sentences[s]!;
    const feats: (readonly string[])[] = [];
    for (let i = 0; i < words.length; i++) {
      const k = key(words[i]!);
      const m = k === null ? undefined : counts.get(k);
      // Most words occur once: they share one empty list instead of allocating their own.
      if (!m || m.size === 1 && m.values().next().value === 1) {
        feats.push(NONE);
        continue;
      }
      const f: string[] = [];
      {
        const own = typeOf(firstPass[s]![i]!);
        let bestType = '';
        let best = 0;
        let others = 0;
        for (const [label, c0] of m) {
          const c = label === own ? c0 - 1 : c0;
          if (c <= 0) continue;
          others += c;
          if (label === 'O') continue;
          f.push(featureName('d:has=', label));
          if (c > best || (c === best && label < bestType)) {
            best = c;
            bestType = label;
          }
        }
        if (bestType) f.push(featureName('d:maj=', bestType));
        else if (others > 0) f.push('d:O');
      }
      feats.push(f);
    }
    out.push(feats);
  }
  return out;
}

/** Whether the document features consider a word: long enough, and with a letter near its start. */
export function isDocumentWord(w: string): boolean {
  return w.length >= MIN_DOC_WORD_CHARS && /\p{L}/u.test(w.slice(0, 8));
}

const NONE: readonly string[] = [];
const NAMES = new Map<string, string>();

/** Feature names are built once per type, so the tagger's lookups hash the same few strings. */
function featureName(prefix: string, label: string): string {
  const key = prefix + label;
  let name = NAMES.get(key);
  if (name === undefined) {
    name = key;
    if (NAMES.size < 64) NAMES.set(key, name);
  }
  return name;
}

function typeOf(tag: string): string {
  return tag === 'O' ? 'O' : tag.slice(2);
}
