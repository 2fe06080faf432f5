// Resolution within one document: name mentions join into entities. Table names join on their table entry (a
// capital used for its government joins its country); people join on their full name, and a surname or a titled
// surname ("Mr Lavrov", "Admiral Radakin") joins the one full name that ends with it; acronyms join the name whose
// initials they are, regardless of case; spelling variants join through name keys (normalize.ts).
import type { EntityType, MentionKind } from '../model/record.js';
import type { Token } from '../pipeline/doc.js';
import type { AliasEntry, AliasTable } from './aliasTable.js';
import type { Candidate } from './candidates.js';
import { initials, looksLikeAcronym, nameKey, nameWords } from './normalize.js';

export interface DocMention {
  start: number;
  end: number;
  kind: MentionKind;
  stands_for: string | null;
  reason?: string;
  candidate: Candidate | null;
}

export interface DocEntity {
  /** Key within the document and the run: a table key or "TYPE:name key". */
  key: string;
  type: EntityType;
  name: string;
  entry: AliasEntry | null;
  named: boolean;
  description: string | null;
  roles: string[];
  roleKeys: Set<string>;
  mentions: DocMention[];
  confidence: number;
  gender: 'm' | 'f' | null;
  /** Name keys of every surface form, for joining later mentions and across documents. */
  keys: Set<string>;
  /** Type votes of the mentions (tagger types, cues), for names not in the table: the majority wins. */
  votes: Map<EntityType, number>;
}

export class EntitySet {
  readonly list: DocEntity[] = [];
  private readonly byKey = new Map<string, DocEntity>();

  get(key: string): DocEntity | undefined {
    return this.byKey.get(key);
  }

  create(key: string, type: EntityType, name: string, entry: AliasEntry | null, confidence: number): DocEntity {
    const e: DocEntity = {
      key,
      type,
      name,
      entry,
      named: true,
      description: null,
      roles: [],
      roleKeys: new Set(),
      mentions: [],
      confidence,
      gender: null,
      keys: new Set(),
      votes: new Map(),
    };
    this.list.push(e);
    this.byKey.set(key, e);
    return e;
  }
}

function surface(text: string, c: Candidate): string {
  return text.slice(c.nameStart, c.end);
}

/** Groups the candidates of one document into entities. */
export function resolveNames(cands: Candidate[], text: string, tokens: readonly Token[], table: AliasTable): EntitySet {
  const set = new EntitySet();
  const byTableKey = new Map(table.entries.map((e) => [e.key, e]));
  const singles: Candidate[] = [];
  const add = (e: DocEntity, c: Candidate, kind?: MentionKind, standsFor: string | null = null, reason?: string) => {
    const name = surface(text, c);
    // A capital standing for its country is not one of the country's names: "in Moscow" stays the city.
    if (kind !== 'metonymy') e.keys.add(nameKey(name));
    const k = kind ?? (nameKey(name) === nameKey(e.name) || nameKey(name).endsWith(nameKey(e.name)) ? 'name' : 'alias');
    e.mentions.push({ start: c.start, end: c.end, kind: k, stands_for: standsFor, candidate: c, ...(reason ? { reason } : {}) });
    e.confidence = Math.max(e.confidence, c.confidence);
    // Titles and honorifics are only ever given to people: they outvote a tagger's slip.
    const weight = c.confidence + (c.titles.length > 0 ? TITLE_VOTE : 0);
    e.votes.set(c.type, (e.votes.get(c.type) ?? 0) + weight);
  };
  // Full names first, so surnames and acronyms that come before their full form still find it.
  const ordered = [...cands].sort((a, b) => wordCount(text, b) - wordCount(text, a) || a.start - b.start);
  for (const c of ordered) {
    if (c.confidence < 0) continue;
    if (c.entry) {
      let entry = c.entry;
      if (c.metonymy && entry.country && byTableKey.has(entry.country)) {
        entry = byTableKey.get(entry.country)!;
        const e = set.get(entry.key) ?? set.create(entry.key, entry.type, entry.name, entry, c.confidence);
        add(e, c, 'metonymy', 'government', c.metonymyReason);
        continue;
      }
      const e = set.get(entry.key) ?? set.create(entry.key, entry.type, entry.name, entry, c.confidence);
      add(e, c);
      continue;
    }
    const words = nameWords(surface(text, c)).filter((w) => w !== 'the');
    if (words.length === 0) continue;
    if (words.length === 1 || looksLikeAcronym(surface(text, c))) {
      singles.push(c);
      continue;
    }
    // Names join on their words whatever type the tagger gave each mention; a shorter person name joins the full
    // name it ends ("Cavo Dragone" → "Giuseppe Cavo Dragone").
    const key = `N:${words.join(' ')}`;
    const existing =
      set.get(key) ??
      findByKey(set, words.join(' ')) ??
      (c.type === 'PERSON' ? set.list.find((e) => !e.entry && leadingType(e) === 'PERSON' && e.key.endsWith(' ' + words.join(' '))) : undefined);
    const e = existing ?? set.create(key, c.type, surface(text, c), null, c.confidence);
    add(e, c);
  }
  for (const e of set.list) if (!e.entry) e.type = leadingType(e);
  for (const c of singles.sort((a, b) => a.start - b.start)) joinSingle(set, c, text, add);
  for (const e of set.list) {
    if (e.entry) continue;
    e.type = leadingType(e);
    e.name = canonicalName(e, text);
  }
  for (const e of set.list) {
    e.mentions.sort((a, b) => a.start - b.start);
  }
  void tokens;
  return set;
}

function wordCount(text: string, c: Candidate): number {
  return text.slice(c.nameStart, c.end).split(/\s+/).length;
}

function findByKey(set: EntitySet, key: string): DocEntity | undefined {
  return set.list.find((e) => e.named && e.keys.has(key));
}

/** Extra vote of a mention with a title or honorific for PERSON. */
const TITLE_VOTE = 2;

/** The type with most votes; MISC only when nothing else was voted. */
export function leadingType(e: DocEntity): EntityType {
  let best: EntityType = e.type;
  let bestVotes = -1;
  for (const [t, v] of e.votes) {
    const score = t === 'MISC' ? v / 2 : v;
    if (score > bestVotes) {
      best = t;
      bestVotes = score;
    }
  }
  return best;
}

/** A one-word name or acronym: joins a person by surname, a name by initials or key; else stands alone if typed. */
function joinSingle(
  set: EntitySet,
  c: Candidate,
  text: string,
  add: (e: DocEntity, c: Candidate, kind?: MentionKind) => void,
): void {
  const s = surface(text, c);
  const key = nameKey(s);
  const sameKey = set.list.filter((e) => e.keys.has(key) && e.named);
  if (sameKey.length > 0) {
    add(nearest(sameKey, c.start), c);
    return;
  }
  if (c.type !== 'PLACE' || c.titles.length > 0) {
    // Taggers often type a lone surname as an organisation or place; the full name earlier in the text decides.
    const bySurname = set.list.filter((e) => !e.entry && e.named && leadingType(e) === 'PERSON' && e.key.split(' ').pop() === key);
    if (bySurname.length > 0) {
      add(nearest(bySurname, c.start), c);
      return;
    }
  }
  if (looksLikeAcronym(s)) {
    const acr = key.replace(/\s/g, '');
    const owner = set.list.find((e) => e.type !== 'PERSON' && [...e.keys].some((k) => initials(k) === acr));
    if (owner) {
      add(owner, c, 'alias');
      return;
    }
  }
  // An untyped word found by capitals alone is kept only when a cue typed it; the tagger's words always are.
  if (c.type === 'MISC' && c.source === 'heuristic') return;
  const e = set.get(`N:${key}`) ?? set.create(`N:${key}`, c.type, s, null, c.confidence);
  add(e, c);
}

function nearest(list: DocEntity[], at: number): DocEntity {
  let best = list[0]!;
  let bestDist = Infinity;
  for (const e of list) {
    for (const m of e.mentions) {
      const d = m.start <= at ? at - m.start : (m.start - at) * 2;
      if (d < bestDist) {
        bestDist = d;
        best = e;
      }
    }
  }
  return best;
}

/** The fullest name form without titles: most words, then earliest. */
function canonicalName(e: DocEntity, text: string): string {
  let best = e.name;
  let bestWords = 0;
  for (const m of e.mentions) {
    if (!m.candidate || m.kind === 'metonymy') continue;
    let s = text.slice(m.candidate.nameStart, m.candidate.end);
    if (e.type === 'PERSON') s = s.replace(/^The\s+/, '');
    const n = s.split(/\s+/).length;
    if (n > bestWords) {
      best = s;
      bestWords = n;
    }
  }
  return best;
}
