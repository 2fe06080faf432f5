// Casualty counts stated next to an event: "killing at least 14 people", "one person was injured".
import { alternation, eventLexicon } from './lexicon.js';

/** Larger numbers are not read as one event's casualties (they are totals, years or misreadings). */
export const MAX_CASUALTIES = 100_000;

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, dozens: null as unknown as number,
};

let cached: { killed: RegExp; injured: RegExp } | null = null;

function patterns(): { killed: RegExp; injured: RegExp } {
  if (cached) return cached;
  const lex = eventLexicon();
  const NUM = `(\\d{1,3}(?:,\\d{3}){0,3}|\\d{1,12}|${Object.keys(NUMBER_WORDS).join('|')})`;
  const PEOPLE = `(?:[ \\t]{1,3}(?:[a-z]+[ \\t]{1,3})?(?:${alternation(lex.casualty_people)}))?`;
  const AUX = `(?:[ \\t]{1,3}(?:were|was|have[ \\t]been|has[ \\t]been|had[ \\t]been|are|is))?`;
  const build = (words: string[]) =>
    new RegExp(
      `(?:(?:${alternation(words)})[ \\t]{1,3}(?:at[ \\t]least[ \\t]{1,3}|about[ \\t]{1,3}|some[ \\t]{1,3})?${NUM}(?![\\d,])|(?<![\\d,])${NUM}${PEOPLE}${AUX}[ \\t]{1,3}(?:${alternation(words)}))(?![\\p{L}])`,
      'giu',
    );
  cached = { killed: build(lex.killed_words), injured: build(lex.injured_words) };
  return cached;
}

function toNumber(s: string): number | null {
  const w = s.toLowerCase();
  if (w in NUMBER_WORDS) return NUMBER_WORDS[w] ?? null;
  const n = Number(s.replace(/,/g, ''));
  return Number.isFinite(n) && n <= MAX_CASUALTIES ? n : null;
}

/** Killed and injured counts stated in [from, to), or null when neither is. */
export function findCasualties(text: string, from: number, to: number): { killed: number | null; injured: number | null } | null {
  const slice = text.slice(from, to);
  const read = (re: RegExp): number | null => {
    re.lastIndex = 0;
    const m = re.exec(slice);
    if (!m) return null;
    return toNumber(m[1] ?? m[2]!);
  };
  const { killed, injured } = patterns();
  const k = read(killed);
  const i = read(injured);
  return k === null && i === null ? null : { killed: k, injured: i };
}
