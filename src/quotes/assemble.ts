import type { Entity, Quote, Speaker } from '../model/record.js';
import { span } from '../model/span.js';
import type { Token } from '../pipeline/doc.js';
import { matchGreedy } from '../util/matching.js';
import type { QuoteLexicon } from './lexicon.js';
import type { MarkedQuote } from './marks.js';
import { runsOf } from './perceptron.js';
import { SPEECH_SETTINGS, type QuoteSettings } from './settings.js';
import { resolveSpeaker, type SpeakerContext } from './speaker.js';
import type { TaggedUnit } from './tagging.js';

// Turns the taggers' spans into Quote records: each content span is joined to the nearest cue, and the cue to the
// nearest source; quotation-only paragraphs continue the previous speaker; a content span that itself reports
// someone ("Barnier added that X") yields the nested quote with `via`. All joins look at a bounded token window.

/** Largest token gap between a content span and its cue within one sentence ("…,” the chairman of the alliance’s
 * military committee, Admiral X, wrote"), and across a sentence boundary. */
export const CUE_MAX_GAP = 20;
/** The same in the 'attribution' profile, whose contents run on over sentences (chosen on PolNeAR dev: 40 adds about
 * half a point of cue, source and attributed F1 over 20; 60 and 100 change nothing more). */
export const ATTRIBUTION_CUE_MAX_GAP = 40;
export const CUE_NEAR_GAP = 3;
/** Largest token gap between a cue and its source ("X, a Labour MP who chairs the committee, said"). */
export const SOURCE_MAX_GAP = 14;
/** A marked span with fewer words than this and no cue is a title or a scare quote, not speech. */
export const MIN_SPEECH_WORDS = 4;
/** In the 'attribution' profile, an indirect span with no cue and fewer words than this is dropped (chosen on PolNeAR
 * dev: 8 adds 0.002 to 0.003 of content, overlap and attributed F1 and costs none; 6 to 20 differ by 0.002). */
export const ATTRIBUTION_MIN_UNCUED_WORDS = 8;
/** Confidence of quotes read by the taggers, and of those carried over from the previous paragraph's speaker. */
export const TAGGED_CONFIDENCE = 0.8;
export const CONTINUED_CONFIDENCE = 0.6;

type Run = [number, number];

function gap(a: Run, b: Run): number {
  if (a[1] <= b[0]) return b[0] - a[1];
  if (b[1] <= a[0]) return a[0] - b[1];
  return -1; // overlapping
}

/** Index of the first run (sorted, non-overlapping) that ends after `pos`: binary search. */
function firstEndingAfter(runs: readonly Run[], pos: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]![1] > pos) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The run nearest to `to` within `maxGap` tokens (not overlapping `avoid`, passing `ok`). Runs are sorted, so only
 * the runs in the window are read: no scan of the whole paragraph. */
function nearestRun(runs: readonly Run[], to: Run, maxGap: number, avoid?: Run, ok?: (r: Run) => boolean, prefer?: (r: Run) => boolean): Run | null {
  let best: Run | null = null;
  let bestScore = Infinity;
  for (let k = firstEndingAfter(runs, to[0] - maxGap - 1); k < runs.length && runs[k]![0] <= to[1] + maxGap; k++) {
    const r = runs[k]!;
    const g = gap(r, to);
    if (g < 0 || g > maxGap) continue;
    if (avoid && gap(r, avoid) < 0) continue;
    if (ok && !ok(r)) continue;
    // A preferred run wins over any other: '“A,” he said. “B,” he added' gives B the cue of its own sentence.
    const score = g + (prefer && !prefer(r) ? maxGap + 1 : 0);
    if (score < bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

function sameSentence(tu: TaggedUnit, a: Run, b: Run): boolean {
  const sent = tu.unit.sent;
  return sent[a[0]] === sent[b[1] - 1] || sent[a[1] - 1] === sent[b[0]];
}

/** direct: the content is one marked quotation; mixed: it holds marked words; indirect: no marks. */
export function kindOf(start: number, end: number, marks: readonly MarkedQuote[]): Quote['kind'] {
  // Marks are sorted by start: find the first that may open at the content's start, read on to its end.
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]!.start >= start - 1) hi = mid;
    else lo = mid + 1;
  }
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
}

export function assembleQuotes(input: AssembleInput): Quote[] {
  const { text, marks, lex } = input;
  const speech = (input.settings ?? SPEECH_SETTINGS).profile === 'speech';
  const verbFilter = VERB_FILTER && speech;
  const requireLexiconCue = REQUIRE_LEXICON_CUE && speech;
  const cueMaxGap = speech ? CUE_MAX_GAP : ATTRIBUTION_CUE_MAX_GAP;
  // In the 'attribution' profile a content run that goes on into a sentence opening with a quotation mark stays whole
  // (PolNeAR's contents run over several sentences), and no nested quote is read inside a content.
  const ctx: SpeakerContext = { text, entities: input.entities, lex, history: [] };
  const quotes: Quote[] = [];
  const newQuote = (start: number, end: number, cue: Token[] | null, speaker: Speaker, confidence: number): Quote => {
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
  let previous: Quote | null = null;
  let previousUnit = -2;
  // "He said:" / "The New York Times reports:" closing a paragraph: the report is the next paragraph.
  let colonCue: ColonCue | null = null;
  input.tagged.forEach((tu0, ui) => {
    const tu = labelColonLine(tu0, lex);
    const firstOfUnit = quotes.length;
    const toks = tu.unit.tokens;
    const cues = runsOf(tu.cue);
    const sources = runsOf(tu.source);
    // In the 'speech' profile a run that opens with a quotation mark ends at its closing mark. PolNeAR's contents
    // run on over the attribution that interrupts a quotation ("“A,” she said, “B.”" is one content from the first
    // mark to the last), so the 'attribution' profile keeps the run whole and looks for its cue and source from the
    // quotation it opens with (its core).
    const coreOf = new Map<Run, Run>();
    const contents = runsOf(tu.content)
      .map((c) => cutTrailingAttribution(tu, c, cues, sources))
      .flatMap((c) => (speech ? splitAtQuotationStart(tu, c) : [c]))
      .map((c) => {
        const core = cutAtClosingMark(tu, c, marks);
        if (speech) return core;
        coreOf.set(c, core);
        return c;
      })
      .filter((c) => !verbFilter || kindOf(toks[c[0]]!.start, toks[c[1] - 1]!.end, marks) !== 'indirect' || hasVerb(toks, c));
    // Joined quotations keep the cue found between them.
    const joinedCue = speech ? null : joinAcrossAttribution(tu, contents, coreOf, cues);
    const usedCues = new Set<number>();
    const reread = new Set<string>(); // content and cue of this paragraph's quotes, for the re-read runs
    const tagged = [...contents].sort((a, b) => a[0] - b[0]);
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
    for (const a of added) contents.push(a);
    const ruleRead = new Set(added);
    contents.sort((a, b) => a[0] - b[0]);
    const cueOf = speech ? null : oneContentPerCue(tu, contents, coreOf, cues, cueMaxGap);
    for (const c of contents) {
      const k0 = coreOf.get(c) ?? c;
      let cue: Run | null = cueOf
        ? cueOf.get(c) ?? joinedCue?.get(c) ?? null
        : nearestRun(cues, k0, cueMaxGap, undefined, (k) => sameSentenceOrNear(tu, k, k0), (k) => sameSentence(tu, k, k0));
      let src = cue ? nearestRun(sources, cue, SOURCE_MAX_GAP, k0) : nearestRun(sources, k0, 3);
      if (src && src[1] - src[0] === 1 && toks[src[0]]!.pos === 'PRON' && !lex.pronouns.has(toks[src[0]]!.text.toLowerCase())) {
        src = null; // "calling them": an object pronoun is not who speaks
      }
      if (src && cue && src[0] > 0 && toks[src[0] - 1]!.pos === 'ADP' && !(src[0] - 1 >= cue[0] && src[0] - 1 < cue[1])) {
        src = null; // "a summit between X and Y": the object of a preposition is not who speaks ("according to" is a cue)
      }
      if (!cue) {
        // "The old steelworks, Mayor Duarte said, will reopen …": a content run holding its own attribution.
        const inner = parentheticalIn(tu, c, cues);
        if (inner) [cue, src] = inner;
      }
      if (!cue) {
        const signed = dashAttribution(tu, k0, text);
        if (signed && (!src || gap(src, signed[1]) < 0)) [cue, src] = signed;
      }
      const carried = !cue && !src && colonCue && colonCue.unit === ui - 1 && c[0] <= 1 ? colonCue : null;
      if (carried) colonCue = null;
      if (!cue && !src && !carried) {
        const found = ruleAttribution(tu, k0, lex);
        if (found) [cue, src] = found;
        else cue = passiveCueInside(tu, k0, lex);
        if (!cue) [cue, src] = colonLead(tu, k0) ?? [null, null];
      } else if (cue && !src) {
        src = ruleSource(tu, cue);
        if (src && gap(src, k0) < 0) src = null;
        if (!src) {
          // "Tomas Berg, speaking outside his office, said …": the name before the aside.
          const aside: Run = [cue[0] - 1, cue[0] - 1];
          const named = cue[0] > 0 ? beyondApposition(tu, cue, aside) : aside;
          if (named !== aside && gap(named, k0) >= 0) src = named;
        }
      }
      let run: Run = c;
      let fixedByPreposition = false;
      if (cue) {
        // "…, according to a poll" / "According to the ministry, …": the source is the phrase after the cue and what
        // it reports is the clause beside it, whatever the taggers split there.
        const fixed = prepositionalAttribution(tu, cue, run, cues, lex);
        if (fixed) {
          run = fixed[0];
          fixedByPreposition = true;
          // A source the tagger read from the cue on stays (PolNeAR's keep appositions over commas).
          if (!src || src[0] !== cue[1] || gap(src, run) < 0) src = fixed[1];
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
      if (cue && src) src = coordinatedSource(tu, cue, src, run);
      if (cue && src) src = relativeSource(tu, src, speech);
      if (cue && src && speech) src = beyondApposition(tu, cue, src);
      if (cue && cue[1] < toks.length && toks[cue[1]]!.text.toLowerCase() === 'by') {
        // Passive "described by its chairman X as …": the speaker follows "by".
        const agent = npFrom(toks, cue[1] + 1, 1);
        // "… as “candid”": the tagger's content may start inside the agent; what is said follows "as".
        if (agent && gap(agent, run) < 0 && toks[agent[1]]?.text.toLowerCase() === 'as' && agent[1] + 1 < run[1]) run = [agent[1] + 1, run[1]];
        if (agent && gap(agent, run === c ? k0 : run) >= 0) src = agent;
      }
      const start = toks[run[0]]!.start;
      const end = toks[run[1] - 1]!.end;
      // Two tagged runs can be re-read as the same clause (the prepositional and passive readings above).
      const readKey = `${start}:${end}:${cue ? toks[cue[0]]!.start : -1}`;
      if (run !== c && reread.has(readKey)) continue;
      let speaker: Speaker;
      let confidence = TAGGED_CONFIDENCE;
      if (src) speaker = resolveSpeaker(ctx, speech ? trimRun(toks, src) : toks.slice(src[0], src[1]));
      else if (carried) speaker = carried.source ? resolveSpeaker(ctx, carried.source) : { entity: null, name: null, mention: null, anonymous: false };
      else if (!cue && previous && (previousUnit >= ui - 1 && onlyQuotation(tu, run) || previousUnit === ui && quotationAfter(tu, run, previous.content.end))) {
        // A paragraph that is only a quotation continues the previous speaker (so does its sentence, when the
        // paragraphs were joined).
        speaker = { ...previous.speaker, mention: null };
        confidence = CONTINUED_CONFIDENCE;
      } else speaker = { entity: null, name: null, mention: null, anonymous: false };
      const kind = kindOf(start, end, marks);
      if (!cue && !src && !carried && speaker.name === null && (DROP_UNATTRIBUTED && kind === 'indirect' || wordCount(toks, run) < MIN_SPEECH_WORDS)) continue;
      if (verbFilter && kind === 'indirect' && !(ruleRead.has(run) && reportedSentence(tu, run)) && !hasVerb(toks, run)) continue; // "told reporters", "posting the footage": not a clause
      // PolNeAR gives every attribution a cue: a short indirect span left without one is a fragment of a clause.
      if (!speech && !cue && !carried && kind === 'indirect' && wordCount(toks, run) < ATTRIBUTION_MIN_UNCUED_WORDS) continue;
      // "Workers watched a screening of “X”": a mixed span with marked words needs a reporting cue as well.
      if (requireLexiconCue && kind !== 'direct' && cue && !lexiconCue(toks, cue, lex)) continue;
      const q = newQuote(start, end, cue ? toks.slice(cue[0], cue[1]) : carried ? carried.cue : null, speaker, confidence);
      reread.add(readKey);
      if (kind === 'direct' && wordCount(toks, run) < MIN_SPEECH_WORDS) q.kind = 'mixed'; // a quoted word or phrase
      if (cue) usedCues.add(cue[0]);
      previous = q;
      previousUnit = ui;
      // PolNeAR annotates the outer report and leaves the reported words to the outer content: no nested quote.
      if (speech) nested(q, toks, run, lex, ctx, newQuote);
    }
    // "Barnier added that X, a Russian news agency said": a cue with its source that no quote used reports the
    // whole clause, and the quotes inside that clause are reached via it.
    // This paragraph's quotes, by start, to find those inside a clause by binary search.
    const inUnit = quotes.slice(firstOfUnit).filter((q) => q.cue !== null).sort((a, b) => a.content.start - b.content.start);
    for (const cue of cues) {
      if (usedCues.has(cue[0]) || !lexiconCue(toks, cue, lex)) continue;
      const read = readCue(tu, cue, cues, sources, lex, speech);
      if (!read) continue;
      const [clause, src] = read;
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
      const outer = newQuote(start, end, toks.slice(cue[0], cue[1]), resolveSpeaker(ctx, trimRun(toks, src)), TAGGED_CONFIDENCE);
      for (const q of inner) if (q.via === null) q.via = outer.id;
    }
    colonCue = closingColonCue(tu, cues, sources, usedCues, lex, ui);
  });
  return joinParagraphRuns(dropMirrors(quotes), marks, text);
}

/**
 * "More money is to be given to councils, said housing minister Yvette Cooper" can come out twice, once the right
 * way round and once with speaker and content swapped over the same cue. Of two such mirror quotes the one whose
 * content is the shorter (the name) goes.
 */
function dropMirrors(quotes: Quote[]): Quote[] {
  const key = (s: { start: number; end: number }) => `${s.start}:${s.end}`;
  const byContent = new Map<string, Quote>();
  for (const q of quotes) byContent.set(key(q.content), q);
  const drop = new Set<Quote>();
  for (const q of quotes) {
    const m = q.speaker.mention;
    const other = m ? byContent.get(key(m)) : undefined;
    if (!other || other === q || !other.speaker.mention || key(other.speaker.mention) !== key(q.content)) continue;
    drop.add(q.content.end - q.content.start < other.content.end - other.content.start ? q : other);
  }
  return drop.size ? quotes.filter((q) => !drop.has(q)) : quotes;
}

/** A cue and its source that end a paragraph with a colon, waiting for the paragraph that holds what was said. */
interface ColonCue {
  unit: number;
  cue: Token[];
  source: Token[] | null;
}

/**
 * "Caddell continued:" / "The New York Times reports:" / "He said:" as the whole end of a paragraph: the cue right
 * before the final colon (as tagged, or a reporting verb of the word lists) that no content of this paragraph used,
 * with its source. The next paragraph's first content takes them when it has no cue and source of its own.
 */
function closingColonCue(tu: TaggedUnit, cues: readonly Run[], sources: readonly Run[], used: ReadonlySet<number>, lex: QuoteLexicon, ui: number): ColonCue | null {
  const toks = tu.unit.tokens;
  const n = toks.length;
  if (n < 2 || toks[n - 1]!.text !== ':') return null;
  let cue: Run | null = null;
  for (const r of cues) if (r[1] === n - 1 || r[1] === n) cue = r;
  if (!cue && lexiconCue(toks, [n - 2, n - 1], lex)) cue = [n - 2, n - 1];
  if (!cue || used.has(cue[0])) return null;
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
  if (wordCount(toks, [c + 1, e]) < MIN_SPEECH_WORDS) return tu;
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

/**
 * "Surveys suggest a stronger economy than official estimates, Ms Lomax said": a content run that ends with a tagged
 * source and cue set off by a comma (", Ms Lomax said", ", said Ms Lomax") holds its own attribution. It stops
 * before the comma, and the cue is left to report the whole sentence.
 */
function cutTrailingAttribution(tu: TaggedUnit, c: Run, cues: readonly Run[], sources: readonly Run[]): Run {
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
function colonLead(tu: TaggedUnit, c: Run): [Run, Run] | null {
  const toks = tu.unit.tokens;
  const colon = c[0] - 1;
  if (colon < 2 || tu.unit.mark[c[0]] !== 1 || toks[colon]!.text !== ':') return null;
  const first = sentenceOf(tu, colon)[0];
  if (colon - first > COLON_LEAD_MAX_TOKENS || !toks.slice(first, colon).some((t) => t.pos === 'VERB' || t.pos === 'AUX')) return null;
  const np = npFrom(toks, first, 1);
  if (!np || !toks.slice(np[0], np[1]).some((t) => t.pos === 'PROPN' || t.pos === 'PRON')) return null;
  return [[colon, colon + 1], np];
}

/** Relative pronouns that can open a reporting clause ("an architect who said …"). */
const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that', 'whom']);

/**
 * "an architect who said he was stiffed": PolNeAR's source is the relative pronoun alone ('attribution' profile);
 * the 'speech' profile keeps the person it stands for ("an architect").
 */
function relativeSource(tu: TaggedUnit, src: Run, speech: boolean): Run {
  const toks = tu.unit.tokens;
  const last = src[1] - 1;
  if (last <= src[0] || !RELATIVE_PRONOUNS.has(toks[last]!.text.toLowerCase())) return src;
  let e = last;
  while (e > src[0] && toks[e - 1]!.text === ',') e--;
  return speech ? [src[0], e] : [last, src[1]];
}

/** Most conjuncts a coordinated source is followed back over ("the United States, Britain and France"). */
export const SOURCE_CONJUNCTS_MAX = 4;

/**
 * A source that is the last conjunct or the head after "of" of a longer subject before its cue: "the United States,
 * Britain and [France] support", "this particular pair of [multimillionaires] hears", "Country after [country]"
 * speak as the whole phrase, which the source becomes.
 */
function coordinatedSource(tu: TaggedUnit, cue: Run, src: Run, content: Run): Run {
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
    // "… won this race and she said": a phrase after a verb or preposition is its object, not a fellow subject.
    if (np[0] > 0 && /^(VERB|AUX|ADP)$/.test(toks[np[0] - 1]!.pos)) break;
    a = np[0];
  }
  // A list needs its "and"/"or": "A, B" alone is an apposition.
  return a < src[0] && toks.slice(a, src[1]).some((t) => /^(and|or|of|after)$/i.test(t.text)) ? [a, src[1]] : src;
}

/**
 * A tagged cue and a speaker phrase beside it, set off by commas strictly inside the content run c (", Mayor Ines
 * Duarte said," / ", said Mr. Clarke,"): [cue, source]. The speaker is the phrase between the cue and the comma.
 */
function parentheticalIn(tu: TaggedUnit, c: Run, cues: readonly Run[]): [Run, Run] | null {
  const toks = tu.unit.tokens;
  const isSpeaker = (r: Run) => r[1] > r[0] && r[1] - r[0] <= SPEAKER_MAX_TOKENS && toks.slice(r[0], r[1]).some((t) => t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'PRON');
  for (let k = firstEndingAfter(cues, c[0]); k < cues.length && cues[k]![0] < c[1]; k++) {
    const cue = cues[k]!;
    if (cue[0] <= c[0] + 1 || cue[1] >= c[1] - 1) continue;
    let a = cue[0] - 1;
    while (a > c[0] && cue[0] - a <= SPEAKER_MAX_TOKENS + 1 && toks[a]!.text !== ',') a--;
    if (toks[cue[1]]!.text === ',' && toks[a]!.text === ',' && isSpeaker([a + 1, cue[0]])) return [cue, [a + 1, cue[0]]];
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
function joinAcrossAttribution(tu: TaggedUnit, contents: Run[], coreOf: Map<Run, Run>, cues: readonly Run[]): Map<Run, Run> {
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

/** Whether one of the sorted, non-overlapping runs lies within [from, to) (binary search). */
function hasRunWithin(runs: readonly Run[], from: number, to: number): boolean {
  let k = firstEndingAfter(runs, from);
  if (k < runs.length && runs[k]![0] < from) k++;
  return k < runs.length && runs[k]![1] <= to;
}

/**
 * The most tokens a clause read by rule reaches on either side of its cue. News sentences are far shorter; the bound
 * keeps a run-on "sentence" of thousands of attributions from giving each of them a clause of thousands of tokens.
 */
export const RULE_CLAUSE_MAX_TOKENS = 120;

/** The cue's sentence, cut to RULE_CLAUSE_MAX_TOKENS on each side of the cue: [first, one past last]. */
function clauseBounds(tu: TaggedUnit, cue: Run): [number, number] {
  const [first, end] = sentenceOf(tu, cue[0]);
  return [Math.max(first, cue[0] - RULE_CLAUSE_MAX_TOKENS), Math.min(end, cue[1] + RULE_CLAUSE_MAX_TOKENS)];
}

/** First and one-past-last token of each token's sentence, computed once per unit. */
const sentenceBounds = new WeakMap<object, { first: Int32Array; end: Int32Array }>();

function sentenceOf(tu: TaggedUnit, i: number): [number, number] {
  let b = sentenceBounds.get(tu.unit);
  if (!b) {
    const sent = tu.unit.sent;
    const n = sent.length;
    b = { first: new Int32Array(n), end: new Int32Array(n) };
    for (let k = 0; k < n; k++) b.first[k] = k > 0 && sent[k - 1] === sent[k] ? b.first[k - 1]! : k;
    for (let k = n - 1; k >= 0; k--) b.end[k] = k + 1 < n && sent[k + 1] === sent[k] ? b.end[k + 1]! : k + 1;
    sentenceBounds.set(tu.unit, b);
  }
  return [b.first[i]!, b.end[i]!];
}

/**
 * "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": an attribution set off by commas inside its
 * sentence ("…, as one adviser pointed out, …" too) interrupts one report, which runs from the sentence's start to
 * its end over the attribution (PolNeAR annotates it so). A content beside it or across it takes in the whole
 * sentence. In the 'speech' profile a quotation keeps its marks' bounds.
 */
function acrossParenthetical(tu: TaggedUnit, run: Run, cue: Run, src: Run, speech: boolean): Run {
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
function reportedSentence(tu: TaggedUnit, [a, b]: Run): boolean {
  const { tokens: toks, sent } = tu.unit;
  if (a > 0 && sent[a - 1] === sent[a]) return false;
  const last = sentenceOf(tu, a)[1] - 1;
  return last >= b && last - b <= SPEAKER_MAX_TOKENS + 3 && /^[.!?]$/.test(toks[last]!.text);
}

/** A content run that opens with a paired quotation mark ends at the closing mark: what follows ("…,” said X") is
 * attribution, not quotation. */
function cutAtClosingMark(tu: TaggedUnit, c: Run, marks: readonly MarkedQuote[]): Run {
  const q = tu.unit.quote[c[0]]!;
  if (q < 0 || tu.unit.mark[c[0]] !== 1) return c;
  const m = marks[q]!;
  let e = c[0];
  while (e < c[1] && tu.unit.tokens[e]!.end <= m.end) e++;
  return e > c[0] ? [c[0], e] : c;
}

/** Punctuation and conjunctions at the edges of a speaker run are not part of the mention. */
function trimRun(toks: readonly Token[], [a, b]: Run): Token[] {
  // A run over a comma between a name and a description is the name: "Nick Bubb, an analyst at Evolution
  // Securities" is Nick Bubb, and "…leaders in the White House, Michel Barnier" is Michel Barnier.
  for (let k = b - 1; k > a; k--) {
    if (toks[k]!.text !== ',') continue;
    // "Germany, Italy and Spain": a list goes on after its commas, and stays whole.
    if (toks.slice(k + 1, b).some((t) => /^(and|or)$/i.test(t.text))) break;
    const isName = (from: number, to: number) => from < to && toks.slice(from, to).every((t) => t.pos === 'PROPN' || /^\p{P}$/u.test(t.text));
    let first = k;
    while (first > a && toks[first - 1]!.text !== ',') first--;
    if (isName(first, k)) [a, b] = [first, k];
    else if (toks[k + 1]?.pos === 'PROPN' && toks.slice(k + 1, b).some((t) => t.pos === 'PROPN')) a = k + 1;
    break;
  }
  while (a < b && /^\p{P}+$/u.test(toks[a]!.text)) a++;
  while (b > a && /^\p{P}+$/u.test(toks[b - 1]!.text) && !closesBracket(toks, a, b - 1)) b--;
  return toks.slice(a, b);
}

/** "Gov. Mike Pence (R-IN)": a closing bracket whose opening one is in the run stays with the mention. */
function closesBracket(toks: readonly Token[], a: number, k: number): boolean {
  if (toks[k]!.text !== ')') return false;
  for (let i = k - 1; i >= a; i--) if (toks[i]!.text === '(') return true;
  return false;
}

function isCueWord(t: Token, lex: QuoteLexicon): boolean {
  return lex.cueVerbs.has(t.text.toLowerCase()) && t.pos !== 'PROPN';
}

/** A speaker noun phrase: proper nouns, determiners, adjectives, nouns and possessives, up to SPEAKER_MAX_TOKENS. */
export const SPEAKER_MAX_TOKENS = 8;
const NP_POS = new Set(['PROPN', 'DET', 'ADJ', 'NOUN', 'PART', 'PRON', 'NUM']);

/** Reads "…,” said X" / "…,” X said" after a quotation, or "X said:" before it, when the taggers found no cue. */
function ruleAttribution(tu: TaggedUnit, c: Run, lex: QuoteLexicon): [Run, Run] | null {
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
const SIGNATURE_DASH = /^(?:[―—–]|--?)$/;

/**
 * "“…” ― Sonya Herridge" at the end of a line: the testimonial and epigraph convention, where a dash after a
 * quotation names who said it. The name (proper nouns and initials) must close its line or be followed by a comma
 * (an apposition: "― Carla Sanchez, Miami"), so a dash that opens an aside ("” — Trump went on") is not read as one.
 */
function dashAttribution(tu: TaggedUnit, c: Run, text: string): [Run, Run] | null {
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

/** The longest source phrase read after a prepositional cue ("according to a 52-count civil complaint filed by …"). */
export const SOURCE_PHRASE_MAX_TOKENS = 20;

/**
 * For a cue of data/quotes/source-after-cue.txt: its source, the phrase from the cue to the next comma, semicolon or
 * colon, and the content. A content the taggers placed beside cue and source stays; one that overlaps them (they read
 * the source as the content, or split the source) is the clause before the cue ("X, according to Y") or, when the
 * sentence opens with the cue, the clause after the source ("According to Y, X").
 */
function prepositionalAttribution(tu: TaggedUnit, cue: Run, c: Run, cues: readonly Run[], lex: QuoteLexicon): [Run, Run] | null {
  const toks = tu.unit.tokens;
  const words = toks.slice(cue[0], cue[1]).map((t) => t.text.toLowerCase());
  if (!lex.sourceAfterCues.some((p) => p.length <= words.length && p.every((w, k) => w === words[words.length - p.length + k]))) return null;
  const [first, last] = clauseBounds(tu, cue);
  // "put in categories according to their voting intention" attributes nothing: the attributing use is set off
  // by a comma or opens its sentence.
  if (cue[0] > first && toks[cue[0] - 1]!.text !== ',') return null;
  let stop = cue[1];
  while (stop < last && stop - cue[1] < SOURCE_PHRASE_MAX_TOKENS && !/^[,;:]$/.test(toks[stop]!.text)) stop++;
  const trimEnd = (a: number, e: number) => {
    while (e > a && /^\p{P}+$/u.test(toks[e - 1]!.text) && !/["”’»)]/.test(toks[e - 1]!.text)) e--;
    return e;
  };
  const srcEnd = trimEnd(cue[1], stop);
  if (srcEnd === cue[1]) return null;
  const src: Run = [cue[1], srcEnd];
  if (c[1] <= cue[0]) return [c, src];
  // "According to Y, X": what Y reports starts right after the comma that closes Y.
  if (c[0] >= srcEnd) return [first === cue[0] && toks[stop]?.text === ',' && c[0] > stop ? [stop + 1, c[1]] : c, src];
  const before = trimEnd(first, cue[0]);
  if (hasWords(toks, [first, before], MIN_SPEECH_WORDS)) return [[first, before], src];
  if (stop < last && toks[stop]!.text === ',') {
    const after = trimEnd(stop + 1, last);
    if (hasWords(toks, [stop + 1, after], MIN_SPEECH_WORDS)) return [[stop + 1, after], src];
  }
  return null;
}

/**
 * "The visit was described by the mayor as “historic”": a content run the taggers gave no cue, holding a reporting
 * verb followed by "by", an agent and "as" before a quotation. The verb is the cue; the passive reading after the cue
 * takes the agent as the speaker and what follows "as" as the content.
 */
function passiveCueInside(tu: TaggedUnit, [a, b]: Run, lex: QuoteLexicon): Run | null {
  const toks = tu.unit.tokens;
  for (let i = a; i + 3 < b; i++) {
    if (toks[i + 1]!.text.toLowerCase() !== 'by' || !isCueWord(toks[i]!, lex)) continue;
    const agent = npFrom(toks, i + 2, 1);
    if (agent && agent[1] + 1 < b && toks[agent[1]]!.text.toLowerCase() === 'as' && tu.unit.mark[agent[1] + 1] === 1) return [i, i + 1];
  }
  return null;
}

/** The noun phrase starting at `i` going right (dir 1) or ending at `i` going left (dir -1), with a name or a noun. */
function npFrom(toks: readonly Token[], i: number, dir: 1 | -1): Run | null {
  let k = i;
  const inNp = (j: number) =>
    NP_POS.has(toks[j]!.pos) || (toks[j]!.text === '-' && j > 0 && j + 1 < toks.length && toks[j - 1]!.pos === 'NOUN');
  while (k >= 0 && k < toks.length && Math.abs(k - i) < SPEAKER_MAX_TOKENS && inNp(k)) k += dir;
  const [a, b] = dir === 1 ? [i, k] : [k + 1, i + 1];
  if (b <= a) return null;
  if (!toks.slice(a, b).some((t) => t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'PRON')) return null;
  return [a, b];
}

/** A cue's clause and source when no tagged content goes with it: [clause, source]. */
function readCue(tu: TaggedUnit, cue: Run, cues: readonly Run[], sources: readonly Run[], lex: QuoteLexicon, speech: boolean): [Run, Run] | null {
  const prepositional = prepositionalAttribution(tu, cue, cue, cues, lex);
  if (prepositional) return prepositional;
  const src = nearestRun(sources, cue, 1) ?? ruleSource(tu, cue);
  const clause = src && clauseOf(tu, cue, src, speech);
  return src && clause ? [cutTrailingAttribution(tu, clause, cues, sources), src] : null;
}

/** The clause a cue reports when the content tagger gave none: after "X said (that)" to the end of the sentence, or
 * from the start of the sentence to ", X said". */
function clauseOf(tu: TaggedUnit, cue: Run, src: Run, speech: boolean): Run | null {
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
  if (before > first) {
    const e = trimEnd(before, first);
    return e - first >= MIN_SPEECH_WORDS ? [first, e] : null;
  }
  return null;
}

/** In the 'speech' profile (src/quotes/settings.ts), indirect and mixed reports need a reporting cue from data/quotes (the
 * taggers also learnt PolNeAR's beliefs, polls and findings: "shows", "wants", which are not speech), an indirect
 * content needs a finite verb, and an indirect span with neither cue nor source is dropped. */
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

/** A reported clause has a finite verb: an auxiliary or a verb that is neither a gerund nor after "to" ("told a
 * press conference after meeting X" and "to be engaged on questions" are not reports of speech). */
function hasVerb(toks: readonly Token[], [a, b]: Run): boolean {
  for (let i = a; i < b; i++) {
    const t = toks[i]!;
    if (t.pos !== 'VERB' && t.pos !== 'AUX') continue;
    if (i > 0 && toks[i - 1]!.text.toLowerCase() === 'to') continue;
    // A gerund is not finite, except in headline grammar, straight after its subject ("Allies working on new plan").
    if (t.pos === 'VERB' && /ing$/i.test(t.text) && !(i > a && /^(NOUN|PROPN|PRON)$/.test(toks[i - 1]!.pos))) continue;
    return true;
  }
  return false;
}

/** A content run that goes on into a new sentence opening with a quotation mark is two reports: split it there. */
function splitAtQuotationStart(tu: TaggedUnit, [a, b]: Run): Run[] {
  const out: Run[] = [];
  let s = a;
  for (let i = a + 1; i < b; i++) {
    if (tu.unit.mark[i] === 1 && tu.unit.depth[i] === 1 && tu.unit.sent[i] !== tu.unit.sent[i - 1]) {
      out.push([s, i]);
      s = i;
    }
  }
  out.push([s, b]);
  return out;
}

/** The speaker of a cue the source tagger left alone: after an inverted cue (", said X"), the subject of the
 * sentence for a participle (", adding: …"), else the noun phrase just before the cue ("X said"). */
function ruleSource(tu: TaggedUnit, cue: Run): Run | null {
  const toks = tu.unit.tokens;
  const prev = cue[0] > 0 ? toks[cue[0] - 1]! : null;
  if (/ing$/i.test(toks[cue[0]]!.text) || (prev !== null && prev.pos === 'CCONJ')) {
    // "…, adding: …" and "Russia ignored X and said …": the subject of the sentence speaks.
    return npFrom(toks, sentenceOf(tu, cue[0])[0], 1);
  }
  if (prev && /^[,"”’]$/.test(prev.text)) {
    const after = npFrom(toks, cue[1], 1);
    if (after) return after;
  }
  return npFrom(toks, cue[0] - 1, -1);
}

function overlapsAny(sorted: readonly Run[], r: Run): boolean {
  const k = firstEndingAfter(sorted, r[0]);
  return k < sorted.length && sorted[k]![0] < r[1];
}

function firstStartingAt(qs: readonly Quote[], start: number): number {
  let lo = 0;
  let hi = qs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (qs[mid]!.content.start >= start) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Tokens searched back for the comma that opens an apposition or aside between a speaker and the cue. */
export const APPOSITION_MAX_TOKENS = 12;

/** "Tomas Berg, speaking outside his office, said" / "X, a Labour MP, said": when the source found sits in an aside
 * set off by commas just before the cue, the speaker is the name before the aside. */
function beyondApposition(tu: TaggedUnit, cue: Run, src: Run): Run {
  const toks = tu.unit.tokens;
  if (src[1] > cue[0] || cue[0] === 0 || toks[cue[0] - 1]!.text !== ',') return src;
  let k = cue[0] - 2;
  const stop = Math.max(0, cue[0] - 2 - APPOSITION_MAX_TOKENS);
  while (k > stop && toks[k]!.text !== ',' && tu.unit.sent[k] === tu.unit.sent[cue[0]]) k--;
  if (k <= stop || toks[k]!.text !== ',' || src[0] <= k - 1 && src[1] <= k) return src;
  const before = npFrom(toks, k - 1, -1);
  if (!before || !toks.slice(before[0], before[1]).some((t) => t.pos === 'PROPN')) return src;
  return before;
}

function sameSentenceOrNear(tu: TaggedUnit, a: Run, b: Run): boolean {
  const g = gap(a, b);
  return (g >= 0 && g <= CUE_NEAR_GAP) || sameSentence(tu, a, b);
}

/** Whether the run holds at least n words; stops as soon as it has found them. */
function hasWords(toks: readonly Token[], [a, b]: Run, n: number): boolean {
  for (let i = a; i < b && n > 0; i++) if (/\p{L}/u.test(toks[i]!.text)) n--;
  return n <= 0;
}

function wordCount(toks: readonly Token[], [a, b]: Run): number {
  let n = 0;
  for (let i = a; i < b; i++) if (/\p{L}/u.test(toks[i]!.text)) n++;
  return n;
}

/** True when the content run covers the paragraph but for punctuation: a paragraph that is only a quotation. */
/**
 * '“A,” Bennett told the BBC. “B. “C.”': in text whose paragraphs were joined into one, a quotation that opens the
 * sentence after the one where the previous quote ended, and fills its sentences, is the next paragraph of that quote.
 */
function quotationAfter(tu: TaggedUnit, [a, b]: Run, previousEnd: number): boolean {
  const { tokens: toks, sent, mark } = tu.unit;
  if (mark[a] !== 1 || (a > 0 && sent[a - 1] === sent[a]) || (b < toks.length && sent[b] === sent[b - 1])) return false;
  let p = a - 1;
  while (p >= 0 && toks[p]!.end > previousEnd) p--;
  return p >= 0 && sent[a]! - sent[p]! <= 1;
}

function onlyQuotation(tu: TaggedUnit, [a, b]: Run): boolean {
  const toks = tu.unit.tokens;
  for (let i = 0; i < toks.length; i++) {
    if (i >= a && i < b) continue;
    if (/[\p{L}\p{N}]/u.test(toks[i]!.text)) return false;
  }
  return tu.unit.depth[a] !== 0;
}

/**
 * "Barnier added that X": when a content span opens with a speaker and a reporting verb, the reported words are a
 * quote of their own, attributed to that speaker and reached `via` the outer quote.
 */
/** Auxiliaries that make a reporting verb passive ("was denied", "got told"). */
const PASSIVE_AUX = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'get', 'gets', 'got']);

function nested(
  outer: Quote,
  toks: readonly Token[],
  [a, b]: Run,
  lex: QuoteLexicon,
  ctx: SpeakerContext,
  make: (s: number, e: number, cue: Token[] | null, sp: Speaker, c: number) => Quote,
): void {
  if (outer.kind === 'direct') return;
  // speaker: a run of proper nouns or a pronoun at the start, then a reporting verb (with "also" etc. skipped)
  let i = a;
  while (i < b && i - a < 6 && (toks[i]!.pos === 'PROPN' || toks[i]!.pos === 'DET' || toks[i]!.pos === 'ADJ' || toks[i]!.pos === 'NOUN')) i++;
  if (i === a && i < b && lex.pronouns.has(toks[i]!.text.toLowerCase())) i++;
  if (i === a || i >= b) return;
  const speakerToks = toks.slice(a, i);
  if (!speakerToks.some((t) => t.pos === 'PROPN' || t.pos === 'PRON')) return;
  let v = i;
  if (toks[v]!.pos === 'AUX' || toks[v]!.pos === 'ADV') v++;
  if (v >= b || !lex.cueVerbs.has(toks[v]!.text.toLowerCase())) return;
  if (v > i && PASSIVE_AUX.has(toks[i]!.text.toLowerCase())) return; // "he was denied a try": not a report
  let c = v + 1;
  if (c < b && toks[c]!.text.toLowerCase() === 'that') c++;
  // "added in a statement": what follows is not the reported clause.
  if (c >= b || (c === v + 1 && toks[c]!.pos === 'ADP' && toks[c]!.text.toLowerCase() !== 'to')) return;
  const inner = make(toks[c]!.start, toks[b - 1]!.end, toks.slice(i, v + 1), resolveSpeaker(ctx, speakerToks), outer.confidence);
  inner.via = outer.id;
}
