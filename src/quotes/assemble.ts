import type { Entity, Quote, Speaker } from '../model/record.js';
import { span } from '../model/span.js';
import type { Token } from '../pipeline/doc.js';
import { matchGreedy } from '../util/matching.js';
import { QUESTION_OPENERS, askedOpensSentence } from '../entities/tokens.js';
import { inRanges } from '../entities/scope.js';
import { groupPhraseAt, groupSubjectBefore } from '../entities/coref.js';
import type { QuoteLexicon } from './lexicon.js';
import { isQuoteMarkChar, type MarkedQuote } from '../language/quoteMarks.js';
import { O, runsOf } from './perceptron.js';
import { SPEECH_SETTINGS, type QuoteSettings } from './settings.js';
import { entityIsOfType, mostNamedBefore, namedPersonAt, priorSpeaker, resolveSpeaker, type SpeakerContext } from './speaker.js';
import type { TaggedUnit } from './tagging.js';
import {
  acrossParenthetical, beyondApposition, onToTheName, colonLead, nameLabel, coordinatedSource, cutTrailingAttribution, dashAttribution,
  joinAcrossAttribution, onlyQuotation, parentheticalIn, passiveCueInside, prepositionalAttribution, quotationAfter,
  afterTimeClauseOpener, beforeRelativeAside, beforeOwnAside, relativeAsideReport, speakerOpening, controlledSpeaker, withinRelativeAside, cutTrailingTime, withinCueSentence, withoutLeadingTime, withoutEdgeMarks, readCue, relativeSource, reportedSentence, ruleAttribution,
  ruleSource, subjectAfterWith, QUANTIFIERS,
} from './attributionRules.js';
import { anonymityAsides, speakerBeforeAside } from './anonymityAsides.js';
import { quotedAsSaying } from './quotedAs.js';
import { relativeClauseReports } from './relativeReports.js';
import { opensNextQuotation } from './units.js';
import {
  afterGloss, fromInvertedAside, NEGATIONS, punctuatedInside, refusedReport, splitAtInnerReport, subjectBefore, transcriptLine,
  withoutComplementizer, withoutLeadingComma,
  awayFromOthersCue, narrationBeforeJoinedReport, notAnOuterReport, speakerOfNextReport, firstPersonAfterNarration, cueOfNextReport, leadInSource,
  personBeforeCue, connectiveCue, subjectlessCue, afterAdverbial, referenceCue, referenceReading, nameOpeningCue,
} from './speechReadings.js';
import {
  MIN_SPEECH_WORDS, PASSIVE_AUX, type Run, firstEndingAfter, gap, hasRunWithin, hasVerb, hasWords, inWordHyphen, mainClauseVerbIn, meansAfterBy, nounPhraseObject, nearestRun, npFrom, overlapsAny, sameSentence,
  sameSentenceOrNear, sentenceOf, trimRun,
} from './runs.js';
import { partitionPoint } from '../util/search.js';

// Turns the taggers' spans into Quote records: each content span is joined to the nearest cue, and the cue to the
// nearest source; quotation-only paragraphs continue the previous speaker; a content span that itself reports
// someone ("Barnier added that X") yields the nested quote with `via`. All joins look at a bounded token window.

/** Largest token gap between a content span and its cue within one sentence ("…,” the chairman of the alliance’s
 * military committee, Admiral X, wrote"), and across a sentence boundary. */
export const CUE_MAX_GAP = 20;
/** The same in the 'attribution' profile, whose contents run on over sentences (chosen on PolNeAR dev: 40 adds about
 * half a point of cue, source and attributed F1 over 20; 60 and 100 change nothing more). */
export const ATTRIBUTION_CUE_MAX_GAP = 40;
/** Largest token gap between a cue and its source ("X, a Labour MP who chairs the committee, said"). */
export const SOURCE_MAX_GAP = 14;
/** How far before "and said" the tagged subject of the first verb may be ("Jim Harlow, 70, had served in Korea - ''two
 * years of misery'' - and said …"). */
export const COORDINATED_SOURCE_MAX_GAP = 30;
/** In the 'attribution' profile, an indirect span with no cue and fewer words than this is dropped (chosen on PolNeAR
 * dev: 8 adds 0.002 to 0.003 of content, overlap and attributed F1 and costs none; 6 to 20 differ by 0.002). */
export const ATTRIBUTION_MIN_UNCUED_WORDS = 8;
/** Confidence of quotes read by the taggers, and of those carried over from the previous paragraph's speaker. */
export const TAGGED_CONFIDENCE = 0.8;
export const CONTINUED_CONFIDENCE = 0.6;
/** Confidence of a quotation given to the person the sentence before it is about (no cue, no source). */
export const IMPLIED_CONFIDENCE = 0.5;

/** direct: the content is one marked quotation; mixed: it holds marked words; indirect: no marks. */
export function kindOf(start: number, end: number, marks: readonly MarkedQuote[]): Quote['kind'] {
  // Marks are sorted by start: find the first that may open at the content's start, read on to its end.
  const lo = partitionPoint(marks.length, (i) => marks[i]!.start >= start - 1);
  let mixed = false;
  for (let k = lo; k < marks.length; k++) {
    const m = marks[k]!;
    if (m.start >= end) break;
    if (m.depth === 0 && m.start <= start + 1 && m.end >= end - 1) return 'direct';
    if (m.start >= start && m.end <= end) mixed = true;
  }
  return mixed ? 'mixed' : 'indirect';
}

export interface AssembleInput {
  id: string;
  text: string;
  tagged: readonly TaggedUnit[];
  marks: readonly MarkedQuote[];
  entities: readonly Entity[];
  lex: QuoteLexicon;
  settings?: Readonly<QuoteSettings>;
  /** The one person the byline names, if it names one: the writer whose "I" is read outside quotations. */
  writer?: string | null;
}

export function assembleQuotes(input: AssembleInput): Quote[] {
  const { text, marks, lex } = input;
  const speech = (input.settings ?? SPEECH_SETTINGS).profile === 'speech';
  const ctx: SpeakerContext = {
    text, entities: input.entities, lex, history: [], outsideQuotations: outsideQuotations(marks), writer: input.writer ?? null, groupBefore: groupFinder(input.tagged),
  };
  const quotes: Quote[] = [];
  const newQuote: NewQuote = (start, end, cue, speaker, confidence) => {
    const q: Quote = {
      id: `${input.id}:q${quotes.length + 1}`,
      kind: kindOf(start, end, marks),
      content: span(text, start, end),
      cue: cue && cue.length ? span(text, cue[0]!.start, cue[cue.length - 1]!.end) : null,
      speaker,
      via: null,
      statement: null,
      paraphrase_of: null,
      confidence,
    };
    quotes.push(q);
    if (speaker.name !== null) ctx.history.push(speaker);
    return q;
  };
  const a: Assembly = {
    input,
    text,
    marks,
    lex,
    speech,
    verbFilter: VERB_FILTER && speech,
    requireLexiconCue: REQUIRE_LEXICON_CUE && speech,
    cueMaxGap: speech ? CUE_MAX_GAP : ATTRIBUTION_CUE_MAX_GAP,
    ctx,
    quotes,
    newQuote,
    previous: null,
    previousUnit: -2,
    colonCue: null,
    interviewStart: null,
    answerUnit: -2,
    dropped: new Set(),
  };
  input.tagged.forEach((tu, ui) => assembleUnit(a, tu, ui));
  const out = joinParagraphRuns(dropMirrors(quotes, speech, a.dropped), marks, text);
  continueBackwards(out, marks, text);
  return out;
}

/** SpeakerContext.groupBefore over the document's paragraphs: their tokens in one array, made when first asked. */
function groupFinder(tagged: readonly TaggedUnit[]): (at: number) => readonly Token[] | null {
  let tokens: Token[] | null = null;
  return (at) => {
    tokens ??= tagged.flatMap((tu) => tu.unit.tokens);
    const all = tokens;
    const i = partitionPoint(all.length, (k) => all[k]!.start >= at);
    if (i >= all.length || all[i]!.start !== at) return null;
    const start = groupSubjectBefore(all, i);
    if (start < 0) return null;
    const noun = partitionPoint(all.length, (k) => all[k]!.start >= start);
    const [a, b] = groupPhraseAt(all, noun);
    return all.slice(a, b);
  };
}

/** Records a quote of the document (its id the next in turn) and returns it. */
type NewQuote = (start: number, end: number, cue: Token[] | null, speaker: Speaker, confidence: number) => Quote;

/** What the assembly of one document carries from paragraph to paragraph. */
interface Assembly {
  input: AssembleInput;
  text: string;
  marks: readonly MarkedQuote[];
  lex: QuoteLexicon;
  speech: boolean;
  verbFilter: boolean;
  requireLexiconCue: boolean;
  cueMaxGap: number;
  ctx: SpeakerContext;
  quotes: Quote[];
  newQuote: NewQuote;
  /** The last quote read from a tagged run, and its paragraph's index. */
  previous: Quote | null;
  previousUnit: number;
  /** "He said:" / "The New York Times reports:" closing a paragraph: the report is the next paragraph. */
  colonCue: ColonCue | null;
  /** Where the document's first interview line ("Q: …", "A: …") starts, once one is read. */
  interviewStart: number | null;
  /** The paragraph index of the last interview answer read (its line, or a paragraph that went on with it). */
  answerUnit: number;
  /** Quotes a later reading showed to be wrong, left out of the document's quotes at the end (their ids stay unique). */
  dropped: Set<Quote>;
}

/** A paragraph as its quotes are read: its runs, and what its quotes have used so far. */
interface UnitReading {
  tu: TaggedUnit;
  ui: number;
  asides: Run[];
  cues: Run[];
  sources: Run[];
  contents: Run[];
  /** 'attribution' profile: the quotation each content run opens with, where its cue and source are looked for. */
  coreOf: Map<Run, Run>;
  /** 'attribution' profile: each content's one cue, and the cue found between joined quotations. */
  cueOf: Map<Run, Run> | null;
  joinedCue: Map<Run, Run> | null;
  /** Runs read by the rules from a cue the content tagger left without content. */
  ruleRead: Set<Run>;
  /** First tokens of the cues quotes took. */
  usedCues: Set<number>;
  /** First tokens of the cues whose object was read and was no clause: they report nothing in another sentence. */
  spentCues: Set<number>;
  /** Content and cue offsets of this paragraph's quotes, for the re-read runs. */
  reread: Set<string>;
}

/** The quotes of one paragraph: its tagged and rule-read contents, each with its cue and speaker, then the outer
 * reports that hold them. Split into functions of their own (rather than one closure over the document) so that a
 * rare branch met late deoptimises and recompiles a small function, not the whole assembly. */
function assembleUnit(a: Assembly, tu0: TaggedUnit, ui: number): void {
  const { marks, lex, speech, verbFilter, cueMaxGap } = a;
  // An interview printed as questions and answers ('speech' profile): the question is the interviewer's, no one's
  // statement; the answer is the interviewee's words.
  const interview = speech ? interviewLine(tu0.unit.tokens, lex) : null;
  if (interview) a.interviewStart ??= tu0.unit.tokens[0]!.start;
  if (interview === 'question') return;
  if (interview === 'answer' || (speech && a.answerUnit === ui - 1 && answerGoesOn(tu0))) return answerLine(a, tu0, ui, interview === 'answer');
  const tu = labelColonLine(tu0, lex);
  const firstOfUnit = a.quotes.length;
  // "…, who asked not to be named, said": the aside reports nothing, and says the speaker before it is unnamed.
  const asides = anonymityAsides(tu, lex);
  const inAside = (r: Run) => asides.some((x) => r[0] >= x[0] && r[0] < x[1]);
  const cues = runsOf(tu.cue).filter((r) => !inAside(r));
  // '"…," Trump said, referring to Secretary of State John Kerry': whom a speaker meant is not who speaks ('speech'
  // profile): a source run right after a reference cue is dropped.
  const referenceEnds = speech ? new Set(cues.filter((r) => referenceCue(tu.unit.tokens, r, lex)).map((r) => r[1])) : null;
  const sources = runsOf(tu.source).filter((r) => !referenceEnds?.has(r[0]) && !referenceEnds?.has(r[0] - 1));
  // In the 'speech' profile a run that opens with a quotation mark ends at its closing mark. PolNeAR's contents
  // run on over the attribution that interrupts a quotation ("“A,” she said, “B.”" is one content from the first
  // mark to the last), so the 'attribution' profile keeps the run whole and looks for its cue and source from the
  // quotation it opens with (its core).
  const coreOf = new Map<Run, Run>();
  const notClauses: Run[] = [];
  const contents = contentRuns(tu, cues, sources, marks, speech, verbFilter, coreOf, notClauses).filter((c) => !inAside(c));
  const spentCues = spentCuesOf(tu, cues, sources, notClauses, lex);
  // Joined quotations keep the cue found between them.
  const joinedCue = speech ? null : joinAcrossAttribution(tu, contents, coreOf, cues);
  const usedCues = new Set<number>();
  const reread = new Set<string>(); // content and cue of this paragraph's quotes, for the re-read runs
  const tagged = [...contents].sort((x, y) => x[0] - y[0]);
  const added: Run[] = [];
  // Cues the content tagger left without content, that have a source beside them, get the rule-read clause.
  for (const cue of cues) {
    if (nearestRun(tagged, cue, cueMaxGap, undefined, (c) => sameSentenceOrNear(tu, cue, c))) continue;
    const [clause] = readCue(tu, cue, cues, sources, lex, speech) ?? [null];
    if (!clause || overlapsAny(tagged, clause)) continue;
    const last = added[added.length - 1];
    // Of two overlapping clauses the one holding the other is the outer report ("Surveys suggest X, she said").
    if (!last || gap(last, clause) >= 0) added.push(clause);
    else if (clause[0] <= last[0] && last[1] <= clause[1]) added[added.length - 1] = clause;
  }
  for (const clause of added) contents.push(clause);
  const ruleRead = new Set(added);
  contents.sort((x, y) => x[0] - y[0]);
  const cueOf = speech ? null : oneContentPerCue(tu, contents, coreOf, cues, cueMaxGap);
  const u: UnitReading = { tu, ui, asides, cues, sources, contents, coreOf, cueOf, joinedCue, ruleRead, usedCues, reread, spentCues };
  for (const c of contents) {
    const found = attributionOf(a, u, c);
    if (found) readQuote(a, u, c, found);
  }
  relativeReports(a, tu, firstOfUnit);
  outerReports(a, u, firstOfUnit);
}

/**
 * First tokens of the cues whose object was read and is no clause ("will announce [his starting line-up]": a run
 * contentRuns dropped right after the cue, in its sentence, that is not a speaker): see attributionOf. Not a cue whose
 * object is the one spoken to (data/quotes/addressee-verbs.txt: '"Did you know?" Todd asked the candidate.'; or
 * after a preposition: '… Clinton said to People.'): the
 * quotation before it is still its report, though its question mark ended a sentence.
 */
function spentCuesOf(tu: TaggedUnit, cues: readonly Run[], sources: readonly Run[], notClauses: readonly Run[], lex: QuoteLexicon): Set<number> {
  const toks = tu.unit.tokens;
  const spent = new Set<number>();
  for (const d of notClauses) {
    const k = cues.find((r) => d[0] >= r[1] && d[0] - r[1] <= 1 && sameSentence(tu, r, d) && !overlapsAny(sources, d));
    if (!k || lex.addresseeVerbs.has(lex.cueVerbs.get(toks[k[1] - 1]!.text.toLowerCase()) ?? '')) continue;
    if (!/^(ADP|PART)$/.test(toks[k[1]]!.pos)) spent.add(k[0]);
  }
  return spent;
}

/** A content run's attribution as read: the run it settles on, its cue and source, and how they were found. */
interface Attribution {
  run: Run;
  cue: Run | null;
  src: Run | null;
  carried: ColonCue | null;
  unnamed: Run | null;
  quotedAs: ReturnType<typeof quotedAsSaying>;
}

/** Whether the unquoted run k0 comes after another content run that follows the cue, and between the two a comma
 * opens a clause of its own (a subject, then its finite verb: ", it showed"): the cue reports the nearer run; k0
 * belongs to that clause. */
function beyondOwnReport(tu: TaggedUnit, cue: Run, k0: Run, contents: readonly Run[]): boolean {
  const { tokens: toks, mark } = tu.unit;
  if (cue[1] > k0[0] || mark[k0[0]] !== 0) return false;
  // The first run after the cue (contents are sorted by start: a binary search keeps a paragraph of many runs linear).
  const nearer = contents[partitionPoint(contents.length, (i) => contents[i]![0] >= cue[1])];
  if (nearer === undefined || nearer === k0 || nearer[1] > k0[0] || !sameSentence(tu, nearer, k0) || toks[nearer[1]]?.text !== ',') return false;
  const between = toks.slice(nearer[1] + 1, k0[0]);
  return between.length >= 2 && between.length <= OWN_CLAUSE_MAX_TOKENS && /^(PRON|NOUN|PROPN|DET)$/.test(between[0]!.pos) &&
    between.slice(1).every((t) => /^(VERB|AUX|ADV|PART|NOUN|PROPN|DET|ADJ)$/.test(t.pos)) && hasVerb(toks, [nearer[1] + 2, k0[0]]);
}

/** Most words of the subject and verb of a clause between a cue's report and a later run (", it showed"). */
const OWN_CLAUSE_MAX_TOKENS = 5;

/** Whether a cue's subject is the relative pronoun of a restrictive clause, right after its noun ("Republicans who
 * agree", "those who say"): no comma between. */
function restrictiveRelativeCue(toks: readonly Token[], cue: Run): boolean {
  return cue[0] >= 2 && /^(who|that)$/i.test(toks[cue[0] - 1]!.text) && /^(NOUN|PROPN|PRON|DET)$/.test(toks[cue[0] - 2]!.pos);
}

/** The cue and source of a content run, and the run they make it (null: the run reports nothing). */
function attributionOf(a: Assembly, u: UnitReading, c: Run): Attribution | null {
  const { text, lex, speech, cueMaxGap, ctx } = a;
  const { tu, ui, asides, cues, sources, contents, coreOf, cueOf, joinedCue, usedCues } = u;
  const toks = tu.unit.tokens;
  // Whether the entity layer has a person named by exactly these tokens (the speaker rules past asides ask it).
  const isPerson = ([a, b]: Run) => namedPersonAt(ctx, toks[a]!.start, toks[b - 1]!.end) !== null;
  const k0 = coreOf.get(c) ?? c;
  const label = nameLabel(tu, k0);
  let cue: Run | null = label ? label[0] : cueOf
    ? cueOf.get(c) ?? joinedCue?.get(c) ?? null
    : nearestRun(cues, k0, cueMaxGap, undefined, (k) => sameSentenceOrNear(tu, k, k0), (k) => sameSentence(tu, k, k0));
  // A cue that took an object that is no clause reports nothing in another sentence ('Laporte will announce his
  // line-up on Tuesday. "Playing for France has always been a dream …"', '"…" The government has announced a review.').
  if (cue && u.spentCues.has(cue[0]) && !sameSentence(tu, cue, k0)) cue = null;
  // Speech profile: a cue or speaker that belongs to the next (or last) sentence's own report is not this run's.
  const away = speech && cue && !label ? awayFromOthersCue(tu, cue, k0, contents, cues, lex) : null;
  if (away === 'narration') return null;
  if (speech && cue && !label && narrationBeforeJoinedReport(tu, k0, cue, contents)) return null;
  if (away) cue = away.cue;
  // "Aides later said the remark was not based on the talks, it showed how contentious …": an unquoted run after
  // the cue's own report and a verb of another clause is not the cue's.
  if (speech && cue && beyondOwnReport(tu, cue, k0, contents)) return null;
  // "Having said that, Burnley are yet to concede …", '"…" That said, …': a connective, not a report; a quotation
  // beside it is read as if no cue were there.
  if (speech && cue && connectiveCue(tu, cue)) return { run: c, cue: null, src: null, carried: null, unnamed: null, quotedAs: null };
  // A cue's source is in its own sentence ("The Bank's report had noted that … However, MPC member Paul Tucker voted
  // …": the name in the next sentence is the subject of its own verb; '"…," he said. AOL backed the cuts but said …':
  // the pronoun before belongs to the sentence before). In the 'attribution' profile too: PolNeAR attributed F1 +0.003
  // on dev and on train. A content with no cue takes a source beside it: in the 'speech' profile also one that ends the
  // sentence before ('"…," said Ann Reyes, an economist at the institute. "It leaves me speechless."'), in the
  // 'attribution' profile only in its own sentence (PolNeAR annotates a cue with every source: attributed F1 +0.003 on
  // dev, +0.002 on train).
  const ownSentence = (r: Run) => sameSentence(tu, r, cue!);
  let src = label ? label[1] : away?.source ?? (cue ? nearestRun(sources, cue, SOURCE_MAX_GAP, k0, ownSentence) : away ? null : nearestRun(sources, k0, 3, undefined, speech ? undefined : (r) => sameSentence(tu, r, k0)));
  if (src && speech) src = withoutLeadingTime(tu, src, lex);
  // "Swiss Re said", '"…," Will wrote': a name the cue tagger took into the cue ends the speaker.
  const nameInCue = speech && cue ? nameOpeningCue(tu, cue, src, lex) : null;
  if (nameInCue) [cue, src] = nameInCue;
  const nextSentences = speech && !cue && src !== null && speakerOfNextReport(tu, src, k0, cues);
  if (nextSentences) src = null;
  if (src && src[1] - src[0] === 1 && toks[src[0]]!.pos === 'PRON' && !lex.pronouns.has(toks[src[0]]!.text.toLowerCase())) {
    src = null; // "calling them": an object pronoun is not who speaks
  }
  // "a summit between X and Y": the object of a preposition is not who speaks ("according to" is a cue), except as
  // the subject of a participle right after it ("…, with Rovers boss Mark Hughes claiming it had been …").
  if (src && cue && src[0] > 0 && toks[src[0] - 1]!.pos === 'ADP' && !(src[0] - 1 >= cue[0] && src[0] - 1 < cue[1]) && !subjectAfterWith(toks, src, cue)) {
    // '"…," Jeff Joseph, from the Consumer Electronics Association (CEA) told …': the name before the comma that
    // opens the prepositional phrase speaks.
    const p = src[0] - 1;
    const before = p >= 2 && toks[p - 1]!.text === ',' ? sources[firstEndingAfter(sources, p - 2)] : undefined;
    src = before && before[1] === p - 1 && sameSentence(tu, before, cue) ? before : null;
  }
  let speakerOpensRun = false;
  if (!cue) {
    // "The old steelworks, Mayor Duarte said, will reopen …": a content run holding its own attribution.
    const inner = parentheticalIn(tu, c, cues);
    if (inner) [cue, src] = inner;
  }
  if (!cue) {
    const signed = dashAttribution(tu, k0, text);
    if (signed && (!src || gap(src, signed[1]) < 0)) [cue, src] = signed;
  }
  // "Velta quoted the minister as saying that …": the minister's words, reached via the agency's report.
  const quotedAs = speech ? quotedAsSaying(tu, k0) : null;
  if (quotedAs) {
    [cue, src] = [quotedAs.cue, quotedAs.source];
    // The tagger's cues in "quoted … as saying" are read here: no clause of their own is read from them below.
    for (const k of cues) if (k[0] < quotedAs.cue[1] && k[1] > Math.min(quotedAs.outerCue[0], quotedAs.source[0])) usedCues.add(k[0]);
  }
  const carried = !cue && !src && a.colonCue && a.colonCue.unit === ui - 1 && c[0] <= 1 ? a.colonCue : null;
  if (carried) a.colonCue = null;
  if (!cue && !src && !carried && !nextSentences && !away) {
    const ruled = ruleAttribution(tu, k0, lex);
    const found = ruled && !(speech && cueOfNextReport(tu, ruled[0], k0)) ? ruled : null;
    if (found) [cue, src] = found;
    else cue = passiveCueInside(tu, k0, lex);
    if (!cue) [cue, src] = colonLead(tu, k0) ?? [null, null];
  } else if (cue && !src) {
    const ruled = ruleSource(tu, cue);
    // "An Israeli official, speaking …, said Wednesday that": a time after the cue is no source.
    const rule = ruled && speech ? withoutLeadingTime(tu, ruled, lex) : ruled;
    const shared = speech ? coordinatedVerbSource(tu, cue, sources, k0) : null;
    // The rules' noun phrase when it holds the tagged one ("Finnish security firm F-Secure" over "Finnish").
    src = shared && !(rule && rule[0] <= shared[0] && rule[1] >= shared[1]) ? shared : rule;
    // "Instead, said Mr Doctorow, DRM systems were …": the content tagger ran over the name after an inverted cue; the
    // name up to its comma is the speaker, and the report starts after that comma.
    if (src && gap(src, k0) < 0) speakerOpensRun = speakerOpening(tu, cue, src, c);
    if (src && gap(src, k0) < 0 && !speakerOpensRun) src = null;
    if (!src) {
      // "Tomas Berg, speaking outside his office, said …": the name before the aside.
      const aside: Run = [cue[0] - 1, cue[0] - 1];
      const named = cue[0] > 0 ? beyondApposition(tu, cue, aside, speech ? isPerson : undefined) : aside;
      if (named !== aside && gap(named, k0) >= 0) src = named;
    }
    // "Dr. Connie Mariano, who as a Navy captain was the White House physician, said": the name before the relative
    // aside (in the 'attribution' profile too: PolNeAR attributed F1 +0.002 on dev and on train; taking the aside
    // into the source as PolNeAR sometimes does scores 0.001 less source F1 on dev).
    if (!src) src = beforeRelativeAside(tu, cue, null);
    if (!src && speech) src = personBeforeCue(tu, cue, ctx);
  }
  // The verb's own subject says it, right before it ("Mr Law believed damage had been done"); with none ("…
  // claiming they would not be swayed", "the track they thought they were getting. Mr Flynn said …") the run is
  // not read.
  if (away?.subjectBeforeVerb && (!src || !cue || src[1] > cue[0] || cue[0] - src[1] > 1)) return null;
  let run: Run = speakerOpensRun && src ? [src[1] + 1, c[1]] : c;
  let fixedByPreposition = false;
  if (cue) {
    // "…, according to a poll" / "According to the ministry, …": the source is the phrase after the cue and what
    // it reports is the clause beside it, whatever the taggers split there.
    const fixed = prepositionalAttribution(tu, cue, run, cues, lex);
    if (fixed) {
      run = fixed[0];
      fixedByPreposition = true;
      // A source the tagger read from the cue on stays (PolNeAR's keep appositions over commas), unless it stops
      // at or inside a hyphenated word ("according to US research think-tank Pew Internet …": not "US research").
      if (!src || src[0] !== cue[1] || gap(src, run) < 0 || (src[1] < fixed[1][1] && (inWordHyphen(toks, src[1]) || inWordHyphen(toks, src[1] + 1)))) src = fixed[1];
    }
  }
  if (cue && src && !fixedByPreposition) run = acrossParenthetical(tu, run, cue, src, speech);
  // 'tweeted that, “For those …”': PolNeAR's content takes in the "that" before the quotation.
  if (cue && !speech && tu.unit.mark[run[0]] === 1 && run[0] >= 1) {
    let t = run[0] - 1;
    if (toks[t]!.text === ',' && t > 0) t--;
    if (toks[t]!.text.toLowerCase() === 'that' && t >= cue[1] && t <= cue[1] + 1) run = [t, run[1]];
  }
  // PolNeAR's source spans keep appositions and their commas ("Brian Fallon, the campaign's press secretary,"):
  // the 'attribution' profile takes the tagger's run as it is; the 'speech' profile narrows it to the name.
  const unnamed = cue && asides.length > 0 ? speakerBeforeAside(tu, cue, asides) : null;
  if (unnamed) src = unnamed;
  if (src) src = withoutEdgeMarks(tu, src);
  if (cue && src) src = withinCueSentence(tu, src, cue);
  if (src) src = cutTrailingTime(tu, src, lex);
  if (cue && src) src = coordinatedSource(tu, cue, src, run);
  if (cue && src && src[1] <= cue[0]) src = afterTimeClauseOpener(tu, src, lex);
  // "…, who said prices would fall, later admitted": the aside's report ends with the aside.
  if (cue && src && speech) run = withinRelativeAside(tu, src, cue, run);
  if (cue && src) src = relativeSource(tu, src, speech, cue[0]);
  if (cue && src && speech) src = beforeOwnAside(tu, src);
  if (cue && src && speech) src = beforeRelativeAside(tu, cue, src);
  // "… leading him to quip": the object of the verb before the infinitive speaks, whatever the taggers read.
  const controlled = cue && speech ? controlledSpeaker(tu, cue, lex) : null;
  if (controlled) [cue, src] = controlled;
  if (cue && src && speech) {
    src = onToTheName(tu, cue, beyondApposition(tu, cue, src, isPerson), isPerson);
  }
  // "Rallying hundreds of workers, Mrs Clinton tried to empathise … and promised change": an unquoted run before the
  // speaker is the cue's report only when the cue follows the speaker ("…, the minister said"), not when a verb of
  // the speaker's own clause comes first.
  if (speech && cue && src && tu.unit.mark[run[0]] === 0 && run[1] <= src[0] && otherVerbBeforeCue(toks, src, cue)) return null;
  // "It was said that …", "Duterte has been called the “Trump of the East”": the subject of a passive cue is not
  // who spoke (an agent after "by" is, below).
  if (speech && cue && src && src[1] <= cue[0] && passiveCue(toks, cue)) src = null;
  // "Asked if Mr Blunkett could return, he replied": the question is put by someone the text does not name (the
  // person named after it is who was asked, the answer's speaker): no source's statement ('speech' profile).
  if (speech && cue && askedOpensSentence(toks, cue[0])) return null;
  // "Mr Blair was asked if the SAS had been in Iran", "has been asked to explain": the words after a passive "asked"
  // are the question or request put to its subject by someone the text does not name, not the subject's statement
  // (his answer, a quotation after it, is a quote of its own).
  if (speech && cue && questionPutToSubject(toks, cue, run)) return null;
  if (cue && cue[1] < toks.length && toks[cue[1]]!.text.toLowerCase() === 'by') {
    // Passive "described by its chairman X as …": the speaker follows "by"; not a means ("said by telephone").
    const agent = meansAfterBy(toks, cue[1] + 1) ? null : npFrom(toks, cue[1] + 1, 1);
    // "… as “candid”": the tagger's content may start inside the agent; what is said follows "as".
    if (agent && gap(agent, run) < 0 && toks[agent[1]]?.text.toLowerCase() === 'as' && agent[1] + 1 < run[1]) run = [agent[1] + 1, run[1]];
    if (agent && gap(agent, run === c ? k0 : run) >= 0) src = agent;
  }
  // 'Mr Herron, who gained fame as one of the "metric martyrs", said he …': words in a relative aside before the cue
  // describe its subject; the cue reports what comes after it. Unless the aside reports them itself ("Tomas Berg, who
  // said last week that the plant would close, issued …"): its cue, for whom the relative pronoun stands.
  if (speech && cue) {
    const aside = relativeAsideReport(tu, run, cue, lex);
    if (aside === null) return null;
    if (aside) {
      cue = aside.cue;
      src = relativeSource(tu, aside.source, speech);
    }
  }
  // "Republicans who agree that the prison should be closed were irritated": what a cue in a restrictive relative
  // clause reports ends where the sentence's own verb comes (an unquoted report: quotation marks keep their bounds).
  if (speech && cue && run[0] >= cue[1] && restrictiveRelativeCue(toks, cue) && !tu.unit.mark.slice(run[0], run[1]).some((m) => m !== 0)) {
    const main = mainClauseVerbIn(toks, run);
    if (main > run[0]) run = [run[0], main];
  }
  // '"…," Trump said, referring to Cruz': a cue that names whom the speaker meant reports nothing of its own.
  if (speech && cue && referenceCue(toks, cue, lex)) {
    const ref = referenceReading(tu, cue, src, run);
    if (!ref) return null;
    ({ cue, src } = ref);
    if (!cue) return { run, cue, src, carried, unnamed, quotedAs };
  }
  // "Susan said as she turned around": an adverbial clause after the cue is not what was said.
  if (speech && cue) {
    const after = afterAdverbial(tu, cue, run);
    if (!after) return null;
    run = after;
  }
  return { run, cue, src, carried, unnamed, quotedAs };
}

/** The quote of a content run with its attribution: its speaker (named, continued from the last quote or implied by
 * the sentence before) and kind, unless the readings show it reports nothing; with its nested and quoting reports. */
function readQuote(a: Assembly, u: UnitReading, c: Run, found: Attribution): void {
  const { lex, speech, verbFilter, requireLexiconCue, marks, ctx, newQuote } = a;
  const { tu, ui, ruleRead, usedCues, reread } = u;
  const toks = tu.unit.tokens;
  const { cue, src, carried, unnamed, quotedAs } = found;
  let { run } = found;
  // The reported clause, without the "that" that introduces it ("told reporters [that] he would travel"); PolNeAR's
  // contents keep it ('attribution' profile).
  const reported = run;
  if (speech) run = withoutLeadingComma(toks, withoutComplementizer(toks, run, tu.unit.mark), tu.unit.mark);
  // A content of marks and punctuation only says nothing ('"' left of a cue inside a quotation).
  if (!hasWords(toks, run, 1)) return;
  const start = toks[run[0]]!.start;
  const end = toks[run[1] - 1]!.end;
  // Two tagged runs can be re-read as the same clause (the prepositional and passive readings above).
  const readKey = `${start}:${end}:${cue ? toks[cue[0]]!.start : -1}`;
  if (reported !== c && reread.has(readKey)) return;
  let speaker: Speaker;
  let confidence = TAGGED_CONFIDENCE;
  if (src) speaker = resolveSpeaker(ctx, speech ? trimRun(toks, src) : toks.slice(src[0], src[1]));
  else if (carried) speaker = carried.source ? resolveSpeaker(ctx, carried.source) : { entity: null, name: null, mention: null, anonymous: false };
  else if (!cue && a.previous && (a.previousUnit >= ui - 1 && onlyQuotation(tu, run) || a.previousUnit === ui && a.previous.speaker.name !== null && quotationAfter(tu, run, a.previous.content.end))) {
    // A paragraph that is only a quotation continues the previous speaker (so does its sentence, when the
    // paragraphs were joined).
    speaker = { ...a.previous.speaker, mention: null };
    confidence = CONTINUED_CONFIDENCE;
  } else if (speech && cue && subjectlessCue(tu, cue)) {
    // "Maher said the report “wasn't good.” Adding, “…”": the subject of the sentence before, who spoke last or
    // whom it was about.
    const last = a.previous && a.previousUnit >= ui - 1 && a.previous.speaker.name !== null ? { ...a.previous.speaker, mention: null } : null;
    const opening = cue[0] > 0 && tu.unit.sent[cue[0] - 1] === tu.unit.sent[cue[0]] ? cue[0] - 1 : cue[0];
    speaker = last ?? subjectBefore(a.input.tagged, ui, opening, ctx) ?? { entity: null, name: null, mention: null, anonymous: false };
    confidence = last ? CONTINUED_CONFIDENCE : IMPLIED_CONFIDENCE;
  } else {
    // 'McClaren was relieved to get through. "To be fair to Graz, …"': a quotation with no attribution of its own
    // after a sentence about a person is that person's.
    let implied = speech && !cue && tu.unit.mark[run[0]] === 1 && !sentenceGoesOn(tu, run) ? subjectBefore(a.input.tagged, ui, run[0], ctx) : null;
    if (speech && !implied && !cue && a.previous && a.previousUnit === ui) {
      const last = a.previous.speaker.name !== null ? a.previous.speaker : lastNamedSpeaker(a.quotes, toks[0]!.start);
      if (last && firstPersonAfterNarration(tu, run[0], a.previous, last, ctx, lex)) implied = { ...last, mention: null };
    }
    speaker = implied ?? { entity: null, name: null, mention: null, anonymous: false };
    if (implied) confidence = IMPLIED_CONFIDENCE;
  }
  // The aside said so: "One, who did not want to be named, said".
  if (src && unnamed && src[0] === unnamed[0] && speaker.entity === null) speaker = { ...speaker, name: speaker.mention?.text ?? speaker.name, anonymous: true };
  const kind = kindOf(start, end, marks);
  // A span with quoted words but nobody saying them, neither cue nor speaker, is a scare-quoted term or a title
  // ('the site now displays the words "Stay tuned"'), not a report ('speech' profile; PolNeAR annotates some).
  const unspoken = kind === 'indirect' ? DROP_UNATTRIBUTED : kind === 'mixed' && speech && !innerReport(toks, reported, lex);
  if (!cue && !src && !carried && speaker.name === null && (unspoken || !hasWords(toks, run, MIN_SPEECH_WORDS))) return;
  // "It is predicted there will be …", "he was widely believed to …": a passive with no agent and nobody speaking is
  // hearsay without a source, not a report of speech ('speech' profile; a quotation is still someone's words). Not
  // when another cue in the sentence may name the source ("…, according to the United Nations").
  if (speech && kind !== 'direct' && cue && !src && speaker.name === null && passiveCue(toks, cue, true) && !otherCueInSentence(u, cue)) return;
  if (verbFilter && kind === 'indirect' && !(ruleRead.has(reported) && reportedSentence(tu, reported)) && !hasVerb(toks, run)) return; // "told reporters", "posting the footage": not a clause
  // "Telewest has yet to reveal pricing for the box or if …", "he recalls the accident which occurred …": a noun
  // phrase whose only verbs are in clauses inside it is an object, not a reported clause.
  if (verbFilter && kind === 'indirect' && nounPhraseObject(toks, run)) return;
  // PolNeAR gives every attribution a cue: a short indirect span left without one is a fragment of a clause.
  if (!speech && !cue && !carried && kind === 'indirect' && !hasWords(toks, run, ATTRIBUTION_MIN_UNCUED_WORDS)) return;
  // "Workers watched a screening of “X”": a mixed span with marked words needs a reporting cue as well.
  if (requireLexiconCue && kind !== 'direct' && cue && !lexiconCue(toks, cue, lex)) return;
  // "a memo titled “The Facts on Where the Race Stands”": a title, not something said.
  if (speech && kind !== 'indirect' && quotedTitle(tu, run, lex)) return;
  // "networks of computers, called bot nets", "spyware called adware has …": a name given, not a report.
  if (speech && kind === 'indirect' && cue && namingNotReport(toks, cue, run, lex)) return;
  // "Streamly declined to say how many …", "He would not say whether …": nothing was said.
  if (speech && kind !== 'direct' && cue && refusedReport(tu, cue)) return;
  const q = newQuote(start, end, cue ? toks.slice(cue[0], cue[1]) : carried ? carried.cue : null, speaker, confidence);
  reread.add(readKey);
  // A quoted word or phrase ("called it “outstanding”"), unless it is a sentence of its own: “Never say never,” she said.
  if (kind === 'direct' && !hasWords(toks, run, MIN_SPEECH_WORDS) && !punctuatedInside(tu, run) && !quotationStandsAlone(tu, run)) q.kind = 'mixed';
  // "Osei: I understand that …": a transcript's answer, its speaker's name and a colon before it, is verbatim.
  if (speech && kind === 'indirect' && cue && src && transcriptLine(tu, src, cue, run)) q.kind = 'direct';
  if (cue) usedCues.add(cue[0]);
  a.previous = q;
  a.previousUnit = ui;
  // PolNeAR annotates the outer report and leaves the reported words to the outer content: no nested quote.
  // A nested report opens the clause, after its "that" ("that the minister added that X"), not inside it.
  if (speech) nested(q, toks, reported, lex, ctx, newQuote);
  if (quotedAs?.outerSource) {
    // The quoting report holds the quoted one: "[Iris Halloran, as saying that …]", "[“…,” … Dixon as saying]".
    const [os, oe] = [Math.min(quotedAs.source[0], run[0]), Math.max(run[1], quotedAs.cue[1])];
    const outer = newQuote(toks[os]!.start, toks[oe - 1]!.end, toks.slice(quotedAs.outerCue[0], quotedAs.outerCue[1]), resolveSpeaker(ctx, trimRun(toks, quotedAs.outerSource)), confidence);
    q.via = outer.id;
  }
}

/** Whether the paragraph's tagged cues hold another one in `cue`'s sentence (binary searches: no scan of them all). */
function otherCueInSentence(u: UnitReading, cue: Run): boolean {
  const [first, end] = sentenceOf(u.tu, cue[0]);
  return hasRunWithin(u.cues, first, cue[0]) || hasRunWithin(u.cues, cue[1], end);
}

/** Whether an unquoted run read with a naming verb (data/quotes/naming-verbs.txt) as its only cue word is no report:
 * the run comes before the verb (", called bot nets") or is a clause of its own, a subject and its verb ("called
 * adware has …", "It is launching …"), rather than a small clause ("called the sale illegal", "called him an
 * opportunist who has …", "called her fallen son her hero"). */
function namingNotReport(toks: readonly Token[], cue: Run, run: Run, lex: QuoteLexicon): boolean {
  if (cue[1] - cue[0] !== 1 || !lex.namingVerbs.has(toks[cue[0]]!.text.toLowerCase())) return false;
  if (run[1] <= cue[0]) return true;
  for (let k = run[0] + 1; k < run[1]; k++) {
    const prev = toks[k - 1]!;
    const w = prev.text.toLowerCase();
    if (/^(VERB|AUX)$/.test(toks[k]!.pos) && (/^(NOUN|PROPN)$/.test(prev.pos) || lex.pronouns.has(w) || QUANTIFIERS.has(w))) return true;
  }
  return false;
}

/** Whether a short quotation is a sentence of its own with its punctuation outside the marks (British style): after a
 * colon ('He said: "It is over".'), or opening its sentence and followed by a comma or a full stop ('“Never again”,
 * she said.'). */
function quotationStandsAlone(tu: TaggedUnit, [a, b]: Run): boolean {
  const { tokens: toks, sent } = tu.unit;
  if (a > 0 && toks[a - 1]!.text === ':') return true;
  const opens = a === 0 || sent[a - 1] !== sent[a];
  return opens && b < toks.length && /^[,.!?]$/.test(toks[b]!.text);
}

/** Whether a lower-case word follows a quotation that ends with its own punctuation, in its sentence ('“…?” a
 * reporter can be heard asking Trump.'): an attribution the taggers missed, so the sentence before says nothing of
 * who spoke. Not a capital: the sentence splitter often runs a quotation on into the next sentence ('"… it is 60p."
 * The Department …'); not a quoted phrase that the sentence goes on from ('“I held and hugged” grieving families …,
 * he said'). */
function sentenceGoesOn(tu: TaggedUnit, run: Run): boolean {
  const { tokens, sent } = tu.unit;
  const next = tokens[run[1]];
  return next !== undefined && sent[run[1]] === sent[run[1] - 1] && /^\p{Ll}/u.test(next.text) && punctuatedInside(tu, run);
}

/** "… donations, which he said were accompanied by leverage": the reports set inside relative clauses
 * (src/quotes/relativeReports.ts). A quote the taggers read of the same clause takes this cue and speaker (its own
 * came from outside the clause: "Mr Straw noted [which he said had a terrible rights record]"); else the clause is a
 * quote of its own, inside the quote of the sentence it ends, if any. */
function relativeReports(a: Assembly, tu: TaggedUnit, firstOfUnit: number): void {
  const { ctx, quotes, speech } = a;
  const toks = tu.unit.tokens;
  const reports = relativeClauseReports(tu, a.lex, speech);
  if (reports.length === 0) return;
  // The paragraph's quotes by cue and by content start, so that a paragraph of many reports stays linear.
  const byCue = new Map<number, Quote[]>();
  const byStart = new Map<number, Quote>();
  for (const q of quotes.slice(firstOfUnit)) {
    if (q.cue) {
      const list = byCue.get(q.cue.start);
      if (list) list.push(q);
      else byCue.set(q.cue.start, [q]);
    }
    if (!byStart.has(q.content.start)) byStart.set(q.content.start, q);
  }
  for (const r of reports) {
    const cueStart = toks[r.cue[0]]!.start;
    const start = toks[r.content[0]]!.start;
    const end = toks[r.content[1] - 1]!.end;
    const withCue = byCue.get(cueStart) ?? [];
    // "…, which his wife said were at his side": a quote that took the cue for a clause before the relative one
    // ("whether Scott had anything in his hands") reports the relative clause instead, or is dropped when another
    // quote with the cue already does. A quotation keeps its words whatever its cue ('"He has been aggressive," which
    // Mozloom thinks will …'), and the relative clause is a quote of its own.
    const reporting = withCue.some((q) => q.content.end > start);
    const before = withCue.filter((q) => q.content.end <= start && q.kind !== 'direct');
    const kept = reporting ? undefined : before.shift();
    if (kept) {
      kept.content = span(a.text, start, end);
      kept.kind = kindOf(start, end, a.marks);
    }
    for (const q of before) a.dropped.add(q);
    // PolNeAR's content is the whole relative clause, its source and cue inside ('attribution' profile): a quote read
    // from right after the cue starts at the relative pronoun.
    if (!speech) for (const q of withCue) if (q.content.start === toks[r.cue[1]]!.start) q.content = span(a.text, start, q.content.end);
    if (kept || reporting) continue;
    const speaker = resolveSpeaker(ctx, speech ? trimRun(toks, r.source) : toks.slice(r.source[0], r.source[1]));
    const same = byStart.get(start);
    if (same) {
      same.cue = span(a.text, cueStart, toks[r.cue[1] - 1]!.end);
      same.speaker = speaker;
    } else byStart.set(start, a.newQuote(start, end, toks.slice(r.cue[0], r.cue[1]), speaker, TAGGED_CONFIDENCE));
  }
}

/** "Barnier added that X, a Russian news agency said": a cue with its source that no quote used reports the whole
 * clause, and the quotes inside that clause are reached via it. Then the paragraph's closing "He said:", if any. */
function outerReports(a: Assembly, u: UnitReading, firstOfUnit: number): void {
  const { lex, speech, ctx, newQuote, quotes } = a;
  const { tu, ui, cues, sources, usedCues } = u;
  const toks = tu.unit.tokens;
  // This paragraph's quotes, by start, to find those inside a clause by binary search.
  const inUnit = quotes.slice(firstOfUnit).filter((q) => q.cue !== null).sort((a, b) => a.content.start - b.content.start);
  // The paragraph's quotes whose "he" or "she" is nobody's, read again after an outer report (resolveLaterPronouns).
  let pending: PendingPronoun[] | null = null;
  for (const cue of cues) {
    if (usedCues.has(cue[0]) || !lexiconCue(toks, cue, lex) || (speech && referenceCue(toks, cue, lex))) continue;
    // "The agency declined to comment and aides later said …": a refusal reports nothing, whatever it holds.
    if (speech && refusedReport(tu, cue)) continue;
    const read = readCue(tu, cue, cues, sources, lex, speech);
    if (!read) continue;
    const [read0, src] = read;
    // A cue inside a relative aside reports no more than the aside holds.
    const clause = speech ? withinRelativeAside(tu, src, cue, read0) : read0;
    // "Mr Blair, who last year denied …, said": a clause before the cue that is a noun phrase and the relative
    // aside describing it is the cue's subject, not what it reports.
    if (speech && clause[1] <= cue[0] && (beforeRelativeAside(tu, cue, null)?.[0] ?? Infinity) <= clause[0]) continue;
    const start = toks[clause[0]]!.start;
    const end = toks[clause[1] - 1]!.end;
    const inner: Quote[] = [];
    let same = false; // the clause is already a quote (a nested report read inside another)
    for (let k = firstStartingAt(inUnit, start); k < inUnit.length && inUnit[k]!.content.start < end; k++) {
      const q = inUnit[k]!;
      if (q.content.start === start && q.content.end === end) same = true;
      else if (q.content.end <= end) inner.push(q);
    }
    if (same || inner.length === 0) continue;
    // "The move was widely criticised, and now the regulator has said …": the subject of a passive cue reports nothing.
    if (speech && src[1] <= cue[0] && passiveCue(toks, cue, true)) continue;
    const outerSpeaker = resolveSpeaker(ctx, trimRun(toks, src));
    if (speech && notAnOuterReport(tu, inner, outerSpeaker, cue, cues)) continue;
    const outer = newQuote(start, end, toks.slice(cue[0], cue[1]), outerSpeaker, TAGGED_CONFIDENCE);
    for (const q of inner) if (q.via === null) q.via = outer.id;
    if (outerSpeaker.name !== null) {
      pending ??= unresolvedPronouns(a, firstOfUnit);
      resolveLaterPronouns(a, tu, pending, end);
    }
  }
  a.colonCue = closingColonCue(tu, cues, sources, usedCues, lex, ui, speech ? ctx : null);
}

/** A quote whose speaker is a pronoun that names nobody, and how often it was read again. */
interface PendingPronoun {
  quote: Quote;
  tries: number;
}

/** The quotes from `firstOfUnit` on whose speaker is a pronoun that names nobody, by the pronoun's position. */
function unresolvedPronouns(a: Assembly, firstOfUnit: number): PendingPronoun[] {
  return a.quotes
    .slice(firstOfUnit)
    .filter((q) => q.speaker.name === null && q.speaker.mention !== null && a.lex.pronouns.has(q.speaker.mention.text.toLowerCase()))
    .sort((x, y) => x.speaker.mention!.start - y.speaker.mention!.start)
    .map((quote) => ({ quote, tries: 0 }));
}

/**
 * 'A Department for Transport spokeswoman said Lord Harlow and Lord Penn agreed … "Their disagreement is …," she
 * said.': the outer report is read after the paragraph's quotes, so a "he" or "she" after it found no speaker when
 * it was read. Such a pronoun after the outer report that ends at `after` is read again, now that the outer report's
 * speaker is known; each is read again PRONOUN_REREADS times at most (`pending`, sorted by position), so a paragraph
 * stays linear.
 */
function resolveLaterPronouns(a: Assembly, tu: TaggedUnit, pending: PendingPronoun[], after: number): void {
  const toks = tu.unit.tokens;
  const from = partitionPoint(pending.length, (i) => pending[i]!.quote.speaker.mention!.start >= after);
  for (const p of pending.splice(from)) {
    const m = p.quote.speaker.mention!;
    const t = partitionPoint(toks.length, (i) => toks[i]!.start >= m.start);
    if (toks[t]?.start !== m.start) continue;
    const speaker = resolveSpeaker(a.ctx, [toks[t]!]);
    if (speaker.name !== null) {
      p.quote.speaker = speaker;
      a.ctx.history.push(speaker);
    } else if (++p.tries < PRONOUN_REREADS) pending.push(p); // still after this report: the order holds
  }
}

/** Times a pronoun that names nobody is read again after outer reports, at most (one outer report per cue of a
 * paragraph could otherwise read each again). */
const PRONOUN_REREADS = 3;

/**
 * A quotation left open where the next one opens ("“It was nice to get that out of the way. “I felt good,” said
 * Holmes.": paragraphs joined into one line, each opening with a mark and only the last closed) goes on into it, so
 * it has that one's speaker when it has none of its own. Read from the last quote back, so a chain takes the speaker
 * named at its end.
 */
function continueBackwards(quotes: Quote[], marks: readonly MarkedQuote[], text: string): void {
  const byStart = [...quotes].sort((a, b) => a.content.start - b.content.start);
  for (let k = byStart.length - 2; k >= 0; k--) {
    const q = byStart[k]!;
    if (q.kind !== 'direct' || q.speaker.name !== null || q.cue !== null) continue;
    const at = partitionPoint(marks.length, (i) => marks[i]!.start >= q.content.start);
    const m = marks[at];
    if (!m || m.start !== q.content.start || m.closed || m.depth !== 0) continue;
    const next = byStart[k + 1]!;
    if (next.kind !== 'direct' || next.speaker.name === null || next.content.start < m.end) continue;
    if (text.slice(m.end, next.content.start).trim() !== '') continue;
    q.speaker = { ...next.speaker, mention: null };
    q.confidence = CONTINUED_CONFIDENCE;
  }
}

/**
 * "More money is to be given to councils, said housing minister Yvette Cooper" can come out twice, once the right
 * way round and once with speaker and content swapped over the same cue. Of two such mirror quotes the one whose
 * content is the shorter (the name) goes; so does, in the 'speech' profile, a speakerless one whose words are the
 * other's speaker phrase. `dropped`: quotes the assembly already found wrong, left out with them.
 */
function dropMirrors(quotes: Quote[], speech: boolean, dropped: ReadonlySet<Quote>): Quote[] {
  const key = (s: { start: number; end: number }) => `${s.start}:${s.end}`;
  const byContent = new Map<string, Quote>();
  for (const q of quotes) byContent.set(key(q.content), q);
  const drop = new Set<Quote>(dropped);
  for (const q of quotes) {
    const m = q.speaker.mention;
    const other = m ? byContent.get(key(m)) : undefined;
    if (!other || other === q || !other.speaker.mention || key(other.speaker.mention) !== key(q.content)) continue;
    drop.add(q.content.end - q.content.start < other.content.end - other.content.start ? q : other);
  }
  // '“…,” said Einar Bjorgo from Unosat, the UN satellite mapping organisation': a speakerless quote on another's cue
  // whose words start where that quote's speaker does is the speaker phrase read as words said ('speech' profile;
  // PolNeAR dev loses 0.001 of content F1 with it).
  if (!speech) return drop.size ? quotes.filter((q) => !drop.has(q)) : quotes;
  const speakerStarts = new Set<string>();
  for (const q of quotes) if (q.cue && q.speaker.mention) speakerStarts.add(`${key(q.cue)}@${q.speaker.mention.start}`);
  for (const q of quotes) if (q.cue && q.speaker.name === null && speakerStarts.has(`${key(q.cue)}@${q.content.start}`)) drop.add(q);
  return drop.size ? quotes.filter((q) => !drop.has(q)) : quotes;
}

/** A cue and its source that end a paragraph with a colon, waiting for the paragraph that holds what was said. */
interface ColonCue {
  unit: number;
  /** Empty when a lead-in paragraph names the source without a cue. */
  cue: Token[];
  source: readonly Token[] | null;
}

/**
 * "Caddell continued:" / "The New York Times reports:" / "He said:" as the whole end of a paragraph: the cue right
 * before the final colon (as tagged, or a reporting verb of the word lists) that no content of this paragraph used,
 * with its source. The next paragraph's first content takes them when it has no cue and source of its own. With no
 * such cue, in the 'speech' profile (`ctx` given), a short lead-in paragraph names the source alone (leadInSource:
 * "From Andrea Peyser writing at The New York Post:").
 */
/** Most words between a paragraph's closing cue and its colon ("called them on it:"). */
const COLON_CUE_OBJECT_MAX_TOKENS = 4;

function closingColonCue(tu: TaggedUnit, cues: readonly Run[], sources: readonly Run[], used: ReadonlySet<number>, lex: QuoteLexicon, ui: number, ctx: SpeakerContext | null): ColonCue | null {
  const toks = tu.unit.tokens;
  const n = toks.length;
  if (n < 2 || toks[n - 1]!.text !== ':') return null;
  let cue: Run | null = null;
  // The cue may take a short object before the colon ("Cruz called them on it:", "she told the hearing:"), with no
  // verb of its own.
  const last = tu.unit.sent[n - 1];
  let withObject: Run | null = null;
  for (const r of cues) {
    if (r[1] === n - 1 || r[1] === n) cue = r;
    else if (r[1] < n - 1 && n - 1 - r[1] <= COLON_CUE_OBJECT_MAX_TOKENS && tu.unit.sent[r[0]] === last && !hasVerb(toks, [r[1], n - 1])) withObject = r;
  }
  if (!cue && lexiconCue(toks, [n - 2, n - 1], lex)) cue = [n - 2, n - 1];
  cue ??= withObject;
  if (!cue) {
    const source = ctx ? leadInSource(tu, ctx) : null;
    return source ? { unit: ui, cue: [], source } : null;
  }
  if (used.has(cue[0])) return null;
  const src = nearestRun(sources, cue, SOURCE_MAX_GAP) ?? ruleSource(tu, cue);
  // The cue takes its colon, as PolNeAR's cues do ("said:", "reports:").
  return { unit: ui, cue: toks.slice(cue[0], n), source: src ? toks.slice(src[0], src[1]) : null };
}

/**
 * A quotation whose marks run over several paragraphs ("…\n\n“…,” she said) is one quote: the quote that opens it
 * takes the whole marked span, and the per-paragraph pieces inside it that add no attribution of their own go.
 */
function joinParagraphRuns(quotes: Quote[], marks: readonly MarkedQuote[], text: string): Quote[] {
  const byStart = new Map<number, MarkedQuote>();
  for (const m of marks) if (m.depth === 0 && m.closed && text.slice(m.start, m.end).includes('\n')) byStart.set(m.start, m);
  if (byStart.size === 0) return quotes;
  const drop = new Set<Quote>();
  const sorted = [...quotes].sort((a, b) => a.content.start - b.content.start);
  for (let k = 0; k < sorted.length; k++) {
    const q = sorted[k]!;
    const m = byStart.get(q.content.start);
    if (!m || drop.has(q) || q.content.end >= m.end) continue;
    let speaker = q.speaker;
    let cue = q.cue;
    for (let j = k + 1; j < sorted.length && sorted[j]!.content.start < m.end; j++) {
      const inner = sorted[j]!;
      if (inner.content.end > m.end || inner.via !== null) continue;
      if (!cue && inner.cue) {
        cue = inner.cue;
        speaker = inner.speaker;
      }
      drop.add(inner);
    }
    q.content = span(text, m.start, m.end);
    q.kind = 'direct';
    q.cue = cue;
    q.speaker = speaker;
  }
  return quotes.filter((q) => !drop.has(q));
}

/** Whether a paragraph is an interview's question or answer line: its label (data/quotes/interview-labels.txt), then a
 * colon. */
function interviewLine(toks: readonly Token[], lex: QuoteLexicon): 'question' | 'answer' | null {
  if (toks.length < 3 || toks[1]!.text !== ':') return null;
  return lex.interviewLabels.get(toks[0]!.text) ?? null;
}

/** An interview's answer line ("A: I think it's in our interests …"): the rest of the paragraph is verbatim, the
 * colon its cue, and its speaker the interviewee: the last person quoted before it (whom the introduction quotes or
 * the answers before it continue), else the person the introduction names most (before the first interview line). */
function answerLine(a: Assembly, tu: TaggedUnit, ui: number, labelled: boolean): void {
  const toks = tu.unit.tokens;
  a.answerUnit = ui;
  // A paragraph that goes on with the answer before it is the same speaker's, all of it.
  if (!labelled) {
    const last = a.previous!;
    const q = a.newQuote(toks[0]!.start, toks[toks.length - 1]!.end, null, { ...last.speaker, mention: null }, CONTINUED_CONFIDENCE);
    q.kind = 'direct';
    a.previous = q;
    a.previousUnit = ui;
    return;
  }
  let last = priorSpeaker(a.ctx.history, (s) => entityIsOfType(a.ctx, s.entity, 'PERSON'));
  const named = last ? null : mostNamedBefore(a.ctx, 'PERSON', a.interviewStart ?? toks[0]!.start);
  const confidence = last ? CONTINUED_CONFIDENCE : named ? IMPLIED_CONFIDENCE : TAGGED_CONFIDENCE;
  if (named) last = { entity: named.id, name: named.name, mention: null, anonymous: false };
  const speaker: Speaker = last ? { ...last, mention: null } : { entity: null, name: null, mention: null, anonymous: false };
  const q = a.newQuote(toks[2]!.start, toks[toks.length - 1]!.end, [toks[1]!], speaker, confidence);
  q.kind = 'direct';
  a.previous = q;
  a.previousUnit = ui;
}

/** Whether a paragraph after an interview's answer goes on with it: no label, no quotation, no question, and the
 * first person ("We stayed in Japan for years …"); narration after the last answer ("Mrs Bush speaks in Dallas on
 * Tuesday.") has none. */
function answerGoesOn(tu: TaggedUnit): boolean {
  const { tokens, depth } = tu.unit;
  if (tokens.length === 0 || (tokens.length > 1 && tokens[1]!.text === ':')) return false;
  // A question: one that ends asking, or whose label the page glued to its first word ("QAfghanistan is …?").
  if (tokens[tokens.length - 1]!.text === '?' || /^Q\p{Lu}/u.test(tokens[0]!.text)) return false;
  let firstPerson = false;
  for (let i = 0; i < tokens.length; i++) {
    if (depth[i] !== 0) return false;
    if (!firstPerson && ANSWER_FIRST_PERSON.has(tokens[i]!.text.toLowerCase())) firstPerson = true;
  }
  return firstPerson;
}

/** First-person words that show a paragraph after an answer is the interviewee still speaking. */
const ANSWER_FIRST_PERSON = new Set(['i', 'we', 'my', 'our', 'me', 'us']);

/** Most tokens of a speaker label before a colon ("PENCE:", "Pat Caddell:"). */
export const LABEL_MAX_TOKENS = 4;

/**
 * "PENCE: Well, look, …" (a transcript line) and "Pat Caddell: Democrat Voters Worried …" (a headline): a paragraph
 * that opens, after an optional quotation mark, with a name of at most LABEL_MAX_TOKENS proper nouns or capitals and a
 * colon reports the rest of the paragraph, with the colon as cue. The labels the taggers gave the paragraph are
 * replaced. A headline's final full stop is not part of the content (PolNeAR's convention, in both profiles).
 */
function labelColonLine(tu: TaggedUnit, lex: QuoteLexicon): TaggedUnit {
  const toks = tu.unit.tokens;
  let a = 0;
  if (toks.length > 0 && /^["“]$/.test(toks[0]!.text)) a = 1;
  let c = a;
  while (c < toks.length && c - a < LABEL_MAX_TOKENS && toks[c]!.text !== ':' && (toks[c]!.pos === 'PROPN' || /^\p{Lu}{2,}$/u.test(toks[c]!.text))) c++;
  if (c === a || c >= toks.length || toks[c]!.text !== ':' || tu.unit.sent[c] !== tu.unit.sent[a]) return tu;
  if (lex.labelWords.has(toks[a]!.text.toLowerCase())) return tu; // "Update: …", "Watch: …": a section label
  let e = toks.length;
  if (a === 0 && toks[e - 1]!.text === '.') e--;
  if (!hasWords(toks, [c + 1, e], MIN_SPEECH_WORDS)) return tu;
  const n = toks.length;
  const cue = new Uint8Array(n);
  const source = new Uint8Array(n);
  const content = new Uint8Array(n);
  cue[c] = 1;
  for (let i = a; i < c; i++) source[i] = i === a ? 1 : 2;
  for (let i = c + 1; i < e; i++) content[i] = i === c + 1 ? 1 : 2;
  return { unit: tu.unit, cue, source, content };
}

/**
 * The 'attribution' profile's joins of contents to cues: in PolNeAR each cue reports one content, so the pairs within
 * `maxGap` (same sentence or near) are taken nearest first, each cue and each content once. A content whose nearest cue
 * went to a nearer content gets none (it is then read by the rules, or dropped as unattributed).
 */
function oneContentPerCue(tu: TaggedUnit, contents: readonly Run[], coreOf: ReadonlyMap<Run, Run>, cues: readonly Run[], maxGap: number): Map<Run, Run> {
  const pairs: Array<[number, Run, Run]> = [];
  for (const c of contents) {
    const k0 = coreOf.get(c) ?? c;
    for (let k = firstEndingAfter(cues, k0[0] - maxGap - 1); k < cues.length && cues[k]![0] <= k0[1] + maxGap; k++) {
      const cue = cues[k]!;
      const g = gap(cue, k0);
      if (g >= 0 && g <= maxGap && sameSentenceOrNear(tu, cue, k0)) pairs.push([g, c, cue]);
    }
  }
  pairs.sort((x, y) => x[0] - y[0] || x[1][0] - y[1][0] || x[2][0] - y[2][0]);
  return matchGreedy(pairs.map(([, c, cue]) => [c, cue] as const));
}

/** A content run that opens with a paired quotation mark ends at the closing mark: what follows ("…,” said X") is
 * attribution, not quotation. */
/**
 * The tagged content runs of a paragraph as the quote readings shape them: joined to a short subject the tagger read
 * as a report of its own, cut before a trailing attribution; in the 'speech' profile also read from an inverted aside,
 * split at a report nested inside and where a new quotation opens, and cut at the closing mark of the quotation they
 * open with. In the 'attribution' profile the run stays whole and that cut is its core (coreOf). `verbFilter`: an
 * indirect run with no verb is dropped (and added to `notClauses`). Plain loops rather than a chain of map and
 * flatMap: the arrays those return take several element kinds (empty, packed, holey), and each new one met
 * deoptimised the long function that called them, whose recompiling took a fifth of a second each time.
 */
function contentRuns(tu: TaggedUnit, cues: readonly Run[], sources: readonly Run[], marks: readonly MarkedQuote[], speech: boolean, verbFilter: boolean, coreOf: Map<Run, Run>, notClauses: Run[]): Run[] {
  const toks = tu.unit.tokens;
  const out: Run[] = [];
  for (const tagged of joinedSubjectOfReport(tu, runsOf(tu.content), cues)) {
    const cut = cutTrailingAttribution(tu, tagged, cues, sources);
    const parts = speech ? splitAtInnerReport(tu, fromInvertedAside(tu, cut, cues), cues, sources) : [cut];
    for (const part of parts) {
      const pieces = speech ? splitAtQuotationStart(tu, afterGloss(tu, part)) : [part];
      for (const piece of pieces) {
        const core = cutAtClosingMark(tu, piece, marks);
        const c = speech || attributionIntoNarration(tu, piece, core) ? core : piece;
        if (c !== core) coreOf.set(piece, core);
        if (verbFilter && kindOf(toks[c[0]]!.start, toks[c[1] - 1]!.end, marks) === 'indirect' && !hasVerb(toks, c)) {
          notClauses.push(c);
          continue;
        }
        out.push(c);
      }
    }
  }
  return out;
}

/**
 * '“…panic mode,” said Leslie Wimes, a Florida-based organiser.', '"…," he said, cutting off a reporter': the
 * tagger ran a quotation on over its attribution into narration. PolNeAR's content runs over an attribution only into
 * a second quotation ('“A,” she said, “B.”'), so a run whose quotation closes before a cue, with no quotation mark
 * after it, is the quotation alone ('attribution' profile; the 'speech' profile cuts every quotation at its mark).
 */
function attributionIntoNarration(tu: TaggedUnit, piece: Run, core: Run): boolean {
  if (core[1] >= piece[1]) return false;
  const { mark } = tu.unit;
  let cued = false;
  for (let k = core[1]; k < piece[1]; k++) {
    if (mark[k] !== 0) return false;
    if (tu.cue[k] !== O) cued = true;
  }
  return cued;
}

function cutAtClosingMark(tu: TaggedUnit, c: Run, marks: readonly MarkedQuote[]): Run {
  const q = tu.unit.quote[c[0]]!;
  if (q < 0 || tu.unit.mark[c[0]] !== 1) return c;
  const m = marks[q]!;
  let e = c[0];
  while (e < c[1] && tu.unit.tokens[e]!.end <= m.end) e++;
  return e > c[0] ? [c[0], e] : c;
}


/** In the 'speech' profile (src/quotes/settings.ts), indirect and mixed reports need a reporting cue from data/quotes (the
 * taggers also learnt PolNeAR's beliefs, polls and findings: "shows", "wants", which are not speech), an indirect
 * content needs a finite verb, and an indirect span with neither cue nor source is dropped (so is a mixed one, in
 * the 'speech' profile, unless a report opens it). */
export const REQUIRE_LEXICON_CUE = true;
export const DROP_UNATTRIBUTED = true;
export const VERB_FILTER = true;

function lexiconCue(toks: readonly Token[], [a, b]: Run, lex: QuoteLexicon): boolean {
  for (let i = a; i < b; i++) {
    const t = toks[i]!;
    if ((lex.cueVerbs.has(t.text.toLowerCase()) && (t.pos === 'VERB' || t.pos === 'AUX')) || t.text === ':') return true;
  }
  const words = toks.slice(a, b).map((t) => t.text.toLowerCase());
  return lex.cuePhrases.some((p) => p.every((w) => words.includes(w)));
}

/** A content run that goes on into a new sentence opening with a quotation mark is two reports: split it there. So is
 * a run that opens with a quotation and goes on over its attribution into a second one ("“A,” said X, “B.”": the
 * taggers learnt PolNeAR's one content over both); each quotation is then cut at its closing mark. */
function splitAtQuotationStart(tu: TaggedUnit, [a, b]: Run): Run[] {
  const { mark, depth, sent } = tu.unit;
  // An opening mark: a mark at depth 1 after a token outside every quotation (a closing mark follows one inside).
  const opening = (k: number) => mark[k] === 1 && depth[k] === 1 && (k === 0 || depth[k - 1] === 0);
  const out: Run[] = [];
  let s = a;
  // Whether a tagged cue outside the marks came since s: an attribution between two quotations ("…,” said X, “…").
  let attributed = false;
  for (let i = a + 1; i < b; i++) {
    if (mark[i] === 1 && depth[i] === 1 && (sent[i] !== sent[i - 1] || opensNextQuotation(tu.unit, i) || (opening(i) && opening(s) && attributed))) {
      out.push([s, i]);
      s = i;
      attributed = false;
    } else if (depth[i] === 0 && tu.cue[i] !== O) attributed = true;
  }
  out.push([s, b]);
  return out;
}

/** Quotes read back for a speaker when the last quote found none. */
const NAMED_SPEAKER_LOOKBACK = 4;

/** The speaker of the latest of the last NAMED_SPEAKER_LOOKBACK quotes that has one, in the paragraph from `from`. */
function lastNamedSpeaker(quotes: readonly Quote[], from: number): Speaker | null {
  for (let k = quotes.length - 1; k >= 0 && k >= quotes.length - NAMED_SPEAKER_LOOKBACK; k--) {
    const q = quotes[k]!;
    if (q.content.start < from) return null;
    if (q.speaker.name !== null) return q.speaker;
  }
  return null;
}

/** Whether an offset lies outside every outer quotation (which do not overlap: the entity layer's range search). An
 * interview's answer lines are read apart (answerLine). */
function outsideQuotations(marks: readonly MarkedQuote[]): (offset: number) => boolean {
  const outer = marks.filter((m) => m.depth === 0).map((m) => [m.start, m.end] as [number, number]).sort((x, y) => x[0] - y[0]);
  return (offset) => !inRanges(outer, offset, offset + 1);
}

function firstStartingAt(qs: readonly Quote[], start: number): number {
  return partitionPoint(qs.length, (i) => qs[i]!.content.start >= start);
}


/** Whether the word after the speaker (adverbs and auxiliaries aside) is a verb before the cue: the speaker's own
 * clause goes on before the cue ("Mrs Clinton tried here … and promised"). */
function otherVerbBeforeCue(toks: readonly Token[], src: Run, cue: Run): boolean {
  let k = src[1];
  while (k < cue[0] && (toks[k]!.pos === 'ADV' || toks[k]!.pos === 'AUX')) k++;
  return k < cue[0] && toks[k]!.pos === 'VERB';
}

/** Whether the cue is a passive "asked" ("was asked", "has been asked", "were repeatedly asked", "X, asked if …,")
 * and the content starts right after it (a colon or comma between): the content is the question put to the cue's
 * subject. */
function questionPutToSubject(toks: readonly Token[], [a, b]: Run, content: Run): boolean {
  // The cue may run on past "asked" ("was asked Tuesday", "was asked:").
  let v = b - 1;
  while (v > a && toks[v]!.text.toLowerCase() !== 'asked') v--;
  if (toks[v]!.text.toLowerCase() !== 'asked' || content[0] < b || content[0] > b + 1) return false;
  if (content[0] === b + 1 && !/^[:,]$/.test(toks[b]!.text)) return false;
  let k = v - 1;
  while (k >= Math.max(0, a - 3) && toks[k]!.pos === 'ADV') k--;
  if (k >= 0 && PASSIVE_AUX.has(toks[k]!.text.toLowerCase())) return true;
  // "Ms Okafor, asked if she would stand, said …": a participle set off by a comma, its question after it (not
  // "Ms Okafor, the charity's chief, asked: …", who asks).
  return toks[v - 1]?.text === ',' && QUESTION_OPENERS.has(toks[v + 1]?.text.toLowerCase() ?? '');
}

/** Passive cues whose subject does speak: "X was quoted …" is X's words, and "X was asked …" is followed by X's
 * answer (unless the content is the question itself: questionPutToSubject). */
const SPEAKING_PASSIVES = new Set(['quoted', 'asked']);

/** Whether a cue ends in a passive participle: an auxiliary of the passive right before its last word, adverbs
 * aside ("has been called", "was told", "are widely reported"), and not "is expected to say" (its last word is
 * the active verb of the speech). */
function passiveCue(toks: readonly Token[], [a, b]: Run, runOn = false): boolean {
  // With `runOn`, the cue's last verb, wherever the tagged cue ends ("was widely criticised at the time"). Not for the
  // quotes a cue attributes: "White is also impressed with: “…”" is still White's.
  let v = b - 1;
  while (runOn && v > a && toks[v]!.pos !== 'VERB') v--;
  const last = toks[v]!;
  if (last.pos !== 'VERB' || /ing$/i.test(last.text) || SPEAKING_PASSIVES.has(last.text.toLowerCase())) return false;
  let k = v - 1;
  while (k >= Math.max(0, a - 3) && toks[k]!.pos === 'ADV') k--;
  return k >= 0 && PASSIVE_AUX.has(toks[k]!.text.toLowerCase());
}

/** "X added that Y" opening a content: the speaker's tokens [a, i), the cue [i, v] and where Y starts (c). */
interface InnerReport { i: number; v: number; c: number }

/** Auxiliaries and adverbs read over between a nested report's speaker and its verb. */
const INNER_VERB_GROUP_MAX = 2;
/** Reporting verbs (base forms) read after a group of two words. */
const LONG_GROUP_VERBS = new Set(['say', 'ask']);
/** Words of that group that make the verb no report: forms of "be" (and "'s", which may be one) and negations. */
const NOT_INNER_REPORT_GROUP = new Set([...PASSIVE_AUX, "'s", '’s', ...NEGATIONS]);

function innerReport(toks: readonly Token[], [a, b]: Run, lex: QuoteLexicon): InnerReport | null {
  // speaker: a run of proper nouns or a pronoun at the start, then a reporting verb (with "also" etc. skipped)
  let i = a;
  while (i < b && i - a < 6 && (toks[i]!.pos === 'PROPN' || toks[i]!.pos === 'DET' || toks[i]!.pos === 'ADJ' || toks[i]!.pos === 'NOUN')) i++;
  if (i === a && i < b && lex.pronouns.has(toks[i]!.text.toLowerCase())) i++;
  if (i === a || i >= b) return null;
  if (!toks.slice(a, i).some((t) => t.pos === 'PROPN' || t.pos === 'PRON')) return null;
  // "had said", "also said", "had initially said": up to INNER_VERB_GROUP_MAX auxiliaries and adverbs before the verb.
  let v = i;
  while (v < b && v - i < INNER_VERB_GROUP_MAX && (toks[v]!.pos === 'AUX' || toks[v]!.pos === 'ADV')) v++;
  if (v >= b || !lex.cueVerbs.has(toks[v]!.text.toLowerCase())) return null;
  // Over two words only "say" and "ask" ("had actually said", "had later asked X what"): "had also agreed to",
  // "would also announce policies" and "had only told Ms Hutt of" report no clause.
  if (v - i > 1 && !LONG_GROUP_VERBS.has(lex.cueVerbs.get(toks[v]!.text.toLowerCase())!)) return null;
  // "he was denied a try", "had been told", "would be adding", "it's often referred to": a passive or progressive is
  // not a report; "had never suggested" reports that nothing was said.
  for (let k = i; k < v; k++) if (NOT_INNER_REPORT_GROUP.has(toks[k]!.text.toLowerCase())) return null;
  let c = v + 1;
  if (c < b && toks[c]!.text.toLowerCase() === 'that') c++;
  // "added in a statement": what follows is not the reported clause.
  if (c >= b || (c === v + 1 && toks[c]!.pos === 'ADP' && toks[c]!.text.toLowerCase() !== 'to')) return null;
  return { i, v, c };
}

/**
 * "Barnier added that X": when a content span opens with a speaker and a reporting verb, the reported words are a
 * quote of their own, attributed to that speaker and reached `via` the outer quote.
 */
function nested(
  outer: Quote,
  toks: readonly Token[],
  run: Run,
  lex: QuoteLexicon,
  ctx: SpeakerContext,
  make: (s: number, e: number, cue: Token[] | null, sp: Speaker, c: number) => Quote,
): void {
  if (outer.kind === 'direct') return;
  const found = innerReport(toks, run, lex);
  if (!found) return;
  const { i, v, c } = found;
  // "US firms added only 146,000 jobs": unquoted words after the verb must read as a clause, as a report's do.
  const clause: Run = [c, run[1]];
  const marked = toks.slice(c, run[1]).some((t) => isQuoteMarkChar(t.text[0] ?? ''));
  if (!marked && (!hasVerb(toks, clause) || nounPhraseObject(toks, clause))) return;
  const inner = make(toks[c]!.start, toks[run[1] - 1]!.end, toks.slice(i, v + 1), resolveSpeaker(ctx, toks.slice(run[0], i)), outer.confidence);
  inner.via = outer.id;
}

/** Most tokens of a name the content tagger read as a report of its own, right before a cue. */
const REPORTED_SUBJECT_MAX_TOKENS = 3;

/**
 * "The Tories criticised the stance, saying [Mr Oaten] had initially said [he accepted …]": the tagger's content runs
 * either side of a cue, the first a short name right after another cue, are one report, whose subject is the name
 * ('Mr Oaten had initially said he accepted …'); the report nested in it is read from there. Runs in place, sorted.
 */
function joinedSubjectOfReport(tu: TaggedUnit, runs: Run[], cues: readonly Run[]): Run[] {
  const toks = tu.unit.tokens;
  const out: Run[] = [];
  for (let i = 0; i < runs.length; i++) {
    const name = runs[i]!;
    const rest = runs[i + 1];
    const k = firstEndingAfter(cues, name[1]);
    const cue = cues[k];
    const outer = firstEndingAfter(cues, name[0] - 1);
    // The name may carry the verb's auxiliaries and adverbs, which the cue may share ("[Mr Grant had initially] said").
    let np = name[1];
    while (np > name[0] && name[1] - np < INNER_VERB_GROUP_MAX && (toks[np - 1]!.pos === 'AUX' || toks[np - 1]!.pos === 'ADV')) np--;
    const joined =
      rest !== undefined && cue !== undefined && cue[0] >= np && cue[0] <= name[1] && rest[0] === cue[1] &&
      np - name[0] <= REPORTED_SUBJECT_MAX_TOKENS && cues[outer]?.[1] === name[0] &&
      toks.slice(name[0], np).every((t) => t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'DET') &&
      toks.slice(name[0], np).some((t) => t.pos === 'PROPN') && tu.unit.mark[name[0]] === 0;
    if (joined) {
      out.push([name[0], rest[1]]);
      i++;
    } else out.push(name);
  }
  return out;
}

/** "X had served in Korea - ''…'' - and said he …": a cue after "and" or "but" with no subject of its own shares the
 * subject of the verb before it, a source tagged earlier in the same sentence, further back than sources usually are.
 * `avoid`: the run the cue reports. */
function coordinatedVerbSource(tu: TaggedUnit, cue: Run, sources: readonly Run[], avoid: Run): Run | null {
  const toks = tu.unit.tokens;
  const prev = toks[cue[0] - 1];
  // Only for what the verb reports after it: a quotation before "and said" may be another verb's ("called X “driven”
  // and asserted that …").
  if (prev === undefined || prev.pos !== 'CCONJ' || avoid[0] < cue[1]) return null;
  // The first verb's subject: the sentence's first source, not a nearer one after it ("House Democrats … seized the
  // floor from Republicans and said").
  // From the first source within reach (binary search: not a walk from the paragraph's start for every cue).
  const sent = tu.unit.sent[cue[0]];
  for (let k = firstEndingAfter(sources, cue[0] - COORDINATED_SOURCE_MAX_GAP - 1); k < sources.length; k++) {
    const r = sources[k]!;
    if (r[1] > cue[0]) break;
    if (tu.unit.sent[r[0]] === sent && gap(r, avoid) >= 0) return r;
  }
  return null;
}

/** Whether a run opens with a quotation right after a title word ("titled", "entitled", "named"; a comma may come
 * between): the quoted words are a title or a name. */
function quotedTitle(tu: TaggedUnit, run: Run, lex: QuoteLexicon): boolean {
  const toks = tu.unit.tokens;
  if (tu.unit.mark[run[0]] !== 1) return false;
  let k = run[0] - 1;
  if (k >= 0 && toks[k]!.text === ',') k--;
  return k >= 0 && lex.titleWords.has(toks[k]!.text.toLowerCase());
}
