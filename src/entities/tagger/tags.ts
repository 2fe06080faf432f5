/** The entity types of the tagger (CoNLL-2003's). */
export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A mention over token indices, end-exclusive. */
export interface TokenSpan {
  start: number;
  end: number;
  type: string;
}

/**
 * The tag set the model predicts: BILOU (Begin, Inside, Last, Unit-length, Outside), which Ratinov & Roth (2009)
 * found better than IOB for this task because single-token and final tokens get their own weights.
 */
export const BILOU_TAGS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`))];

/** Mentions of an IOB1/IOB2/BILOU tag sequence, with conlleval's rules (an I- after O or another type starts one). */
export function spansOfTags(tags: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: TokenSpan | null = null;
  const close = (at: number): void => {
    if (open) {
      open.end = at;
      spans.push(open);
      open = null;
    }
  };
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    const dash = tag.indexOf('-');
    const prefix = dash < 0 ? tag : tag.slice(0, dash);
    const type = dash < 0 ? '' : tag.slice(dash + 1);
    if (prefix === 'O' || type === '') {
      close(i);
      continue;
    }
    const continues = open !== null && (open as TokenSpan).type === type && (prefix === 'I' || prefix === 'L');
    if (!continues) {
      close(i);
      open = { start: i, end: i + 1, type };
    }
    if (prefix === 'L' || prefix === 'U' || prefix === 'E' || prefix === 'S') close(i + 1);
  }
  close(tags.length);
  return spans;
}

/** BILOU tags for mentions over `length` tokens. */
export function bilouOfSpans(spans: readonly TokenSpan[], length: number): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const s of spans) {
    if (s.end - s.start === 1) {
      tags[s.start] = `U-${s.type}`;
      continue;
    }
    tags[s.start] = `B-${s.type}`;
    for (let i = s.start + 1; i < s.end - 1; i++) tags[i] = `I-${s.type}`;
    tags[s.end - 1] = `L-${s.type}`;
  }
  return tags;
}

/** IOB2 tags for mentions over `length` tokens (what CoNLL files and conlleval expect). */
export function iob2OfSpans(spans: readonly TokenSpan[], length: number): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const s of spans) {
    tags[s.start] = `B-${s.type}`;
    for (let i = s.start + 1; i < s.end; i++) tags[i] = `I-${s.type}`;
  }
  return tags;
}
