// Resolution within one document: name mentions join into entities. Table names join on their table entry (a
// capital used for its government joins its country); people join on their full name, and a surname or a titled
// surname ("Mr Barnier", "Admiral Byrd") joins the one full name that ends with it; acronyms join the name whose
// initials they are, regardless of case; spelling variants join through name keys (normalize.ts).
import type { EntityType, MentionKind } from '../model/record.js';
import type { Token } from '../pipeline/doc.js';
import type { AliasEntry, AliasTable } from './aliasTable.js';
import type { Candidate } from './candidates.js';
import { initials, looksLikeAcronym, nameKey, nameWords } from './normalize.js';
import { partitionPoint } from '../util/search.js';
import { givenNameGender } from './data.js';
import { inTitleCaseLine } from './titleCaseLine.js';

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
  // Look-up indexes kept up to date as entities and name keys are added, so that joining a mention never scans the
  // entities or mentions found so far (resolution stays linear in the number of mentions).
  private readonly byNameKey = new Map<string, DocEntity[]>();
  private readonly byInitials = new Map<string, DocEntity[]>();
  /** Entities without a table entry whose multi-word key ends with these words ("cavo dragone", "dragone"). */
  private readonly bySuffix = new Map<string, DocEntity[]>();
  private readonly order = new Map<DocEntity, number>();
  /** Mention starts of each entity, sorted, for the nearest-mention look-up. */
  private readonly starts = new Map<DocEntity, number[]>();

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
    this.order.set(e, this.list.length);
    this.list.push(e);
    this.byKey.set(key, e);
    if (!entry && key.startsWith('N:')) {
      const words = key.slice(2).split(' ');
      for (let i = 1; i < words.length; i++) push(this.bySuffix, words.slice(i).join(' '), e);
    }
    return e;
  }

  /** Records that `e` is named by a form with this name key. */
  addKey(e: DocEntity, key: string): void {
    if (e.keys.has(key)) return;
    e.keys.add(key);
    push(this.byNameKey, key, e);
    const acr = initials(key);
    if (acr) push(this.byInitials, acr, e);
  }

  /** Records a mention start of `e` (kept sorted; mentions mostly come in text order, so this is an append). */
  addStart(e: DocEntity, start: number): void {
    let list = this.starts.get(e);
    if (!list) this.starts.set(e, (list = []));
    let at = list.length;
    while (at > 0 && list[at - 1]! > start) at--;
    if (at === list.length) list.push(start);
    else list.splice(at, 0, start);
  }

  /** Named entities with this name key. */
  withKey(key: string): DocEntity[] {
    return (this.byNameKey.get(key) ?? []).filter((e) => e.named);
  }

  /** Entities whose key's last words are `words` (a proper suffix of a multi-word name). */
  withSuffix(words: string): DocEntity[] {
    return this.bySuffix.get(words) ?? [];
  }

  /** The earliest-created entity with a name form whose initials are `acr` that passes `ok`. */
  firstWithInitials(acr: string, ok: (e: DocEntity) => boolean): DocEntity | undefined {
    let best: DocEntity | undefined;
    for (const e of this.byInitials.get(acr) ?? []) if (ok(e) && (!best || this.order.get(e)! < this.order.get(best)!)) best = e;
    return best;
  }

  /** The entity with a mention closest to `at` (mentions after it count double: a name is usually given first). */
  nearest(list: DocEntity[], at: number): DocEntity {
    if (list.length === 1) return list[0]!;
    let best = list[0]!;
    let bestDist = Infinity;
    for (const e of list) {
      const starts = this.starts.get(e) ?? [];
      const lo = partitionPoint(starts.length, (i) => starts[i]! > at);
      const before = lo > 0 ? at - starts[lo - 1]! : Infinity;
      const after = lo < starts.length ? (starts[lo]! - at) * 2 : Infinity;
      const d = Math.min(before, after);
      if (d < bestDist) {
        bestDist = d;
        best = e;
      }
    }
    return best;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function surface(text: string, c: Candidate): string {
  return text.slice(c.nameStart, c.end);
}

/** Groups the candidates of one document into entities. */
export function resolveNames(cands: Candidate[], text: string, tokens: readonly Token[], table: AliasTable): EntitySet {
  const set = new EntitySet();
  const byTableKey = tableIndex(table);
  const singles: Candidate[] = [];
  const add = (e: DocEntity, c: Candidate, kind?: MentionKind, standsFor: string | null = null, reason?: string) => {
    const key = nameKey(surface(text, c));
    // A capital standing for its country is not one of the country's names: "in Moscow" stays the city.
    if (kind !== 'metonymy') set.addKey(e, key);
    const own = nameKey(e.name);
    const k = kind ?? (key === own || key.endsWith(own) ? 'name' : 'alias');
    e.mentions.push({ start: c.start, end: c.end, kind: k, stands_for: standsFor, candidate: c, ...(reason ? { reason } : {}) });
    set.addStart(e, c.start);
    e.confidence = Math.max(e.confidence, c.confidence);
    // Titles and honorifics are only ever given to people: they outvote a tagger's slip.
    const weight = c.confidence + (c.titles.length > 0 ? TITLE_VOTE : 0);
    e.votes.set(c.type, (e.votes.get(c.type) ?? 0) + weight);
  };
  // Full names first, so surnames and acronyms that come before their full form still find it.
  const words = new Map<Candidate, number>();
  for (const c of cands) words.set(c, wordCount(text, c));
  const ordered = [...cands].sort((a, b) => words.get(b)! - words.get(a)! || a.start - b.start);
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
    const ws = nameWords(surface(text, c)).filter((w) => w !== 'the');
    if (ws.length === 0) continue;
    if (ws.length === 1 || looksLikeAcronym(surface(text, c))) {
      singles.push(c);
      continue;
    }
    // Names join on their words whatever type the tagger gave each mention; a shorter person name joins the full
    // name it ends ("Lloyd Webber" → "Andrew Lloyd Webber").
    const joined = ws.join(' ');
    const key = `N:${joined}`;
    const existing =
      set.get(key) ??
      set.withKey(joined)[0] ??
      (c.type === 'PERSON' ? set.withSuffix(joined).find((e) => e.named && leadingType(e) === 'PERSON') : undefined);
    const e = existing ?? set.create(key, c.type, surface(text, c), null, c.confidence);
    add(e, c);
  }
  for (const e of set.list) if (!e.entry) e.type = leadingType(e);
  const nonPersonWords = namesOfNonPeople(singles, text);
  const byGivenName = fullNamesByGivenName(set);
  for (const c of singles.sort((a, b) => a.start - b.start)) joinSingle(set, c, text, add, nonPersonWords, byGivenName);
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

const tableIndexes = new WeakMap<AliasTable, { version: number; byKey: Map<string, AliasEntry> }>();

/** The table's entries by key, built once per table version (not once per document). */
function tableIndex(table: AliasTable): Map<string, AliasEntry> {
  let idx = tableIndexes.get(table);
  if (!idx || idx.version !== table.version || idx.byKey.size !== table.entries.length) {
    idx = { version: table.version, byKey: new Map(table.entries.map((e) => [e.key, e])) };
    tableIndexes.set(table, idx);
  }
  return idx.byKey;
}

function wordCount(text: string, c: Candidate): number {
  return text.slice(c.nameStart, c.end).split(/\s+/).length;
}

/** Titles that come before a given name, not a surname ("Sir Paul" is Paul McCartney). */
const GIVEN_NAME_TITLES = new Set(['sir', 'dame']);

/** The names of two words or more that open with a given name of data/entities/given-names.txt, by that name. */
function fullNamesByGivenName(set: EntitySet): Map<string, DocEntity[]> {
  const out = new Map<string, DocEntity[]>();
  for (const e of set.list) {
    // Typed as a person's, or otherwise by a tagger's slip ("Oscar nominee Stella Quayle" as an organisation): the
    // lone given name that joins it must be typed as a person's.
    if (!e.named || e.entry || leadingType(e) === 'PLACE' || !givenNameFirst(e.name)) continue;
    const first = e.name.split(/\s+/)[0]!;
    const list = out.get(first);
    if (list) list.push(e);
    else out.set(first, [e]);
  }
  return out;
}

/** Extra vote of a mention with a title or honorific for PERSON. */
const TITLE_VOTE = 2;

/** Extra vote for PERSON when a lone surname the tagger typed as a person's joins a full name that opens with a given
 * name (data/entities/given-names.txt): the two agree, against the tagger's other type for the full name. */
const GIVEN_NAME_VOTE = 1;

/** Whether a name of two words or more opens with a given name ("Stella Quayle"). */
function givenNameFirst(name: string): boolean {
  return givenNameGender(name) !== null;
}

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

/** Fewest untitled organisation or place mentions of one word, outnumbering its person mentions, for the word to be
 * read as that organisation's or place's own name rather than a surname. */
export const NON_PERSON_WORD_MIN_MENTIONS = 2;

/** A mention typed PERSON, or with a title or honorific (given only to people). */
function personLike(c: Candidate): boolean {
  return c.type === 'PERSON' || c.titles.length > 0;
}

/** Name keys of one-word names the document mostly uses for an organisation or place: "Ford" typed ORG twelve times
 * beside one "Bill Ford" is the carmaker, not Mr Ford; "Kenteris" typed ORG once after "Kostas Kenteris" is a slip. */
function namesOfNonPeople(singles: readonly Candidate[], text: string): Set<string> {
  const tally = new Map<string, number>();
  for (const c of singles) {
    const key = nameKey(surface(text, c));
    const person = personLike(c);
    const other = !person && (c.type === 'ORG' || c.type === 'PLACE');
    tally.set(key, (tally.get(key) ?? 0) + (other ? 1 : person ? -1 : 0));
  }
  const out = new Set<string>();
  for (const [key, margin] of tally) if (margin >= NON_PERSON_WORD_MIN_MENTIONS) out.add(key);
  return out;
}

/** A one-word name or acronym: joins a person by surname, a name by initials or key; else stands alone if typed. */
function joinSingle(
  set: EntitySet,
  c: Candidate,
  text: string,
  add: (e: DocEntity, c: Candidate, kind?: MentionKind) => void,
  nonPersonWords: ReadonlySet<string>,
  byGivenName: ReadonlyMap<string, DocEntity[]>,
): void {
  const s = surface(text, c);
  const key = nameKey(s);
  const sameKey = set.withKey(key);
  if (sameKey.length > 0) {
    add(set.nearest(sameKey, c.start), c);
    return;
  }
  if (personLike(c) || !nonPersonWords.has(key)) {
    // Taggers often type a lone surname as an organisation or place ("Brennan targets …" in a title-case headline);
    // the full name in the text decides. (A place the alias table knows joins that place before this.)
    const bySurname = set.withSuffix(key).filter((e) => e.named && leadingType(e) === 'PERSON' && e.key.endsWith(' ' + key));
    if (bySurname.length > 0) {
      add(set.nearest(bySurname, c.start), c);
      return;
    }
    // The tagger typed the full name otherwise ("Oscar nominee Stella Quayle" as an organisation) but this lone
    // surname as a person's, and the full name opens with a given name: it is the person's full name.
    if (c.type === 'PERSON') {
      const given = set.withSuffix(key).filter((e) => e.named && !e.entry && e.key.endsWith(' ' + key) && givenNameFirst(e.name));
      if (given.length > 0) {
        const e = set.nearest(given, c.start);
        add(e, c);
        e.votes.set('PERSON', (e.votes.get('PERSON') ?? 0) + GIVEN_NAME_VOTE);
        return;
      }
    }
  }
  // "Stella" for Stella Quayle, the one person of the text whose full name opens with that given name.
  // Not "Mr Howard" (a surname after Mr, Mrs, Ms, Dr …); "Sir Paul" and "Dame Judi" are given names.
  if (c.type === 'PERSON' && c.titles.every((t) => GIVEN_NAME_TITLES.has(t))) {
    const people = byGivenName.get(s);
    if (people && people.length === 1) {
      add(people[0]!, c, 'alias');
      return;
    }
  }
  if (looksLikeAcronym(s)) {
    const acr = key.replace(/\s/g, '');
    const owner = set.firstWithInitials(acr, (e) => e.type !== 'PERSON');
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

/** The fullest name form without titles: most words, then earliest. A form read from a title-case line counts only
 * when running text gives no name of two words or more: there a name can run on into the headline's next capitalised
 * word ("Cruz Hints Trump" beside "Donald Trump"), but a headline's "Salma Hayek" still names the text's "Hayek". */
export function canonicalName(e: DocEntity, text: string): string {
  const running = fullestForm(e, text, (m) => !inTitleCaseLine(text, m.candidate!.start));
  if (running && running.words >= 2) return running.form;
  return fullestForm(e, text, () => true)?.form ?? e.name;
}

/** The name form of most words (the earliest of equals) among the mentions `use` accepts, or null without one. */
function fullestForm(e: DocEntity, text: string, use: (m: DocEntity['mentions'][number]) => boolean): { form: string; words: number } | null {
  let best: { form: string; words: number } | null = null;
  for (const m of e.mentions) {
    if (!m.candidate || m.kind === 'metonymy' || !use(m)) continue;
    let s = text.slice(m.candidate.nameStart, m.candidate.end);
    if (e.type === 'PERSON') s = s.replace(/^The\s+/, '');
    const words = s.split(/\s+/).length;
    if (!best || words > best.words) best = { form: s, words };
  }
  return best;
}
