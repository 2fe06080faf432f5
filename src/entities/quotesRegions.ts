// Spans inside quotation marks, found in one linear pass: a speaker is named outside the quote, so coreference
// neither resolves pronouns inside quotes nor takes antecedents from them. An unclosed quote ends at the paragraph.
export function quotedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open = -1;
  let closer = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      if (open >= 0) out.push([open, i]);
      open = -1;
      continue;
    }
    if (open < 0) {
      if (ch === '“') {
        open = i;
        closer = '”';
      } else if (ch === '"') {
        open = i;
        closer = '"';
      }
    } else if (ch === closer || (closer === '"' && ch === '”') || (closer === '”' && ch === '"')) {
      out.push([open, i + 1]);
      open = -1;
    }
  }
  if (open >= 0) out.push([open, text.length]);
  return out;
}
