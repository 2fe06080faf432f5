/**
 * Word shape: upper-case letters become X, lower-case x, digits d, anything else stays. Only the first
 * MAX_SHAPE_CHARS characters are read, so a 10,000-character token costs no more than a short one; a longer word's
 * shape ends in '+'.
 */
export const MAX_SHAPE_CHARS = 16;

export function longShape(word: string): string {
  let out = '';
  const n = Math.min(word.length, MAX_SHAPE_CHARS);
  for (let i = 0; i < n; i++) out += shapeChar(word.charCodeAt(i), word[i]!);
  return word.length > MAX_SHAPE_CHARS ? out + '+' : out;
}

/** The shape with runs of one class collapsed ("Xx", "X.X.", "d-d"), which generalises over lengths. */
export function shortShape(word: string): string {
  let out = '';
  let last = '';
  const n = Math.min(word.length, MAX_SHAPE_CHARS * 4);
  for (let i = 0; i < n; i++) {
    const c = shapeChar(word.charCodeAt(i), word[i]!);
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

function shapeChar(code: number, ch: string): string {
  if (code >= 48 && code <= 57) return 'd';
  if (code >= 65 && code <= 90) return 'X';
  if (code >= 97 && code <= 122) return 'x';
  if (code < 128) return ch;
  // Non-ASCII: letters by case (é, Ж), letters without case (CJK, Arabic) as 'o', other symbols as '*'.
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower !== upper) return ch === upper ? 'X' : 'x';
  return /\p{L}/u.test(ch) ? 'o' : /\p{N}/u.test(ch) ? 'd' : '*';
}

/** Whether a word starts with an upper-case letter. */
export function isCapitalised(word: string): boolean {
  const c = word.charAt(0);
  return c !== c.toLowerCase();
}

/** Whether a word has letters and none in lower case. */
export function isAllCaps(word: string): boolean {
  return word !== word.toLowerCase() && word === word.toUpperCase();
}
