// Finds the alias table's names in a text in linear time: a character trie over folded forms, walked from each
// word start for at most the longest form's length. Longest match wins; matches never overlap.
import type { AliasEntry, AliasTable } from './aliasTable.js';

export interface TableMatch {
  start: number;
  end: number;
  entry: AliasEntry;
  /** The table form that matched (name or alias), as written in the table. */
  form: string;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  hits: Array<{ entry: AliasEntry; form: string; exactCase: boolean }> | null;
}

/** Acronyms this short (US, UK, AP, UN, WHO) are English words or names in other case ("us", "Who"), so they only
 * match when written exactly as in the table. Longer ones (NATO) join regardless of case (Nato). */
export const SHORT_ACRONYM_MAX = 3;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** ASCII letters and digits by char code: the common case, without a Unicode regex test per character. */
const ASCII_WORD: boolean[] = Array.from({ length: 128 }, (_, c) => /[A-Za-z0-9]/.test(String.fromCharCode(c)));

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_WORD[c]! : LETTER_OR_DIGIT.test(text[i]!);
}
const SPACE_LIKE = /[\s\-‐‑‒–—]/u;
const foldCache = new Map<string, string>();
/** Folded ASCII letters and digits by char code (other ASCII goes through the general path once, then the cache). */
const ASCII_FOLD: Array<string | undefined> = Array.from({ length: 128 }, (_, c) =>
  /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? String.fromCharCode(c).toLowerCase() : undefined,
);

/** The folded form of one character: '' to skip it (full stops), ' ' for separators, else lower case sans diacritics. */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code < 128 && ASCII_FOLD[code] !== undefined) return ASCII_FOLD[code]!;
  let f = foldCache.get(ch);
  if (f !== undefined) return f;
  if (ch === '.') f = '';
  else if (SPACE_LIKE.test(ch)) f = ' ';
  else if (ch === '’' || ch === '‘') f = "'";
  else f = ch.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  if (foldCache.size < 10_000) foldCache.set(ch, f);
  return f;
}

function foldString(s: string): string {
  let out = '';
  for (const ch of s) {
    const f = foldChar(ch);
    if (f === ' ' && (out === '' || out.endsWith(' '))) continue;
    out += f;
  }
  return out.trimEnd();
}

export class AliasMatcher {
  private readonly root: TrieNode = { next: new Map(), hits: null };
  private maxLen = 0;
  readonly version: number;

  constructor(table: AliasTable) {
    this.version = table.version;
    for (const entry of table.entries) {
      for (const form of [entry.name, ...entry.aliases]) this.add(entry, form);
    }
  }

  private add(entry: AliasEntry, form: string): void {
    const key = foldString(form);
    if (key.length < 2) return;
    this.maxLen = Math.max(this.maxLen, key.length);
    let node = this.root;
    for (const ch of key) {
      let n = node.next.get(ch);
      if (!n) node.next.set(ch, (n = { next: new Map(), hits: null }));
      node = n;
    }
    const letters = form.replace(/[.\s]/g, '');
    const exactCase = /^[\p{Lu}\d]+$/u.test(letters) && letters.length <= SHORT_ACRONYM_MAX;
    (node.hits ??= []).push({ entry, form, exactCase });
  }

  /** Matches in [from, to) of `text`, left to right, longest first, not overlapping. */
  find(text: string, from = 0, to = text.length): TableMatch[] {
    const out: TableMatch[] = [];
    let i = from;
    while (i < to) {
      if (!isWordChar(text, i) || (i > 0 && isWordChar(text, i - 1))) {
        i++;
        continue;
      }
      // Only a word whose first character starts some table form can match.
      if (!this.root.next.has(foldChar(text[i]!)[0] ?? '')) {
        i++;
        continue;
      }
      const m = this.longestAt(text, i, to);
      if (m) {
        out.push(m);
        i = m.end;
      } else i++;
    }
    return out;
  }

  private longestAt(text: string, start: number, to: number): TableMatch | null {
    let node: TrieNode | undefined = this.root;
    let best: TableMatch | null = null;
    let consumed = 0;
    let lastWasSpace = false;
    let j = start;
    // Bounded: the walk stops after the longest key's length (plus skipped full stops and repeated spaces).
    const limit = Math.min(to, start + this.maxLen * 2 + 4);
    while (node && j < limit) {
      const ch = text[j]!;
      if (ch === '\n' || ch === '\r') break;
      const f = foldChar(ch);
      if (f === ' ' && lastWasSpace) {
        j++;
        continue;
      }
      lastWasSpace = f === ' ';
      if (f === '') {
        // A skipped full stop never ends a match by itself ("Ukraine." is "Ukraine"; "D.C." keeps its stop below).
        j++;
        continue;
      }
      for (const c of f) {
        node = node?.next.get(c);
        consumed++;
      }
      j++;
      if (!node) break;
      if (node.hits && (j >= text.length || !isWordChar(text, j))) {
        const hit = this.pick(node.hits, text, start, j);
        if (hit) {
          // Abbreviations keep their final full stop ("D.C.") when the form has full stops inside.
          let end = j;
          if (text[end] === '.' && text.slice(start, end).includes('.')) end++;
          best = { start, end, entry: hit.entry, form: hit.form };
        }
      }
      if (consumed > this.maxLen) break;
    }
    return best;
  }

  private pick(hits: NonNullable<TrieNode['hits']>, text: string, start: number, end: number) {
    const surface = text.slice(start, end);
    const firstUpper = /^[\p{Lu}\d]/u.test(surface);
    for (const h of hits) {
      if (h.exactCase) {
        if (surface.replace(/[.\s]/g, '') === h.form.replace(/[.\s]/g, '')) return h;
      } else if (firstUpper || !/^\p{Lu}/u.test(h.form)) {
        // Table names are capitalised; a lower-case word in the text ("turkey", "chad") is not the name.
        return h;
      }
    }
    return null;
  }
}

let cachedMatcher: AliasMatcher | null = null;
let cachedTable: AliasTable | null = null;

/** The compiled matcher of a table, rebuilt when the table changed. */
export function matcherFor(table: AliasTable): AliasMatcher {
  if (!cachedMatcher || cachedTable !== table || cachedMatcher.version !== table.version) {
    cachedMatcher = new AliasMatcher(table);
    cachedTable = table;
  }
  return cachedMatcher;
}
