import type { TaggedUnit } from './tagging.js';
import { PASSIVE_AUX, type Run, SPEAKER_MAX_TOKENS } from './runs.js';

// "X quoted Y as saying": the words are Y's, reached via X's report. Read in the 'speech' profile
// (src/quotes/assemble.ts), which makes two quotes of them.

/** Verbs of reporting another's words: "Velta quoted the minister as saying …", "The paper cited X as saying …". */
const QUOTING_VERBS = new Set(['quoted', 'quotes', 'quoting', 'cited', 'cites', 'citing']);
/** After "as": "quoted X as saying", "as telling reporters", "as having said". */
const AS_SAYING = new Set(['saying', 'telling', 'stating', 'writing', 'warning', 'adding']);

/** "The state news agency Velta quoted the defence minister, Iris Halloran, as saying that X", '"X," AP quoted
 * prosecutor Russell McGuire as saying', "Geoff Dixon was quoted by The Australian as saying X": the inner report's
 * cue ("as saying") and speaker (whom the words are quoted from), and the outer report's cue ("quoted") and speaker
 * (who quotes them, when the text names one): two quotes, the speaker's reached via the quoting one. */
export interface QuotedAs {
  cue: Run;
  source: Run;
  outerCue: Run;
  outerSource: Run | null;
}


export function quotedAsSaying(tu: TaggedUnit, c: Run): QuotedAs | null {
  return quotedBefore(tu, c) ?? quotedAfter(tu, c);
}

/** The phrase that ends before token `end` and starts after the sentence start, a comma or a quotation mark (at most
 * a speaker phrase long), or null. */
function phraseBefore(tu: TaggedUnit, end: number): Run | null {
  const { tokens: toks, sent, mark } = tu.unit;
  let s = end - 1;
  while (s >= 0 && sent[s] === sent[end - 1] && end - s <= SPEAKER_MAX_TOKENS && toks[s]!.text !== ',' && mark[s] === 0) s--;
  const from = s + 1;
  return from < end && end - from <= SPEAKER_MAX_TOKENS && toks.slice(from, end).some((t) => /^(NOUN|PROPN|PRON)$/.test(t.pos)) ? [from, end] : null;
}

/** Reads "[outer] quoted [inner] as saying" / "[inner] was quoted (by [outer]) as saying" given the quoting verb at q
 * and "as" at `as` (the saying word right after it). */
function quotedParts(tu: TaggedUnit, q: number, as: number, innerBefore: (end: number) => Run | null): QuotedAs | null {
  const toks = tu.unit.tokens;
  const lower = (k: number) => toks[k]!.text.toLowerCase();
  const cue: Run = [as, as + 2];
  if (q > 0 && PASSIVE_AUX.has(lower(q - 1))) {
    const inner = innerBefore(q - 1);
    if (!inner) return null;
    const outerSource: Run | null = q + 1 < as && lower(q + 1) === 'by' && q + 2 < as ? [q + 2, as] : null;
    return { cue, source: inner, outerCue: [q - 1, q + 1], outerSource };
  }
  if (q + 1 >= as) return null;
  const source: Run = toks[as - 1]!.text === ',' ? [q + 1, as - 1] : [q + 1, as];
  return { cue, source, outerCue: [q, q + 1], outerSource: innerBefore(q) };
}

/** The form with the words after it: "… quoted X as saying (that) [content]". */
function quotedBefore(tu: TaggedUnit, c: Run): QuotedAs | null {
  const toks = tu.unit.tokens;
  const sent = tu.unit.sent;
  const lower = (k: number) => toks[k]!.text.toLowerCase();
  let k = c[0] - 1;
  if (k >= 0 && lower(k) === 'that') k--;
  if (k < 1 || !AS_SAYING.has(lower(k)) || lower(k - 1) !== 'as') return null;
  const as = k - 1;
  let q = as - 1;
  while (q >= 0 && as - q <= SPEAKER_MAX_TOKENS && sent[q] === sent[as] && !QUOTING_VERBS.has(lower(q))) q--;
  if (q < 0 || as - q > SPEAKER_MAX_TOKENS || sent[q] !== sent[as]) return null;
  return quotedParts(tu, q, as, (end) => phraseBefore(tu, end));
}

/** The form with the words before it: '“[content],” AP quoted X as saying.' */
function quotedAfter(tu: TaggedUnit, c: Run): QuotedAs | null {
  const toks = tu.unit.tokens;
  const sent = tu.unit.sent;
  const lower = (k: number) => toks[k]!.text.toLowerCase();
  let i = c[1];
  while (i < toks.length && /^\p{P}+$/u.test(toks[i]!.text)) i++;
  const from = i;
  let q = i;
  while (q < toks.length && q - from <= SPEAKER_MAX_TOKENS && !QUOTING_VERBS.has(lower(q)) && !/^[.;!?]$/.test(toks[q]!.text)) q++;
  if (q >= toks.length || !QUOTING_VERBS.has(lower(q))) return null;
  let as = q + 1;
  while (as + 1 < toks.length && as - q <= SPEAKER_MAX_TOKENS && sent[as] === sent[q] && !(lower(as) === 'as' && AS_SAYING.has(lower(as + 1)))) as++;
  if (as + 1 >= toks.length || lower(as) !== 'as' || !AS_SAYING.has(lower(as + 1))) return null;
  // The saying ends the report: '… as saying.', not '… as saying that Y' (that is the other form's).
  const after = toks[as + 2];
  if (after && !/^[.;,!?]$/.test(after.text) && sent[as + 2] === sent[as]) return null;
  return quotedParts(tu, q, as, (end) => (end > from ? [from, end] : null));
}
