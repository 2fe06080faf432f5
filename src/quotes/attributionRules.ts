import type { Token } from '../pipeline/doc.js';
import type { QuoteLexicon } from './lexicon.js';
import type { TaggedUnit } from './tagging.js';
import { I, O } from './perceptron.js';
import { opensNextQuotation } from './units.js';
import { ASIDE_RELATIVE_PRONOUNS } from '../entities/tokens.js';
import {
  MIN_SPEECH_WORDS, type Run, SPEAKER_MAX_TOKENS, firstEndingAfter, gap, hasRunWithin, hasVerb, hasWords, nearestRun, npFrom, sameSentence,
  sentenceOf, subjectStart,
} from './runs.js';

// The rules that read an attribution where the taggers' spans need help: conventions of news writing ("“…” ― Name",
// "according to Y", "X, he said, Y", "described by X as “…”", a colon after "He was blunt"), the clause a cue
// reports when no content was tagged, and the shape of a source (lists, relative pronouns, appositions). Each is
// measured on PolNeAR dev and holds on fixtures in other outlets' styles (test/quotes.test.ts).

/**
 * "Surveys suggest a stronger economy than official estimates, Ms Lomax said": a content run that ends with a tagged
 * source and cue set off by a comma (", Ms Lomax said", ", said Ms Lomax") holds its own attribution. It stops
 * before the comma, and the cue is left to report the whole sentence.
 */
export function cutTrailingAttribution(tu: TaggedUnit, c: Run, cues: readonly Run[], sources: readonly Run[]): Run {
  const toks = tu.unit.tokens;
  let e = c[1];
  while (e > c[0] && /^[.,;:!?]$/.test(toks[e - 1]!.text)) e--;
  // The sorted run ending exactly at `at` and starting inside c (binary search).
  const endingAt = (runs: readonly Run[], at: number): Run | undefined => {
    const r = runs[firstEndingAfter(runs, at - 1)];
    return r && r[1] === at && r[0] > c[0] ? r : undefined;
  };
  const cue = endingAt(cues, e);
  const src = endingAt(sources, e);
  let tail = -1;
  const srcBefore = cue && endingAt(sources, cue[0]);
  const cueBefore = src && endingAt(cues, src[0]);
  if (srcBefore) tail = srcBefore[0];
  else if (cueBefore) tail = cueBefore[0];
  if (tail < 0 || toks[tail - 1]!.text !== ',' || e - tail > SPEAKER_MAX_TOKENS + 3) return c;
  return tail - 1 > c[0] ? [c[0], tail - 1] : c;
}

/** The longest clause before a colon that introduces a quotation ("He is prepared to go this far:"). */
export const COLON_LEAD_MAX_TOKENS = 15;

/**
 * 'He is prepared to go this far: "A clear conclusion has been reached …"': a quotation right after a colon that
 * ends a short clause opening with a name or a pronoun is that subject's. The colon is the cue.
 */
export function colonLead(tu: TaggedUnit, c: Run): [Run, Run] | null {
  const toks = tu.unit.tokens;
  const colon = c[0] - 1;
  if (colon < 2 || tu.unit.mark[c[0]] !== 1 || toks[colon]!.text !== ':') return null;
  const first = sentenceOf(tu, colon)[0];
  if (colon - first > COLON_LEAD_MAX_TOKENS || !toks.slice(first, colon).some((t) => t.pos === 'VERB' || t.pos === 'AUX')) return null;
  const np = npFrom(toks, first, 1);
  if (!np || !toks.slice(np[0], np[1]).some((t) => t.pos === 'PROPN' || t.pos === 'PRON')) return null;
  return [[colon, colon + 1], np];
}

/** Marks that may open a line before a speaker label in flattened text ("… already." - Southampton boss Harry
 * Redknapp: "We know …"). */
const LABEL_BULLETS = new Set(['-', '–', '—', '•', '*']);

/** Marks that end a sentence, also where the sentence splitter read on over them ("hit the post. - Manchester …"). */
const SENTENCE_STOPS = new Set(['.', '!', '?']);

/**
 * '- Burnley boss Steve Cotterill: "They will be fresh …"', 'BBC Two controller Roly Keating: "It's an exciting …"':
 * a verbless line that is one noun phrase ending in a name (two capitalised proper nouns, or a title and one)
 * labels the quotation after its colon, as a transcript or a match report does. The phrase must open its sentence,
 * after an optional bullet; a phrase not ending in a name ("Key quote:", "The verdict:") labels nothing. The colon is
 * the cue; the label is read before any cue the taggers found for the quotation (in flattened text they reach back
 * to the sentence before: "Both managers expect a tight contest. - Stortford manager Dean Okafor: "…"").
 */
export function nameLabel(tu: TaggedUnit, c: Run): [Run, Run] | null {
  const toks = tu.unit.tokens;
  const colon = c[0] - 1;
  if (colon < 2 || tu.unit.mark[c[0]] !== 1 || toks[colon]!.text !== ':') return null;
  const np = npFrom(toks, colon - 1, -1);
  if (!np || np[1] - np[0] < 2) return null;
  const capitalName = (t: Token) => t.pos === 'PROPN' && /^\p{Lu}\p{Ll}/u.test(t.text);
  if (!capitalName(toks[colon - 1]!) || !capitalName(toks[colon - 2]!)) return null;
  let before = np[0] - 1;
  if (before >= 0 && LABEL_BULLETS.has(toks[before]!.text)) before--;
  const opensLine = before < sentenceOf(tu, np[0])[0] || SENTENCE_STOPS.has(toks[before]!.text) || tu.unit.mark[before] === 2;
  return opensLine ? [[colon, colon + 1], np] : null;
}

/** Words before a time that belong to it: "on Saturday", "last month", "earlier this week". */
const TIME_MODIFIERS = new Set(['on', 'this', 'last', 'next', 'that', 'earlier']);

/**
 * "The Times on Saturday wrote", "Fannie Mae last month warned": a source run that ends with a time phrase is cut
 * before it (the time says when, not who; PolNeAR's sources leave it out). Nothing is cut that would leave no name or
 * noun.
 */
export function cutTrailingTime(tu: TaggedUnit, [a, b]: Run, lex: QuoteLexicon): Run {
  const toks = tu.unit.tokens;
  const lower = (k: number) => toks[k]!.text.toLowerCase();
  let e = b - 1;
  if (lex.sourceTimeNouns.has(lower(e)) && e > a && (TIME_MODIFIERS.has(lower(e - 1)) || lex.sourceTimes.has(toks[e - 1]!.text))) e--; // "last month", "Monday night"
  if (e === b - 1 && !lex.sourceTimes.has(toks[e]!.text)) return [a, b];
  if (e > a && TIME_MODIFIERS.has(lower(e - 1)) && !TIME_MODIFIERS.has(lower(e))) e--; // "on Saturday"
  else if (TIME_MODIFIERS.has(lower(e)) && e > a && TIME_MODIFIERS.has(lower(e - 1))) e--; // "earlier this week"
  // "a poll released last week": the time belongs to the participle before it, and stays in the phrase.
  if (e > a && toks[e - 1]!.pos === 'VERB') return [a, b];
  return e > a && toks.slice(a, e).some((t) => t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'PRON') ? [a, e] : [a, b];
}

/**
 * "An Israeli official … said Wednesday that …", "Wednesday Mr Blair said": a time before a name, or standing alone
 * after the cue, is not who speaks. The run without its leading time words; null when nothing else is left.
 */
export function withoutLeadingTime(tu: TaggedUnit, [a, b]: Run, lex: QuoteLexicon): Run | null {
  const toks = tu.unit.tokens;
  const word = (k: number) => (k < b ? toks[k]!.text : '');
  // "on Wednesday", "last week", "Tuesday night", "this morning": modifiers, then a time word as written, then a time
  // noun in lower case; a time noun alone needs a modifier ("Evening Standard" is a name).
  let k = a;
  while (k < b && TIME_MODIFIERS.has(word(k).toLowerCase())) k++;
  const modified = k > a;
  if (lex.sourceTimes.has(word(k))) k++;
  else if (!(modified && lex.sourceTimeNouns.has(word(k)))) return [a, b];
  if (lex.sourceTimeNouns.has(word(k))) k++;
  // "Friday's lawsuit": the time is part of the phrase.
  if (word(k) === "'s" || word(k) === '’s') return [a, b];
  while (k < b && word(k) === ',') k++;
  if (k === b) return null;
  // What follows is a name or a title ("Monday Tony Blair"), not more of a phrase the run was cut from.
  return /^\p{Lu}/u.test(word(k)) ? [k, b] : [a, b];
}

/** Words that open a clause of time after a length of time ("a month after the firm warned"). */
const TIME_CLAUSE_OPENERS = new Set(['after', 'before', 'since', 'until', 'till']);

/** "The slump came just a month after the firm warned …", "The vote was held hours before the ministry announced …":
 * a source run before its cue that takes in a length of time (data/quotes/durations.txt) and the word opening a
 * clause of time has its speaker after that word, the subject of the cue's own clause. The run from there, or the
 * run as it was. */
export function afterTimeClauseOpener(tu: TaggedUnit, [a, b]: Run, lex: QuoteLexicon): Run {
  const toks = tu.unit.tokens;
  // The speaker after the opener is a phrase of at most SPEAKER_MAX_TOKENS: no need to look further back.
  for (let k = b - 2; k > a && b - k <= SPEAKER_MAX_TOKENS + 1; k--) {
    if (TIME_CLAUSE_OPENERS.has(toks[k]!.text.toLowerCase()) && lex.durations.has(toks[k - 1]!.text.toLowerCase())) return [k + 1, b];
  }
  return [a, b];
}

/** A source run the tagger carried over a sentence end ("… said Fiat chief executive Sergio Marchionne. Analysts
 * said …") keeps the part in its cue's sentence: a speaker is named in the sentence that reports them. */
export function withinCueSentence(tu: TaggedUnit, [a, b]: Run, cue: Run): Run {
  const sent = tu.unit.sent;
  if (sent[a] === sent[b - 1]) return [a, b];
  const s = sent[cue[0]]!;
  let from = a;
  while (from < b && sent[from] !== s) from++;
  let to = from;
  while (to < b && sent[to] === s) to++;
  return to > from ? [from, to] : [a, b];
}

/** A source run without the quotation marks at its edges (a tagger's run can take in the closing mark before
 * "she said"): who speaks is never a mark. An all-mark run is left as it is. */
export function withoutEdgeMarks(tu: TaggedUnit, [a, b]: Run): Run {
  const mark = tu.unit.mark;
  let s = a;
  let e = b;
  while (s < e && mark[s] !== 0) s++;
  while (e > s && mark[e - 1] !== 0) e--;
  return e > s ? [s, e] : [a, b];
}

/** Relative pronouns that can open a reporting clause ("an architect who said …"). */
export const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that', 'whom']);

/** The RELATIVE_PRONOUNS that may be the object of the verb after them ("the plan which ministers said …"); not
 * "who", which is its subject ("some who advocate free speech argue": "advocate", tagged a noun, says nothing). */
const OBJECT_RELATIVES = new Set([...RELATIVE_PRONOUNS].filter((w) => w !== 'who'));

/**
 * "an architect who said he was stiffed": PolNeAR's source is the relative pronoun alone ('attribution' profile);
 * the 'speech' profile keeps the person it stands for ("an architect"), and finds it before the pronoun when the
 * source was tagged as the pronoun alone ("President Bush, who told the summit …", "Beijing, which described …").
 */
export function relativeSource(tu: TaggedUnit, src: Run, speech: boolean, cueStart = -1): Run {
  const toks = tu.unit.tokens;
  const last = src[1] - 1;
  if (speech && src[1] === cueStart) {
    // "a merger with Gazprom which authorities have said will go ahead": the relative pronoun is the object of the
    // report, and who speaks is the noun phrase after it, right before the cue (`cueStart`).
    for (let k = src[0] + 1; k < last; k++) {
      if (!OBJECT_RELATIVES.has(toks[k]!.text.toLowerCase())) continue;
      const np = npFrom(toks, k + 1, 1);
      if (np && np[1] === src[1]) return np;
    }
  }
  if (!RELATIVE_PRONOUNS.has(toks[last]!.text.toLowerCase())) return src;
  // "Sen. Ted Cruz of Texas, who …": "who" stands for the person named "of" a place; "which" for the nearer phrase
  // ("Wednesday's leak of the report, which concluded …").
  if (last === src[0]) return speech ? (antecedentOf(toks, last, /^who/i.test(toks[last]!.text)) ?? src) : src;
  let e = last;
  while (e > src[0] && toks[e - 1]!.text === ',') e--;
  return speech ? [src[0], e] : [last, src[1]];
}

/**
 * "Mr Hale, who said prices would fall, later admitted …": a cue whose subject is a relative pronoun (after a comma,
 * or "who" or "which" anywhere) sits in an aside, and what it reports ends where the aside does: at its first comma,
 * when the main clause's finite verb follows (an adverb may stand before it). The content run, cut there; unchanged
 * outside an aside, or inside a quotation.
 */
export function withinRelativeAside(tu: TaggedUnit, src: Run, cue: Run, run: Run): Run {
  const { tokens: toks, depth } = tu.unit;
  const pronoun = src[1] - 1;
  const word = toks[pronoun]?.text.toLowerCase() ?? '';
  // "who" and "which" open an aside after an apposition too ("Mr Ruiz, a Republican who described himself as …, said").
  if (pronoun < 1 || !RELATIVE_PRONOUNS.has(word) || (toks[pronoun - 1]!.text !== ',' && !ASIDE_RELATIVE_PRONOUNS.has(word))) return run;
  if (run[0] < cue[1]) return run;
  // The first comma only: an earlier one may open an aside of the report's own ("that the two men, and Mr Cruz in
  // particular, must do more"). A participle after it goes on with the aside ("…, leading to more casualties").
  // Looked for as far as a rule-read clause reaches (a run-on "sentence" of many asides stays linear).
  const stop = Math.min(run[1] - 1, run[0] + RULE_CLAUSE_MAX_TOKENS);
  for (let k = run[0] + 1; k < stop; k++) {
    if (toks[k]!.text !== ',' || depth[k] !== 0) continue;
    let v = k + 1;
    if (toks[v]!.pos === 'ADV' && v + 1 < run[1]) v++;
    const verb = toks[v]!;
    return (verb.pos === 'VERB' || verb.pos === 'AUX') && !/ing$/i.test(verb.text) ? [run[0], k] : run;
  }
  return run;
}

/**
 * "Joseph R. Biden Jr., who was to travel to Columbus, Ohio, on Wednesday, said": a speaker phrase the tagger read
 * with the relative aside after the name is the phrase before that aside ('speech' profile), not a name inside it.
 */
export function beforeOwnAside(tu: TaggedUnit, src: Run): Run {
  const { tokens: toks, depth } = tu.unit;
  for (let k = src[0] + 1; k + 1 < src[1] && k <= src[0] + RULE_CLAUSE_MAX_TOKENS; k++) {
    if (toks[k]!.text === ',' && depth[k] === 0 && ASIDE_RELATIVE_PRONOUNS.has(toks[k + 1]!.text.toLowerCase())) return [src[0], k];
  }
  return src;
}

/**
 * 'Mr Herron, who gained fame as one of the "metric martyrs", said …': the run sits in a relative aside (a comma or
 * dash, then "who" or "which", in the run's sentence) that closes right before the cue. Its own cue then is the one
 * inside the aside before the run, tagged or a reporting verb the tagger missed ("Tomas Berg, who said last week that
 * the plant would close, issued …"), and its source the relative pronoun: {cue, source}; null when the aside reports
 * nothing (the cue after it reports what follows it). Undefined when the run is in no such aside.
 */
export function relativeAsideReport(tu: TaggedUnit, run: Run, cue: Run, lex: QuoteLexicon): { cue: Run; source: Run } | null | undefined {
  const toks = tu.unit.tokens;
  if (run[1] > cue[0] || cue[0] === 0 || !ASIDE_MARKS.has(toks[cue[0] - 1]!.text) || !sameSentence(tu, run, cue)) return undefined;
  for (let k = Math.max(1, sentenceOf(tu, run[0])[0], run[0] - RELATIVE_ASIDE_MAX_TOKENS); k + 1 <= run[0]; k++) {
    if (!ASIDE_MARKS.has(toks[k]!.text) || !ASIDE_RELATIVE_PRONOUNS.has(toks[k + 1]!.text.toLowerCase())) continue;
    for (let j = k + 2; j < run[0]; j++) {
      const t = toks[j]!;
      if (tu.cue[j] !== O) {
        let e = j + 1;
        while (e < run[0] && tu.cue[e] === I) e++;
        return { cue: [j, e], source: [k + 1, k + 2] };
      }
      // An untagged reporting verb only as the pronoun's own verb ("who said", "who has long argued"), not one deeper
      // in the aside ("who were not surprised that the FBI is not recommending …").
      if (/^(VERB|AUX)$/.test(t.pos) && lex.cueVerbs.has(t.text.toLowerCase()) && toks.slice(k + 2, j).every((w) => /^(ADV|AUX|PART)$/.test(w.pos))) {
        return { cue: [j, j + 1], source: [k + 1, k + 2] };
      }
    }
    return null;
  }
  return undefined;
}

/** Tokens read back from a tagged source to the relative pronoun of the aside it may sit in. */
const RELATIVE_ASIDE_MAX_TOKENS = 40;

/**
 * "Mrs. Clinton, who remained in the race until June despite party calls for her to quit, has said …": a source the
 * tagger found inside a relative clause set off by commas, the second right before the cue, is a word of that
 * clause; who speaks is the noun phrase the clause describes ('speech' profile). With no source tagged, that noun
 * phrase is the source too. Null when there is neither.
 */
export function beforeRelativeAside(tu: TaggedUnit, cue: Run, src: Run | null): Run | null {
  const { tokens: toks, sent, mark, depth } = tu.unit;
  const close = cue[0] - 1;
  // A tagged source may end with the comma itself ("… since the Quay Street car park closed ,").
  if (close < 2 || toks[close]!.text !== ',' || (src && src[1] > close + 1)) return src;
  const from = src ? src[0] : close;
  // Not across a quotation ('“… the population, which is poor, …,” she said, adding' has its speaker after it), nor
  // across a sentence end.
  for (let k = from; k < close; k++) if (mark[k] !== 0 || depth[k] !== 0 || endsSentence(toks, k)) return src;
  for (let k = from - 1; k > 0 && from - k <= RELATIVE_ASIDE_MAX_TOKENS && sent[k] === sent[close]; k--) {
    if (mark[k] !== 0 || depth[k] !== 0 || endsSentence(toks, k)) return src;
    // "Jerry Brown, who lost in 1992 and whose views clashed …, described": a relative joined to another reads on.
    if (!ASIDE_RELATIVE_PRONOUNS.has(toks[k]!.text.toLowerCase()) || toks[k - 1]!.text !== ',') continue;
    return antecedentOf(toks, k, true) ?? src;
  }
  return src;
}

/** Whether token k ends a sentence the splitter read on over: a full stop, or one glued to a unit after a number
 * ("… at $640m. Allianz, a German insurer, said": "m." is one token). */
function endsSentence(toks: readonly Token[], k: number): boolean {
  const w = toks[k]!.text;
  return SENTENCE_STOPS.has(w) || (k > 0 && /^\p{L}{1,3}\.$/u.test(w) && toks[k - 1]!.pos === 'NUM' && toks[k - 1]!.end === toks[k]!.start);
}

/** Marks that set off an aside: between a speaker and its cue, or before a relative clause ("Graham—who had
 * endorsed …"). */
const ASIDE_MARKS = new Set([',', '-', '–', '—']);

/** The noun phrase a relative pronoun at `at` stands for, as the speaker of a cue: the one just before it, or before its
 * comma or dash, over an age or a bracketed short name between ("King, 30, who …", "General Motors Acceptance Corp
 * (GMAC), which …"); `withOf`: with the phrase it is "of". */
function antecedentOf(toks: readonly Token[], at: number, withOf: boolean): Run | null {
  let e = at;
  if (e > 0 && ASIDE_MARKS.has(toks[e - 1]!.text)) e--;
  if (e >= 3 && toks[e - 1]!.pos === 'NUM' && toks[e - 2]!.text === ',') e -= 2;
  else if (e >= 4 && toks[e - 1]!.text === ')' && toks[e - 3]!.text === '(') e -= 3;
  if (e === 0) return null;
  const np = npFrom(toks, e - 1, -1);
  if (!np || !toks.slice(np[0], np[1]).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN')) return null;
  // "The organisers of the festival, which opens on 3 June, said": the relative pronoun may stand for the last noun
  // phrase, but the subject of a cue after the aside is the whole one, its "of" phrase and all (a cue inside the
  // aside is the pronoun's own: "Wednesday's leak of the report, which concluded …" is the report's).
  const owner = withOf ? ofOwner(toks, np) : null;
  return owner && toks.slice(owner[0], owner[1]).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN') ? [owner[0], np[1]] : np;
}

/** The noun phrase a phrase is "of" ("[Lord Nicholls] of Birkenhead", "[The organisers] of the festival"), or null. */
function ofOwner(toks: readonly Token[], np: Run): Run | null {
  return np[0] >= 2 && toks[np[0] - 1]!.text === 'of' ? npFrom(toks, np[0] - 2, -1) : null;
}

/**
 * "… leading him to quip he was …", "has prompted a party donor to say …": a cue in the infinitive after a verb that
 * makes its object act (data/quotes/object-control-verbs.txt) is spoken by that object, the phrase between the verb
 * and "to": [cue from "to" on, source]. The tagger's cue may hold the verb and its object too. Null when the cue is
 * not such an infinitive, or no noun or pronoun stands there.
 */
export function controlledSpeaker(tu: TaggedUnit, cue: Run, lex: QuoteLexicon): [Run, Run] | null {
  const { tokens: toks, sent } = tu.unit;
  let to = cue[0] > 0 && toks[cue[0] - 1]!.text.toLowerCase() === 'to' ? cue[0] - 1 : -1;
  for (let i = cue[1] - 2; i >= cue[0] && to < 0; i--) if (toks[i]!.text.toLowerCase() === 'to') to = i;
  if (to < 2) return null;
  for (let v = to - 1; v >= 0 && to - v <= SPEAKER_MAX_TOKENS + 1 && sent[v] === sent[to]; v--) {
    const t = toks[v]!;
    if (v < to - 1 && lex.objectControlVerbs.has(t.text.toLowerCase())) {
      const object: Run = [v + 1, to];
      return toks.slice(v + 1, to).some((o) => o.pos === 'NOUN' || o.pos === 'PROPN' || o.pos === 'PRON') ? [[Math.max(cue[0], to), cue[1]], object] : null;
    }
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'SCONJ' || (t.pos === 'PUNCT' && t.text !== "'")) return null;
  }
  return null;
}

/** Most conjuncts a coordinated source is followed back over ("the United States, Britain and France"). */
export const SOURCE_CONJUNCTS_MAX = 4;

/**
 * A source that is the last conjunct or the head after "of" of a longer subject before its cue: "the United States,
 * Britain and [France] support", "this particular pair of [multimillionaires] hears", "Country after [country]"
 * speak as the whole phrase, which the source becomes.
 */
export function coordinatedSource(tu: TaggedUnit, cue: Run, src: Run, content: Run): Run {
  const toks = tu.unit.tokens;
  if (src[1] > cue[0] || cue[0] - src[1] > 1 || (src[1] - src[0] === 1 && toks[src[0]]!.pos === 'PRON')) return src;
  let a = src[0];
  for (let n = 0; n < SOURCE_CONJUNCTS_MAX && a >= 2; n++) {
    const link = toks[a - 1]!.text.toLowerCase();
    if (!(link === 'and' || link === 'or' || link === 'of' || link === 'after' || link === ',')) break;
    // "Smith, [the minister]": a comma before a phrase without "and" is an apposition, not a list.
    if (link === ',' && !toks.slice(a, src[1]).some((t) => /^(and|or)$/i.test(t.text))) break;
    const np = npFrom(toks, a - 2, -1);
    if (!np || gap(np, content) < 0 || !toks.slice(np[0], np[1]).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN')) break;
    // "… won this race and she said", "out on £50,000 bail and the judge agreed": a phrase after a verb or
    // preposition (a currency sign aside) is its object, not a fellow subject.
    let before = np[0] - 1;
    while (before > 0 && toks[before]!.pos === 'SYM') before--;
    if (before >= 0 && /^(VERB|AUX|ADP)$/.test(toks[before]!.pos)) break;
    a = np[0];
  }
  // A list needs its "and"/"or": "A, B" alone is an apposition.
  return a < src[0] && toks.slice(a, src[1]).some((t) => /^(and|or|of|after)$/i.test(t.text)) ? [a, src[1]] : src;
}

/**
 * A tagged cue and a speaker phrase beside it, set off by commas strictly inside the content run c (", Mayor Ines
 * Duarte said," / ", said Mr. Clarke,"): [cue, source]. The speaker is the phrase between the cue and the comma.
 */
export function parentheticalIn(tu: TaggedUnit, c: Run, cues: readonly Run[]): [Run, Run] | null {
  const toks = tu.unit.tokens;
  const isSpeaker = (r: Run) => r[1] > r[0] && r[1] - r[0] <= SPEAKER_MAX_TOKENS && toks.slice(r[0], r[1]).some((t) => t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'PRON');
  for (let k = firstEndingAfter(cues, c[0]); k < cues.length && cues[k]![0] < c[1]; k++) {
    const cue = cues[k]!;
    if (cue[0] <= c[0] + 1 || cue[1] >= c[1] - 1) continue;
    let a = cue[0] - 1;
    while (a > c[0] && cue[0] - a <= SPEAKER_MAX_TOKENS + 1 && toks[a]!.text !== ',') a--;
    // ", Stumpf explained earlier in the committee hearing,": the aside may run on after its cue, without a verb.
    let z = cue[1];
    while (z < c[1] - 1 && z - cue[1] < SPEAKER_MAX_TOKENS && toks[z]!.text !== ',' && !/^(VERB|AUX)$/.test(toks[z]!.pos)) z++;
    if (toks[z]!.text === ',' && toks[a]!.text === ',' && isSpeaker([a + 1, cue[0]])) return [cue, [a + 1, cue[0]]];
    let b = cue[1];
    while (b < c[1] - 1 && b - cue[1] <= SPEAKER_MAX_TOKENS && toks[b]!.text !== ',') b++;
    if (toks[cue[0] - 1]!.text === ',' && toks[b]!.text === ',' && isSpeaker([cue[1], b])) return [cue, [cue[1], b]];
  }
  return null;
}

/** The longest attribution between two quotations that are one report ("said Douglas Holtz-Eakin, an economist …"). */
export const JOINED_ATTRIBUTION_MAX_TOKENS = 24;

/**
 * '“A,” said X, an economist. “B.”': PolNeAR's content runs from the first quotation's mark to the end of the second
 * when only the attribution sentence stands between them and the second has no cue of its own. The two runs become
 * one ('attribution' profile); its core, where its cue is looked for, stays the first quotation.
 */
export function joinAcrossAttribution(tu: TaggedUnit, contents: Run[], coreOf: Map<Run, Run>, cues: readonly Run[]): Map<Run, Run> {
  const cueOf = new Map<Run, Run>();
  const { tokens: toks, mark } = tu.unit;
  contents.sort((x, y) => x[0] - y[0]);
  // One pass that keeps the runs in place: `out` grows as runs are kept or joined to the last kept one.
  let out = 0;
  for (let k = 1; k < contents.length; k++) {
    const first = contents[out]!;
    const next = contents[k]!;
    const keep = () => (contents[++out] = next);
    if (mark[first[0]] !== 1 || mark[next[0]] !== 1 || next[0] - first[1] > JOINED_ATTRIBUTION_MAX_TOKENS) { keep(); continue; }
    // Between them only the attribution, holding a cue: the rest of the first quotation's sentence ('“A,” said X.'),
    // or an aside inside it ('“A,” the narrator says, “B?”'). Abbreviations ("Rep.") may have split the sentence.
    const between = toks.slice(first[1], next[0]);
    // A full stop inside "(D-N.C.)" or "Rep." ends no sentence: one followed by an initial, a bracket or a comma.
    const ends = (k: number) => /^[.!?]$/.test(toks[k]!.text) && !/^(\p{Lu}\.|[),])$/u.test(toks[k + 1]?.text ?? '');
    let stops = false;
    for (let k = first[1]; k < next[0] - 1 && !stops; k++) stops = ends(k);
    if (between.length === 0 || stops || !/^[.!?,:]$/.test(between[between.length - 1]!.text)) { keep(); continue; }
    const end = sentenceOf(tu, next[1] - 1)[1];
    // A cue between the two, and none after the second in its sentence ('“B,” he added': B has its own).
    if (!hasRunWithin(cues, first[1], next[0]) || hasRunWithin(cues, next[1], end)) { keep(); continue; }
    const joined: Run = [first[0], next[1]];
    coreOf.set(joined, coreOf.get(first) ?? first);
    let k0 = firstEndingAfter(cues, first[1]);
    if (cues[k0]![0] < first[1]) k0++; // the first cue between the two (hasRunWithin found one)
    cueOf.set(joined, cueOf.get(first) ?? cues[k0]!);
    contents[out] = joined;
  }
  contents.length = Math.min(contents.length, out + 1);
  return cueOf;
}

/**
 * The most tokens a clause read by rule reaches on either side of its cue. News sentences are far shorter; the bound
 * keeps a run-on "sentence" of thousands of attributions from giving each of them a clause of thousands of tokens.
 */
export const RULE_CLAUSE_MAX_TOKENS = 120;

/** The cue's sentence, cut to RULE_CLAUSE_MAX_TOKENS on each side of the cue: [first, one past last]. */
export function clauseBounds(tu: TaggedUnit, cue: Run): [number, number] {
  const [first, end] = sentenceOf(tu, cue[0]);
  return [Math.max(first, cue[0] - RULE_CLAUSE_MAX_TOKENS), Math.min(end, cue[1] + RULE_CLAUSE_MAX_TOKENS)];
}

/**
 * "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": an attribution set off by commas inside its
 * sentence ("…, as one adviser pointed out, …" too) interrupts one report, which runs from the sentence's start to
 * its end over the attribution (PolNeAR annotates it so). A content beside it or across it takes in the whole
 * sentence, unless another report opens after the attribution. In the 'speech' profile a quotation keeps its
 * marks' bounds.
 */
export function acrossParenthetical(tu: TaggedUnit, run: Run, cue: Run, src: Run, speech: boolean): Run {
  const { tokens: toks, sent, mark } = tu.unit;
  if (gap(cue, src) !== 0 || (speech && mark[run[0]] === 1)) return run;
  let a = Math.min(cue[0], src[0]);
  const b = Math.max(cue[1], src[1]);
  if (a >= 2 && toks[a - 1]!.text.toLowerCase() === 'as') a--;
  if (a < 2 || b + 1 >= toks.length || toks[a - 1]!.text !== ',' || toks[b]!.text !== ',' || sent[a - 1] !== sent[b]) return run;
  const [first, sentEnd] = sentenceOf(tu, a);
  if (sentEnd - first > 2 * RULE_CLAUSE_MAX_TOKENS) return run; // a run-on "sentence", not one report
  let last = sentEnd - 1;
  while (last > b && /^[.!?;:]$/.test(toks[last]!.text)) last--;
  if (run[0] < first || run[1] > last + 1) return run;
  // "The plan had to change, she added, saying the budget was too small": a second report opens right after the
  // attribution (its cue tagged there), so this one is the clause before it and does not run over.
  if (tu.cue[b + 1] !== O && a - 1 > first && run[0] < a) return [first, a - 1];
  const after = run[0] > b && run[0] <= b + 2;
  const before = run[1] < a && run[1] >= a - 2;
  const across = run[0] < a && run[1] > b;
  return after || before || across ? [first, Math.max(run[1], last + 1)] : run;
}

/**
 * "Regional surveys point to a recovery, Dr Marsh said.": a rule-read clause that opens its sentence, with only a
 * short attribution after it before the full stop, is a reported sentence whatever the POS tagger made of its verb
 * ("point" and "show" after a plural noun come out as nouns).
 */
export function reportedSentence(tu: TaggedUnit, [a, b]: Run): boolean {
  const { tokens: toks, sent } = tu.unit;
  if (a > 0 && sent[a - 1] === sent[a]) return false;
  const last = sentenceOf(tu, a)[1] - 1;
  return last >= b && last - b <= SPEAKER_MAX_TOKENS + 3 && /^[.!?]$/.test(toks[last]!.text);
}

export function isCueWord(t: Token, lex: QuoteLexicon): boolean {
  return lex.cueVerbs.has(t.text.toLowerCase()) && t.pos !== 'PROPN';
}

/** Reads "…,” said X" / "…,” X said" after a quotation, or "X said:" before it, when the taggers found no cue. */
export function ruleAttribution(tu: TaggedUnit, c: Run, lex: QuoteLexicon): [Run, Run] | null {
  const toks = tu.unit.tokens;
  let i = c[1];
  while (i < toks.length && /^\p{P}+$/u.test(toks[i]!.text)) i++;
  if (i < toks.length && isCueWord(toks[i]!, lex)) {
    const np = npFrom(toks, i + 1, 1);
    if (np) return [[i, i + 1], np];
  }
  const np = npFrom(toks, i, 1);
  if (np && np[1] < toks.length && isCueWord(toks[np[1]]!, lex)) return [[np[1], np[1] + 1], np];
  let j = c[0] - 1;
  while (j >= 0 && /^[:,]$/.test(toks[j]!.text)) j--;
  if (j >= 1 && isCueWord(toks[j]!, lex)) {
    const before = npFrom(toks, j - 1, -1);
    if (before) return [[j, j + 1], before];
  }
  return null;
}

/** Dashes that sign a quotation with its author's name ("“…” ― Sonya Herridge", "“…” -- J. Smith, Ohio"). */
export const SIGNATURE_DASH = /^(?:[―—–]|--?)$/;

/**
 * "“…” ― Sonya Herridge" at the end of a line: the testimonial and epigraph convention, where a dash after a
 * quotation names who said it. The name (proper nouns and initials) must close its line or be followed by a comma
 * (an apposition: "― Carla Sanchez, Miami"), so a dash that opens an aside ("” — Trump went on") is not read as one.
 */
export function dashAttribution(tu: TaggedUnit, c: Run, text: string): [Run, Run] | null {
  const toks = tu.unit.tokens;
  let i = c[1];
  if (i < toks.length && /^[,.]$/.test(toks[i]!.text)) i++;
  if (i >= toks.length || !SIGNATURE_DASH.test(toks[i]!.text)) return null;
  if (toks[i]!.text === '-' && !/\s/.test(text[toks[i]!.start - 1] ?? '')) return null;
  let k = i + 1;
  while (k < toks.length && k - i <= SPEAKER_MAX_TOKENS && (toks[k]!.pos === 'PROPN' || /^\p{Lu}\.?$/u.test(toks[k]!.text))) k++;
  if (k === i + 1 || k - i > SPEAKER_MAX_TOKENS) return null;
  const lineEnds = (j: number) => j >= toks.length || /\n/.test(text.slice(toks[j - 1]!.end, toks[j]!.start));
  const closes = lineEnds(k) || toks[k]!.text === ',' || (toks[k]!.text === '.' && lineEnds(k + 1));
  return closes ? [[i, i + 1], [i + 1, k]] : null;
}

/** Conjunctions and adverbs before a prepositional cue that still opens its sentence ("But according to …"). */
const OPENING_CONNECTIVES_MAX = 2;

/** The longest source phrase read after a prepositional cue ("according to a 52-count civil complaint filed by …"). */
export const SOURCE_PHRASE_MAX_TOKENS = 20;

/**
 * For a cue of data/quotes/source-after-cue.txt: its source, the phrase from the cue to the next comma, semicolon or
 * colon, and the content. A content the taggers placed beside cue and source stays; one that overlaps them (they read
 * the source as the content, or split the source) is the clause before the cue ("X, according to Y") or, when the
 * sentence opens with the cue, the clause after the source ("According to Y, X").
 */
export function prepositionalAttribution(tu: TaggedUnit, cue: Run, c: Run, cues: readonly Run[], lex: QuoteLexicon): [Run, Run] | null {
  const toks = tu.unit.tokens;
  const words = toks.slice(cue[0], cue[1]).map((t) => t.text.toLowerCase());
  if (!lex.sourceAfterCues.some((p) => p.length <= words.length && p.every((w, k) => w === words[words.length - p.length + k]))) return null;
  const [first, last] = clauseBounds(tu, cue);
  // "put in categories according to their voting intention" attributes nothing: the attributing use is set off
  // by a comma or opens its sentence, after a conjunction or adverb at most ("But according to recent reports, …").
  let opener = first;
  while (opener < cue[0] && opener - first < OPENING_CONNECTIVES_MAX && /^(CCONJ|ADV)$/.test(toks[opener]!.pos)) opener++;
  const opening = opener === cue[0];
  if (!opening && toks[cue[0] - 1]!.text !== ',') return null;
  let stop = cue[1];
  while (stop < last && stop - cue[1] < SOURCE_PHRASE_MAX_TOKENS && !/^[,;:]$/.test(toks[stop]!.text)) stop++;
  stop = endOfSourceList(toks, stop, last);
  const trimEnd = (a: number, e: number) => {
    while (e > a && /^\p{P}+$/u.test(toks[e - 1]!.text) && !/["”’»)]/.test(toks[e - 1]!.text)) e--;
    return e;
  };
  const srcEnd = trimEnd(cue[1], stop);
  if (srcEnd === cue[1]) return null;
  const src: Run = [cue[1], srcEnd];
  // "According to Ofcom there were almost four million users in April, and …": no comma closes the source, or the
  // words up to the first comma hold a clause.
  if (opening && (toks[stop]?.text !== ',' || hasClauseVerb(toks, src))) {
    const split = sourceWithoutComma(tu, cue, last);
    if (split && hasWords(toks, split[0], MIN_SPEECH_WORDS)) return [[split[0][0], trimEnd(split[0][0], split[0][1])], split[1]];
  }
  if (c[1] <= cue[0]) return [c, src];
  // "According to Y, X": what Y reports starts right after the comma that closes Y.
  if (c[0] >= srcEnd) return [opening && toks[stop]?.text === ',' && c[0] > stop ? [stop + 1, c[1]] : c, src];
  const before = trimEnd(first, cue[0]);
  if (hasWords(toks, [first, before], MIN_SPEECH_WORDS)) return [[first, before], src];
  if (stop < last && toks[stop]!.text === ',') {
    const after = trimEnd(stop + 1, last);
    if (hasWords(toks, [stop + 1, after], MIN_SPEECH_WORDS)) return [[stop + 1, after], src];
  }
  return null;
}

/** Most words of the last item of a list that a source phrase runs on into ("friends, aides and allies,"). */
const SOURCE_LIST_ITEM_MAX_TOKENS = 6;

/**
 * "according to interviews with a half-dozen of his friends, aides and allies, he …": a source phrase that ends at a
 * comma followed by the close of a list (words with "and" or "or" and no verb, then a comma) runs on to that comma.
 * Token index of the comma (or `stop` as given).
 */
function endOfSourceList(toks: readonly Token[], stop: number, last: number): number {
  if (toks[stop]?.text !== ',') return stop;
  let e = stop + 1;
  let conj = false;
  while (e < last && e - stop <= SOURCE_LIST_ITEM_MAX_TOKENS && toks[e]!.text !== ',') {
    if (/^(VERB|AUX|PRON)$/.test(toks[e]!.pos)) return stop;
    if (/^(and|or)$/i.test(toks[e]!.text)) conj = true;
    e++;
  }
  return conj && toks[e]?.text === ',' && e > stop + 2 ? e : stop;
}

/** Words that open the subject of a clause after a source noun ("According to the agency most of the cafes were …"). */
export const QUANTIFIERS = new Set(['most', 'many', 'some', 'few', 'all', 'several', 'half', 'more', 'up', 'there']);

/**
 * "According to Ofcom there were almost four million users", "According to US research firm Pew Internet & American
 * Life a blog is created every 5.8 seconds": with no comma after the source, the source ends where, after a noun, a
 * determiner, number, pronoun or quantifier opens the next noun phrase, and the report is the clause from there to the
 * end of the sentence (it must hold a finite verb). [content, source], or null.
 */
function sourceWithoutComma(tu: TaggedUnit, cue: Run, last: number): [Run, Run] | null {
  const toks = tu.unit.tokens;
  let noun = false;
  for (let k = cue[1]; k < last && k - cue[1] <= SOURCE_PHRASE_MAX_TOKENS; k++) {
    const t = toks[k]!;
    const prev = toks[k - 1]!;
    // Not the object of a preposition ("results of the exit poll"), a year after its month ("a January 2016 study") or
    // a relative pronoun ("cables that were later released").
    const opens = (t.pos === 'DET' || t.pos === 'PRON' || QUANTIFIERS.has(t.text.toLowerCase()) || (t.pos === 'NUM' && prev.pos !== 'PROPN')) &&
      prev.pos !== 'ADP' && !RELATIVE_PRONOUNS.has(t.text.toLowerCase());
    if (noun && opens) {
      return hasVerb(toks, [k, last]) ? [[k, last], [cue[1], k]] : null;
    }
    // "According to blog analysis firm …", "according to research group …": after "to" the POS tagger reads a noun
    // that opens the source as a verb.
    const nounAfterTo = k === cue[1] && t.pos === 'VERB' && /^(NOUN|PROPN)$/.test(toks[k + 1]?.pos ?? '');
    if (t.pos === 'NOUN' || t.pos === 'PROPN' || nounAfterTo) noun = true;
    else if (/^(VERB|AUX|PUNCT)$/.test(t.pos) && t.text !== '&') return null;
  }
  return null;
}

/**
 * "The visit was described by the mayor as “historic”": a content run the taggers gave no cue, holding a reporting
 * verb followed by "by", an agent and "as" before a quotation. The verb is the cue; the passive reading after the cue
 * takes the agent as the speaker and what follows "as" as the content.
 */
export function passiveCueInside(tu: TaggedUnit, [a, b]: Run, lex: QuoteLexicon): Run | null {
  const toks = tu.unit.tokens;
  for (let i = a; i + 3 < b; i++) {
    if (toks[i + 1]!.text.toLowerCase() !== 'by' || !isCueWord(toks[i]!, lex)) continue;
    const agent = npFrom(toks, i + 2, 1);
    if (agent && agent[1] + 1 < b && toks[agent[1]]!.text.toLowerCase() === 'as' && tu.unit.mark[agent[1] + 1] === 1) return [i, i + 1];
  }
  return null;
}

/** A cue's clause and source when no tagged content goes with it: [clause, source]. */
export function readCue(tu: TaggedUnit, cue: Run, cues: readonly Run[], sources: readonly Run[], lex: QuoteLexicon, speech: boolean): [Run, Run] | null {
  const prepositional = prepositionalAttribution(tu, cue, cue, cues, lex);
  if (prepositional) return prepositional;
  const src = nearestRun(sources, cue, 1) ?? ruleSource(tu, cue);
  const clause = src && clauseOf(tu, cue, src, speech);
  return src && clause ? [cutTrailingAttribution(tu, clause, cues, sources), src] : null;
}

/** Punctuation that ends a clause reported before its attribution (besides a paired closing quotation mark). */
const ATTRIBUTION_SEPARATOR = /^[,:;\u2014\u2013-]$/u;

/** The clause a cue reports when the content tagger gave none: after "X said (that)" to the end of the sentence, or
 * from the start of the sentence to ", X said". */
export function clauseOf(tu: TaggedUnit, cue: Run, src: Run, speech: boolean): Run | null {
  const toks = tu.unit.tokens;
  const [first, last] = clauseBounds(tu, cue);
  const trimEnd = (e: number, b: number) => {
    while (e > b && /^\p{P}+$/u.test(toks[e - 1]!.text) && !/["”’»]/.test(toks[e - 1]!.text)) e--;
    return e;
  };
  const after = Math.max(cue[1], src[1]);
  const before0 = Math.min(cue[0], src[0]);
  // ", a Western official has said, shortly after …": an attribution set off by commas reports what precedes it.
  const parenthetical = before0 > first && toks[before0 - 1]!.text === ',' && after < last && toks[after]!.text === ',';
  // PolNeAR's report runs over such an aside, from the start of its sentence to the end ("The museum, Mr. Obama
  // said, would make visitors face uncomfortable truths").
  if (parenthetical && !speech && last - first <= 2 * RULE_CLAUSE_MAX_TOKENS) {
    const e = trimEnd(last, first);
    return e - first >= MIN_SPEECH_WORDS ? [first, e] : null;
  }
  if (after < last && src[0] < cue[0] && !parenthetical) {
    let a = after;
    if (toks[a]!.text.toLowerCase() === 'that' || toks[a]!.text === ':' || toks[a]!.text === ',') a++;
    const e = trimEnd(last, a);
    if (e - a >= MIN_SPEECH_WORDS) return [a, e];
  }
  const before = Math.min(cue[0], src[0]);
  // The clause before ", X said" or "…” X said" ends at its punctuation or closing mark; run straight into the speaker
  // of a cue after it, it is part of the subject ("Both the Critics' Circle and the Theatregoers' Choice award winners
  // were announced": the apostrophe is no quotation mark).
  if (before > first && (cue[0] < src[0] || ATTRIBUTION_SEPARATOR.test(toks[before - 1]!.text) || tu.unit.mark[before - 1] === 2)) {
    const e = trimEnd(before, first);
    return e - first >= MIN_SPEECH_WORDS ? [first, e] : null;
  }
  return null;
}

/** Whether `src` is the subject of a participle cue right after it, in a phrase opened by "with" ("…, with Rovers boss
 * Mark Hughes claiming …"): the object of "with", but who speaks. */
export function subjectAfterWith(toks: readonly Token[], src: Run, cue: Run): boolean {
  return src[0] > 0 && toks[src[0] - 1]!.text.toLowerCase() === 'with' && cue[0] === src[1] && /ing$/i.test(toks[cue[0]]!.text);
}

/** The speaker of a cue the source tagger left alone: after an inverted cue (", said X"), the subject of the
 * sentence for a participle (", adding: …"), else the noun phrase just before the cue ("X said"). */
export function ruleSource(tu: TaggedUnit, cue: Run): Run | null {
  const toks = tu.unit.tokens;
  const prev = cue[0] > 0 ? toks[cue[0] - 1]! : null;
  // "…, with the club's chairman saying …": the participle's own subject, after "with".
  const subject = cue[0] > 0 ? npFrom(toks, cue[0] - 1, -1) : null;
  if (subject && subjectAfterWith(toks, subject, cue)) return subject;
  if (/ing$/i.test(toks[cue[0]]!.text) || (prev !== null && prev.pos === 'CCONJ')) {
    // "…, adding: …" and "Russia ignored X and said …": the subject of the sentence speaks ("But police discounted
    // …", "However, the council …": after the word that opens the sentence).
    return npFrom(toks, subjectStart(toks, sentenceOf(tu, cue[0])[0], cue[0]), 1);
  }
  if (prev && /^[,"”’]$/.test(prev.text)) {
    const after = npFrom(toks, cue[1], 1) ?? nameAfterInvertedCue(tu, cue) ?? phraseAfterInvertedCue(tu, cue);
    if (after) return after;
  }
  return npFrom(toks, cue[0] - 1, -1);
}

/**
 * "Instead, said Mr Doctorow, DRM systems were …": whether the speaker read after an inverted cue is the head of the
 * content run c, up to a comma with the report after it (the content tagger ran over the name). The cue must follow a
 * comma, so that "said Mr Doctorow" is an aside and not the end of a sentence's own clause.
 */
export function speakerOpening(tu: TaggedUnit, cue: Run, src: Run, c: Run): boolean {
  const toks = tu.unit.tokens;
  if (cue[0] === 0 || toks[cue[0] - 1]!.text !== ',' || src[0] !== cue[1] || c[0] !== src[0] || toks[src[1]]?.text !== ',') return false;
  // The words after the comma, in the cue's sentence, are a clause, not the speaker's apposition ("says Stephen Dyer,
  // director of UKIF. Domain names are …"; "at Swiss Re, the world's …": a capitalised "verb" is a name's word).
  return hasClauseVerb(toks, [src[1] + 1, Math.min(c[1], sentenceOf(tu, cue[0])[1])]);
}

/** Whether a run holds a finite verb written in lower case (a capitalised "verb" is a name's word: "Swiss Re"). */
function hasClauseVerb(toks: readonly Token[], run: Run): boolean {
  return hasVerb(toks, run) && toks.slice(run[0], run[1]).some((t) => /^(VERB|AUX)$/.test(t.pos) && /^\p{Ll}/u.test(t.text));
}

/** Most tokens of a name in apposition after a speaker phrase ("one of their lawyers, Michalis Dimitrakopoulos"). */
const APPOSED_NAME_MAX_TOKENS = 4;

/**
 * '“…,” said Sideways producer Michael London, adding …', '“…,” said one of their lawyers, Michalis Dimitrakopoulos.':
 * after an inverted cue right after a quotation, the phrase up to the next comma or full stop is the speaker when it holds a noun and no
 * verb (whatever the tagger made of its first word), with the name set off after it.
 */
function phraseAfterInvertedCue(tu: TaggedUnit, cue: Run): Run | null {
  const { tokens: toks, sent, mark } = tu.unit;
  // Right after a closing quotation mark only, and not a phrase that opens with a preposition ("said of the request").
  if (cue[0] === 0 || mark[cue[0] - 1] === 0 || /^(ADP|PART|SCONJ|CCONJ)$/.test(toks[cue[1]]?.pos ?? 'ADP')) return null;
  let e = cue[1];
  while (e < toks.length && e - cue[1] < SPEAKER_MAX_TOKENS && sent[e] === sent[cue[0]] && !/^[,.;:!?]$/.test(toks[e]!.text)) {
    if (/^(VERB|AUX)$/.test(toks[e]!.pos) || mark[e] !== 0) return null;
    e++;
  }
  if (e === cue[1] || (e < toks.length && !/^[,.;:!?]$/.test(toks[e]!.text))) return null;
  if (!toks.slice(cue[1], e).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN')) return null;
  if (toks[e]?.text !== ',') return [cue[1], e];
  let n = e + 1;
  while (n < toks.length && n - e <= APPOSED_NAME_MAX_TOKENS && toks[n]!.pos === 'PROPN' && /^\p{Lu}/u.test(toks[n]!.text)) n++;
  return n > e + 1 && (n === toks.length || /^[.;!?]$/.test(toks[n]!.text)) ? [cue[1], n] : [cue[1], e];
}

/** Prepositions that introduce where a speaker works ("of Mellon Bank", "from the institute", "at Lloyds"). */
const AFFILIATION_PREPOSITIONS = new Set(['of', 'from', 'at']);

/** Most words of a name read by its capitals alone after an inverted cue. */
const CAPITALISED_NAME_MAX_TOKENS = 3;

/**
 * '"…," said Yelling.', '"…," explains Cram.': after an inverted cue, capitalised words that end the clause (or come
 * before the speaker's affiliation) are a name, whatever the tagger made of them (a surname that is also a word:
 * Yelling, Parry, Cram; a first name read as a verb: Grant, Mark). A time standing there ("said Friday.") is taken
 * off by the callers (withoutLeadingTime).
 */
function nameAfterInvertedCue(tu: TaggedUnit, cue: Run): Run | null {
  const toks = tu.unit.tokens;
  const sent = tu.unit.sent;
  let e = cue[1];
  while (e < toks.length && e - cue[1] < CAPITALISED_NAME_MAX_TOKENS && sent[e] === sent[cue[0]] && /^\p{Lu}\p{Ll}/u.test(toks[e]!.text) && !/^(PRON|DET|AUX|ADP|CCONJ|SCONJ)$/.test(toks[e]!.pos)) e++;
  if (e === cue[1]) return null;
  // Then the clause ends, or the speaker's affiliation follows ("said Grant Wilson of Mellon Bank", with "Grant" read as
  // a verb).
  return e === toks.length || /^[.,;:!?]$/.test(toks[e]!.text) || (toks[e]!.pos === 'ADP' && AFFILIATION_PREPOSITIONS.has(toks[e]!.text)) ? [cue[1], e] : null;
}

/** Tokens searched back for the comma that opens an apposition or aside between a speaker and the cue. */
export const APPOSITION_MAX_TOKENS = 12;
/** The same for a longer aside after a person's name (isPerson in beyondApposition). */
export const LONG_APPOSITION_MAX_TOKENS = 20;

/** Most words a speaker phrase after its cue is carried on by to reach the person's name ("said Treasury [Under
 * Secretary John Taylor]"). */
const TITLED_NAME_MAX_TOKENS = 6;

/**
 * "…,” said Treasury Under Secretary John Taylor": a source run after its cue that stops inside a title, before the
 * name of the person it introduces, runs on to the end of that name (words only, in the same sentence).
 */
export function onToTheName(tu: TaggedUnit, cue: Run, src: Run, isPerson: (r: Run) => boolean): Run {
  const toks = tu.unit.tokens;
  if (src[0] < cue[1]) return src;
  let best = -1;
  const sent = tu.unit.sent[src[1] - 1];
  const titleWord = (t: Token) => /^\p{L}/u.test(t.text) && (t.pos === 'PROPN' || t.pos === 'NOUN' || /^\p{Lu}/u.test(t.text));
  for (let e = src[1]; e < toks.length && e - src[1] < TITLED_NAME_MAX_TOKENS && tu.unit.sent[e] === sent && titleWord(toks[e]!); e++) {
    // The name ends here when a person mention covers its last words.
    for (let from = e; from >= src[1] && e + 1 - from <= 3; from--) if (isPerson([from, e + 1])) best = e + 1;
  }
  return best > 0 ? [src[0], best] : src;
}

/** "Tomas Berg, speaking outside his office, said" / "X, a Labour MP, said": when the source found sits in an aside
 * set off by commas just before the cue, the speaker is the name before the aside. */
export function beyondApposition(tu: TaggedUnit, cue: Run, src: Run, isPerson?: (r: Run) => boolean): Run {
  const toks = tu.unit.tokens;
  // The aside is set off by commas, or by dashes ("Deutsche Boerse - whose value is more than £3bn - said").
  const mark = cue[0] > 0 ? toks[cue[0] - 1]!.text : '';
  if (src[1] > cue[0] || !ASIDE_MARKS.has(mark)) return src;
  // "North Wales Police reopened the case, saying …": the comma before a participle closes a clause, not an aside.
  if (/ing$/i.test(toks[cue[0]]!.text)) return src;
  let k = cue[0] - 2;
  const stop = Math.max(0, cue[0] - 2 - APPOSITION_MAX_TOKENS);
  const longStop = Math.max(0, cue[0] - 2 - LONG_APPOSITION_MAX_TOKENS);
  while (k > longStop && toks[k]!.text !== mark && tu.unit.sent[k] === tu.unit.sent[cue[0]]) k--;
  if (k <= longStop || toks[k]!.text !== mark) return src;
  // "Her co-star in Cold Harbour, Daniel Adeyemi, described …", "Doran's manager, Felix Grant, said": the aside is
  // the person's name itself (not "of Omaha, Nebraska,": a place).
  const aside: Run = [k + 1, cue[0] - 1];
  if (aside[1] > aside[0] && toks.slice(aside[0], aside[1]).every((t) => /^\p{Lu}/u.test(t.text)) && isPerson?.(aside)) return aside;
  if (src[0] <= k - 1 && src[1] <= k) return src;
  const before = npFrom(toks, k - 1, -1);
  if (k <= stop) {
    // "As Andrew J. Tabler, an expert on Syria at the Washington Institute for Near East Policy, noted": a longer
    // aside is read past only to a person the entity layer knows (a place there is the end of the description).
    const opener = before && before[0] > 0 ? toks[before[0] - 1]! : null;
    const prepositional = opener !== null && opener.pos === 'ADP' && opener.text.toLowerCase() !== 'as';
    return before && isPerson?.(before) && !prepositional ? before : src;
  }
  if (!before || !toks.slice(before[0], before[1]).some((t) => t.pos === 'PROPN')) return src;
  // '“… remains GM's goal,” the company said, adding …': an "aside" that ends with a cue is an attribution of its own.
  if (tu.cue[cue[0] - 2] !== O) return src;
  // "Mr Mubanga, 32, from Wembley, London, said": a place after a preposition is an aside of its own; the speaker is
  // named before the asides.
  if (k - before[0] <= 3 && before[0] > 1 && toks[before[0] - 1]!.pos === 'ADP') {
    // "Lord Nicholls of Birkenhead, in his ruling, said": a name "of" a place is one name.
    const owner = ofOwner(toks, before);
    if (owner && toks[owner[1] - 1]!.pos === 'PROPN') return [owner[0], before[1]];
    return nameBeforeAsides(tu, before[0] - 1, stop) ?? before;
  }
  return before;
}

/** The name that opens a chain of comma-set asides ending before token `at` ("Mr Mubanga, 32, from Wembley"): the
 * phrase before the chain's first comma, when it holds a proper noun and does not itself follow a preposition. */
function nameBeforeAsides(tu: TaggedUnit, at: number, stop: number): Run | null {
  const toks = tu.unit.tokens;
  const sent = tu.unit.sent[at];
  let first = -1;
  for (let k = at - 1; k > stop && tu.unit.sent[k] === sent && !/^(VERB|AUX)$/.test(toks[k]!.pos); k--) if (toks[k]!.text === ',') first = k;
  if (first < 1) return null;
  const name = npFrom(toks, first - 1, -1);
  if (!name || !toks.slice(name[0], name[1]).some((t) => t.pos === 'PROPN')) return null;
  return name[0] > 0 && toks[name[0] - 1]!.pos === 'ADP' ? null : name;
}

/**
 * '“A,” Bennett told the BBC. “B. “C.”': in text whose paragraphs were joined into one, a quotation that opens the
 * sentence after the one where the previous quote ended, and fills its sentences, is the next paragraph of that quote.
 */
export function quotationAfter(tu: TaggedUnit, [a, b]: Run, previousEnd: number): boolean {
  const { tokens: toks, sent, mark } = tu.unit;
  // A quotation left open that the next one's mark ends starts or ends at that mark, whatever sentence it was given.
  const boundary = (k: number) => opensNextQuotation(tu.unit, k);
  // Its sentence's own full stop may stand after the closing mark ('… support is there for them". However …').
  let e = b;
  while (e < toks.length && sent[e] === sent[b - 1] && /^[.!?…]+$/.test(toks[e]!.text)) e++;
  if (mark[a] !== 1 || (a > 0 && sent[a - 1] === sent[a] && !boundary(a)) || (e < toks.length && sent[e] === sent[b - 1] && !boundary(b))) return false;
  // Only quoted words: not a run the tagger carried over an attribution ('"…," he said. "…'). Outside the quotation
  // is below its opening mark's depth (a mark left open earlier in joined paragraphs may hold it all).
  for (let k = a; k < b; k++) if (tu.unit.depth[k]! < tu.unit.depth[a]! && /\p{L}/u.test(toks[k]!.text)) return false;
  let p = a - 1;
  while (p >= 0 && toks[p]!.end > previousEnd) p--;
  return p >= 0 && sent[a]! - sent[p]! <= 1;
}

/** True when the content run covers the paragraph but for punctuation: a paragraph that is only a quotation. */
export function onlyQuotation(tu: TaggedUnit, [a, b]: Run): boolean {
  const toks = tu.unit.tokens;
  for (let i = 0; i < toks.length; i++) {
    if (i >= a && i < b) continue;
    if (/[\p{L}\p{N}]/u.test(toks[i]!.text)) return false;
  }
  return tu.unit.depth[a] !== 0;
}
