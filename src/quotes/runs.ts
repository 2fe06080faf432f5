import type { Token } from '../pipeline/doc.js';
import type { TaggedUnit } from './tagging.js';
import { partitionPoint } from '../util/search.js';

// Token runs ([first, one past last] indices into a paragraph's tokens) and the geometry the quote rules share:
// gaps, nearest runs by binary search, sentence bounds, noun phrases, word and verb tests. Nothing here scans more
// than a bounded window or a run it is given, so the rules built on it stay linear.

export type Run = [number, number];

/** Cues this close to a content are joined to it even across a sentence boundary. */
export const CUE_NEAR_GAP = 3;
/** A marked span with fewer words than this and no cue is a title or a scare quote, not speech. */
export const MIN_SPEECH_WORDS = 4;

/** A speaker noun phrase: proper nouns, determiners, adjectives, nouns and possessives, up to SPEAKER_MAX_TOKENS. */
export const SPEAKER_MAX_TOKENS = 8;
const NP_POS = new Set(['PROPN', 'DET', 'ADJ', 'NOUN', 'PART', 'PRON', 'NUM']);

export function gap(a: Run, b: Run): number {
  if (a[1] <= b[0]) return b[0] - a[1];
  if (b[1] <= a[0]) return a[0] - b[1];
  return -1; // overlapping
}

/** Index of the first run (sorted, non-overlapping) that ends after `pos`: binary search. */
export function firstEndingAfter(runs: readonly Run[], pos: number): number {
  return partitionPoint(runs.length, (i) => runs[i]![1] > pos);
}

/** The run nearest to `to` within `maxGap` tokens (not overlapping `avoid`, passing `ok`). Runs are sorted, so only
 * the runs in the window are read: no scan of the whole paragraph. */
export function nearestRun(runs: readonly Run[], to: Run, maxGap: number, avoid?: Run, ok?: (r: Run) => boolean, prefer?: (r: Run) => boolean): Run | null {
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

export function sameSentence(tu: TaggedUnit, a: Run, b: Run): boolean {
  const sent = tu.unit.sent;
  return sent[a[0]] === sent[b[1] - 1] || sent[a[1] - 1] === sent[b[0]];
}

/** Whether one of the sorted, non-overlapping runs lies within [from, to) (binary search). */
export function hasRunWithin(runs: readonly Run[], from: number, to: number): boolean {
  let k = firstEndingAfter(runs, from);
  if (k < runs.length && runs[k]![0] < from) k++;
  return k < runs.length && runs[k]![1] <= to;
}

/** Whether one of the sorted, non-overlapping runs starts within [from, to), wherever it ends (binary search). */
export function hasRunStartingWithin(runs: readonly Run[], from: number, to: number): boolean {
  let k = firstEndingAfter(runs, from);
  if (k < runs.length && runs[k]![0] < from) k++;
  return k < runs.length && runs[k]![0] < to;
}

/** First and one-past-last token of each token's sentence, computed once per unit. */
export const sentenceBounds = new WeakMap<object, { first: Int32Array; end: Int32Array }>();

export function sentenceOf(tu: TaggedUnit, i: number): [number, number] {
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

/** Words that may open a sentence before its subject: "And she won't commit …", "Now the firm employs …". */
const SENTENCE_OPENERS = new Set(['and', 'but', 'so', 'yet', 'still', 'now', 'then']);

/** Most adverbs read over at a sentence's start before its subject ("But later, Okoro …", "However Bwalya …"). */
const SENTENCE_ADVERBS_MAX = 2;

/** Adverbs that open a subordinate clause, whose subject is not the sentence's ("When Wallace died, Clinton …"). */
const SUBORDINATING_ADVERBS = new Set(['when', 'whenever', 'where', 'wherever', 'why', 'how', 'once', 'while', 'as', 'if']);

/** A participle that may open a phrase fronted before the subject ("Speaking on his plans,", "Asked about it,"). */
const PARTICIPLE = /\p{L}(ing|ed)$/u;

/** The longest phrase read as fronted before a subject ("After three successive wins over the past fortnight,"). */
const FRONTED_PHRASE_MAX_TOKENS = 12;

/**
 * Where the subject of the sentence starting at token `first` starts, reading no further than `limit`: after a
 * conjunction or opening word ("And", "Now"), up to SENTENCE_ADVERBS_MAX sentence adverbs with or without their comma
 * ("However", "Meanwhile,"), and a fronted phrase set off by a comma: a preposition's ("On Thursday,"), a
 * participle's ("Speaking to supporters in Columbia,") or a subordinate clause ("When Wallace died in 1998,").
 */
export function subjectStart(toks: readonly Token[], first: number, limit: number): number {
  let k = first;
  while (k < limit && (toks[k]!.pos === 'CCONJ' || SENTENCE_OPENERS.has(toks[k]!.text.toLowerCase()))) k++;
  for (let n = 0; n < SENTENCE_ADVERBS_MAX && k < limit && toks[k]!.pos === 'ADV' && !SUBORDINATING_ADVERBS.has(toks[k]!.text.toLowerCase()); n++) {
    k++;
    if (k < limit && toks[k]!.text === ',') k++;
  }
  const t = toks[k];
  if (t && k < limit && (/^(ADP|SCONJ)$/.test(t.pos) || SUBORDINATING_ADVERBS.has(t.text.toLowerCase()) || (t.pos === 'VERB' && PARTICIPLE.test(t.text)))) {
    let c = k + 1;
    while (c < limit && c - k <= FRONTED_PHRASE_MAX_TOKENS && toks[c]!.text !== ',') c++;
    if (c + 1 < limit && toks[c]!.text === ',') k = c + 1;
  }
  return k;
}

/** Punctuation and conjunctions at the edges of a speaker run are not part of the mention. */
export function trimRun(toks: readonly Token[], [a, b]: Run): Token[] {
  // "The 41-year-old, who stars in Cold Harbour, told", "Tomas Berg, speaking outside": a clause after a comma says
  // something about the speaker and is not part of the mention.
  let end = b;
  while (end > a + 1 && toks[end - 1]!.text === ',') end--;
  b = end;
  for (let k = a + 1; k + 1 < end; k++) {
    if (toks[k]!.text === ',' && (/^(who|whom|whose|which)$/i.test(toks[k + 1]!.text) || toks[k + 1]!.pos === 'VERB')) {
      b = k;
      break;
    }
  }
  // "Singer Mara Quinn introduced Otis Lane, citing …": a run carried over the main verb and its object is its subject
  // (a name, then a lower-case past tense, then the object's name, article or pronoun; the tagger reads some title
  // nouns as verbs: "Reds skipper Steven Gerrard"). Not when a second subject follows ("Duff sustained an injury … and
  // manager Jose Mourinho said").
  for (let k = a + 1; k + 1 < b; k++) {
    if (toks[k]!.pos === 'VERB' && /^\p{Ll}+ed$/u.test(toks[k]!.text) && toks[k - 1]!.pos === 'PROPN' && /^(PROPN|DET|PRON)$/.test(toks[k + 1]!.pos)) {
      if (!toks.slice(k + 1, b).some((t) => /^(and|but)$/i.test(t.text))) b = k;
      break;
    }
  }
  // A run over a comma between a name and a description is the name: "Nick Bubb, an analyst at Evolution
  // Securities" is Nick Bubb, and "…leaders in the White House, Michel Barnier" is Michel Barnier. A run that opens
  // with a name keeps it over a place that ends the description ("Ann Millan, a native of San Diego, California").
  const isName = (from: number, to: number) => from < to && toks.slice(from, to).every((t) => t.pos === 'PROPN' || /^\p{P}$/u.test(t.text));
  let opening = a + 1;
  while (opening < b && toks[opening]!.text !== ',') opening++;
  const list = toks.slice(opening, b).some((t) => /^(and|or)$/i.test(t.text));
  if (opening < b && !list && isName(a, opening)) b = opening;
  for (let k = b - 1; k > a; k--) {
    if (toks[k]!.text !== ',') continue;
    // "Germany, Italy and Spain": a list goes on after its commas, and stays whole.
    if (toks.slice(k + 1, b).some((t) => /^(and|or)$/i.test(t.text))) break;
    let first = k;
    while (first > a && toks[first - 1]!.text !== ',') first--;
    if (isName(first, k)) [a, b] = [first, k];
    else if (isName(k + 1, b)) a = k + 1;
    break;
  }
  while (a < b && /^\p{P}+$/u.test(toks[a]!.text)) a++;
  // Trailing punctuation goes, but not a per cent sign written against its number ("70% said").
  while (b > a && /^\p{P}+$/u.test(toks[b - 1]!.text) && !closesBracket(toks, a, b - 1) && !(toks[b - 1]!.text === '%' && toks[b - 2]?.end === toks[b - 1]!.start)) b--;
  return toks.slice(a, b);
}

/** "Gov. Mike Pence (R-IN)": a closing bracket whose opening one is in the run stays with the mention. */
export function closesBracket(toks: readonly Token[], a: number, k: number): boolean {
  if (toks[k]!.text !== ')') return false;
  for (let i = k - 1; i >= a; i--) if (toks[i]!.text === '(') return true;
  return false;
}

/** A word in capitals, two letters or more ("EFF", "NHS"): a name, whatever the tagger read it as ("said EFF/VERB lawyer
 * Kurt Opsahl"). */
const ACRONYM = /^\p{Lu}{2,}$/u;

/** Whether token j is a hyphen inside a word ("22-year-old", "vice-chairman", "think-tank": no space either side). */
export function inWordHyphen(toks: readonly Token[], j: number): boolean {
  const h = toks[j];
  return h !== undefined && h.text === '-' && j > 0 && j + 1 < toks.length && toks[j - 1]!.end === h.start && h.end === toks[j + 1]!.start;
}

/** The noun phrase starting at `i` going right (dir 1) or ending at `i` going left (dir -1), with a name or a noun. */
export function npFrom(toks: readonly Token[], i: number, dir: 1 | -1): Run | null {
  let k = i;
  // A hyphen inside a word or after a noun joins the phrase.
  const inNp = (j: number) =>
    NP_POS.has(toks[j]!.pos) || ACRONYM.test(toks[j]!.text) ||
    (toks[j]!.text === '-' && j > 0 && j + 1 < toks.length && (toks[j - 1]!.pos === 'NOUN' || inWordHyphen(toks, j)));
  while (k >= 0 && k < toks.length && Math.abs(k - i) < SPEAKER_MAX_TOKENS && inNp(k)) k += dir;
  const [a, b] = dir === 1 ? [i, k] : [k + 1, i + 1];
  if (b <= a) return null;
  if (!toks.slice(a, b).some((t) => t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'PRON')) return null;
  return [a, b];
}

/** "said by telephone", "told by email": a bare singular common noun after "by" is the means of speaking, not the agent
 * of a passive (who is named or has an article: "described by the mayor", "by officials"). */
export function meansAfterBy(toks: readonly Token[], i: number): boolean {
  const t = toks[i];
  if (t === undefined || t.pos !== 'NOUN' || !/^\p{Ll}/u.test(t.text) || /s$/.test(t.text)) return false;
  const next = toks[i + 1];
  return next === undefined || (next.pos !== 'NOUN' && next.pos !== 'PROPN');
}

/** Whether token i is a finite verb of a run starting at a: a verb or auxiliary that is neither a gerund nor after
 * "to" ("told a press conference after meeting X" and "to be engaged on questions" are not reports of speech). */
export function finiteVerbAt(toks: readonly Token[], i: number, a: number): boolean {
  const t = toks[i]!;
  if (t.pos !== 'VERB' && t.pos !== 'AUX') return false;
  if (i > 0 && toks[i - 1]!.text.toLowerCase() === 'to') return false;
  // A gerund is not finite, except in headline grammar, straight after its subject ("Allies working on new plan"); after
  // a possessive it is part of a noun phrase ("his starting line-up", "her handling of the crisis").
  const prev = i > a ? toks[i - 1]! : null;
  const subjectBefore = prev !== null && /^(NOUN|PROPN|PRON)$/.test(prev.pos) && !POSSESSIVE_DETERMINERS.has(prev.text.toLowerCase());
  return !(t.pos === 'VERB' && /ing$/i.test(t.text) && !subjectBefore);
}

/** A reported clause has a finite verb. */
export function hasVerb(toks: readonly Token[], [a, b]: Run): boolean {
  for (let i = a; i < b; i++) if (finiteVerbAt(toks, i, a)) return true;
  return false;
}

/** Besides SUBORDINATORS and conjunctions, words and marks between two verb groups that join clauses or open one
 * inside a phrase ("what he did was wrong", "the plan, which …", "as", "than"). */
const CLAUSE_JOINERS = /^(where|why|how|what|that|as|since|so|than|[,;:()\u2014\u2013-])$/i;

/**
 * "Republicans who agree that the prison should be closed were irritated …": in what a cue inside a restrictive
 * relative clause reports, a finite verb after a complete verb group that an auxiliary opened ("should be closed",
 * "is fragile"), with no word joining them and no subject of its own before it, is the verb of the sentence the
 * relative clause sits in. Its index, or -1. Only a group an auxiliary opens counts: a participle after a noun
 * ("people injured in the blast were taken") may be a reduced relative clause in the reported subject.
 */
export function mainClauseVerbIn(toks: readonly Token[], [a, b]: Run): number {
  let opened = false;
  let complete = false;
  // The "that" that introduces the reported clause is not a joiner inside it.
  for (let i = toks[a]?.text.toLowerCase() === 'that' ? a + 1 : a; i < b; i++) {
    const t = toks[i]!;
    if (CLAUSE_JOINERS.test(t.text) || SUBORDINATORS.has(t.text.toLowerCase()) || t.pos === 'CCONJ' || t.pos === 'SCONJ') return -1;
    const verb = t.pos === 'VERB' || t.pos === 'AUX';
    if (!opened) {
      opened = t.pos === 'AUX' && finiteVerbAt(toks, i, a);
    } else if (!complete) {
      // The group ends with its main verb or with the predicate after the auxiliary ("is fragile", "was a loss").
      complete = t.pos === 'VERB' || (!verb && t.pos !== 'ADV' && t.pos !== 'PART');
    } else if (verb && finiteVerbAt(toks, i, a)) {
      // After a noun it may have a subject of its own: not read further.
      return /^(NOUN|PROPN|PRON|NUM)$/.test(toks[i - 1]!.pos) ? -1 : i;
    }
  }
  return -1;
}

/** Words that open a clause inside a noun phrase, or a subordinate clause. */
const SUBORDINATORS = new Set(['which', 'who', 'whom', 'whose', 'if', 'whether', 'because', 'while', 'when']);
/** Words that are prepositions as often ("since November", "before exceptional items"): a clause when a pronoun or
 * a determiner follows ("before he was scheduled"). */
const TEMPORAL_SUBORDINATORS = new Set(['before', 'after', 'since', 'until', 'when', 'where']);

function opensInnerClause(toks: readonly Token[], i: number): boolean {
  const w = toks[i]!.text.toLowerCase();
  if (SUBORDINATORS.has(w)) return true;
  const next = toks[i + 1];
  if (TEMPORAL_SUBORDINATORS.has(w)) return !!next && (next.pos === 'PRON' || next.pos === 'DET');
  // A relative "that" after a noun ("a system that transmits"), not the complementiser ("a week later that it had").
  return w === 'that' && toks[i - 1]!.pos === 'NOUN';
}

/** Possessives that open a noun phrase ("announced his engagement"); a clause would open with "he" ("her" opens both:
 * "said her mother was ill" has its main verb, which keeps it a clause). */
export const POSSESSIVE_DETERMINERS = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);

/**
 * "reveal [pricing for the box or if it will charge]", "recalls [the accident which occurred days before he was
 * due]": a run that opens with a noun phrase and whose every finite verb is inside a clause opened within it (a
 * relative or a subordinate clause) is the object of its verb, not a reported clause. A main verb after the inner
 * clause makes it one ("the waves which killed 30,000 people also washed away …"). The inner clause ends after its
 * verb group, or at the comma or dash that closes an aside ("Hill, who had been ill, co-wrote …").
 */
export function nounPhraseObject(toks: readonly Token[], [a, b]: Run): boolean {
  const first = toks[a]!;
  if (!/^(DET|NOUN|ADJ|PROPN|NUM)$/.test(first.pos) && !(first.pos === 'PRON' && POSSESSIVE_DETERMINERS.has(first.text.toLowerCase()))) return false;
  let inner = false;
  let inVerbGroup = false;
  let innerClauses = 0;
  for (let i = a; i < b; i++) {
    const t = toks[i]!;
    if (i > a && opensInnerClause(toks, i)) {
      inner = true;
      inVerbGroup = false;
      innerClauses++;
    } else if (finiteVerbAt(toks, i, a) || (inVerbGroup && /^(VERB|AUX|ADV|PART)$/.test(t.pos))) {
      if (!inner && !inVerbGroup) return false;
      inVerbGroup = true;
    } else if (inVerbGroup || /^[,–—-]$/.test(t.text)) {
      inVerbGroup = false;
      inner = false;
    }
  }
  // With no clause inside it, a run without a verb is hasVerb's to judge (a tagger may read "surveys point to" as nouns).
  return innerClauses > 0;
}

export function overlapsAny(sorted: readonly Run[], r: Run): boolean {
  const k = firstEndingAfter(sorted, r[0]);
  return k < sorted.length && sorted[k]![0] < r[1];
}

export function sameSentenceOrNear(tu: TaggedUnit, a: Run, b: Run): boolean {
  const g = gap(a, b);
  return (g >= 0 && g <= CUE_NEAR_GAP) || sameSentence(tu, a, b);
}

/** Whether the run holds at least n words; stops as soon as it has found them. */
export function hasWords(toks: readonly Token[], [a, b]: Run, n: number): boolean {
  for (let i = a; i < b && n > 0; i++) if (/\p{L}/u.test(toks[i]!.text)) n--;
  return n <= 0;
}

/** Auxiliaries that make a reporting verb passive ("was denied", "got told"). */
export const PASSIVE_AUX = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'get', 'gets', 'got']);
