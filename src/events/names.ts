// Naming what the text mentions: entity mentions when the entity layer found them, else capitalised word runs read
// from the text, with countries, their demonyms and codes normalised through the world-countries data.
import countries from 'world-countries';
import type { EntityRef, NewsRecord } from '../model/record.js';
import { eventLexicon } from './lexicon.js';
import { partitionPoint } from '../util/search.js';

/** Words in a capitalised name run, at most: bounds the reading of a "name" in a text of capitals. */
export const MAX_NAME_WORDS = 6;

let countryIndex: Map<string, string> | null = null;

/** Lower-cased country names, official names, codes and demonyms → the common English name. */
function countriesByWord(): Map<string, string> {
  if (countryIndex) return countryIndex;
  countryIndex = new Map();
  for (const c of countries as unknown as Array<{ name: { common: string; official: string }; altSpellings: string[]; cca2: string; cca3: string; demonyms?: { eng?: { m: string; f: string } } }>) {
    const add = (k: string | undefined) => k && k.length >= 2 && !countryIndex!.has(k.toLowerCase()) && countryIndex!.set(k.toLowerCase(), c.name.common);
    add(c.name.common);
    add(c.name.official);
    add(c.cca3);
    add(c.cca2);
    for (const a of c.altSpellings) add(a);
    add(c.demonyms?.eng?.m);
    add(c.demonyms?.eng?.f);
  }
  return countryIndex;
}

/** The country a word or name stands for ("Russian", "US", "Ukraine's"), or null. */
export function countryOf(name: string): string | null {
  const key = name.replace(/['’]s$/, '').replace(/\./g, '').toLowerCase();
  return countriesByWord().get(key) ?? null;
}

export interface NameRun {
  start: number;
  end: number;
  name: string;
}

const CAP = /^[A-Z][\p{L}\p{M}'’.-]*$/u;

/** The capitalised word run starting at `pos` (allowing "of" inside: "State Emergency Service of Ukraine"). */
export function nameAt(text: string, pos: number, limit = text.length): NameRun | null {
  const re = /[\p{L}\p{M}'’.-]+|[^\p{L}\p{M}'’.-]/gu;
  re.lastIndex = pos;
  const words: Array<{ start: number; end: number; w: string }> = [];
  let m: RegExpExecArray | null;
  let pendingOf: { start: number; end: number; w: string } | null = null;
  while ((m = re.exec(text)) !== null && m.index < limit && words.length < MAX_NAME_WORDS) {
    const w = m[0];
    if (w === ' ') continue;
    if (CAP.test(w)) {
      if (pendingOf) words.push(pendingOf);
      pendingOf = null;
      words.push({ start: m.index, end: m.index + w.length, w });
      if (/['’]s$/.test(w)) break;
      continue;
    }
    if ((w === 'of' || w === 'de') && words.length && !pendingOf) {
      pendingOf = { start: m.index, end: m.index + w.length, w };
      continue;
    }
    break;
  }
  const lex = eventLexicon();
  while (words.length && lex.name_stopwords.includes(words[0]!.w.replace(/\.$/, ''))) words.shift();
  if (!words.length) return null;
  let end = words[words.length - 1]!.end;
  let name = words.map((w) => w.w).join(' ');
  if (/['’]s$/.test(name)) {
    name = name.slice(0, -2);
    end -= 2;
  }
  name = name.replace(/[.]$/, '');
  if (!name) return null;
  return { start: words[0]!.start, end, name };
}

/** Entity mentions of a record, sorted, for lookups by offset. */
export class MentionIndex {
  private readonly mentions: Array<{ start: number; end: number; ref: EntityRef; type: string; kind: string }> = [];

  constructor(record: NewsRecord) {
    // Entities by id (the first of an id, as a search of the list finds it): one look-up per metonymy.
    const byId = new Map<string, NewsRecord['entities'][number]>();
    for (const e of record.entities ?? []) if (!byId.has(e.id)) byId.set(e.id, e);
    for (const e of record.entities ?? []) {
      for (const m of e.mentions) {
        const standsFor = m.kind === 'metonymy' && m.stands_for ? m.stands_for : null;
        const target = standsFor ? byId.get(standsFor) : null;
        this.mentions.push({ start: m.span.start, end: m.span.end, ref: { entity: (target ?? e).id, name: (target ?? e).name }, type: (target ?? e).type, kind: m.kind });
      }
    }
    this.mentions.sort((a, b) => a.start - b.start);
  }

  get empty(): boolean {
    return this.mentions.length === 0;
  }

  /** The entity mentioned over [start, end), if one is. */
  at(start: number, end: number): { ref: EntityRef; type: string } | null {
    let lo = 0;
    let hi = this.mentions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = this.mentions[mid]!;
      if (m.end <= start) lo = mid + 1;
      else if (m.start >= end) hi = mid - 1;
      else return m;
    }
    return null;
  }

  /** Mentions inside [start, end). */
  within(start: number, end: number): Array<{ start: number; end: number; ref: EntityRef; type: string; kind: string }> {
    // Binary search to the first mention at or after `start`: a lookup costs the mentions it returns, not all.
    const lo = partitionPoint(this.mentions.length, (i) => this.mentions[i]!.start >= start);
    const out: Array<{ start: number; end: number; ref: EntityRef; type: string; kind: string }> = [];
    for (let i = lo; i < this.mentions.length && this.mentions[i]!.start < end; i++) if (this.mentions[i]!.end <= end) out.push(this.mentions[i]!);
    return out;
  }
}

/** An entity reference for a name read from the text: the entity mentioned there, else the country, else the name. */
export function refFor(index: MentionIndex, run: NameRun): EntityRef {
  const hit = index.at(run.start, run.end);
  if (hit) return hit.ref;
  const country = countryOf(run.name);
  return { entity: null, name: country ?? run.name };
}

const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'and', 'in', 'at', 'on', 'for', 'some', 'had', 'has', 'that', 'its']);

/** Lower-case words, possessives dropped, demonyms and codes read as their country ("Russian" → "russia"). */
export function nameWords(name: string): string[] {
  return name
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (countryOf(w) ?? w).toLowerCase())
    .flatMap((w) => w.split(' '))
    .filter((w) => !STOP.has(w));
}
