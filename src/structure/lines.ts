/** A non-blank line of the text: offsets of its trimmed content, and whether a blank line separates it from the last. */
export interface Line {
  index: number;
  start: number;
  end: number;
  text: string;
  blankBefore: boolean;
  words: number;
}

/**
 * Splits the text, from `from`, into trimmed non-blank lines. CR, LF and CRLF all end a line; offsets always point
 * into the original text, so nothing is normalised away.
 */
export function splitLines(text: string, from = 0): Line[] {
  const lines: Line[] = [];
  let pos = from;
  let blank = false;
  while (pos <= text.length) {
    let end = pos;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let s = pos;
    let e = end;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) {
      const content = text.slice(s, e);
      lines.push({ index: lines.length, start: s, end: e, text: content, blankBefore: blank, words: countWords(content) });
      blank = false;
    } else if (lines.length > 0) {
      blank = true;
    }
    if (end >= text.length) break;
    pos = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  return lines;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x200b || c === 0xfeff || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
}

function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
