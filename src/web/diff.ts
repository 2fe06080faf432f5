// Differences between two wordings of one statement, word by word (longest common subsequence). Punctuation, quote
// marks, case and spacing are not differences: reporters' typography varies, the words are what is compared.

export interface Token {
  text: string;
  /** True when the word is not in the other wording. */
  changed: boolean;
}

const TOKEN = /\s+|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
/** Beyond this many words per wording the table would be large; such wordings are shown without marks. */
const MAX_WORDS = 1500;

const norm = (t: string) => t.toLowerCase().replace(/’/g, "'");
const isWord = (t: string) => /[\p{L}\p{N}]/u.test(t);

export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Which tokens of `a` and `b` are outside their longest common subsequence of words. */
export function diffWords(a: string, b: string): { a: Token[]; b: Token[] } {
  const ta = tokens(a);
  const tb = tokens(b);
  const wa = ta.map((t, i) => [norm(t), i] as const).filter(([t]) => isWord(t));
  const wb = tb.map((t, i) => [norm(t), i] as const).filter(([t]) => isWord(t));
  const keepA = new Set<number>();
  const keepB = new Set<number>();
  if (wa.length <= MAX_WORDS && wb.length <= MAX_WORDS) {
    const n = wa.length;
    const m = wb.length;
    const L: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) L[i]![j] = wa[i]![0] === wb[j]![0] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
    }
    for (let i = 0, j = 0; i < n && j < m;) {
      if (wa[i]![0] === wb[j]![0]) {
        keepA.add(wa[i]![1]);
        keepB.add(wb[j]![1]);
        i++;
        j++;
      } else if (L[i + 1]![j]! >= L[i]![j + 1]!) i++;
      else j++;
    }
  } else {
    for (const [, i] of wa) keepA.add(i);
    for (const [, i] of wb) keepB.add(i);
  }
  const mark = (ts: string[], keep: Set<number>): Token[] => ts.map((t, i) => ({ text: t, changed: isWord(norm(t)) && !keep.has(i) }));
  return { a: mark(ta, keepA), b: mark(tb, keepB) };
}
