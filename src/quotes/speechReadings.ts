import type { Entity, Quote, Speaker } from '../model/record.js';
import type { Token } from '../pipeline/doc.js';
import { partitionPoint } from '../util/search.js';
import { entityIsOfType, namedPersonAt, namesPerson, resolveSpeaker, type SpeakerContext } from './speaker.js';
import type { TaggedUnit } from './tagging.js';
import { O } from './perceptron.js';
import { CUE_NEAR_GAP, PASSIVE_AUX, POSSESSIVE_DETERMINERS, type Run, SPEAKER_MAX_TOKENS, firstEndingAfter, hasRunStartingWithin, hasRunWithin, hasVerb, npFrom, sameSentence, sentenceOf, subjectStart } from './runs.js';
import { parentheticalIn } from './attributionRules.js';
import { ASIDE_RELATIVE_PRONOUNS } from '../entities/tokens.js';
import type { QuoteLexicon } from './lexicon.js';

// How the 'speech' profile (src/quotes/settings.ts) reads what a reporter wrote around a quotation, where PolNeAR's
// span conventions (the 'attribution' profile) read it otherwise: refusals that report nothing, the "that" before a
// reported clause, a short quotation that is a sentence of its own, a translation gloss, a report carried over
// another one, an attribution set inside its sentence, and a quotation after a sentence about a person. Each was found
// on articles written in other outlets' styles (test/fixtures/speech) and checked on BBC text.

/**
 * 'When asked if he would return, Owen said: "I have not given it much thought."': a content run the tagger carried
 * over another report (a name, a cue, then a quotation) is two: the words before that name, and the quotation after
 * the cue, which is the name's. Only in the 'speech' profile (PolNeAR's contents run on over such reports).
 */
export function splitAtInnerReport(tu: TaggedUnit, c: Run, cues: readonly Run[], sources: readonly Run[]): Run[] {
  const toks = tu.unit.tokens;
  const mark = tu.unit.mark;
  for (let k = firstEndingAfter(cues, c[0]); k < cues.length && cues[k]![1] < c[1]; k++) {
    const cue = cues[k]!;
    if (cue[0] <= c[0]) continue;
    let q = cue[1];
    if (toks[q]?.text === ':' || toks[q]?.text === ',') q++;
    if (q >= c[1] || mark[q] !== 1) continue;
    const tagged = sources.find((s) => s[1] === cue[0] && s[0] > c[0]);
    const src = tagged ?? npFrom(toks, cue[0] - 1, -1);
    if (!src || src[0] <= c[0] || !toks.slice(src[0], src[1]).some((t) => t.pos === 'PROPN' || t.pos === 'PRON')) continue;
    let e = src[0];
    while (e > c[0] && /^[,;:]$/.test(toks[e - 1]!.text)) e--;
    return e > c[0] ? [[c[0], e], [q, c[1]]] : [[q, c[1]]];
  }
  return [c];
}

/**
 * "The chip also handles graphics. IBM said it would start making it in 2005.": a cue with a reported clause of its
 * own in its sentence reports that clause, not an unmarked run in the sentence before or after it ('“He called them
 * his tapes,” his son said. The quality is said to be …'), nor a quotation in the sentence before it ('“… vital
 * agenda.” Mr Boateng said: “I am honoured …”'). A cue with no clause of its own may still take a quotation: '“A.” He
 * said so again.'
 */
function cueReportsItsOwnClause(tu: TaggedUnit, cue: Run, content: Run, contents: readonly Run[]): boolean {
  const { sent, mark } = tu.unit;
  const at = sent[cue[0]];
  if (content[0] < cue[1] && content[1] > cue[0]) return false;
  if (laterSentenceOwnCue(tu, cue, content)) return true;
  if (sent[content[0]] === at || sent[content[1] - 1] === at || (mark[content[0]] === 1 && content[0] >= cue[1])) return false;
  // After the cue, a sentence with quoted words goes on with the report ('…, he added. However, the rest would cut
  // "unfair taxes".'); one without is narration.
  if (content[0] >= cue[1]) for (let i = content[0]; i < content[1]; i++) if (mark[i] !== 0) return false;
  // The clause follows the cue ("IBM said it would …"), holds it ("Currently, says Dr Tuffy, the chip is …"), or
  // ends right before it ("“…,” his son said").
  // `contents` are sorted by start and do not overlap: the few that start before the cue's end are looked at, from the
  // last back (a bounded number, so a paragraph of many runs stays linear).
  const upTo = partitionPoint(contents.length, (i) => contents[i]![0] > cue[1] + OWN_CLAUSE_MAX_GAP);
  for (let i = upTo - 1; i >= 0 && i >= upTo - NEAR_RUNS; i--) {
    const c = contents[i]!;
    if (c === content) continue;
    if ((c[1] > cue[1] && sent[c[0]] === at && ownClauseGap(tu, cue[1], c[0])) || (c[1] <= cue[0] && c[1] >= cue[0] - 2 && sent[c[1] - 1] === at)) return true;
  }
  return false;
}

/** Most tokens after a cue, up to its sentence's first comma, for the cue to attribute a quotation before it
 * ('“…” Keegan said on Friday night.'); more are a sentence of its own. */
const TRAILING_ATTRIBUTION_MAX_TOKENS = 8;

/**
 * '“I really enjoy it at City.” Keegan is expected to be told …', '“…” By declaring their assets …', '“…” I thought it
 * would lift us': a cue in a sentence after a quotation is that sentence's own when the sentence opens with a
 * preposition or subordinator, or when the cue is followed (up to a comma) by a verb, an infinitive, a quotation
 * mark or more than a short attribution's words. ('“…” Keegan said.', '“…” said Keegan, who …' still attribute it.)
 */
function laterSentenceOwnCue(tu: TaggedUnit, [a, b]: Run, content: Run): boolean {
  const { tokens: toks, sent, mark } = tu.unit;
  if (mark[content[0]] !== 1 || content[1] > a || sent[a] === sent[content[1] - 1]) return false;
  // '“Why would you cozy up to him?” Lichtman said about …': a question or exclamation ends the splitter's sentence
  // inside the quotation, and the attribution right after it is its own.
  let last = content[1] - 1;
  while (last > content[0] && mark[last] !== 0 && !/\p{L}/u.test(toks[last]!.text) && !/^[?!]$/.test(toks[last]!.text)) last--;
  if (/^[?!]$/.test(toks[last]!.text) && a - content[1] <= CUE_NEAR_GAP) return false;
  const [first, end] = sentenceOf(tu, a);
  let opener = first;
  while (opener < a && !/\p{L}/u.test(toks[opener]!.text)) opener++;
  if (opener < a && /^(ADP|SCONJ)$/.test(toks[opener]!.pos)) return true;
  let e = b;
  while (e < end && e - b <= TRAILING_ATTRIBUTION_MAX_TOKENS && !/^[,;:.!?]$/.test(toks[e]!.text)) e++;
  if (e - b > TRAILING_ATTRIBUTION_MAX_TOKENS) return true;
  for (let i = b; i < e; i++) if (mark[i] !== 0) return true;
  // "is expected to be told": an infinitive after the cue ("said to People" names whom it was said to).
  if (toks[b]?.text.toLowerCase() === 'to' && /^(VERB|AUX)$/.test(toks[b + 1]?.pos ?? '')) return true;
  return hasVerb(toks, [b, e]);
}

/** Tokens between a cue and the clause it reports itself: "that" or a short time or place ("have said for years that
 * …", "said on Tuesday that …"), not its speaker ('“How big is it?” asked the boy, who …'). */
const OWN_CLAUSE_MAX_GAP = 5;

/** Whether tokens [a, b) between a cue and a run after it can stand between a verb and its clause: at most one token
 * (a "that" or a comma), or a few with no speaker the source tagger found and no comma ('asked the boy, who …',
 * 'remarked, alluding to …'). */
function ownClauseGap(tu: TaggedUnit, a: number, b: number): boolean {
  if (b - a <= 1) return true;
  for (let i = a; i < b; i++) if (tu.source[i] !== O || tu.unit.tokens[i]!.text === ',') return false;
  return true;
}

/** Content runs looked at before a cue for the clause it reports itself. */
const NEAR_RUNS = 4;

/** How a content run is read when its nearest cue reports another sentence's own clause (cueReportsItsOwnClause):
 * by an attribution inside the run ("Far better, he said, to …": `cue` and `source` given); as a quotation that
 * continues whoever spoke before (`cue` null); by a reporting verb right before it whose subject must stand right
 * before that verb ("used a speech to say his party …", `subjectBeforeVerb`); or else as narration. Null when the cue
 * is the run's own. */
export type AwayReading = { cue: Run | null; source: Run | null; subjectBeforeVerb: boolean } | 'narration';

export function awayFromOthersCue(tu: TaggedUnit, cue: Run, content: Run, contents: readonly Run[], cues: readonly Run[], lex: QuoteLexicon): AwayReading | null {
  if (!cueReportsItsOwnClause(tu, cue, content, contents)) return null;
  const inner = parentheticalIn(tu, content, cues);
  if (inner) return { cue: inner[0], source: inner[1], subjectBeforeVerb: false };
  if (tu.unit.mark[content[0]] === 1) return { cue: null, source: null, subjectBeforeVerb: false };
  const verb = verbBefore(tu.unit.tokens, content, lex);
  return verb ? { cue: verb, source: null, subjectBeforeVerb: true } : 'narration';
}

/** A reporting verb of the lexicon right before a run, or before the "that" opening it; not one read as a modifier
 * ("an estimated 12 million", "the administration's proposed overhaul") or a passive ("is thought to be"). */
function verbBefore(toks: readonly Token[], [a]: Run, lex: QuoteLexicon): Run | null {
  let v = a - 1;
  if (v > 0 && toks[v]!.text.toLowerCase() === 'that') v--;
  if (v < 0 || toks[v]!.pos !== 'VERB' || !lex.cueVerbs.has(toks[v]!.text.toLowerCase())) return null;
  const before = toks[v - 1];
  if (before && PASSIVE_AUX.has(before.text.toLowerCase())) return null;
  return before && (before.pos === 'DET' || (before.pos === 'PART' && before.text !== 'to')) ? null : [v, v + 1];
}

/** '“We are getting there.” The chairwoman, Ana Ruiz, said …': a speaker phrase in another sentence than the run,
 * with a cue of its own starting right after it (however long: "has apologised publicly for"), is that sentence's
 * speaker, not the run's. */
export function speakerOfNextReport(tu: TaggedUnit, src: Run, content: Run, cues: readonly Run[]): boolean {
  return !sameSentence(tu, src, content) && hasRunStartingWithin(cues, src[1], src[1] + 3);
}

/** Word classes that open a cue's own object or reported clause ("said Lord Goldsmith's admission …", "said it …"). */
const OBJECT_OPENING_POS = new Set(['PROPN', 'NOUN', 'DET', 'PRON', 'NUM', 'ADJ']);

/**
 * '"… we created plenty of chances. "I think we deserved more …"', '"… legal advice to government." Former foreign
 * secretary Robin Cook said Lord Goldsmith's admission …': a cue read after the run (the attribution rules' "quotation,
 * then speaker and cue") that stands in the next sentence and goes on to report something of its own (a noun phrase,
 * a pronoun or "that" right after it) is that sentence's, not the run's ('"…." Mr Cook said afterwards.' still
 * attributes it). Only there: a cue the taggers joined to the run ('"…?" Chuck Todd asked Trump.') has an addressee
 * after it.
 */
export function cueOfNextReport(tu: TaggedUnit, cue: Run, content: Run): boolean {
  if (cue[0] < content[1] || sameSentence(tu, cue, content)) return false;
  const next = tu.unit.tokens[cue[1]];
  if (next === undefined || tu.unit.sent[cue[1]] !== tu.unit.sent[cue[1] - 1]) return false;
  return next.text.toLowerCase() === 'that' || OBJECT_OPENING_POS.has(next.pos);
}

/**
 * A cue no quote used reads the clause before it as an outer report of the quotes inside ("Barnier added that X, an
 * agency said"). Not when the clause is the speaker's own words ("Dr Ruiz praised the plan, saying he …" is one
 * report of his), nor when the cue is the last quotation's own attribution ('Ms Kaur added: “…,” she said', with no
 * other cue between): then the cue reports nothing more.
 */
export function notAnOuterReport(tu: TaggedUnit, inner: readonly Quote[], speaker: Speaker, cue: Run, cues: readonly Run[]): boolean {
  if (speaker.entity !== null && inner.some((q) => q.speaker.entity === speaker.entity)) return true;
  const toks = tu.unit.tokens;
  let last: Quote | null = null;
  for (const q of inner) if (!last || q.content.end > last.content.end) last = q;
  if (!last || last.kind !== 'direct' || toks[cue[0]]!.start < last.content.end) return false;
  let from = cue[0];
  while (from > 0 && toks[from - 1]!.end > last.content.end) from--;
  return !hasRunWithin(cues, from, cue[0]);
}

/**
 * '“… the gap,” said Mr Osei. The company is now looking at Europe. “We have focused first on Japan …”': a quotation
 * in the first person (a first-person word in its first sentence), one narration sentence after the last quote (two
 * when they name its speaker), goes on with that quote's speaker. The sentences between hold no quotation, mention
 * no other person ("Try scorer Martyn Williams was keen …" hands on to him) and no role ("The club's chairman was
 * less sure."). A quotation in the first person singular (I, my, me: "All these sessions are steps on the way to what
 * Costin hopes … “It's all about mobility in my back”") goes on only when they mention the last speaker (by name,
 * pronoun or description): a person may speak about himself after any sentence. A last quote that found no speaker
 * hands on the speaker before it (`speaker`) the same way ('“Johnston uses acupuncture.” … what Costin hopes …
 * “… my back.”').
 */
export function firstPersonAfterNarration(tu: TaggedUnit, at: number, previous: Quote, speaker: Speaker, ctx: SpeakerContext, lex: QuoteLexicon): boolean {
  const { tokens, sent, depth, mark } = tu.unit;
  if (mark[at] !== 1 || at + 1 >= tokens.length) return false;
  if (at > 0 && sent[at - 1] === sent[at]) return false;
  // `speaker` is the last quote's, or when the last quote has none an earlier one's: then only a sentence between
  // that names that speaker hands on to it.
  const carried = speaker !== previous.speaker;
  const plural = !carried && firstPersonIn(tokens, sent, at, FIRST_PERSON_PLURAL);
  if (!plural && !(speaker.entity !== null && firstPersonIn(tokens, sent, at, FIRST_PERSON_SINGULAR))) return false;
  let p = at - 1;
  while (p >= 0 && tokens[p]!.end > previous.content.end) p--;
  const narration = p < 0 ? 0 : sent[at]! - sent[p]! - 1;
  if (narration < 1 || narration > NARRATION_MAX_SENTENCES) return false;
  // The sentences between: no quotation, no role, and no named person but the last speaker (whom two sentences
  // must name).
  let k = partitionPoint(tokens.length, (i) => sent[i]! >= sent[at]! - narration);
  const first = k;
  for (; k < at; k++) if (depth[k] !== 0 || lex.roleNouns.has(tokens[k]!.text.toLowerCase())) return false;
  if (first >= at || namesPerson(ctx, tokens[first]!.start, tokens[at - 1]!.end, speaker.entity)) return false;
  return (plural && narration === 1) || namesPerson(ctx, tokens[first]!.start, tokens[at - 1]!.end);
}

/** Narration sentences between a quote and a first-person quotation that goes on with its speaker, at most. */
const NARRATION_MAX_SENTENCES = 2;

/** Most tokens of a quotation's first sentence read for a first-person word. */
const FIRST_SENTENCE_MAX_TOKENS = 40;

/** Whether the quotation opening at `at` says one of `words` in its first sentence. */
function firstPersonIn(tokens: readonly Token[], sent: Int32Array, at: number, words: ReadonlySet<string>): boolean {
  for (let k = at + 1; k < tokens.length && k - at <= FIRST_SENTENCE_MAX_TOKENS && sent[k] === sent[at + 1]; k++) {
    if (words.has(tokens[k]!.text.toLowerCase())) return true;
  }
  return false;
}

const FIRST_PERSON_SINGULAR = new Set(['i', 'my', 'me', 'myself']);
const FIRST_PERSON_PLURAL = new Set(['we', 'our', 'us']);

/** Verbs that name rather than report: "…'s new venture, called PodShow, is …". */
const NAMING_VERBS = new Set(['called', 'named', 'dubbed', 'titled', 'entitled', 'known']);

/**
 * "The problem they face, said Shailendra Jain, head of Adamind, is educating people …": when the tagger's content
 * starts right after a cue that follows a comma inside the sentence, the report began at the sentence's start; the
 * run is read from there (parentheticalIn then finds the cue and the speaker inside it). Not when a quotation mark
 * stands before the cue in the sentence: that is a quotation's own attribution.
 */
export function fromInvertedAside(tu: TaggedUnit, c: Run, cues: readonly Run[]): Run {
  const { tokens: toks, sent, mark } = tu.unit;
  const k = firstEndingAfter(cues, c[0] - 1);
  const cue = cues[k];
  if (!cue || cue[1] !== c[0] || cue[0] < 2 || toks[cue[0] - 1]!.text !== ',' || sent[cue[0]] !== sent[c[1] - 1]) return c;
  // "…'s new venture, called PodShow, is …": naming, not reporting.
  if (NAMING_VERBS.has(toks[cue[1] - 1]!.text.toLowerCase())) return c;
  // The run opens with the speaker read as words said: a name or a noun phrase up to a comma, with no verb
  // ("Shailendra Jain, …", "the operators of the site, …", "usability guru Dr Jakob Nielsen, …").
  let z = c[0];
  while (z < c[1] && z - c[0] <= SPEAKER_MAX_TOKENS && toks[z]!.text !== ',' && !/^(VERB|AUX)$/.test(toks[z]!.pos)) z++;
  if (z >= c[1] || toks[z]!.text !== ',' || !opensSpeakerPhrase(toks, c[0], z)) return c;
  const named = toks[c[0]]!.pos === 'PROPN';
  let s = cue[0] - 1;
  while (s > 0 && sent[s - 1] === sent[cue[0]]) s--;
  if (s >= cue[0] - 1) return c;
  for (let i = s; i < cue[0]; i++) if (mark[i] !== 0) return c;
  // "But Alain Terzian, president of the organisers, said the changes …, which …": a second comma before the cue
  // sets off an apposition to the cue's own subject, and the noun phrase after the cue is its object.
  if (!named) for (let i = s; i < cue[0] - 1; i++) if (toks[i]!.text === ',') return c;
  // "…, said security firm RSA, which carried out the poll.": a relative clause after the speaker that runs to the
  // run's end describes the speaker; no report runs on after it ("said Sunshine, who …, doesn't forgive" does).
  if (ASIDE_RELATIVE_PRONOUNS.has(toks[z + 1]?.text.toLowerCase() ?? '') && !toks.slice(z + 2, c[1]).some((t) => t.text === ',')) return c;
  // "Currently, says Dr Tuffy, the equipment is …": after an adverb alone the report is the clause after the name.
  const opensClause = toks.slice(s, cue[0] - 1).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON');
  return opensClause ? [s, c[1]] : z + 1 < c[1] ? [z + 1, c[1]] : c;
}

/** Parts of speech a speaker phrase after an inverted cue may open with: a name, or a noun phrase's determiner,
 * adjective or noun ("said the operators of …", "says usability guru …"). */
const SPEAKER_PHRASE_OPENERS = new Set(['PROPN', 'DET', 'ADJ', 'NOUN']);

/** Whether tokens [a, z) read as a speaker phrase: they open as a name or a noun phrase does and hold a noun or a
 * name. */
function opensSpeakerPhrase(toks: readonly Token[], a: number, z: number): boolean {
  if (!SPEAKER_PHRASE_OPENERS.has(toks[a]!.pos)) return false;
  for (let k = a; k < z; k++) if (toks[k]!.pos === 'NOUN' || toks[k]!.pos === 'PROPN') return true;
  return false;
}

/** Words that negate a reporting verb ("would not say", "has not yet announced"). */
export const NEGATIONS = new Set(['not', "n't", 'never']);
/** Verbs of refusing before "to" + a reporting verb ("declined to say", "refused to confirm"). */
const REFUSALS = new Set(['declined', 'declines', 'declining', 'refused', 'refuses', 'refusing']);

/** Words opening a subject that says no one spoke ("Neither the club nor the player would say", "Nobody would
 * confirm"). */
const NEGATIVE_SUBJECTS = new Set(['neither', 'nobody', 'none']);
/** Tokens searched back from a cue for the start of its clause and a negative subject there. */
const NEGATIVE_SUBJECT_MAX_TOKENS = 12;

/** Whether a cue reports that nothing was said: a negation or refusal in the cue ("declined to say"), a negation
 * right before it, or before one adverb ("has not yet announced"), a refusal before "to" ("refused to reveal"), or a
 * subject that names no one ("Neither Mr Howard nor Mr Letwin would say", "No one would confirm"): the first word of
 * the cue's clause, within NEGATIVE_SUBJECT_MAX_TOKENS of it. */
export function refusedReport(tu: TaggedUnit, [a, b]: Run): boolean {
  const toks = tu.unit.tokens;
  const lower = (k: number) => (k >= 0 ? toks[k]!.text.toLowerCase() : '');
  for (let k = a; k < b; k++) if (NEGATIONS.has(lower(k)) || REFUSALS.has(lower(k))) return true;
  if (NEGATIONS.has(lower(a - 1))) return true;
  if (a >= 2 && toks[a - 1]!.pos === 'ADV' && NEGATIONS.has(lower(a - 2))) return true;
  if (lower(a - 1) === 'to' && REFUSALS.has(lower(a - 2))) return true;
  // The clause's first word: after the sentence start, a comma or a conjunction ("But neither side would say"; not
  // the "nor" or "or" inside the subject).
  const sent = tu.unit.sent;
  const opensClause = (j: number) => /^[,;:]$/.test(toks[j]!.text) || (toks[j]!.pos === 'CCONJ' && !/^(nor|or)$/i.test(toks[j]!.text));
  const clauseStart = (j: number) => j === 0 || sent[j - 1] !== sent[a] || opensClause(j - 1);
  let k = a - 1;
  while (k > 0 && a - k < NEGATIVE_SUBJECT_MAX_TOKENS && !clauseStart(k)) k--;
  // Not a word the bound stopped at in the middle of a longer clause.
  if (k < 0 || !clauseStart(k)) return false;
  return NEGATIVE_SUBJECTS.has(lower(k)) || (lower(k) === 'no' && lower(k + 1) === 'one');
}

/** "said, if in government, he would …": a run without the comma (or semicolon, colon) it opens with, when words
 * follow it; the comma after a cue opens the reported clause's own aside. Not before a quotation mark (the mark decides
 * the run's kind). */
export function withoutLeadingComma(toks: readonly Token[], run: Run, mark: Uint8Array): Run {
  let a = run[0];
  while (run[1] - a > 1 && /^[,;:]$/.test(toks[a]!.text) && mark[a + 1] === 0) a++;
  return a === run[0] ? run : [a, run[1]];
}

/** Whether token k reads as a finite verb after "that": an auxiliary or modal ("might", "was", "'s"), or a verb in
 * lower case with a present or past ending ("fits", "prompted") that no verb follows. The tagger reads many nouns as
 * verbs ("that reach was", "that hedge funds", "that Ask Jeeves"): a bare form, a capital or a verb after it says so. */
function finiteAfterThat(toks: readonly Token[], k: number): boolean {
  const t = toks[k]!;
  if (t.pos === 'AUX') return true;
  const after = toks[k + 1];
  return t.pos === 'VERB' && /^\p{Ll}[\p{Ll}]*(s|ed)$/u.test(t.text) && !(after && (after.pos === 'VERB' || after.pos === 'AUX'));
}

/** A run without a leading "that", when words follow it. Not a "that" before a verb (a pronoun), nor before a quotation ('said that “…”'): that is a mixed
 * report, a quotation set in the reporter's syntax, and stays one. */
export function withoutComplementizer(toks: readonly Token[], run: Run, mark: Uint8Array): Run {
  const [a, b] = run;
  if (b - a < 2 || toks[a]!.text.toLowerCase() !== 'that') return run; // the same run: callers compare runs by identity
  const next = toks[a + 1]!.text === ',' ? a + 2 : a + 1;
  // "suggesting that might not be enough", "said that was wrong": "that" before a finite verb is the clause's subject,
  // a pronoun. A gerund or "given" after it opens the clause ("said that having a strategy was …").
  if (next === a + 1 && finiteAfterThat(toks, next)) return run;
  return next < b && mark[next] === 0 ? [a + 1, b] : run;
}

/** Whether a quotation ends with its own punctuation inside the closing mark (“Never say never,” / “No!”): a short
 * sentence said, not a phrase quoted. */
export function punctuatedInside(tu: TaggedUnit, [a, b]: Run): boolean {
  const { tokens, mark } = tu.unit;
  let k = b - 1;
  while (k > a && mark[k] !== 0) k--;
  return k > a && k < b - 1 && /^[,.!?]$/.test(tokens[k]!.text);
}

/** Most tokens of a paragraph that introduces what the next paragraph says with a colon, naming no cue. */
const LEAD_IN_MAX_TOKENS = 25;

/**
 * 'From Andrea Peyser writing at The New York Post:', 'The Clinton Foundation describes itself in the following way:':
 * a short paragraph with no quotation that ends in a colon, with no cue right before it, introduces what the next
 * paragraph says; the first person it names (else the first organisation), not as a modifier of a noun, is the
 * source. Its tokens, or null.
 */
export function leadInSource(tu: TaggedUnit, ctx: SpeakerContext): readonly Token[] | null {
  const { tokens: toks, depth } = tu.unit;
  const n = toks.length;
  if (n < 3 || n > LEAD_IN_MAX_TOKENS || toks[n - 1]!.text !== ':' || depth[n - 2] !== 0) return null;
  let org: readonly Token[] | null = null;
  for (let i = 0; i < n; ) {
    if (toks[i]!.pos !== 'PROPN') {
      i++;
      continue;
    }
    let j = i;
    while (j < n && toks[j]!.pos === 'PROPN') j++;
    const run = toks.slice(i, j);
    i = j;
    // A name before a common noun qualifies it ("the most notable Clinton emails"): it names no source.
    if (j < n && toks[j]!.pos === 'NOUN') continue;
    const entity = resolveSpeaker(ctx, run).entity;
    if (entityIsOfType(ctx, entity, 'PERSON')) return run;
    if (!org && entityIsOfType(ctx, entity, 'ORG')) org = run;
  }
  return org;
}

/** The person the sentence before token `at` of paragraph `ui` opens with (that paragraph's previous sentence, or the
 * last sentence of the paragraph before when `at` opens its paragraph), or null. */
export function subjectBefore(tagged: readonly TaggedUnit[], ui: number, at: number, ctx: SpeakerContext): Speaker | null {
  let tu = tagged[ui]!;
  let s = at > 0 ? tu.unit.sent[at - 1]! : -1;
  if (at > 0 && tu.unit.sent[at] === s) return null; // the quotation does not open its sentence
  if (s < 0) {
    if (ui === 0) return null;
    tu = tagged[ui - 1]!;
    if (tu.unit.tokens.length === 0) return null;
    s = tu.unit.sent[tu.unit.tokens.length - 1]!;
  }
  const { tokens, sent, depth } = tu.unit;
  let k = partitionPoint(tokens.length, (i) => sent[i]! >= s);
  // A sentence that is itself a quotation, or holds one, has its own speaker to hand on.
  for (let j = k; j < tokens.length && sent[j] === s; j++) if (depth[j] !== 0) return null;
  // After its opening words, adverbs and a fronted phrase ("However Bwalya warned …", "After three successive wins,
  // McIlroy is brimming …", "When Wallace died in 1998, President Clinton released …").
  k = subjectStart(tokens, k, sentenceOf(tu, k)[1]);
  if (k >= tokens.length || sent[k] !== s) return null;
  // "His friend lays the blame …": a possessive opens a phrase about someone else, unless a name is set off after it
  // ("His friend, Saxon Spence, leader of the county group, lays …": that person).
  if (POSSESSIVE_DETERMINERS.has(tokens[k]!.text.toLowerCase())) {
    let c = k + 1;
    while (c < tokens.length && sent[c] === s && c - k <= SUBJECT_TITLE_MAX_TOKENS && tokens[c]!.text !== ',') c++;
    const named = c + 1 < tokens.length && tokens[c]!.text === ',' && sent[c + 1] === s ? namedPersonAt(ctx, tokens[c + 1]!.start, tokens[c + 1]!.end) : null;
    return named ? { entity: named.id, name: named.name, mention: null, anonymous: false } : null;
  }
  const person = namedPersonAt(ctx, tokens[k]!.start, tokens[k]!.end) ?? titledSubject(tokens, sent, k, ctx);
  return person ? { entity: person.id, name: person.name, mention: null, anonymous: false } : null;
}

/** Words of a title read over before a sentence's subject's name ("Double try scorer Martyn Williams"). */
const SUBJECT_TITLE_MAX_TOKENS = 5;

/** Parts of speech of the words of such a title: nouns, names, adjectives, numbers, an article, and verbs (the
 * tagger reads "try" in "try scorer" as one); not a subordinator, adverb or preposition ("When Wallace died, …"). */
const TITLE_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM', 'DET', 'VERB']);

/** "Double try scorer Martyn Williams was keen …": a named person within a few words of the sentence's start, after
 * a title with no comma, whose name a verb follows. */
function titledSubject(tokens: readonly Token[], sent: Int32Array, k: number, ctx: SpeakerContext): Entity | null {
  const s = sent[k];
  for (let j = k + 1; j < tokens.length && j - k <= SUBJECT_TITLE_MAX_TOKENS && sent[j] === s && TITLE_POS.has(tokens[j - 1]!.pos); j++) {
    const person = namedPersonAt(ctx, tokens[j]!.start, tokens[j]!.end);
    if (!person) continue;
    let e = j + 1;
    while (e < tokens.length && e - j < SPEAKER_MAX_TOKENS && sent[e] === s && namedPersonAt(ctx, tokens[e]!.start, tokens[e]!.end) === person) e++;
    return e < tokens.length && sent[e] === s && /^(VERB|AUX)$/.test(tokens[e]!.pos) ? person : null;
  }
  return null;
}

/** Words that introduce a translation of the quotation before them: '« … », said the minister, meaning "…"'. */
const GLOSSES = new Set(['meaning', 'translated', 'translates', 'translation']);

/** A content run that holds a translation gloss before a quotation starts at that quotation: the words before the
 * gloss are the attribution of the original, read again by the tagger. */
export function afterGloss(tu: TaggedUnit, [a, b]: Run): Run {
  const { tokens, mark } = tu.unit;
  for (let k = a; k + 1 < b; k++) {
    if (!GLOSSES.has(tokens[k]!.text.toLowerCase())) continue;
    let q = k + 1;
    if (tokens[q]!.text === ':' || tokens[q]!.text === 'as') q++;
    if (q < b && mark[q] === 1) return [q, b];
  }
  return [a, b];
}

/** Whether a paragraph is a transcript line: a name opening it, a colon, and the rest of the paragraph as the words
 * ("Osei: I understand that, and I apologise to them."). */
export function transcriptLine(tu: TaggedUnit, src: Run, cue: Run, run: Run): boolean {
  const toks = tu.unit.tokens;
  if (src[0] !== 0 || cue[0] !== src[1] || cue[1] - cue[0] !== 1 || toks[cue[0]]!.text !== ':' || run[0] !== cue[1]) return false;
  if (!toks.slice(src[0], src[1]).every((t) => t.pos === 'PROPN')) return false;
  let end = toks.length;
  while (end > run[1] && /^\p{P}+$/u.test(toks[end - 1]!.text)) end--;
  return run[1] >= end;
}

/** Conjunctions that join a narration clause to a report: "Britain has been more cautious but Mr Straw said …". */
const JOINING_CONJUNCTIONS = new Set(['but', 'and', 'while', 'whereas', 'although', 'though']);

/**
 * "Britain has been more cautious but Mr Straw last week said he also wanted it to end": an unmarked run that ends
 * where a conjunction joins a clause whose cue has a content run of its own right after it is narration, not a second
 * thing the cue reports. A quotation keeps the cue ('“It is over,” she said, and Ms Ruiz agreed').
 */
export function narrationBeforeJoinedReport(tu: TaggedUnit, c: Run, cue: Run, contents: readonly Run[]): boolean {
  const { tokens: toks, mark, sent } = tu.unit;
  if (mark[c[0]] === 1 || cue[0] < c[1] || sent[cue[0]] !== sent[c[1] - 1]) return false;
  let j = c[1];
  if (toks[j]?.text === ',') j++;
  if (!JOINING_CONJUNCTIONS.has(toks[j]?.text.toLowerCase() ?? '') || cue[0] - j - 1 > SPEAKER_MAX_TOKENS || cue[0] - j < 2) return false;
  for (let k = j + 1; k < cue[0]; k++) if (toks[k]!.pos === 'VERB' || toks[k]!.pos === 'AUX' || /^[,;:]$/.test(toks[k]!.text)) return false;
  // The cue's own content starts right after it (or after its "that").
  const own = cue[1] < toks.length && toks[cue[1]]!.text.toLowerCase() === 'that' ? cue[1] + 1 : cue[1];
  const at = partitionPoint(contents.length, (i) => contents[i]![0] >= cue[1]);
  const next = contents[at];
  return !!next && next[0] <= own;
}

/** Most words of a person's name read back from a cue. */
const NAME_BEFORE_CUE_MAX_TOKENS = 3;

/**
 * '“…,” Yelling told BBC Sport': a named person the entity layer found right before a cue is its subject, whatever
 * the tagger made of the name (a surname that is also a word, "Yelling", "Hunt", read as a verb or an adjective).
 * The name's tokens, or null.
 */
export function personBeforeCue(tu: TaggedUnit, cue: Run, ctx: SpeakerContext): Run | null {
  const { tokens, sent } = tu.unit;
  const last = cue[0] - 1;
  if (last < 0 || !/^\p{Lu}/u.test(tokens[last]!.text) || sent[last] !== sent[cue[0]]) return null;
  let found: Run | null = null;
  for (let j = last; j >= 0 && last - j < NAME_BEFORE_CUE_MAX_TOKENS && sent[j] === sent[last] && /^\p{Lu}/u.test(tokens[j]!.text); j--) {
    if (namedPersonAt(ctx, tokens[j]!.start, tokens[last]!.end)) found = [j, last + 1];
  }
  return found;
}

/** "Having said that, …", "That said, …": a reporting verb in a connective that opens a sentence reports nothing. */
export function connectiveCue(tu: TaggedUnit, [a, b]: Run): boolean {
  const toks = tu.unit.tokens;
  const word = (i: number) => toks[i]?.text.toLowerCase();
  const verb = word(a);
  if (verb !== 'said' && verb !== 'saying') return false;
  if (word(a - 1) === 'having' && word(b) === 'that' && word(b + 1) === ',') return true;
  return word(a - 1) === 'that' && word(b) === ',' && (a < 2 || tu.unit.sent[a - 2] !== tu.unit.sent[a - 1]);
}

/** Participles that after "But" or "And" are passive ("But asked about it, he said"), not the speaker's own verb. */
const PASSIVE_PARTICIPLE_CUES = new Set(['asked', 'pressed', 'questioned', 'quoted', 'told']);

/** Reporting verbs whose past tense does not end in -ed. */
const PAST_REPORTING_VERBS = new Set(['said', 'told', 'wrote', 'spoke']);

/**
 * 'Adding, “Now, like with all …”', "But told BBC News: …": a cue that opens its sentence with no subject (a
 * participle in -ing right before a quotation, or a verb in the past right after "But" or "And") goes on with the
 * subject of the sentence before.
 */
export function subjectlessCue(tu: TaggedUnit, cue: Run): boolean {
  const { tokens, sent } = tu.unit;
  const opensSentence = (i: number) => i === 0 || sent[i - 1] !== sent[i];
  const at = cue[0];
  const verb = tokens[at]!;
  if (verb.pos !== 'VERB') return false;
  // A participle opening a sentence is the main clause's ("Citing the attack, Will wrote …"), unless a quotation
  // follows it at once: 'Adding, “…”'.
  if (opensSentence(at)) return /ing$/i.test(verb.text) && /^[,:]$/.test(tokens[cue[1]]?.text ?? '') && tu.unit.mark[cue[1] + 1] === 1;
  // After "But" or "And": a verb in the past, in lower case ("But told BBC News", "And continued:"); not "And Yelling
  // says" (a name the tagger read as a verb), "But calls for …" (a noun), "And responding to …, Mr Johnson told"
  // (a participle whose subject follows).
  const before = tokens[at - 1]!.text.toLowerCase();
  const word = verb.text;
  if (!(before === 'but' || before === 'and') || !opensSentence(at - 1) || !/^\p{Ll}/u.test(word)) return false;
  if (!/ed$/.test(word) && !PAST_REPORTING_VERBS.has(word)) return false;
  // "But asked about it, he said": a passive participle, followed by a preposition or a comma, not an object.
  const next = tokens[at + 1];
  return !(PASSIVE_PARTICIPLE_CUES.has(word) && (next === undefined || next.pos === 'ADP' || next.pos === 'SCONJ' || next.text === ','));
}

/** Subordinators opening an adverbial clause right after a reporting verb ("said as she left", "said while
 * walking out"). Not prepositions such as "after" or "during": "said after seven years Labour had changed" reports
 * the clause after the phrase. */
const ADVERBIAL_OPENERS = new Set(['as', 'while', 'whilst']);

/** Words after "as" that make it a quantity or a phrase of its own ("said as many as 3,000 firms …", "as well as"). */
const AS_PHRASES = new Set(['many', 'much', 'few', 'well', 'long', 'soon', 'far', 'part', 'a', 'of']);

/** Tokens searched after such an opener for the "that" of the reported clause. */
const ADVERBIAL_MAX_TOKENS = 15;

/**
 * "Susan said as she turned around", "Dana Ruiz said as she left the court that the verdict was a relief": a run
 * that opens, right after its cue, with an adverbial clause (outside any quotation) reports the clause after a
 * "that" following it, or a quotation after its comma; with neither and no second clause ("said while everyone had the right …, they also had
 * …" has one), it reports nothing (null). Other runs are returned as they are.
 */
export function afterAdverbial(tu: TaggedUnit, cue: Run, run: Run): Run | null {
  const { tokens, depth, mark } = tu.unit;
  if (run[0] !== cue[1] || depth[run[0]] !== 0 || mark[run[0]] !== 0) return run;
  const opener = tokens[run[0]]!.text.toLowerCase();
  if (!ADVERBIAL_OPENERS.has(opener) || (opener === 'as' && AS_PHRASES.has(tokens[run[0] + 1]?.text.toLowerCase() ?? ''))) return run;
  const stop = Math.min(run[1] - 1, run[0] + ADVERBIAL_MAX_TOKENS);
  for (let k = run[0] + 1; k < stop && depth[k] === 0; k++) {
    if (tokens[k]!.text.toLowerCase() === 'that') return [k + 1, run[1]];
    // 'said as he introduced his wife, "Finally, …"': the quotation after the clause.
    if (tokens[k]!.text === ',' && mark[k + 1] === 1) return [k + 1, run[1]];
  }
  // Clauses counted by their verbs that follow a subject (an adverb may stand between).
  const subject = (t: Token | undefined) => t !== undefined && (t.pos === 'PRON' || t.pos === 'NOUN' || t.pos === 'PROPN');
  let clauses = 0;
  for (let k = run[0] + 1; k < run[1] && clauses < 2; k++) {
    const t = tokens[k]!;
    if (depth[k] !== 0) break;
    if ((t.pos === 'VERB' || t.pos === 'AUX') && (subject(tokens[k - 1]) || (tokens[k - 1]!.pos === 'ADV' && subject(tokens[k - 2])))) clauses++;
  }
  return clauses >= 2 ? run : null;
}

/** Most tokens between a reference cue and the "as" that introduces the words said ("referred to the candidate, who
 * is supposedly his longtime friend, as “Mr. Trump”"). */
const REFERENCE_AS_MAX_TOKENS = 16;

/** Whether a cue says whom or what a speaker meant ("referring to Cruz", "refers to", "in reference to"), not what
 * anyone said. */
export function referenceCue(toks: readonly Token[], [a, b]: Run, lex: QuoteLexicon): boolean {
  for (let k = a; k < b; k++) {
    const w = toks[k]!.text.toLowerCase();
    if (lex.cueVerbs.get(w) === 'refer' || w === 'reference') return true;
  }
  return false;
}

/**
 * '"I have won 10 states," Trump said, referring to Cruz. "Last week I was a million votes higher than him."': a
 * reference cue names whom a speaker meant. The name after it is not who speaks, the words after it are no report,
 * and a quotation beside it keeps its speaker but not that cue: {cue, src} to read it with (cue null), or null when
 * the run reports nothing ('"…," the report said, referring to Sheila Bair' has its attribution already;
 * "referring to the premature deaths of …"). "referred to Rubio as “a bright leader”" reports the words after "as".
 */
export function referenceReading(tu: TaggedUnit, cue: Run, src: Run | null, run: Run): { cue: Run | null; src: Run | null } | null {
  const { tokens: toks, mark } = tu.unit;
  // "as" after the cue, then the words said: marked within a few words ("as the “Great Satan”"), or opening the run.
  for (let k = cue[1]; k + 1 < run[1] && k <= run[0] + REFERENCE_AS_MAX_TOKENS; k++) {
    if (toks[k]!.text.toLowerCase() !== 'as') continue;
    if (k + 1 === run[0]) return { cue, src };
    for (let j = k + 1; j < run[1] && j <= k + 3; j++) if (mark[j] === 1) return { cue, src };
  }
  const referent = src !== null && src[0] >= cue[1];
  const speaker = referent ? null : src;
  if (run[1] <= cue[0]) return referent ? null : { cue: null, src: speaker };
  return mark[run[0]] === 1 ? { cue: null, src: speaker } : null;
}

/**
 * 'Swiss Re said it had registered …', '“…,” Will wrote.': a capitalised word inside its sentence that the cue tagger
 * took into the cue before a reporting verb in lower case is a name, or its last word (the POS tagger reads "Re" and
 * "Will" as auxiliaries): the cue starts at the verb and the speaker ends with the name. [cue, source], or null. Not
 * in a title-case headline, whose verb is capitalised too ("Trump Just Revealed …").
 */
export function nameOpeningCue(tu: TaggedUnit, cue: Run, src: Run | null, lex: QuoteLexicon): [Run, Run] | null {
  const { tokens: toks, sent } = tu.unit;
  const [a, b] = cue;
  if (b - a < 2 || a === 0 || sent[a - 1] !== sent[a]) return null;
  const first = toks[a]!;
  const verb = toks[a + 1]!;
  if (!/^\p{Lu}/u.test(first.text) || lex.cueVerbs.has(first.text.toLowerCase()) || !/^\p{Ll}/u.test(verb.text) || !lex.cueVerbs.has(verb.text)) return null;
  // Not "I" ("What I'm asking is …"), nor a noun after a possessive ("Bush's Facebook post: …").
  if (/^I($|['’])/.test(first.text) || /['’]s?$/.test(toks[a - 1]!.text)) return null;
  return [[a + 1, b], src && src[1] === a ? [src[0], a + 1] : [a, a + 1]];
}
