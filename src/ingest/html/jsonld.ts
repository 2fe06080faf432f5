// schema.org JSON-LD blocks of a page, flattened to a list of typed nodes (arrays and @graph unrolled).
import type { Document } from './dom.js';

/** A JSON-LD block larger than this is skipped: metadata is small; a huge block is a data dump, not page metadata. */
export const MAX_JSONLD_CHARS = 2_000_000;
/** Nodes collected from one page at most (bounded memory on adversarial pages). */
export const MAX_JSONLD_NODES = 20_000;
/** Nesting followed into a JSON-LD node at most. */
const MAX_JSONLD_DEPTH = 12;

export type LdNode = Record<string, unknown>;

export function jsonLdNodes(doc: Document): LdNode[] {
  const out: LdNode[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'))) {
    const raw = script.textContent ?? '';
    if (raw.length > MAX_JSONLD_CHARS) continue;
    let value: unknown;
    try {
      // Some CMSs leave an HTML comment or CDATA wrapper around the JSON.
      value = JSON.parse(raw.replace(/^\s*(<!--|\/\/\s*<!\[CDATA\[)/, '').replace(/(-->|\/\/\s*\]\]>)\s*$/, ''));
    } catch {
      continue;
    }
    collect(value, out, 0);
  }
  return out;
}

function collect(value: unknown, out: LdNode[], depth: number): void {
  if (out.length >= MAX_JSONLD_NODES || depth > MAX_JSONLD_DEPTH) return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, depth + 1);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as LdNode;
  if (node['@type'] !== undefined) out.push(node);
  if (node['@graph'] !== undefined) collect(node['@graph'], out, depth + 1);
}

/** The node's @type names (a string or a list). */
export function typesOf(node: LdNode): string[] {
  const t = node['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** A plain string field (a string, or the first string of a list, or an object's `name`/`@value`). */
export function ldString(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const s = ldString(x);
      if (s) return s;
    }
    return null;
  }
  if (typeof v === 'object' && v !== null) {
    const o = v as LdNode;
    return ldString(o.name ?? o['@value'] ?? null);
  }
  return null;
}

/** Names of people or organisations in an author-like field (string, object with name, or lists of either). */
export function ldNames(v: unknown): string[] {
  const out: string[] = [];
  const push = (x: unknown) => {
    const s = ldString(typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as LdNode).name ?? null : x);
    if (s && !out.includes(s)) out.push(s);
  };
  if (Array.isArray(v)) v.slice(0, 20).forEach(push);
  else if (v !== undefined && v !== null) push(v);
  return out;
}
