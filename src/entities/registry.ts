// The run-wide entity registry (kept in the RunContext): gives each entity an id that stays the same for every
// document of the run that names it. Only ids are shared; what a record says about an entity comes from its own text.
import type { DocEntity } from './resolve.js';

export class EntityRegistry {
  private readonly byKey = new Map<string, string>();
  private readonly bySurname = new Map<string, Set<string>>();
  private readonly used = new Set<string>();
  /** What the current document taught the registry (see `takeLearned`): keys and surnames by entity id. */
  private learned: Learned = { keys: {}, surnames: {} };

  /** The id of a named entity: an existing one when a key (table entry, full name, unique surname) is known. */
  idFor(e: DocEntity): string {
    const keys = this.keysOf(e);
    let id = keys.map((k) => this.byKey.get(k)).find((x) => x);
    if (!id && e.type === 'PERSON') {
      // A person named only by surname in this document joins the one person of the run with that surname.
      const single = [...e.keys].filter((k) => !k.includes(' '));
      for (const s of single) {
        const ids = this.bySurname.get(s);
        if (ids && ids.size === 1) id = [...ids][0];
      }
    }
    id ??= this.fresh(e);
    for (const k of keys) {
      if (this.byKey.has(k)) continue;
      this.byKey.set(k, id);
      (this.learned.keys[id] ??= []).push(k);
    }
    if (e.type === 'PERSON') {
      for (const k of e.keys) {
        const surname = k.split(' ').pop()!;
        if (!k.includes(' ')) continue;
        let ids = this.bySurname.get(surname);
        if (!ids) this.bySurname.set(surname, (ids = new Set()));
        if (ids.has(id)) continue;
        ids.add(id);
        (this.learned.surnames[id] ??= []).push(surname);
      }
    }
    return id;
  }

  /** An id for an unnamed entity: never shared with another document. */
  anonymousId(docId: string, n: number): string {
    return this.unique(`anon:${slug(docId)}:${n}`);
  }

  /** What the registry learned since the last call (new keys and surnames by id), for the record's `links`. */
  takeLearned(): Learned {
    const out = this.learned;
    this.learned = { keys: {}, surnames: {} };
    return out;
  }

  /**
   * Replay: the registry as it was after a stored document, from its record alone. `ids` are the record's entity ids
   * (the ids the document used), `learned` what it taught the registry (`links.entity_keys` and `links.surnames`).
   */
  restore(ids: Iterable<string>, learned: Partial<Learned>): void {
    for (const id of ids) this.used.add(id);
    for (const [id, keys] of Object.entries(learned.keys ?? {})) for (const k of keys) this.byKey.set(k, id);
    for (const [id, names] of Object.entries(learned.surnames ?? {})) {
      for (const s of names) {
        let set = this.bySurname.get(s);
        if (!set) this.bySurname.set(s, (set = new Set()));
        set.add(id);
      }
    }
  }

  private keysOf(e: DocEntity): string[] {
    const keys = e.entry ? [e.entry.key] : [];
    for (const k of e.keys) if (e.type !== 'PERSON' || k.includes(' ')) keys.push(`${e.type}:${k}`);
    return keys;
  }

  private fresh(e: DocEntity): string {
    return this.unique(`${e.type.toLowerCase()}:${slug(e.name) || 'x'}`);
  }

  private unique(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

/** Registry keys and person surnames first registered for each entity id by one document. */
export interface Learned {
  keys: Record<string, string[]>;
  surnames: Record<string, string[]>;
}

/** Readable id part: folded letters and digits joined by hyphens, bounded length. */
const MAX_SLUG = 48;
function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG);
}
