// The reviewed word lists of the entities layer (data/entities/*), read once per process. Lists are compared in
// lower case; each file says in its header why its words are there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityType } from '../model/record.js';
import { PACKAGE_ROOT } from '../version.js';
import { readWordList } from '../util/wordList.js';

export const ENTITIES_DATA_DIR = join(PACKAGE_ROOT, 'data', 'entities');
/** Nouns that name people or groups of people, compiled from WordNet by src/train/personNouns.ts. */
export const PERSON_NOUNS_FILE = 'person-nouns.txt';

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(ENTITIES_DATA_DIR, name), 'utf8')) as T;
}

/** A plain-text list: one entry a line, `#` starts a comment line, compared in lower case. */
function readList(name: string): Set<string> {
  return new Set(readWordList('entities', name).map((w) => w.toLowerCase()));
}

export interface PronounInfo {
  types: EntityType[];
  gender: 'm' | 'f' | null;
}

export interface EntityLexicon {
  honorifics: Set<string>;
  /** Capitalised titles, lower case, longest first so "Prime Minister" wins over "Minister". */
  titles: string[];
  /** The same titles, as word lists, by their first word (longest first): a look-up per token, not a scan. */
  titlesByFirst: Map<string, string[][]>;
  titleSet: Set<string>;
  /** Titles that are offices held for a time: a role before the name, not part of the name form (titles.json). */
  offices: Set<string>;
  /** Office and role nouns (lower case, may be several words: "chief of staff"). */
  roleHeads: Set<string>;
  /** Longest role head in words, bounding the backward look-up. */
  roleHeadMaxWords: number;
  personRoleNouns: Set<string>;
  orgRoleNouns: Set<string>;
  anonymousNouns: Set<string>;
  pronouns: Map<string, PronounInfo>;
  genderedHonorifics: Map<string, 'm' | 'f'>;
  /** Given names borne by people of one gender, as written ("Sandra" → f): given-names.txt. */
  givenNameGenders: Map<string, 'm' | 'f'>;
  notNames: Set<string>;
  /** Nouns that describe one person after "the" ("the sprinter", "the Scot"): person-descriptors.txt. */
  personDescriptors: Set<string>;
  orgDesignators: Set<string>;
  placeCues: Set<string>;
  speechVerbs: Set<string>;
  /** Every form of the quote layer's reviewed reporting verbs (data/quotes/cue-verbs.txt): "admitted", "revealed",
   * "believes" open a reported clause as "said" does. */
  reportingVerbs: Set<string>;
  locativePrepositions: Set<string>;
  communicationVerbs: Set<string>;
  objectVerbs: Set<string>;
  governmentPrepositions: Set<string>;
  cityNouns: Set<string>;
  /** Nouns that name a person or a group of people, singular, and the irregular plurals of some (person-nouns.txt). */
  personNouns: Set<string>;
}

let cached: EntityLexicon | null = null;

export function lexicon(): EntityLexicon {
  if (cached) return cached;
  const titles = readJson<{ honorifics: string[]; titles: string[]; roleHeads: string[]; offices?: string[] }>('titles.json');
  const roles = readJson<{ person: string[]; org: string[]; anonymous: string[] }>('role-nouns.json');
  const pron = readJson<{ pronouns: Record<string, PronounInfo>; genderedHonorifics: Record<string, 'm' | 'f'> }>(
    'pronouns.json',
  );
  const meto = readJson<Record<string, string[]>>('metonymy-context.json');
  const lower = (xs: string[] | undefined) => new Set((xs ?? []).map((x) => x.toLowerCase()));
  const roleHeads = lower(titles.roleHeads);
  const titleList = [...lower(titles.titles)].sort((a, b) => b.length - a.length);
  const titlesByFirst = new Map<string, string[][]>();
  for (const t of titleList) {
    const words = t.split(' ');
    const list = titlesByFirst.get(words[0]!) ?? [];
    list.push(words);
    titlesByFirst.set(words[0]!, list);
  }
  cached = {
    honorifics: lower(titles.honorifics),
    titles: titleList,
    titlesByFirst,
    titleSet: new Set(titleList),
    offices: lower(titles.offices),
    roleHeads,
    roleHeadMaxWords: Math.max(1, ...[...roleHeads].map((r) => r.split(/[\s-]+/).length)),
    personRoleNouns: lower(roles.person),
    orgRoleNouns: lower(roles.org),
    anonymousNouns: lower(roles.anonymous),
    pronouns: new Map(Object.entries(pron.pronouns)),
    genderedHonorifics: new Map(Object.entries(pron.genderedHonorifics)),
    givenNameGenders: givenNames(),
    notNames: readList('not-names.txt'),
    personDescriptors: readList('person-descriptors.txt'),
    orgDesignators: readList('org-designators.txt'),
    placeCues: readList('place-cues.txt'),
    speechVerbs: readList('speech-verbs.txt'),
    reportingVerbs: new Set(readWordList('quotes', 'cue-verbs.txt').flatMap((line) => line.toLowerCase().split(/\s+/))),
    locativePrepositions: lower(meto.locativePrepositions),
    communicationVerbs: lower(meto.communicationVerbs),
    objectVerbs: lower(meto.objectVerbs),
    governmentPrepositions: lower(meto.governmentPrepositions),
    cityNouns: lower(meto.cityNouns),
    personNouns: readList(PERSON_NOUNS_FILE),
  };
  return cached;
}

/** given-names.txt: "<name> m" or "<name> f" a line. */
function givenNames(): Map<string, 'm' | 'f'> {
  const out = new Map<string, 'm' | 'f'>();
  for (const line of readWordList('entities', 'given-names.txt')) {
    const [name, gender] = line.split(/\s+/);
    if (!name || (gender !== 'm' && gender !== 'f')) throw new Error(`data/entities/given-names.txt: "${line}" is not "<name> m" or "<name> f"`);
    out.set(name, gender);
  }
  return out;
}

/** The gender the given name of a full name gives ("Sandra Howard" → f), from data/entities/given-names.txt; null for a
 * name of one word (a lone "Howard" is a surname as often as a given name) or a given name not in the list. */
export function givenNameGender(name: string): 'm' | 'f' | null {
  const words = name.split(/\s+/);
  return words.length >= 2 ? lexicon().givenNameGenders.get(words[0]!) ?? null : null;
}
