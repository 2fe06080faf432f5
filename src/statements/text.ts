import type { Quote } from '../model/record.js';

// The wording of a quote as the statement index compares it: lower-case words, the quote's own cue and speaker cut
// out when they sit inside the content ("…," he said), and for a mixed quote only its marked fragments.

const WORD = /[\p{L}\p{N}]+/gu;
/** Marks that delimit the verbatim fragments of a mixed quote. */
const MARK = /["“”„«»‘’']/u;

export function words(s: string): string[] {
  return s.toLowerCase().match(WORD) ?? [];
}

/** Content text with the quote's own cue and speaker mention blanked out when they fall inside it. */
export function ownWords(q: Quote): string {
  let t = q.content.text;
  for (const inner of [q.cue, q.speaker.mention]) {
    if (!inner || inner.start < q.content.start || inner.end > q.content.end) continue;
    const a = inner.start - q.content.start;
    const b = inner.end - q.content.start;
    t = t.slice(0, a) + ' | ' + t.slice(b);
  }
  return t;
}

/** The verbatim fragments of a mixed quote: the runs between pairs of marks (a plain scan, linear). */
export function markedFragments(s: string): string[] {
  const out: string[] = [];
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    if (!MARK.test(s[i]!)) continue;
    const inWord = i > 0 && /\p{L}/u.test(s[i - 1]!) && /\p{L}/u.test(s[i + 1] ?? '');
    if (inWord) continue; // an apostrophe
    if (open < 0) open = i;
    else {
      out.push(s.slice(open + 1, i));
      open = -1;
    }
  }
  return out.filter((f) => words(f).length > 0);
}

/** A 32-bit hash of a word or word pair (FNV-1a): numbers keep the index small and fast; a rare collision only
 * adds a candidate that verification then weighs. */
export function gramHash(a: string, b?: string): number {
  // The hash of `a + ' ' + b`, read from the two words (no joined string is built: one per bigram of every quote).
  let h = 0x811c9dc5;
  for (let i = 0; i < a.length; i++) {
    h ^= a.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  if (b === undefined) return h >>> 0;
  h ^= 32;
  h = Math.imul(h, 0x01000193);
  for (let i = 0; i < b.length; i++) {
    h ^= b.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Word bigrams of each fragment, hashed (a fragment boundary never makes a bigram; a one-word fragment is kept as
 * its word). */
export function bigrams(fragments: readonly string[]): Set<number> {
  return bigramsOfWords(fragments.map(words));
}

/** `bigrams` of fragments already split into words (`words` of each). */
export function bigramsOfWords(fragmentWords: readonly string[][]): Set<number> {
  const out = new Set<number>();
  for (const w of fragmentWords) {
    for (let i = 0; i + 1 < w.length; i++) out.add(gramHash(w[i]!, w[i + 1]!));
    if (w.length === 1) out.add(gramHash(w[0]!));
  }
  return out;
}

/** A speaker's key for blocking: the last word of the resolved name, lower case, or null when unknown. An anonymous
 * speaker ("a spokesman", "analysts") is unknown too: two of them are not one speaker because their nouns match. */
export function speakerKey(q: Quote): string | null {
  const name = q.speaker.name;
  if (!name || q.speaker.anonymous) return null;
  const w = words(name);
  return w.length ? w[w.length - 1]! : null;
}
