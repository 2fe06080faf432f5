// Pronoun and role-noun coreference, enough for speakers and actors: "he said", "the official said". The antecedent is
// the nearest compatible mention, preferring the subject of the nearest sentence that has one (the first mention of
// a sentence, outside quotes, not after a preposition and not a possessive); mentions inside quotes are skipped. The
// search looks back a bounded number of mentions and characters, so it is linear in the document.
import type { Token } from '../pipeline/doc.js';
import { lexicon } from './data.js';
import type { DocEntity, DocMention } from './resolve.js';
import { inRanges } from './scope.js';
import { ASIDE_RELATIVE_PRONOUNS, askedOpensSentence, nextWord, opensSentence, possessiveAfter, prevWord, tokenIndexAt } from './tokens.js';
import { partitionPoint } from '../util/search.js';

/** How far back an antecedent may be: several paragraphs of a news text. */
export const MAX_ANTECEDENT_CHARS = 3000;
/** At most this many earlier mentions are looked at for one pronoun, whatever the text. */
export const MAX_ANTECEDENT_MENTIONS = 40;
/** "it" and "they" resolve only to a subject this many sentences back at most: beyond, they are too often not entities. */
export const MAX_SENTENCES_FOR_IT = 2;

export interface Anchor {
  entity: DocEntity;
  mention: DocMention;
  sentence: number;
  subject: boolean;
}

export interface CorefResult {
  entity: DocEntity;
  reason: string;
  /** Where the antecedent's mention starts. */
  start: number;
}

/** Mentions sorted by position with what salience needs, built once per document. */
export function anchors(entities: DocEntity[], tokens: readonly Token[], quotes: Array<[number, number]>): Anchor[] {
  const out: Anchor[] = [];
  for (const e of entities) {
    if (e.type === 'MISC') continue;
    for (const m of e.mentions) {
      if (m.kind === 'pronoun' || inRanges(quotes, m.start, m.end)) continue;
      const ti = tokenIndexAt(tokens, m.start);
      out.push({ entity: e, mention: m, sentence: tokens[ti]?.sentence ?? -1, subject: false });
    }
  }
  out.sort((a, b) => a.mention.start - b.mention.start);
  const reported = afterSpeechVerb(tokens);
  const asked = inOpeningQuestion(tokens);
  const { reportingVerbs } = lexicon();
  // A mention is a subject when it opens its sentence or line, or a verb follows it directly ("Ukraine is working"),
  // and nothing marks it as a complement (a preposition before, a possessive after). The subject of a reported clause
  // is not the sentence's ("Dev Sharma said Pryce had taught him …": the sentence is about Dev Sharma).
  let lastSentence = -2;
  for (const a of out) {
    const first = a.sentence !== lastSentence;
    lastSentence = a.sentence;
    const ti = tokenIndexAt(tokens, a.mention.start);
    const prev = prevWord(tokens, ti);
    const endTi = Math.max(ti, tokenIndexAt(tokens, a.mention.end - 1));
    // An adverb may stand between a subject and its verb ("Brenda Johnson also railed", "Mr Lee then told").
    let after = endTi + 1;
    while (after < tokens.length && after - endTi <= ADVERBS_BEFORE_VERB_MAX && tokens[after]!.pos === 'ADV' && tokens[after]!.sentence === a.sentence) after++;
    const next = tokens[after]?.pos === 'VERB' || tokens[after]?.pos === 'AUX' ? tokens[after] : tokens[endTi + 1];
    // The preposition may stand before an article: "for people in the UK using …".
    const governor = prev && prev.pos === 'DET' ? prevWord(tokens, tokens.indexOf(prev, Math.max(0, ti - 3))) : prev;
    // A passive's agent ("opposed by the Liberal Democrats") is who acts: not a complement.
    const complement = (governor && governor.pos === 'ADP' && governor.sentence === a.sentence && governor.text.toLowerCase() !== 'by') || possessiveAfter(tokens, endTi);
    // "… asked the court to stop Apple pursuing the sources": a name between a verb and a participle is that verb's
    // object (the participle's subject inside it), not the sentence's subject.
    const objectOfVerb = !!prev && prev.pos === 'VERB' && !!next && next.pos === 'VERB' && /ing$/i.test(next.text);
    // Nor is the subject of a clause right after a reporting verb ("Ferguson believes Henry deliberately caught …") or
    // of a clause of time, cause or condition ("… bleak when Barack Obama first took office").
    const reportedSubject = !!prev && ((prev.pos === 'VERB' && reportingVerbs.has(prev.text.toLowerCase())) || SUBORDINATORS.has(prev.text.toLowerCase()));
    const verbAfter = !!next && (next.pos === 'VERB' || next.pos === 'AUX') && !objectOfVerb && !reportedSubject;
    const verbBeyond = !verbAfter && reported[ti] === 0 && verbAfterAside(tokens, ti, endTi, a.entity.type);
    a.subject = (!complement && asked[ti] === 0 && (first || opensSentence(tokens, ti) || ((verbAfter || verbBeyond) && reported[ti] === 0 && !inRelativeAside(tokens, ti)))) || invertedSpeaker(tokens, ti, endTi);
  }
  return out;
}

/** Conjunctions that open a subordinate clause, whose subject is not the sentence's. */
const SUBORDINATORS = new Set(['when', 'while', 'because', 'if', 'after', 'before', 'since', 'although', 'though', 'until', 'whereas', 'unless', 'once']);

/** Adverbs read over between a subject and its verb. */
const ADVERBS_BEFORE_VERB_MAX = 2;

/** Words read back from a mention to the comma that may open a relative clause around it. */
const RELATIVE_ASIDE_MAX_TOKENS = 20;

/** "Irons, whose film Being Julia is in competition, said he …": a name inside a relative clause set off by a comma
 * is that clause's subject, not the sentence's. */
function inRelativeAside(tokens: readonly Token[], ti: number): boolean {
  const sentence = tokens[ti]!.sentence;
  for (let k = ti - 1; k > 0 && ti - k <= RELATIVE_ASIDE_MAX_TOKENS && tokens[k]!.sentence === sentence; k--) {
    if (tokens[k]!.text !== ',') continue;
    const after = nextWord(tokens, k);
    return after !== undefined && ASIDE_RELATIVE_PRONOUNS.has(after.text.toLowerCase());
  }
  return false;
}

/** Words read forward over a relative clause after a name to the verb it interrupts. */
const ASIDE_TO_VERB_MAX_TOKENS = 30;

/**
 * The verb a name is the subject of comes after an aside: "UKIP's leader, Roger Knapman, has said …" (the name set off
 * by commas after its role), "Former Manfred Mann singer Paul Jones, who sang on …, said …" (a relative clause). The
 * verb is the first word after a comma within ASIDE_TO_VERB_MAX_TOKENS.
 */
function verbAfterAside(tokens: readonly Token[], ti: number, endTi: number, type: string): boolean {
  const comma = nextWord(tokens, endTi);
  if (!comma || comma.text !== ',' || comma.sentence !== tokens[ti]!.sentence) return false;
  const k = tokens.indexOf(comma, endTi + 1);
  const after = nextWord(tokens, k);
  if (!after) return false;
  // A place between commas is part of an address ("Michael Brown of Washington, D.C., explained").
  if (prevWord(tokens, ti)?.text === ',' && (after.pos === 'VERB' || after.pos === 'AUX')) return type !== 'PLACE' && afterNounPhrase(tokens, ti);
  if (!ASIDE_RELATIVE_PRONOUNS.has(after.text.toLowerCase())) return false;
  for (let j = k + 2; j < tokens.length && j - k <= ASIDE_TO_VERB_MAX_TOKENS && tokens[j]!.sentence === comma.sentence; j++) {
    if (tokens[j]!.text !== ',') continue;
    const v = nextWord(tokens, j);
    if (v && (v.pos === 'VERB' || v.pos === 'AUX')) return true;
  }
  return false;
}

/** Whether the words between token ti and the comma or sentence start before the comma before it are a noun phrase,
 * with no verb ("UKIP's leader, Roger Knapman", "After the results were in, Sanders's campaign manager, Jeff Weaver";
 * not "who served under Mr Bush's father, George Bush"). Read back at most ASIDE_TO_VERB_MAX_TOKENS. */
function afterNounPhrase(tokens: readonly Token[], ti: number): boolean {
  const comma = tokens.lastIndexOf(prevWord(tokens, ti)!, ti);
  const sentence = tokens[ti]!.sentence;
  for (let k = comma - 1; k >= 0 && tokens[k]!.sentence === sentence && tokens[k]!.text !== ','; k--) {
    if (comma - k > ASIDE_TO_VERB_MAX_TOKENS || tokens[k]!.pos === 'VERB' || tokens[k]!.pos === 'AUX') return false;
  }
  return true;
}

/** Title words read back over between an inverted speech verb and the name ("said Everton spokesman Ian Ross"). */
const INVERTED_TITLE_MAX_TOKENS = 5;

/**
 * '“He was shaken,” said Everton spokesman Ian Ross.': the name after an inverted speech verb, which follows a
 * quotation or a comma and ends its clause, is the subject of "said" (and "He added" next refers to it).
 */
function invertedSpeaker(tokens: readonly Token[], ti: number, endTi: number): boolean {
  const next = tokens[endTi + 1];
  if (next && next.sentence === tokens[ti]!.sentence && !/^[.,;!?]$/.test(next.text)) return false;
  const verbs = lexicon().speechVerbs;
  let v = ti - 1;
  while (v >= 0 && ti - v <= INVERTED_TITLE_MAX_TOKENS && /^(NOUN|PROPN|ADJ|DET)$/.test(tokens[v]!.pos) && !verbs.has(tokens[v]!.text.toLowerCase())) v--;
  if (v < 1 || !verbs.has(tokens[v]!.text.toLowerCase())) return false;
  return /^[,”"’']$/.test(tokens[v - 1]!.text);
}

/** For each token, 1 when a speech verb ("said", "told") or a reporting verb before "that" ("revealed that",
 * "admitted that") comes before it in its sentence: it is in a reported clause. Not every reporting verb alone: "was
 * criticised for …", "attacked the singer", "Asked whether …" open no clause whose subject is not the sentence's. */
function afterSpeechVerb(tokens: readonly Token[]): Uint8Array {
  const out = new Uint8Array(tokens.length);
  const { speechVerbs, reportingVerbs } = lexicon();
  let seen = false;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && tokens[i]!.sentence !== tokens[i - 1]!.sentence) seen = false;
    if (seen) out[i] = 1;
    const w = tokens[i]!.text.toLowerCase();
    if (speechVerbs.has(w) || (tokens[i]!.pos === 'VERB' && reportingVerbs.has(w) && nextWord(tokens, i)?.text.toLowerCase() === 'that')) seen = true;
  }
  return out;
}

/**
 * For each token, 1 inside a question clause that opens its sentence and ends at a comma: "Asked if Mr Blunkett
 * could return, he replied …". Whom the question names is not the sentence's subject: the person asked is. Each
 * sentence is read once up to its first comma: linear.
 */
function inOpeningQuestion(tokens: readonly Token[]): Uint8Array {
  const out = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && tokens[i - 1]!.sentence === tokens[i]!.sentence) continue;
    const j = askedOpensSentence(tokens, i) ? i : askedOpensSentence(tokens, i + 1) ? i + 1 : -1;
    if (j < 0) continue;
    // Only up to a comma: without one ("Asked if this was a strategy Lord Rennard said …") where the question ends is
    // not known, and the sentence's subject may be inside the span.
    let comma = j;
    while (comma < tokens.length && tokens[comma]!.sentence === tokens[i]!.sentence && tokens[comma]!.text !== ',') comma++;
    if (comma < tokens.length && tokens[comma]!.text === ',') out.fill(1, j, comma);
  }
  return out;
}

/** Index of the last anchor starting before `offset` (binary search), or -1. */
function lastBefore(list: Anchor[], offset: number): number {
  return partitionPoint(list.length, (i) => list[i]!.mention.start >= offset) - 1;
}

/**
 * The antecedent of the pronoun or role noun at token `ti`: `accept` says which entities fit. The subject of the
 * nearest sentence with a fitting subject wins; else the nearest fitting mention.
 */
export function findAntecedent(
  list: Anchor[],
  tokens: readonly Token[],
  ti: number,
  accept: (e: DocEntity) => boolean,
  subjectsOnly = false,
  maxSentences = Infinity,
): CorefResult | null {
  const at = tokens[ti]!;
  let fallback: Anchor | null = null;
  let looked = 0;
  for (let k = lastBefore(list, at.start); k >= 0 && looked < MAX_ANTECEDENT_MENTIONS; k--, looked++) {
    const a = list[k]!;
    if (at.start - a.mention.start > MAX_ANTECEDENT_CHARS) break;
    if (at.sentence - a.sentence > maxSentences) break;
    if (!accept(a.entity)) continue;
    if (a.subject) return { entity: a.entity, reason: describe(a, at, 'subject'), start: a.mention.start };
    if (!fallback) fallback = a;
  }
  if (fallback && !subjectsOnly) return { entity: fallback.entity, reason: describe(fallback, at, 'nearest'), start: fallback.mention.start };
  return null;
}

function describe(a: Anchor, at: Token, how: 'subject' | 'nearest'): string {
  const d = at.sentence - a.sentence;
  const where = d <= 0 ? 'same sentence' : d === 1 ? 'previous sentence' : `${d} sentences back`;
  const what = how === 'subject' ? 'subject' : 'nearest compatible mention';
  return `"${at.text}" → ${what} "${a.mention.candidate ? a.entity.name : a.entity.description ?? a.entity.name}" (${where})`;
}

/** Tokens read back from "they" for a group that is its nearer antecedent. */
const GROUP_SUBJECT_MAX_TOKENS = 60;
/** Words read back over from a noun (determiners, adjectives, numbers) to the preposition that may govern it. */
const GOVERNOR_MAX_TOKENS = 3;

/**
 * Where the nearest group of people that is a subject starts, before token ti, in its sentence or the one before (-1
 * if none): a plural noun that names people (data/entities/person-nouns.txt) with a verb right after it ("campaigners
 * handed in a petition, and they say …", "Business leaders were worried …; they …"), not governed by a preposition
 * ("to draw in the crowds"). "they" then stands for that group, not for a name further back (the entity layer links
 * only names). Not "its shares rose …, and they": shares name no people.
 */
export function groupSubjectBefore(tokens: readonly Token[], ti: number): number {
  const sentence = tokens[ti]!.sentence;
  const people = lexicon().personNouns;
  for (let k = ti - 1; k >= 0 && ti - k <= GROUP_SUBJECT_MAX_TOKENS && sentence - tokens[k]!.sentence <= 1; k--) {
    const t = tokens[k]!;
    if (t.pos !== 'NOUN' || /^\p{Lu}{2,}/u.test(t.text) || !peopleNoun(t.text.toLowerCase(), people)) continue;
    const next = tokens[k + 1];
    if (!next || (next.pos !== 'VERB' && next.pos !== 'AUX') || /ing$/i.test(next.text)) continue;
    let g = k - 1;
    while (g >= 0 && k - g <= GOVERNOR_MAX_TOKENS && /^(DET|ADJ|NUM)$/.test(tokens[g]!.pos)) g--;
    if ((g >= 0 && tokens[g]!.pos === 'ADP') || inReportedClause(tokens, k)) continue;
    return t.start;
  }
  return -1;
}

/** Whether token k is in a clause reported by a speech verb before it in its sentence ("Analysts say that hiring and
 * firing staff is …", "claimed staff took photographs"), or by "that" after a verb or adjective: its subject is not
 * the sentence's. Read back at most GROUP_SUBJECT_MAX_TOKENS. */
function inReportedClause(tokens: readonly Token[], k: number): boolean {
  const { speechVerbs, reportingVerbs } = lexicon();
  const sentence = tokens[k]!.sentence;
  for (let j = k - 1; j >= 0 && k - j <= GROUP_SUBJECT_MAX_TOKENS && tokens[j]!.sentence === sentence; j--) {
    const w = tokens[j]!.text.toLowerCase();
    if (speechVerbs.has(w) || (tokens[j]!.pos === 'VERB' && reportingVerbs.has(w))) return true;
    // "People briefed on the plan were adamant that Mr Trump's children would …": a clause after "that" following a
    // verb or an adjective is reported or thought.
    if (w === 'that' && j > 0 && /^(VERB|AUX|ADJ)$/.test(tokens[j - 1]!.pos)) return true;
  }
  return false;
}

/** The words of the group whose noun starts at token k, read back over its modifiers ("two Japanese companies",
 * "Mr Trump's allies", "other business leaders"): determiners (not "that"), adjectives, numbers, nouns, names and
 * possessive endings, at most GROUP_WORDS_MAX; not over a name that is none, such as a day or a month
 * (data/entities/not-names.txt: "On Tuesday campaigners handed in …"). */
export function groupPhraseAt(tokens: readonly Token[], k: number): [number, number] {
  const { notNames } = lexicon();
  let a = k;
  while (a > 0 && k - a < GROUP_WORDS_MAX) {
    const t = tokens[a - 1]!;
    const ok = /^(ADJ|NUM|NOUN|PROPN)$/.test(t.pos) || (t.pos === 'DET' && !/^(that|which)$/i.test(t.text)) || (t.pos === 'PRON' && /^(his|her|its|their|our)$/i.test(t.text)) || (t.pos === 'PART' && /^['’]s?$/.test(t.text));
    if (!ok || /ing$/i.test(t.text) || (t.pos === 'PROPN' && notNames.has(t.text.toLowerCase()))) break;
    a--;
  }
  return [a, k + 1];
}

/** Most words of a group's phrase before its noun. */
const GROUP_WORDS_MAX = 5;

/** Nouns for people that are plural without an -s ("people", "police", "spokesmen"): read with person-nouns.txt. */
const UNMARKED_PLURALS = /^(people|police|staff|folk|children|\p{L}*men)$/u;

/** Whether a lower-case plural noun names people: "campaigners", "companies", "businessmen", "people", "police". */
function peopleNoun(w: string, people: ReadonlySet<string>): boolean {
  if (UNMARKED_PLURALS.test(w)) return people.has(w);
  if (!w.endsWith('s') || w.endsWith('ss')) return false;
  return people.has(w.slice(0, -1)) || (w.endsWith('es') && people.has(w.slice(0, -2))) || (w.endsWith('ies') && people.has(`${w.slice(0, -3)}y`));
}

/** Which entities a pronoun may refer to. */
export function pronounAccepts(word: string): ((e: DocEntity) => boolean) | null {
  const info = lexicon().pronouns.get(word.toLowerCase());
  if (!info) return null;
  return (e) => info.types.includes(e.type) && (!info.gender || !e.gender || e.gender === info.gender) && !isDemonym(e);
}

function isDemonym(e: DocEntity): boolean {
  return e.entry?.role === 'demonym';
}

/** The genders of the pronouns linked to each entity so far in a document, read in order. */
export class PronounGenders {
  private readonly counts = new Map<DocEntity, { m: number; f: number }>();

  add(e: DocEntity, gender: 'm' | 'f' | null): void {
    if (!gender) return;
    const c = this.counts.get(e) ?? { m: 0, f: 0 };
    c[gender]++;
    this.counts.set(e, c);
  }

  /** Whether the entity was only ever given pronouns of the other gender than `gender`. */
  contradicts(e: DocEntity, gender: 'm' | 'f' | null): boolean {
    const c = gender ? this.counts.get(e) : undefined;
    if (!c || !gender) return false;
    const other = gender === 'm' ? c.f : c.m;
    return other > 0 && c[gender] === 0;
  }
}
