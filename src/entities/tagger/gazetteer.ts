import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalForm } from './features.js';

const NONE: string[] = [];

/** Longest list entry, in tokens, that is looked up: longer names are rare and each extra length costs a lookup. */
export const MAX_GAZETTEER_TOKENS = 6;

/**
 * Name lists (data/gazetteers/*.txt, one name a line, '#' comments). Each token covered by the longest entry that
 * starts at a position gets the features "g:LIST:B|I|L|U", lower-cased matching so headlines match too.
 */
export class Gazetteer {
  private readonly entries = new Map<string, string[]>();
  /** First words of entries: most words start none, and are skipped after one lookup. */
  private readonly firstWords = new Set<string>();
  /** Keys of the word sequences that begin some longer entry: a lookup stops extending when the key is not one. */
  private readonly prefixes = new Set<string>();

  add(list: string, name: string): void {
    const words = name.trim().split(/\s+/).filter((w) => w !== '').map(normalForm);
    if (words.length === 0) return;
    const key = words.join(' ');
    this.firstWords.add(words[0]!);
    for (let len = 1; len < words.length; len++) this.prefixes.add(words.slice(0, len).join(' '));
    const lists = this.entries.get(key);
    if (!lists) this.entries.set(key, [list]);
    else if (!lists.includes(list)) lists.push(list);
  }

  /** Whether some entry starts with this normal form (words that start none are skipped by features()). */
  startsEntry(norm: string): boolean {
    return this.firstWords.has(norm);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Reads every *.txt of a folder; the list name is the file name without extension. */
  static load(dir: string): Gazetteer {
    const g = new Gazetteer();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const list = file.slice(0, -4);
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        if (line.startsWith('#')) continue;
        g.add(list, line);
      }
    }
    return g;
  }

  /**
   * The longest entry that starts at word `i` of `n` (normal forms given by `norm`): its length in words and its
   * lists, or null. At most MAX_GAZETTEER_TOKENS lookups, each on a bounded key.
   */
  longestAt(n: number, norm: (j: number) => string, i: number): { length: number; lists: readonly string[] } | null {
    if (!this.firstWords.has(norm(i))) return null;
    let key = '';
    let best: string[] | undefined;
    let bestLen = 0;
    for (let len = 1; len <= MAX_GAZETTEER_TOKENS && i + len <= n; len++) {
      const w = norm(i + len - 1);
      key = len === 1 ? w : `${key} ${w}`;
      const hit = this.entries.get(key);
      if (hit) {
        best = hit;
        bestLen = len;
      }
      if (!this.prefixes.has(key)) break;
    }
    return best ? { length: bestLen, lists: best } : null;
  }

  /**
   * Per word, the list features, from the words' normal forms (normalForm: lower case, digits as 0). Linear: at most
   * MAX_GAZETTEER_TOKENS lookups per start, each on a bounded key. Words without features share one empty array.
   */
  features(norm: readonly string[]): (readonly string[])[] {
    const n = norm.length;
    const out: string[][] = new Array(n).fill(NONE);
    const at = (j: number): string => norm[j]!;
    for (let i = 0; i < n; i++) {
      const match = this.longestAt(n, at, i);
      if (!match) continue;
      const bestLen = match.length;
      for (let j = i; j < i + bestLen; j++) if (out[j] === NONE) out[j] = [];
      for (const list of match.lists) {
        if (bestLen === 1) out[i]!.push(`g:${list}:U`);
        else {
          out[i]!.push(`g:${list}:B`);
          for (let j = i + 1; j < i + bestLen - 1; j++) out[j]!.push(`g:${list}:I`);
          out[i + bestLen - 1]!.push(`g:${list}:L`);
        }
      }
    }
    return out;
  }
}
