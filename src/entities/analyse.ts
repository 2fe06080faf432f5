// The entities layer for one document: candidates → metonymy → names → roles → lone roles → coreference → record.
import type { Entity, Mention } from '../model/record.js';
import { span } from '../model/span.js';
import type { AnalysisDoc, Token } from '../pipeline/doc.js';
import type { AliasTable } from './aliasTable.js';
import { type Candidate, findCandidates } from './candidates.js';
import { anchors, findAntecedent, groupSubjectBefore, MAX_SENTENCES_FOR_IT, PronounGenders, pronounAccepts } from './coref.js';
import { givenNameGender, lexicon } from './data.js';
import type { AliasMatcher } from './matcher.js';
import { metonymyReason } from './metonymy.js';
import { orgPhraseCandidates } from './orgPhrases.js';
import { quotedRanges } from './quotesRegions.js';
import type { EntityRegistry } from './registry.js';
import { canonicalName, type DocEntity, type EntitySet, resolveNames } from './resolve.js';
import { type Description, findDescriptions } from './descriptions.js';
import { loneRoles, type RolePhrase, roleAfter, roleKey, rolesBefore } from './roles.js';
import { excludedRanges, inRanges } from './scope.js';
import { nextWord } from './tokens.js';

/** Working state kept on the document for other layers (see lookup.ts). */
export interface EntitiesScratch {
  /** Entity id by the start offset of every mention (names, roles, pronouns). */
  idAt: Map<number, string>;
  /** Entity id of each resolved pronoun or role noun by its token start, with the reason. */
  corefAt: Map<number, { id: string; reason: string }>;
  /** Demonym mentions by start offset: the id of the place they belong to. */
  demonymAt: Map<number, string>;
}

export const SCRATCH_KEY = 'entities';

/** Confidence of a role or pronoun link: a heuristic choice of antecedent. */
const COREF_CONFIDENCE = 0.6;
/** Confidence of an unnamed entity: the phrase is there, what it refers to is not known. */
const UNNAMED_CONFIDENCE = 0.5;
/** A role phrase this close before ", Name" is that person's role written first ("the chairman of X, Admiral Y"). */
const MAX_ROLE_TO_NAME_CHARS = 80;

export function analyseEntities(doc: AnalysisDoc, table: AliasTable, matcher: AliasMatcher, registry: EntityRegistry): void {
  const text = doc.record.text;
  const tokens = doc.tokens ?? [];
  const cands = withOrgPhrases(findCandidates(doc, matcher).filter((c) => c.confidence >= 0), tokens, table);
  for (const c of cands) {
    if (c.entry?.role !== 'capital') continue;
    const reason = metonymyReason(c, tokens);
    if (reason) {
      c.metonymy = true;
      c.metonymyReason = `capital used for its government: ${reason}`;
    }
  }
  const set = resolveNames(cands, text, tokens, table);
  const byToken = new Map<number, Candidate>();
  for (const e of set.list) for (const m of e.mentions) if (m.candidate) for (let k = m.candidate.tokenStart; k < m.candidate.tokenEnd; k++) byToken.set(k, m.candidate);
  const used = new Set<number>();
  attachRoles(set, tokens, text, byToken, used);
  gendersFromGivenNames(set);
  const excluded = excludedRanges(doc.record);
  const pending = loneRoleMentions(set, tokens, text, byToken, used, excluded);
  const scratch: EntitiesScratch = { idAt: new Map(), corefAt: new Map(), demonymAt: new Map() };
  const quotes = quotedRanges(text, doc.record.blocks);
  const descriptions = findDescriptions(tokens, lexicon().personRoleNouns).filter(
    (d) => (!byToken.has(d.headToken) || (d.aged && byToken.get(d.headToken)!.type === 'MISC')) && !used.has(d.headToken),
  );
  corefer(set, tokens, quotes, excluded, pending, descriptions, text);
  writeRecord(doc, set, registry, scratch, table);
  doc.scratch.set(SCRATCH_KEY, scratch);
}

/** Adds ministry and context-name candidates; other names inside them ("Defence Ministry" read by the tagger) give
 * way, except the country or demonym that qualifies the ministry, which stays a mention of its own. */
function withOrgPhrases(cands: Candidate[], tokens: Token[], table: AliasTable): Candidate[] {
  const byEnd = new Map<number, Candidate>();
  for (const c of cands) if (c.entry?.role === 'country' || c.entry?.role === 'demonym') byEnd.set(c.tokenEnd - 1, c);
  const phrases = orgPhraseCandidates(tokens, byEnd, table);
  if (phrases.length === 0) return cands;
  const out: Candidate[] = [];
  let p = 0;
  for (const c of cands) {
    while (p < phrases.length && phrases[p]!.end <= c.start) p++;
    let covered = false;
    for (let k = p; k < phrases.length && phrases[k]!.start < c.end; k++) {
      const ph = phrases[k]!;
      if (c.start < ph.end && ph.start < c.end && !(byEnd.get(c.tokenEnd - 1) === c && c.end <= ph.end && c.start >= ph.start && c.tokenStart === ph.tokenStart)) covered = true;
    }
    if (!covered) out.push(c);
  }
  return [...out, ...phrases].sort((a, b) => a.start - b.start);
}

function attachRoles(set: EntitySet, tokens: Token[], text: string, byToken: Map<number, Candidate>, used: Set<number>): void {
  const lex = lexicon();
  for (const e of set.list) {
    if (e.type !== 'PERSON') continue;
    for (const m of e.mentions) {
      const c = m.candidate;
      if (!c) continue;
      for (const t of c.titles) {
        const g = lex.genderedHonorifics.get(t);
        if (g && !e.gender) e.gender = g;
      }
      for (const before of rolesBefore(c, tokens, byToken)) {
        addRole(e, text.slice(before.start, Math.min(before.end, c.nameStart)).trim() || text.slice(before.start, before.end), roleKey(before));
        for (let k = before.headToken; k >= 0 && tokens[k]!.start >= before.start; k--) used.add(k);
      }
      const after = roleAfter(c, tokens, text);
      if (after) {
        addRole(e, text.slice(after.start, after.end), `|${after.head}`);
        for (let k = c.tokenEnd; k < tokens.length && tokens[k]!.start < after.end; k++) used.add(k);
      }
    }
  }
}

/** A person the titles gave no gender takes the gender of their given name (givenNameGender): "Sandra Howard" is
 * not the antecedent of "he". */
function gendersFromGivenNames(set: EntitySet): void {
  for (const e of set.list) if (e.type === 'PERSON' && !e.gender && e.named) e.gender = givenNameGender(e.name);
}

function addRole(e: DocEntity, role: string, key: string): void {
  if (role && !e.roles.includes(role)) e.roles.push(role);
  e.roleKeys.add(key);
  e.roleKeys.add(`|${key.split('|')[1]}`);
}

/** The last office word of a role key ("country:RU|foreign minister" → "minister", "|director" → "director"). */
function roleHeadWord(key: string): string {
  return key.slice(key.indexOf('|') + 1).split(' ').pop()!;
}

/** Named people by role key, for "the same role as X" look-ups without scanning every entity per role phrase. */
function holdersByRole(set: EntitySet): Map<string, DocEntity[]> {
  const out = new Map<string, DocEntity[]>();
  for (const e of set.list) {
    if (e.type !== 'PERSON' || !e.named) continue;
    for (const k of e.roleKeys) {
      const list = out.get(k);
      if (list) list.push(e);
      else out.set(k, [e]);
    }
  }
  return out;
}

/** Lone role phrases: linked to the one person holding that role, else unnamed entities; bare "the X" wait for coref. */
function loneRoleMentions(
  set: EntitySet,
  tokens: Token[],
  text: string,
  byToken: Map<number, Candidate>,
  used: Set<number>,
  excluded: Array<[number, number]>,
): RolePhrase[] {
  const pending: RolePhrase[] = [];
  let unnamed = 0;
  const personAt = new Map<number, DocEntity>();
  for (const e of set.list) {
    if (e.type !== 'PERSON' || !e.named) continue;
    for (const m of e.mentions) if (m.candidate && !personAt.has(m.start)) personAt.set(m.start, e);
  }
  const roleHolders = holdersByRole(set);
  for (const r of loneRoles(tokens, byToken, used)) {
    if (inRanges(excluded, r.start, r.end)) continue;
    const key = roleKey(r);
    const found = nextPersonAfter(personAt, r, tokens);
    if (found) {
      const { person: next, end } = found;
      next.mentions.push({ start: r.start, end, kind: 'role', stands_for: null, reason: `role written before the name "${next.name}"`, candidate: null });
      addRole(next, text.slice(r.start, end), key);
      for (const k of [key, `|${key.split('|')[1]}`]) if (!(roleHolders.get(k) ?? []).includes(next)) roleHolders.set(k, [...(roleHolders.get(k) ?? []), next]);
      continue;
    }
    if (r.qualifier) {
      const holders = roleHolders.get(key) ?? [];
      if (holders.length === 1) {
        const h = holders[0]!;
        h.mentions.push({ start: r.start, end: r.end, kind: 'role', stands_for: null, reason: `same role as "${h.roles.find(() => true) ?? h.name}" given to ${h.name}`, candidate: null });
        continue;
      }
    }
    if (r.qualifier || r.determiner === 'indefinite') {
      // The text does not say who: an unnamed entity described by the phrase. Same qualified role → same entity.
      const ukey = r.determiner === 'indefinite' && !r.qualifier ? `UNNAMED:${r.start}` : `UNNAMED:${key}`;
      const e = set.get(ukey) ?? set.create(ukey, 'PERSON', text.slice(r.fullStart, r.end), null, UNNAMED_CONFIDENCE);
      e.named = false;
      e.description ??= text.slice(r.fullStart, r.end);
      e.roleKeys.add(key);
      e.roleKeys.add(`|${r.head}`);
      e.mentions.push({ start: r.fullStart, end: r.end, kind: 'role', stands_for: null, candidate: null });
      unnamed++;
      continue;
    }
    if (r.determiner === 'definite') pending.push(r);
  }
  void unnamed;
  return pending;
}

/** "the chairman of the alliance's military committee, Admiral X": the person named right after the phrase. */
function nextPersonAfter(personAt: Map<number, DocEntity>, r: RolePhrase, tokens: Token[]): { person: DocEntity; end: number } | null {
  let k = r.headToken + 1;
  for (; k < tokens.length && tokens[k]!.start - r.end <= MAX_ROLE_TO_NAME_CHARS; k++) {
    const t = tokens[k]!;
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'SPACE' || t.text === '.') return null;
    if (t.text === ',') break;
  }
  const after = tokens[k + 1];
  if (tokens[k]?.text !== ',' || !after) return null;
  const person = personAt.get(after.start);
  // The role phrase runs to the comma: "the chairman of the alliance's military committee".
  let end = r.end;
  for (let j = k - 1; j > r.headToken; j--) if (tokens[j]!.pos !== 'SPACE') {
    end = tokens[j]!.end;
    break;
  }
  return person ? { person, end } : null;
}

function corefer(
  set: EntitySet,
  tokens: Token[],
  quotes: Array<[number, number]>,
  excluded: Array<[number, number]>,
  pending: RolePhrase[],
  descriptions: Description[],
  text: string,
): void {
  const lex = lexicon();
  const list = anchors(set.list, tokens, quotes);
  const found: Array<{ e: DocEntity; start: number; end: number; kind: 'pronoun' | 'role'; reason: string }> = [];
  // The genders of the pronouns each entity was given so far, in document order: a person the text has called "she"
  // (and never "he") is not the antecedent of a later "he" ("Ashia Hansen … she … Moore said Hansen may … he said").
  const told = new PronounGenders();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.pos !== 'PRON') continue;
    const fits = pronounAccepts(t.text);
    const gender = lex.pronouns.get(t.text.toLowerCase())?.gender ?? null;
    const accept = fits && ((e: DocEntity) => fits(e) && !told.contradicts(e, gender));
    if (!accept || inRanges(quotes, t.start, t.end) || inRanges(excluded, t.start, t.end)) continue;
    const w = t.text.toLowerCase();
    const person = lex.pronouns.get(w)!.types.includes('PERSON');
    // "it" and "they" are resolved only as subjects of a verb, to a subject close by: elsewhere they are rarely an entity.
    if (!person) {
      const next = nextWord(tokens, i);
      const possessive = w === 'its' || w === 'their';
      if (!possessive && !(next && (next.pos === 'VERB' || next.pos === 'AUX' || lex.speechVerbs.has(next.text.toLowerCase())))) continue;
    }
    const r0 = findAntecedent(list, tokens, i, accept, !person, person ? Infinity : MAX_SENTENCES_FOR_IT);
    // "Portmouth has frozen its charges. … campaigners handed in a petition, and they say …": a group nearer than the
    // name is who "they" are.
    const r = r0 && w === 'they' && groupSubjectBefore(tokens, i) > r0.start ? null : r0;
    if (r) {
      found.push({ e: r.entity, start: t.start, end: t.end, kind: 'pronoun', reason: r.reason });
      told.add(r.entity, gender);
    }
  }
  // Heads of the role phrases linked to their holder: a description with the same head ("the actor") is that phrase.
  const linkedHeads = new Set<number>();
  for (const p of pending) {
    const head = p.head.split(' ').pop()!;
    const anonymous = lex.anonymousNouns.has(head);
    const accept = (e: DocEntity) =>
      e.type === 'PERSON' &&
      ([...e.roleKeys].some((k) => roleHeadWord(k) === head) || (anonymous && !e.named && [...e.roleKeys].some((k) => lex.anonymousNouns.has(roleHeadWord(k)))));
    const r = findAntecedent(list, tokens, p.headToken, accept);
    if (r) {
      found.push({ e: r.entity, start: p.fullStart, end: p.end, kind: 'role', reason: r.reason });
      linkedHeads.add(p.headToken);
    }
  }
  // "The 34-year-old said": the named person who is the subject of the nearest sentence with one. Only a person
  // named in full or with an honorific ("Lord Harlow … the Labour peer"; a one-word "person" is too often a club, a
  // film or an album the tagger took for one), and not one of the other gender than the description's ("the
  // actress", "the Frenchman").
  // Whether a one-word person was named with an honorific, read once per entity (a long text has many descriptions).
  const titled = new Map<DocEntity, boolean>();
  const titledOnce = (e: DocEntity) => titled.get(e) ?? titled.set(e, honorificNamed(e, lex.honorifics)).get(e)!;
  for (const d of descriptions) {
    if (linkedHeads.has(d.headToken) || inRanges(quotes, d.start, d.end) || inRanges(excluded, d.start, d.end)) continue;
    const fits = (e: DocEntity) => e.type === 'PERSON' && e.named && (e.name.includes(' ') || titledOnce(e)) && !(d.gender && e.gender && e.gender !== d.gender);
    const r = findAntecedent(list, tokens, d.headToken, fits);
    if (r) found.push({ e: r.entity, start: d.start, end: d.end, kind: 'role', reason: `description: ${r.reason}` });
  }
  for (const f of found) f.e.mentions.push({ start: f.start, end: f.end, kind: f.kind, stands_for: null, reason: f.reason, candidate: null });
  void text;
}

/** Whether a mention of the person came with an honorific ("Lord Harlow", "Mrs Okafor"): a person for certain. */
function honorificNamed(e: DocEntity, honorifics: ReadonlySet<string>): boolean {
  return e.mentions.some((m) => m.candidate?.titles.some((t) => honorifics.has(t.toLowerCase().replace(/\.$/, ''))) ?? false);
}

const countryNameCache = new WeakMap<AliasTable, Map<string, string>>();

/** Country names by table key, built once per table. */
function countryNames(table: AliasTable): Map<string, string> {
  let m = countryNameCache.get(table);
  if (!m) countryNameCache.set(table, (m = new Map(table.entries.filter((e) => e.role === 'country').map((e) => [e.key, e.name]))));
  return m;
}

function writeRecord(doc: AnalysisDoc, set: EntitySet, registry: EntityRegistry, scratch: EntitiesScratch, table: AliasTable): void {
  const text = doc.record.text;
  const out: Entity[] = [];
  const ids = new Map<DocEntity, string>();
  let anon = 0;
  for (const e of set.list) {
    if (e.mentions.length === 0) continue;
    ids.set(e, e.named ? registry.idFor(e) : registry.anonymousId(doc.record.id, ++anon));
  }
  // Two entities of this document the run knows as one (a tagger split): one record entity, mentions merged.
  const merged = new Map<string, DocEntity>();
  for (const e of set.list) {
    const id = ids.get(e);
    if (!id) continue;
    const first = merged.get(id);
    if (!first) {
      merged.set(id, e);
      continue;
    }
    first.mentions.push(...e.mentions);
    for (const r of e.roles) if (!first.roles.includes(r)) first.roles.push(r);
    if (!first.entry) first.name = canonicalName(first, text);
    ids.delete(e);
  }
  const countryName = new Map(set.list.filter((e) => e.entry?.role === 'country').map((e) => [e.entry!.key, e]));
  for (const e of set.list) {
    const id = ids.get(e);
    if (!id) continue;
    e.mentions.sort((a, b) => a.start - b.start);
    const mentions: Mention[] = e.mentions.map((m) => ({
      span: span(text, m.start, m.end),
      kind: m.kind,
      stands_for: m.stands_for,
      ...(m.reason ? { reason: m.reason } : {}),
    }));
    let description = e.description;
    if (e.entry?.role === 'demonym' && e.entry.country) {
      const country = countryName.get(e.entry.country);
      const countryId = country ? ids.get(country) : null;
      description = `demonym of ${country?.name ?? countryNames(table).get(e.entry.country) ?? e.entry.country.replace('country:', '')}`;
      for (const m of e.mentions) if (countryId) scratch.demonymAt.set(m.start, countryId);
    }
    const aliases = new Set<string>();
    for (const m of e.mentions) {
      if (m.kind !== 'name' && m.kind !== 'alias' && m.kind !== 'metonymy') continue;
      aliases.add(text.slice(m.kind === 'metonymy' ? m.start : m.candidate?.formStart ?? m.start, m.end));
    }
    for (const m of e.mentions) {
      scratch.idAt.set(m.start, id);
      if ((m.kind === 'pronoun' || m.kind === 'role') && m.reason) scratch.corefAt.set(m.start, { id, reason: m.reason });
    }
    out.push({
      id,
      type: e.type,
      name: e.name,
      aliases: [...aliases],
      named: e.named,
      description,
      roles: e.roles,
      mentions,
      confidence: Math.round(Math.min(1, e.named ? e.confidence : Math.min(e.confidence, COREF_CONFIDENCE)) * 1000) / 1000,
    });
  }
  out.sort((a, b) => (a.mentions[0]?.span.start ?? 0) - (b.mentions[0]?.span.start ?? 0));
  doc.record.entities = out;
}
