import type { Sentence, Token } from '../pipeline/doc.js';
import { mendFalseBreaks } from './sentenceRepair.js';
import { readIsolated } from './wink.js';

/** How far past the expected place a token's value is looked for when wink-nlp normalised the text before it. */
export const SEARCH_WINDOW = 64;
/** Texts longer than this are read by wink-nlp in slices cut at paragraph or line breaks, so memory stays bounded. */
export const MAX_SLICE_CHARS = 200_000;

export interface TokenizeOptions {
  /** Join sentences wink-nlp ended falsely: at an abbreviation's full stop, a stop inside a name, or a quotation the
   * sentence goes on from (src/language/sentenceRepair.ts). On unless set false: training the quote taggers reads
   * text as it was read when their committed weights were made. */
  mendAbbreviations?: boolean;
}

/**
 * Tokens, universal POS tags and sentences of `text`, with UTF-16 offsets. wink-nlp reports each token's value and
 * the whitespace before it, so offsets follow by walking the text; a token whose value is not at the expected place
 * (wink normalises a few forms) is located by a bounded search, never a scan of the rest of the text.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): { tokens: Token[]; sentences: Sentence[] } {
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  for (const [sliceStart, sliceEnd] of slices(text)) {
    readSlice(text, sliceStart, sliceEnd, tokens, sentences, options.mendAbbreviations ?? true);
  }
  return { tokens, sentences };
}

function slices(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + MAX_SLICE_CHARS);
    if (end < text.length) {
      const para = text.lastIndexOf('\n', end);
      if (para > start + MAX_SLICE_CHARS / 2) end = para + 1;
      else {
        const space = text.lastIndexOf(' ', end);
        if (space > start + MAX_SLICE_CHARS / 2) end = space + 1;
      }
    }
    out.push([start, end]);
    start = end;
  }
  return out;
}

function readSlice(text: string, sliceStart: number, sliceEnd: number, tokens: Token[], sentences: Sentence[], mend: boolean): void {
  const { values, spaces, pos, sentenceSpans } = readIsolated(text.slice(sliceStart, sliceEnd), (doc, its) => ({
    values: doc.tokens().out(its.value) as string[],
    spaces: doc.tokens().out(its.precedingSpaces) as string[],
    pos: doc.tokens().out(its.pos) as string[],
    sentenceSpans: doc.sentences().out(its.span) as unknown as Array<[number, number]>,
  }));
  const base = tokens.length;
  const firstSentence = sentences.length;
  const localToGlobal: number[] = new Array(values.length);
  let cursor = sliceStart;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    let at = cursor + (spaces[i]?.length ?? 0);
    if (!text.startsWith(value, at)) {
      // Bounded search: the value should be within a short distance of the cursor; never scan the rest of the text.
      const window = text.slice(cursor, Math.min(sliceEnd, cursor + SEARCH_WINDOW + value.length));
      const found = window.indexOf(value);
      at = found >= 0 ? cursor + found : -1;
    }
    if (at < 0 || value.length === 0) {
      localToGlobal[i] = -1;
      continue;
    }
    // Line breaks and tabs come back as tokens of their own; they are layout, not words.
    if (value.trim().length === 0) {
      localToGlobal[i] = -1;
      cursor = at + value.length;
      continue;
    }
    localToGlobal[i] = tokens.length;
    tokens.push({ start: at, end: at + value.length, text: value, pos: pos[i] ?? 'X', sentence: -1 });
    cursor = at + value.length;
  }
  for (const [first, last] of sentenceSpans) {
    let a = -1;
    let b = -1;
    for (let i = first; i <= last; i++) {
      const g = localToGlobal[i]!;
      if (g < 0) continue;
      if (a < 0) a = g;
      b = g;
    }
    if (a < 0) continue;
    sentences.push({ start: tokens[a]!.start, end: tokens[b]!.end, tokenStart: a, tokenEnd: b + 1 });
  }
  if (mend) mendFalseBreaks(tokens, sentences, firstSentence);
  for (let k = firstSentence; k < sentences.length; k++) {
    const s = sentences[k]!;
    for (let g = s.tokenStart; g < s.tokenEnd; g++) tokens[g]!.sentence = k;
  }
  // Tokens wink left outside every sentence join the previous one.
  for (let g = base; g < tokens.length; g++) {
    if (tokens[g]!.sentence < 0) tokens[g]!.sentence = g > 0 ? Math.max(0, tokens[g - 1]!.sentence) : 0;
  }
}
