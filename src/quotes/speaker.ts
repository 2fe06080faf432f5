import type { Entity, EntityType, Span, Speaker } from '../model/record.js';
import { span } from '../model/span.js';
import type { Token } from '../pipeline/doc.js';
import type { QuoteLexicon } from './lexicon.js';
import { partitionPoint } from '../util/search.js';
import { givenNameGender, lexicon as entityLexicon } from '../entities/data.js';
import { ASIDE_RELATIVE_PRONOUNS } from '../entities/tokens.js';

// Who a speaker mention stands for. Until the entity layer fills record.entities this resolves names itself: a name is
// the last run of capitalised proper nouns in the mention; a pronoun or a definite role noun ("the official") takes
// the speaker of the nearest earlier quote that fits; an indefinite or unnamed source noun is anonymous.

export interface SpeakerContext {
  text: string;
  entities: readonly Entity[];
  lex: QuoteLexicon;
  /** Speakers of the quotes already read in this document, most recent last. */
  history: Speaker[];
  /** The document's persons and organisations, each indexed when first asked for (typeIndex). */
  byType?: Map<EntityType, TypeIndex>;
  /** The document's entity mentions by start, indexed when a speaker phrase first asks (mentionIndex). */
  mentions?: MentionIndex;
  /** Persons' genders by entity id, as genderOf read them, and the entities by id. */
  genders?: Map<string, 'm' | 'f' | null>;
  byId?: Map<string, Entity>;
  /** Whether a text offset lies outside every quotation: "I" and "we" there are the writer's. Absent: not known. */
  outsideQuotations?: (offset: number) => boolean;
  /** The writer, when the byline names one person: whom "I" outside quotations stands for. */
  writer?: string | null;
  /** The person entity of the writer's name, looked up once (writerSpeaker). */
  writerEntity?: Entity | null;
  /** The tokens of the group a "they" at this offset stands for, when a plural noun that is a subject comes shortly
   * before it ("campaigners handed in a petition, and they say …"; src/entities/coref.ts groupSubjectBefore), or
   * null. Absent: not known. */
  groupBefore?: (at: number) => readonly Token[] | null;
}

/** Tokens that open an apposition or aside after a name: "Bennett, a fly-half", "Rep. Gwen Moore (D-Wis.)",
 * "Lord Bingham - a senior law lord". */
const ASIDE_OPENERS = new Set([',', '(', '-', '–', '—', '―']);

/** Words that open an indefinite mention: "a Western official", "an aide", "sources close to". */
const INDEFINITE = new Set(['a', 'an', 'one', 'some', 'several', 'two', 'three', 'other', 'another']);
/** Words before a head that make it a particular, known one ("the spokesman", "his aide"). */
const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those', 'his', 'her', 'its', 'their', 'our', 'my', 'your']);
/** Words that say a source is not named. */
const UNNAMED = new Set(['unidentified', 'unnamed', 'anonymous']);
/** Heads that name an unnamed source by its standing alone ("the source", "the official"): the anonymous speaker
 * before them may be who they are ("a person familiar with the talks … the official said"). Not a role of its own:
 * "the minister" or "the general" after "a venue spokesman" is someone else. */
const GENERIC_SOURCE_HEADS = new Set(['source', 'sources', 'insider', 'insiders', 'official', 'officials']);
/** Heads that are unnamed whatever their article: "the source said". */
const ALWAYS_UNNAMED = new Set(['source', 'sources', 'insider', 'insiders']);
/** Speaker names carried over by a pronoun only from this many earlier quotes: beyond that, a guess. */
export const PRONOUN_LOOKBACK = 6;

/** A name written like a proper noun: capitalised, or a brand in lower camel case ("eBay", "iTunes"). */
const NAME_WORD = /^(\p{Lu}|\p{Ll}+\p{Lu})/u;

function nameOf(tokens: readonly Token[], particles: Set<string>): string | null {
  let best: [number, number] | null = null;
  let s = -1;
  const capitalName = (t: Token | undefined) => t !== undefined && t.pos === 'PROPN' && NAME_WORD.test(t.text);
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    const isName = capitalName(t) || (s >= 0 && t !== undefined && particles.has(t.text) && capitalName(tokens[i + 1]));
    if (isName && s < 0) s = i;
    if (!isName && s >= 0) {
      best = [s, i]; // the last run wins: "France's foreign minister Michel Barnier"
      s = -1;
    }
  }
  if (!best) return null;
  const [a, b] = best;
  // Only a name that ends the mention is the speaker's ("French foreign minister Michel Barnier"); a name before the
  // head noun is a modifier ("Russia's defence ministry", "the Ukrainian president").
  if (b !== tokens.length) return null;
  let name = '';
  for (let i = a; i < b; i++) name += (i > a ? ' ' : '') + tokens[i]!.text;
  return name.replace(/^(Mr|Mrs|Ms|Dr)\.? /, '');
}

/** The document's entity mentions sorted by start, with the longest mention's length: every mention overlapping
 * [from, to) starts in [from - longest, to), found by binary search, so a look-up reads only the mentions near the
 * speaker phrase, not the whole document's. */
interface MentionIndex {
  starts: number[];
  ends: number[];
  entities: Entity[];
  longest: number;
}

function mentionIndex(ctx: SpeakerContext): MentionIndex {
  if (!ctx.mentions) {
    const all = ctx.entities.flatMap((e) => e.mentions.map((m) => [m.span.start, m.span.end, e] as const)).sort((x, y) => x[0] - y[0]);
    ctx.mentions = {
      starts: all.map((m) => m[0]),
      ends: all.map((m) => m[1]),
      entities: all.map((m) => m[2]),
      longest: all.reduce((n, m) => Math.max(n, m[1] - m[0]), 0),
    };
  }
  return ctx.mentions;
}

/** Calls visit(start, end, entity) for each mention that may overlap [from, to), in order of start. */
function mentionsNear(ctx: SpeakerContext, from: number, to: number, visit: (start: number, end: number, e: Entity) => void): void {
  const { starts, ends, entities, longest } = mentionIndex(ctx);
  for (let k = partitionPoint(starts.length, (i) => starts[i]! >= from - longest); k < starts.length && starts[k]! < to; k++) visit(starts[k]!, ends[k]!, entities[k]!);
}

/** The entity the mention names: of the entity mentions that reach its last token, the one that ends last (the
 * head: "France's foreign minister Michel Barnier" is Barnier), the longest on a tie. A name before the head noun is
 * a modifier, not the speaker: "the Lib Dem leader" is not the Lib Dems, "the US company" not the United States (see
 * voicedEntity for "a UKIP spokesman"). */
function entityAt(ctx: SpeakerContext, start: number, lastStart: number, end: number): Entity | null {
  let best: Entity | null = null;
  let bestEnd = -1;
  let bestLen = -1;
  mentionsNear(ctx, lastStart, end, (ms, me, e) => {
    if (!(ms < end && me > lastStart && me > start)) return;
    const len = me - ms;
    if (me > bestEnd || (me === bestEnd && len > bestLen)) {
      best = e;
      bestEnd = me;
      bestLen = len;
    }
  });
  return best;
}

/** The named person one of whose mentions (a name, or a pronoun the entity layer linked to them) covers the characters
 * [start, end), or null. */
export function namedPersonAt(ctx: SpeakerContext, start: number, end: number): Entity | null {
  let found: Entity | null = null;
  mentionsNear(ctx, start, end, (ms, me, e) => {
    if (!found && ms <= start && me >= end && e.type === 'PERSON' && e.named) found = e;
  });
  return found;
}

/** Whether a named person (other than the entity `except`) is mentioned within [start, end). */
export function namesPerson(ctx: SpeakerContext, start: number, end: number, except: string | null = null): boolean {
  let found = false;
  mentionsNear(ctx, start, end, (ms, me, e) => {
    if (!found && ms >= start && me <= end && e.type === 'PERSON' && e.named && e.id !== except) found = true;
  });
  return found;
}

/** Whom a mention holding a voice noun speaks for ("a UKIP spokesman", "His spokesman", "a poll for the News of the
 * World"): the last named entity inside it. */
function voicedEntity(ctx: SpeakerContext, start: number, end: number): Entity | null {
  let best: Entity | null = null;
  let bestEnd = -1;
  mentionsNear(ctx, start, end, (ms, me, e) => {
    // A demonym ("the Indonesian government") is a MISC entity, not the country that speaks.
    if (!e.named || e.type === 'MISC') return;
    if (ms >= start && me <= end && me > bestEnd && !modifiesNoun(ctx, ms, me, end)) {
      best = e;
      bestEnd = me;
    }
  });
  return best;
}

/** Whether a name (the mention [from, at), inside a speaker phrase ending at `end`) only qualifies a common noun that
 * is not a voice noun: "a spokesman for one US shop" speaks for the shop, not the United States. A voice noun after
 * it ("a UKIP spokesman", "Reuters news agency", "a Labour party spokesman") or ending it ("a Home Office minister"),
 * a possessive, a capitalised word or a preposition after it leave the name the one that speaks. */
function modifiesNoun(ctx: SpeakerContext, from: number, at: number, end: number): boolean {
  const rest = ctx.text.slice(at, Math.min(end, at + 80));
  const next = /^\s+(\p{Ll}[\p{L}-]*)/u.exec(rest)?.[1];
  if (next === undefined || ctx.lex.headStops.has(next) || /^(and|or)$/.test(next)) return false;
  const words = (t: string) => t.toLowerCase().split(/[^\p{L}-]+/u);
  return !words(rest).some((w) => ctx.lex.voiceNouns.has(w)) && !ctx.lex.voiceNouns.has(words(ctx.text.slice(from, at)).pop() ?? '');
}

/** Whether one of the entity's mentions covers [start, end). */
function entitySpans(entity: Entity, start: number, end: number): boolean {
  return entity.mentions.some((m) => m.span.start <= start && m.span.end >= end);
}

/** A speaker phrase's head (before its first aside) and what follows its last aside opener, and whether that is a
 * name in apposition ("Manufacturers' organisation, the EEF", "one of the bidders, steel giant LNM") rather than a
 * clause ("The lawsuit, filed in Madrid on Friday"). "Bennett, a fly-half for Llanelli", "Rep. Gwen Moore (D-Wis.)",
 * "Lord Bingham - a senior law lord": an apposition, bracket or dash describes the name before it. */
function partsOf(tokens: readonly Token[]): { head: readonly Token[]; tail: readonly Token[]; appositive: boolean } {
  const opensAside = (k: number): boolean => {
    const t = tokens[k]!;
    const before = tokens[k - 1]!;
    // "Robert Currington who is taking part in the pilot": a relative clause after a name, even without a comma.
    if (before.pos === 'PROPN' && ASIDE_RELATIVE_PRONOUNS.has(t.text.toLowerCase())) return true;
    if (!ASIDE_OPENERS.has(t.text)) return false;
    // A comma after an adjective lists adjectives ("the hand-written, four-page lawsuit").
    if (t.text === ',') return !(before.pos === 'ADJ' || (before.pos === 'VERB' && hyphenBefore(tokens, k - 1)));
    // A hyphen inside a word ("Indian-born") opens no aside: the dash must stand apart from the word before it.
    return t.text === '(' || before.end < t.start;
  };
  let first = -1;
  let last = -1;
  for (let k = 1; k < tokens.length; k++) {
    if (!opensAside(k)) continue;
    if (first < 0) first = k;
    last = k;
  }
  if (first < 0) return { head: tokens, tail: [], appositive: false };
  const tail = tokens.slice(last + 1);
  // A verb joined to a word by a hyphen ("Netherlands-based") is part of a modifier, not a clause.
  const clause = tail.some((t, k) => ((t.pos === 'VERB' || t.pos === 'AUX') && !hyphenBefore(tail, k)) || t.pos === 'ADP');
  return { head: tokens.slice(0, first), tail, appositive: tail.length > 0 && !clause };
}

/** Whether a speaker phrase's head is a noun, a preposition and then only the name of `person` ("Aides to Governor
 * Hale", "a friend of Mr Jackson"): the noun names other people than the name. The noun is a common noun, or a
 * capitalised plural opening the phrase that names no entity ("Advisers to Mr. Rubio"; not "Secretary of State John
 * Kerry"); not a voice noun ("a spokesman for Mr Hale" speaks for him). */
function personAfterNoun(ctx: SpeakerContext, head: readonly Token[], person: Entity): boolean {
  const k = head.findIndex((t) => t.pos === 'ADP');
  // "experts like Paul Bauman", "critics such as Huffman": the person is one of them.
  if (k < 1 || k + 1 >= head.length || /^(like|including|such)$/i.test(head[k]!.text)) return false;
  const noun = head[k - 1]!;
  const lower = noun.text.toLowerCase();
  const common = noun.pos === 'NOUN' || (noun.pos === 'PROPN' && k === 1 && /s$/.test(lower) && entityAt(ctx, noun.start, noun.start, noun.end) === null);
  if (!common || ctx.lex.voiceNouns.has(lower)) return false;
  // No article after the preposition: "Shadow leader of the Commons Oliver Heald" is Oliver Heald.
  const j = k + 1;
  const last = head[head.length - 1]!;
  return head.slice(j).every((t) => t.pos === 'PROPN' || t.text === '.') && entityAt(ctx, head[j]!.start, last.start, last.end) === person;
}

/** Whether tokens[k] is joined to the word before it by a hyphen with no space ("based" in "Netherlands-based"). */
function hyphenBefore(tokens: readonly Token[], k: number): boolean {
  const h = tokens[k - 1];
  return h !== undefined && h.text === '-' && h.end === tokens[k]!.start;
}

/** The entity a speaker phrase names: a name before a prepositional phrase ("Marta Oliveira from the magazine", "Jason
 * Daw at Merrill Lynch": the place of work is not the speaker), else the name that ends its head, else a name in
 * apposition after it ("the world's largest delivery company, UPS"), else whom a spokesman, report or poll speaks for. */
function namedEntity(ctx: SpeakerContext, tokens: readonly Token[], head: readonly Token[], apposition: readonly Token[], words: readonly string[], placeAt: number): Entity | null {
  const start = tokens[0]!.start;
  const end = tokens[tokens.length - 1]!.end;
  const last = head[head.length - 1]!;
  const preposition = head.findIndex((t, k) => k > 0 && t.pos === 'ADP' && head[k - 1]!.pos === 'PROPN');
  const beforePreposition = preposition > 0 ? entityAt(ctx, start, head[preposition - 1]!.start, head[preposition - 1]!.end) : null;
  const atEnd = placeAt >= 0 ? null : notBranchPlace(ctx, head, entityAt(ctx, start, last.start, last.end));
  // "Bank of England governor Mervyn King" is the governor: a name before the preposition wins when it is a person's,
  // or over a place ("the Funding Council for England").
  if (beforePreposition && (beforePreposition.type === 'PERSON' || !atEnd || atEnd.type === 'PLACE')) return beforePreposition;
  // "The former UN commissioner for human rights": a description the entity layer linked to a person, before the
  // preposition that completes it, is that person; not when an organisation completes it ("the chairman of the
  // Commission for Racial Equality" is that body's chairman, whoever else the text calls chairman). So is one before
  // a second description that shares its article ("the Labour peer and former minister").
  const sharedArticle = (k: number) => head[k]!.text === 'and' && /^(ADJ|NOUN)$/.test(head[k + 1]?.pos ?? '') && /^\p{Ll}/u.test(head[k + 1]!.text);
  const described = atEnd?.type === 'ORG' ? -1 : head.findIndex((t, k) => k > 0 && (t.pos === 'ADP' || sharedArticle(k)) && head[k - 1]!.pos === 'NOUN');
  const person = described > 0 ? entityAt(ctx, start, head[described - 1]!.start, head[described - 1]!.end) : null;
  if (person && person.type === 'PERSON' && person.named) return person;
  return (
    atEnd ??
    (apposition.length > 0 ? entityAt(ctx, apposition[0]!.start, apposition[apposition.length - 1]!.start, end) : null) ??
    (words.some((w) => ctx.lex.voiceNouns.has(w)) ? voicedEntity(ctx, start, placeAt >= 0 ? head[placeAt]!.start : end) : null)
  );
}

/**
 * "eBay UK", "Ford Europe": a place that ends a name after another name is the branch it names, not the speaker; null
 * then (the speaker keeps its own name). A place named by both words ("New York") is kept.
 */
function notBranchPlace(ctx: SpeakerContext, head: readonly Token[], atEnd: Entity | null): Entity | null {
  if (atEnd?.type !== 'PLACE' || head.length < 2) return atEnd;
  const before = head[head.length - 2]!;
  if (!NAME_WORD.test(before.text) || !/^(PROPN|NOUN)$/.test(before.pos)) return atEnd;
  return entityAt(ctx, before.start, before.start, before.end) === atEnd ? atEnd : null;
}

/** Whether tokens[k] opens what a source knows about, not whom it speaks for: "familiar with", "close to", "with
 * (direct) knowledge of" ("an analyst with Goldman Sachs" speaks for the bank). */
function knowsAbout(tokens: readonly Token[], k: number): boolean {
  const w = tokens[k]!.text.toLowerCase();
  const next = (d: number) => tokens[k + d]?.text.toLowerCase();
  if (w === 'familiar') return next(1) === 'with';
  if (w === 'close') return next(1) === 'to';
  return w === 'with' && (next(1) === 'knowledge' || next(2) === 'knowledge');
}

/** Whether a speaker phrase's head ends with a place after a preposition that makes it not the speaker: after a
 * common noun that does not speak for it ("A party of councillors from Nottingham", "The new health minister for
 * Wales"), where a source is ("A spokesman for the embassy in London", "EU leaders at a summit in Lisbon"), or after a
 * name it qualifies ("Lord Nicholls of Birkenhead"). A voice noun before "for" or "of" ("a spokesman for Moscow") and
 * a name before a place of work ("Reuters in London") leave the other readings to decide. The index in `head` of
 * that preposition, or -1. */
function placeNotSpeaking(ctx: SpeakerContext, head: readonly Token[]): number {
  let k = head.length;
  while (k > 0 && head[k - 1]!.pos === 'PROPN') k--;
  if (k === head.length) return -1;
  if (k > 0 && head[k - 1]!.pos === 'DET') k--;
  if (k < 2 || head[k - 1]!.pos !== 'ADP') return -1;
  const preposition = head[k - 1]!.text.toLowerCase();
  const before = head.slice(0, k - 1);
  const lastBefore = before[before.length - 1]!;
  // A capitalised word that opens the sentence ("Jurors in Virginia") is a name only when it is an entity's.
  const named = lastBefore.pos === 'PROPN' && (before.length > 1 || entityAt(ctx, lastBefore.start, lastBefore.start, lastBefore.end) !== null);
  if (named ? preposition !== 'of' || !before.some((t) => ctx.lex.placeTitles.has(t.text.toLowerCase())) : !LOCATIVES.has(preposition) && before.some((t) => t.pos === 'PROPN' || ctx.lex.voiceNouns.has(t.text.toLowerCase()))) return -1;
  // "The government in Cairo", "authorities in Lagos": the place's own institutions speak for it.
  if (before.some((t) => ctx.lex.placeInstitutions.has(t.text.toLowerCase()))) return -1;
  // The place is the whole name after the preposition (not "… in Cameroon Cameroon says", a headline run into a
  // sentence that opens with the place).
  const first = head[head[k]!.pos === 'DET' ? k + 1 : k]!;
  const end = head[head.length - 1]!.end;
  let place = false;
  mentionsNear(ctx, first.start, end, (ms, me, e) => {
    if (ms === first.start && me === end && e.type === 'PLACE') place = true;
  });
  return place ? k - 1 : -1;
}

/** "Trade and Industry Secretary Patricia Hewitt", "Work and pensions minister Alan Johnson": an "and" inside a title
 * before a person's name joins no two speakers. No entity is named before the "and", and a named person after it. */
function titleWithAnd(ctx: SpeakerContext, tokens: readonly Token[], conj: number): boolean {
  const before = tokens.slice(0, conj);
  if (entityAt(ctx, before[0]!.start, before[0]!.start, before[before.length - 1]!.end) !== null) return false;
  return namesPerson(ctx, tokens[conj + 1]!.start, tokens[tokens.length - 1]!.end);
}

/** The Speaker record of a mention given by its tokens (null mention: an implied speaker, e.g. a continuation). */
export function resolveSpeaker(ctx: SpeakerContext, tokens: readonly Token[]): Speaker {
  if (tokens.length === 0) return { entity: null, name: null, mention: null, anonymous: false };
  const start = tokens[0]!.start;
  const end = tokens[tokens.length - 1]!.end;
  const mention = span(ctx.text, start, end);
  // "a person close to the Clintons", "one Democrat familiar with the talks", "Sources close to Mr Hockney": who knows
  // about someone is not them. A person named before the words is the speaker ("Steve Elmendorf, a fundraiser close to
  // the campaign"); anyone else is an unnamed source, of the body the words before name if any ("a Labour source close
  // to Mr Brown").
  const knows = tokens.findIndex((t, k) => k > 0 && k + 1 < tokens.length && knowsAbout(tokens, k));
  if (knows > 0) {
    const who = resolveSpeaker(ctx, tokens.slice(0, knows));
    if (who.entity !== null && typeIndex(ctx, 'PERSON').ids.has(who.entity)) return { ...who, mention };
    return { entity: who.entity, name: mention.text.replace(/^(the|The)\s+/, ''), mention, anonymous: true };
  }
  const { head: headTokens, tail, appositive } = partsOf(tokens);
  const words = tokens.map((t) => t.text.toLowerCase());
  const head = headNoun(words, ctx.lex.headStops);
  const placeAt = placeNotSpeaking(ctx, headTokens);
  const namedIn = namedEntity(ctx, tokens, headTokens, appositive ? tail : [], words, placeAt);
  // "Aides to Governor Hale", "the wife of Mr Jackson": people named by a noun before a preposition are not the person
  // named after it.
  const otherPerson = namedIn?.type === 'PERSON' && personAfterNoun(ctx, headTokens, namedIn);
  // "Philadelphia is giving protesters leeway … people angry at what they believe is a rigged system": "they" that the
  // entity layer linked to a place is a people or a group, not the place's voice; it is read as a pronoun below.
  const placeThey = namedIn?.type === 'PLACE' && words.length === 1 && words[0] === 'they';
  const entity = otherPerson || placeThey ? null : namedIn;
  // A name is read from the head, before any aside: "The lawsuit, filed in Madrid on Friday" names no one. Nor does a
  // place after a preposition that is not who speaks: the phrase is the name ("Bishop of Durham", "Authorities in
  // Philadelphia"), nor a person after a noun and a preposition.
  const named = placeAt >= 0 || otherPerson ? null : nameOf(headTokens, ctx.lex.nameParticles) ?? (appositive ? nameOf(tail, ctx.lex.nameParticles) : null);
  // "Germany, Italy and Spain said": several speakers, named together unless one entity spans them all. Not an "and"
  // inside a description set off after the name ("Mary Collins, a radio host and station manager at …", "Dan Grey,
  // director of Inkwell and an independent analyst"): one that opens with an article, a possessive, a number or a
  // word in lower case, after a name ("Matthews, MSNBC's Alex Seitz-Wald and …" lists people).
  // Nor an "and" inside the name of the entity it speaks for ("A Department for Education and Skills spokeswoman"), or
  // of any entity the phrase holds ("David Wyss of Standard & Poor's"); the first other conjunction is read
  // ("Cable & Wireless and NTL" lists two).
  const inName = (k: number): boolean => {
    const [a, b] = [tokens[k - 1]!.start, tokens[k + 1]!.end];
    if (entity !== null && entitySpans(entity, a, b)) return true;
    const around = entityAt(ctx, a, tokens[k + 1]!.start, b);
    return around !== null && entitySpans(around, a, b);
  };
  const conj = tokens.findIndex((t, k) => k > 0 && k + 1 < tokens.length && /^(and|or|&)$/i.test(t.text) && /^(PROPN|NOUN)$/.test(tokens[k - 1]!.pos) && /^(PROPN|NOUN|DET)$/.test(tokens[k + 1]!.pos) && !inName(k));
  const described = conj > headTokens.length && headTokens.length < tokens.length && describesName(ctx, headTokens, tokens.slice(headTokens.length + 1, conj));
  if (conj > 0 && !described && !(entity && entitySpans(entity, start, end)) && !titleWithAnd(ctx, tokens, conj)) {
    return { entity: null, name: mention.text.replace(/^(the|The)\s+/, ''), mention, anonymous: false };
  }
  // "A diplomat in Brussels", "a source at the scene": where an unnamed source is, not whom they speak for ("an EU
  // spokesman in Washington" still speaks for the EU).
  const at = entity && entity.type === 'PLACE' ? unnamedSourceAt(ctx, tokens, words, head) : -1;
  if (at > 0) {
    const voiced = voicedEntity(ctx, start, tokens[at]!.start);
    if (voiced && voiced.type !== 'PLACE') return { entity: voiced.id, name: voiced.name, mention, anonymous: false };
    return { entity: null, name: mention.text, mention, anonymous: true };
  }
  // "Councillors from Nottingham agreed …. Iraq, they insisted, would not …": "they" continues a group that has just
  // spoken and that names no entity, whatever earlier name the entity layer linked it to.
  const group = words.length === 1 && words[0] === 'they' ? lastGroupSpeaker(ctx, start) : null;
  // "Traders said …. Outside the town hall, campaigners handed in a petition, and they say …": a group that is the
  // subject of a clause since the last speaker was named is who "they" are, unless the entity layer linked "they" to a
  // name nearer still (it compares the two: src/entities/analyse.ts).
  const nearer = words.length === 1 && words[0] === 'they' && entity === null ? ctx.groupBefore?.(start) : null;
  const last = ctx.history[ctx.history.length - 1];
  const who = nearer && nearer.length > 0 ? resolveSpeaker(ctx, nearer) : null;
  // The same group goes on speaking ("… and they say the vote ignored what they believe …").
  if (who && (!last?.mention || last.mention.end <= nearer![0]!.start || last.name === who.name)) {
    return { entity: who.entity, name: who.name, mention, anonymous: who.anonymous };
  }
  if (group) return { ...group, mention };
  // "The report said … It also calls for …": "it" right after a report, study or statement that spoke goes on with that
  // document (and whom it speaks for), not a person or a place the entity layer read into "it". An unnamed document
  // gives way to an organisation that spoke before it (below: "The Observer … the paper said … It also said").
  const document = words.length === 1 && words[0] === 'it' ? lastDocumentSpeaker(ctx, start) : null;
  if (document && (document.entity !== null || (entity && (entity.type === 'PERSON' || entity.type === 'PLACE')))) return { ...document, mention };
  const spoke = words.length === 1 ? spokespersonGoingOn(ctx, words[0]!, entity, start) : null;
  if (spoke) return { ...spoke, mention };
  if (entity && entity.named) {
    // "Sources within the Conservative Party": they speak for the party, unnamed.
    const source = head !== null && ALWAYS_UNNAMED.has(head) && !entitySpans(entity, start, end);
    return { entity: entity.id, name: entity.name, mention, anonymous: source };
  }
  if (tokens.length === 1 && ctx.lex.pronouns.has(words[0]!)) {
    // "you" is the reader, an interviewer or anyone: it names no speaker. "I" and "we" outside any quotation are the
    // writer's ("But I think Shapiro's argument …", a columnist's "I thought both races were disappointing"), not the
    // last person quoted.
    if (words[0] === 'you') return { entity: null, name: null, mention, anonymous: false };
    if (WRITER_PRONOUNS.has(words[0]!) && ctx.outsideQuotations?.(start) === true) return writerSpeaker(ctx, words[0]!, mention);
    // A pronoun stands for the nearest earlier speaker who has a proper name (not another pronoun); "he", "she" and
    // "I" for a person: a person entity, or a name whose every word is capitalised ("Private sector surveys" is not).
    // "they" is a group or an organisation, never one person; "he" and "she" not a person the text calls the other.
    const personal = PERSONAL_PRONOUNS.has(words[0]!);
    const plural = words[0] === 'they';
    const impersonal = words[0] === 'it';
    const gender = pronounGender(words[0]!);
    const prior = priorSpeaker(ctx.history, (s) =>
      /^\p{Lu}/u.test(s.name ?? '') && !ctx.lex.pronouns.has((s.name ?? '').toLowerCase()) &&
      (!personal || ((isPerson(ctx, s) && !roleNounName(ctx, s)) || spokesperson(ctx, s))) && !(plural && s.entity !== null && isPerson(ctx, s)) && !(impersonal && !impersonalSpeaker(ctx, s)) &&
      !(gender && speakerGender(ctx, s) === OTHER_GENDER[gender]));
    // An unnamed document that has just spoken ("the study"), unless an organisation spoke before it.
    if (document && (!prior || isPerson(ctx, prior))) return { ...document, mention };
    if (prior) return { entity: prior.entity, name: prior.name, mention, anonymous: prior.anonymous };
    // No earlier speaker: "he" and "she" stand for the person last named before them ("I" outside any quotation is
    // the writer).
    const before = gender ? namedBefore(ctx, 'PERSON', start) : null;
    const named = before && genderOf(ctx, before.id) !== OTHER_GENDER[gender!] ? before : null;
    return { entity: named?.id ?? null, name: named?.name ?? null, mention, anonymous: false };
  }
  if (!named && head !== null && (words[0] === 'the' || words[0] === 'this') && ctx.lex.roleNouns.has(head) && !words.some((w) => UNNAMED.has(w))) {
    // "the official said": the earlier speaker introduced with the same head noun (or its plural: "party sources …
    // the source"), or an anonymous one. "The unidentified source" is a new one.
    const sameHead = (h: string | null) => h !== null && (h === head || (ALWAYS_UNNAMED.has(head) && (h === `${head}s` || `${h}s` === head)));
    const prior = priorSpeaker(ctx.history, (s) => s.mention !== null && sameHead(headNoun(s.mention.text.toLowerCase().split(/\s+/), ctx.lex.headStops))) ??
      (tokens.some((t) => t.pos === 'PROPN') || !GENERIC_SOURCE_HEADS.has(head) ? null : priorSpeaker(ctx.history, (s) => s.anonymous));
    if (prior) return { entity: prior.entity, name: prior.name, mention, anonymous: prior.anonymous };
  }
  if (tokens.length === 2 && (words[0] === 'the' || words[0] === 'this') && head !== null && ctx.lex.organisationNouns.has(head)) {
    // "The company said": the organisation that spoke last, else the one named most often before it.
    const prior = priorSpeaker(ctx.history, (s) => s.entity !== null && typeIndex(ctx, 'ORG').ids.has(s.entity));
    if (prior) return { entity: prior.entity, name: prior.name, mention, anonymous: false };
    const org = mostNamedBefore(ctx, 'ORG', start);
    if (org) return { entity: org.id, name: org.name, mention, anonymous: false };
  }
  const anonymous = unnamedSource(ctx, tokens, words, head);
  if (anonymous) return { entity: null, name: mention.text.replace(/^(the|The)\s+/, ''), mention, anonymous };
  return { entity: entity?.id ?? null, name: entity?.name ?? named ?? mention.text.replace(/^(the|The)\s+/, ''), mention, anonymous };
}

/** Whether the aside after the words `head`, up to the "and" (`aside`), describes the person or organisation they
 * name: it opens with an article, a possessive, a number or a word in lower case ("a radio host", "his colleague",
 * "34", "director of …"), or holds a common noun in lower case after a name ("World Bank country director for the
 * West Bank and Gaza", "GM's vice president for sales and marketing"; not "Britain and France"). */
function describesName(ctx: SpeakerContext, head: readonly Token[], aside: readonly Token[]): boolean {
  const first = aside[0];
  if (first === undefined || head.length === 0) return false;
  const opensDescription = first.pos === 'DET' || first.pos === 'NUM' || first.pos === 'PRON' || /^\p{Ll}/u.test(first.text) ||
    aside.some((t) => t.pos === 'NOUN' && /^\p{Ll}/u.test(t.text));
  if (!opensDescription) return false;
  const last = head[head.length - 1]!;
  const named = entityAt(ctx, head[0]!.start, last.start, last.end);
  return named !== null && (named.type === 'PERSON' || named.type === 'ORG');
}

/** Prepositions of place after an unnamed source's head noun: "a diplomat in Brussels". */
const LOCATIVES = new Set(['in', 'at', 'from', 'near', 'inside', 'within']);

/**
 * Whether a speaker phrase is an unnamed source: an unnamed source's head ("a diplomat", "officials", "party sources",
 * "Pentagon officials") with no article or possessive before it, or a word saying it is unnamed ("the unidentified
 * Parmalat source", and with any head and no name: "one unnamed correspondent"); a source is unnamed whatever its
 * article ("the source said"). Not when a name follows the head
 * ("market analysts In-Stat/MDR"); one after a preposition does not count.
 */
function unnamedSource(ctx: SpeakerContext, tokens: readonly Token[], words: readonly string[], head: string | null): boolean {
  if (head === null) return false;
  // "One unnamed correspondent", "an unidentified woman": a word saying so makes any unnamed speaker anonymous.
  if (words.some((w) => UNNAMED.has(w)) && !tokens.some((t) => t.pos === 'PROPN')) return true;
  if (!ctx.lex.anonymousHeads.has(head)) return false;
  const unnamed =
    INDEFINITE.has(words[0]!) || words[0] === head || (!DEFINITE.has(words[0]!) && !words.some((w) => w === "'s" || w === '’s')) ||
    words.some((w) => UNNAMED.has(w)) || ALWAYS_UNNAMED.has(head);
  const headAt = words.indexOf(head);
  return unnamed && !(headAt >= 0 && headAt + 1 < tokens.length && tokens[headAt + 1]!.pos === 'PROPN');
}

/** When the words are an unnamed source (unnamedSource) followed by a preposition of place, the index of that
 * preposition; else -1. */
function unnamedSourceAt(ctx: SpeakerContext, tokens: readonly Token[], words: readonly string[], head: string | null): number {
  if (head === null || !unnamedSource(ctx, tokens, words, head)) return -1;
  const h = words.indexOf(head);
  return h >= 0 && h + 1 < words.length && LOCATIVES.has(words[h + 1]!) ? h + 1 : -1;
}

/** The named entity of `type` with the last mention ending before `at` (binary search over the document's mentions
 * of that type). */
function namedBefore(ctx: SpeakerContext, type: EntityType, at: number): Entity | null {
  const { mentions } = typeIndex(ctx, type);
  const k = partitionPoint(mentions.length, (i) => mentions[i]![0] > at);
  return k > 0 ? mentions[k - 1]![1] : null;
}

/** The named entity of `type` with most mentions ending before `at`; of those, the one mentioned last. The counts are
 * kept in the index and read on from where the last call stopped, since speakers are resolved in document order: all
 * calls of a document together read each mention once (a call for an earlier position starts the count again). */
export function mostNamedBefore(ctx: SpeakerContext, type: EntityType, at: number): Entity | null {
  const index = typeIndex(ctx, type);
  const { mentions } = index;
  let tally = index.tally;
  if (!tally || tally.at > at) tally = index.tally = { at: -1, next: 0, counts: new Map(), best: null };
  for (; tally.next < mentions.length && mentions[tally.next]![0] <= at; tally.next++) {
    const e = mentions[tally.next]![1];
    const n = (tally.counts.get(e) ?? 0) + 1;
    tally.counts.set(e, n);
    if (tally.best === null || n >= tally.counts.get(tally.best)!) tally.best = e;
  }
  tally.at = at;
  return tally.best;
}

/** The entities of one type by id, and the ends of the named ones' mentions with their entity, sorted by end. */
interface TypeIndex {
  ids: Set<string>;
  mentions: Array<[number, Entity]>;
  /** mostNamedBefore's running counts: mentions[0 .. next) counted, for the position `at`. */
  tally?: { at: number; next: number; counts: Map<Entity, number>; best: Entity | null };
}

function typeIndex(ctx: SpeakerContext, type: EntityType): TypeIndex {
  const byType = (ctx.byType ??= new Map());
  let index = byType.get(type);
  if (!index) {
    const ofType = ctx.entities.filter((e) => e.type === type);
    index = {
      ids: new Set(ofType.map((e) => e.id)),
      mentions: ofType
        .filter((e) => e.named)
        .flatMap((e) => e.mentions.map((m) => [m.span.end, e] as [number, Entity]))
        .sort((a, b) => a[0] - b[0]),
    };
    byType.set(type, index);
  }
  return index;
}

/** Pronouns that stand for one person. */
const PERSONAL_PRONOUNS = new Set(['he', 'she', 'i']);
/** The first person, which outside quotations is the writer. */
const WRITER_PRONOUNS = new Set(['i', 'we']);

/** The writer as the speaker of "I" (a byline's one person, with the entity of that name if the text has one);
 * "we" and a writer the byline does not name: no name. */
function writerSpeaker(ctx: SpeakerContext, word: string, mention: Span): Speaker {
  const name = word === 'i' ? ctx.writer ?? null : null;
  if (name === null) return { entity: null, name, mention, anonymous: false };
  if (ctx.writerEntity === undefined) ctx.writerEntity = ctx.entities.find((e) => e.type === 'PERSON' && e.name === name) ?? null;
  return { entity: ctx.writerEntity?.id ?? null, name, mention, anonymous: false };
}
const OTHER_GENDER = { m: 'f', f: 'm' } as const;

/** The gender a pronoun gives the person it stands for ("he", "she"), from the entity layer's reviewed pronouns. */
function pronounGender(word: string): 'm' | 'f' | null {
  return entityLexicon().pronouns.get(word)?.gender ?? null;
}

/** A person's gender as the titles of their name mentions give it ("Mr Jones", "Lady Hale": the entity layer's
 * gendered honorifics), else as their given name does; null when none does, or the titles give both. Not from the pronouns the entity layer joined to them: a
 * "she" inside his quotation about her is joined too often. Counted once per entity. */
function genderOf(ctx: SpeakerContext, id: string | null): 'm' | 'f' | null {
  if (id === null) return null;
  const genders = (ctx.genders ??= new Map());
  if (genders.has(id)) return genders.get(id)!;
  const entity = (ctx.byId ??= new Map(ctx.entities.map((e) => [e.id, e]))).get(id);
  let m = 0;
  let f = 0;
  for (const mention of entity?.mentions ?? []) {
    if (mention.kind === 'pronoun') continue;
    const first = /^\p{L}+/u.exec(mention.span.text)?.[0].toLowerCase() ?? '';
    const g = entityLexicon().genderedHonorifics.get(first);
    if (g === 'm') m++;
    else if (g === 'f') f++;
  }
  // No title: the given name of a full name ("Sandra Howard"), as the entity layer reads it (data/entities/given-names.txt).
  const given = entity && m === 0 && f === 0 ? givenNameGender(entity.name) : null;
  const gender = m > 0 && f === 0 ? 'm' : f > 0 && m === 0 ? 'f' : given;
  genders.set(id, gender);
  return gender;
}

/** The head noun of a speaker introduced as one person by what they are ("a Labour Party spokesman", "a senior
 * official in Kabul": the entity layer's person role nouns), or null: a later "he" or "she" can stand for them. The
 * mention's last word when headNoun stops inside a name that holds a preposition ("A Department for Constitutional
 * Affairs spokeswoman", "a Bank of England spokesman"). */
function personNoun(ctx: SpeakerContext, s: Speaker): string | null {
  if (!s.mention) return null;
  const words = s.mention.text.toLowerCase().split(/\s+/);
  const roles = entityLexicon().personRoleNouns;
  const head = headNoun(words, ctx.lex.headStops);
  if (head !== null && roles.has(head)) return head;
  const last = words[words.length - 1]!;
  return roles.has(last) ? last : null;
}

/** Whether the speaker is one person known by what they are, anonymous or speaking for an organisation ("a senior
 * official", "a Labour Party spokesman"): a later "he" or "she" stands for them. Not a description left unresolved
 * ("the British actor"): that is someone named before, whom the pronoun should reach instead. */
function spokesperson(ctx: SpeakerContext, s: Speaker): boolean {
  return (s.anonymous || s.entity !== null) && personNoun(ctx, s) !== null;
}

/** How close after a spokesperson's mention "he" or "she" goes on with them over a person named in between. */
const SPOKESPERSON_CONTINUATION_CHARS = 400;

/** "A BBC spokeswoman said Andi Peters would stay on. She said …": "she" goes on with the unnamed spokesperson who
 * spoke in the sentence before (of that gender), not with a person the entity layer linked it to whom the
 * spokesperson had just named. */
function spokespersonGoingOn(ctx: SpeakerContext, word: string, entity: Entity | null, at: number): Speaker | null {
  const gender = PERSONAL_PRONOUNS.has(word) ? pronounGender(word) : null;
  const last = ctx.history[ctx.history.length - 1];
  if (!gender || !entity || !last?.mention || at - last.mention.end > SPOKESPERSON_CONTINUATION_CHARS || at < last.mention.end) return null;
  // An unnamed spokesperson ("a BBC spokeswoman", not "spokesman Paul Smernicki"), in the sentence just before.
  if (!SPOKESPERSON_NOUNS.has(personNoun(ctx, last) ?? '') || (last.entity !== null && isPerson(ctx, last)) || speakerGender(ctx, last) !== gender) return null;
  if ((ctx.text.slice(last.mention.end, at).match(/[.!?]["”’]?\s/g) ?? []).length > 1) return null;
  // The person's nearest naming before the pronoun is in what the spokesperson said.
  let nearest = -1;
  for (const m of entity.mentions) if (m.kind !== 'pronoun' && m.span.start < at && m.span.start > nearest) nearest = m.span.start;
  return nearest >= last.mention.end ? last : null;
}

/** Role nouns of one who speaks for a body. */
const SPOKESPERSON_NOUNS = new Set(['spokesman', 'spokeswoman', 'spokesperson']);

/** A speaker's gender: the person's (genderOf), else the one their role noun gives ("spokeswoman", "chairman",
 * "princess"). */
function speakerGender(ctx: SpeakerContext, s: Speaker): 'm' | 'f' | null {
  if (s.entity !== null && isPerson(ctx, s)) return genderOf(ctx, s.entity);
  const noun = personNoun(ctx, s);
  if (noun === null) return null;
  return entityLexicon().genderedHonorifics.get(noun) ?? (/woman$/.test(noun) ? 'f' : /man$/.test(noun) ? 'm' : null);
}

/** Whether "it" can go on with speaker `s`: not a person named in full ("Jonathan Schwartz"; a one-word name the
 * entity layer typed a person may be a company it mistyped: "Google said … It said"), and, without an entity, only a
 * proper name ("Radio 1") or a document ("A report by the committee"), not a phrase ("Analysts", "Sun's chief"). */
function impersonalSpeaker(ctx: SpeakerContext, s: Speaker): boolean {
  const name = (s.name ?? '').trim();
  if (s.entity === null) return documentSpeaker(ctx, s) || (name.split(/\s+/).every((w) => /^[\p{Lu}\d]/u.test(w)) && !isPerson(ctx, s));
  return !(isPerson(ctx, s) && /\s/.test(name));
}

function isPerson(ctx: SpeakerContext, s: Speaker): boolean {
  // "Lord Hanningfield", "Dr Bjorn": honorifics are given only to people, whatever type the entity layer gave the name.
  // Only a title and a name: not "Mr Smith's departure", not "Lord Woolf and Lord Falconer".
  const titled = /^(\p{L}+)\.?(?:\s+\p{Lu}[\p{L}'’.-]*)+$/u.exec(s.mention?.text ?? '');
  if (titled && entityLexicon().honorifics.has(titled[1]!.toLowerCase())) return true;
  if (s.entity !== null) return typeIndex(ctx, 'PERSON').ids.has(s.entity);
  return (s.name ?? '').split(/\s+/).every((w) => /^\p{Lu}/u.test(w));
}

/** "Ministers said …", "Analysts": a one-word name, with no entity, that is a role noun (or its plural) capitalised at
 * a sentence's start: a group, not a person "he" or "she" could stand for. */
function roleNounName(ctx: SpeakerContext, s: Speaker): boolean {
  const name = s.name ?? '';
  if (s.entity !== null || /\s/.test(name)) return false;
  const w = name.toLowerCase();
  return ctx.lex.roleNouns.has(w) || (w.endsWith('s') && ctx.lex.roleNouns.has(w.slice(0, -1)));
}

/** How close before "they" a group must have spoken for "they" to continue it: about two sentences. */
const GROUP_CONTINUATION_CHARS = 300;

/** The last speaker, when it is a group the text names by a common noun ("Some councillors", "Analysts"), not an
 * entity, and it spoke just before `at`. */
function lastGroupSpeaker(ctx: SpeakerContext, at: number): Speaker | null {
  const last = ctx.history[ctx.history.length - 1];
  if (!last || last.entity !== null || last.name === null || !last.mention) return null;
  if (at - last.mention.end > GROUP_CONTINUATION_CHARS || last.mention.end > at) return null;
  return /^\p{Lu}/u.test(last.name) || last.anonymous ? last : null;
}

/** How far back (in characters) a document that spoke is still what "it" refers to: a paragraph or two. */
const DOCUMENT_IT_MAX_CHARS = 600;

/** The last speaker, when its mention is a document through which someone speaks (data/quotes/voice-nouns.txt, not
 * a person's role: "the report", "Mr Crosby's statement") and it spoke shortly before `at`. */
function lastDocumentSpeaker(ctx: SpeakerContext, at: number): Speaker | null {
  const last = ctx.history[ctx.history.length - 1];
  if (!last?.mention || at - last.mention.end > DOCUMENT_IT_MAX_CHARS || at < last.mention.end) return null;
  return documentSpeaker(ctx, last) ? last : null;
}

/** Whether a speaker is named by a document, not a person: a report, study or statement ("A report by the Commons
 * committee"). */
function documentSpeaker(ctx: SpeakerContext, s: Speaker): boolean {
  const head = s.mention ? headNoun(s.mention.text.toLowerCase().split(/\s+/), ctx.lex.headStops) : null;
  return head !== null && ctx.lex.voiceNouns.has(head) && !ctx.lex.roleNouns.has(head);
}

/** Whether an entity of the document (by id) is of `type`. */
export function entityIsOfType(ctx: SpeakerContext, id: string | null, type: EntityType): boolean {
  return id !== null && typeIndex(ctx, type).ids.has(id);
}

/** The latest of the last PRONOUN_LOOKBACK named speakers that `fits`. */
export function priorSpeaker(history: Speaker[], fits: (s: Speaker) => boolean): Speaker | null {
  for (let k = history.length - 1, seen = 0; k >= 0 && seen < PRONOUN_LOOKBACK; k--, seen++) {
    const s = history[k]!;
    if (s.name !== null && fits(s)) return s;
  }
  return null;
}

/** The last alphabetic word before a modifier starts (data/quotes/head-stops.txt): "a source familiar with the
 * talks" → "source". */
function headNoun(words: readonly string[], stops: Set<string>): string | null {
  let head: string | null = null;
  for (const w of words) {
    if (stops.has(w)) break;
    if (/^\p{L}+$/u.test(w)) head = w;
  }
  return head;
}
