import { words } from './text.js';

// Document fingerprints for telling copies of one wire story apart from independent reports: MinHash over word
// 5-gram shingles with LSH banding, so finding a document's copies costs a few bucket look-ups, not a comparison
// with every earlier document.

export const MINHASH_FUNCTIONS = 64;
export const BANDS = 16;
const ROWS = MINHASH_FUNCTIONS / BANDS;
/** Word shingle length: long enough that unrelated stories on one topic share few shingles. */
export const SHINGLE_WORDS = 5;
/** Shingles read per document: a bound on the work for a very long document (the opening is what copies share). */
export const MAX_SHINGLES = 5000;

function fnv(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function signature(text: string): Uint32Array | null {
  const w = words(text.slice(0, MAX_SHINGLES * 40));
  if (w.length < SHINGLE_WORDS) return null;
  const sig = new Uint32Array(MINHASH_FUNCTIONS).fill(0xffffffff);
  const n = Math.min(w.length - SHINGLE_WORDS + 1, MAX_SHINGLES);
  for (let i = 0; i < n; i++) {
    const base = fnv(w.slice(i, i + SHINGLE_WORDS).join(' '), 0);
    for (let k = 0; k < MINHASH_FUNCTIONS; k++) {
      // Cheap family of hash functions: xor-multiply of the base hash with a per-function odd constant.
      const h = Math.imul(base ^ (k * 0x9e3779b1), 0x85ebca6b | 1) >>> 0;
      if (h < sig[k]!) sig[k] = h;
    }
  }
  return sig;
}

/** Groups documents into stories: a document joins the story of an earlier one it shares an LSH band with. */
export class StoryIndex {
  private readonly buckets = new Map<string, number>();
  private readonly storyOf = new Map<string, number>();
  private stories = 0;

  add(docId: string, text: string): number {
    const known = this.storyOf.get(docId);
    if (known !== undefined) return known;
    const sig = signature(text);
    let story = -1;
    const keys: string[] = [];
    if (sig) {
      for (let b = 0; b < BANDS; b++) {
        const key = b + ':' + Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',');
        keys.push(key);
        const s = this.buckets.get(key);
        if (s !== undefined && story < 0) story = s;
      }
    }
    if (story < 0) story = this.stories++;
    for (const k of keys) if (!this.buckets.has(k)) this.buckets.set(k, story);
    this.storyOf.set(docId, story);
    return story;
  }
}
