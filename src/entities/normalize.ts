// Name keys: two surface forms with the same key name the same thing. Case, diacritics, full stops, typographic
// apostrophes and common transliteration endings are folded; the reviewed variant table (data/aliases/variants.json)
// maps exonyms and older transliterations (Kiev → Kyiv) to one form.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

let variantMap: Map<string, string> | null = null;

function variants(): Map<string, string> {
  if (variantMap) return variantMap;
  const file = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'data', 'aliases', 'variants.json'), 'utf8')) as {
    groups: string[][];
  };
  variantMap = new Map();
  for (const group of file.groups) {
    const canonical = foldWord(baseFold(group[0]!));
    for (const form of group) variantMap.set(foldWord(baseFold(form)), canonical);
  }
  return variantMap;
}

/** Extra variant groups from a user alias file; each group's first form is the canonical one. */
export function addVariantGroups(groups: string[][]): void {
  const map = variants();
  for (const group of groups) {
    if (group.length === 0) continue;
    const canonical = map.get(foldWord(baseFold(group[0]!))) ?? foldWord(baseFold(group[0]!));
    for (const form of group) map.set(foldWord(baseFold(form)), canonical);
  }
  keyCache.clear();
}

const DIACRITICS = /\p{M}+/gu;
const APOSTROPHES = /[’‘`´]/g;
const DOTS = /\./g;
const SEPARATORS = /[\s\-‐‑‒–—_/]+/g;

/** Lower case, no diacritics, straight apostrophes, no full stops, single spaces. */
export function baseFold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(DOTS, '')
    .replace(SEPARATORS, ' ')
    .trim();
}

// General transliteration rules, applied to the end of each word: Ukrainian and Russian names reach English with
// -skyy, -skyi, -skiy or -sky (Yarovskyy / Yarovsky / Yarovskiy), -ii or -iy (Andrii / Andriy). Doubled final y and
// the -iy/-ii/-yi endings fold to -y. Only word endings are touched so the rule stays predictable.
const TRANSLIT_ENDINGS: Array<[RegExp, string]> = [
  [/(?:yy|iy|ii|yi|ij)$/, 'y'],
];

function foldWord(word: string): string {
  let w = word;
  if (w.length >= 4) for (const [re, to] of TRANSLIT_ENDINGS) w = w.replace(re, to);
  return w;
}

/** The word keys of a name: folded, transliteration-normalised, variant-mapped. */
export function nameWords(s: string): string[] {
  const map = variants();
  const out: string[] = [];
  for (const raw of baseFold(s).split(' ')) {
    if (!raw) continue;
    const w = foldWord(raw);
    out.push(map.get(w) ?? w);
  }
  return out;
}

/** Name keys are asked for the same few surface forms over and over (every mention of a name, every document of a
 * run): they are remembered, up to this many forms, then the memory starts over. */
const KEY_CACHE_MAX = 50_000;
const keyCache = new Map<string, string>();

/** The key of a whole name. */
export function nameKey(s: string): string {
  let k = keyCache.get(s);
  if (k === undefined) {
    k = nameWords(s).join(' ');
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    keyCache.set(s, k);
  }
  return k;
}

/** Words skipped when forming an acronym from a name ("Organization of the Petroleum Exporting Countries"). */
const ACRONYM_SKIP = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'de', 'du', 'des', 'la', 'le', '&']);

/** The initials of a multi-word name, lower case ("north atlantic treaty organization" → "nato"), or null. */
export function initials(s: string): string | null {
  const words = baseFold(s).split(' ').filter((w) => w && !ACRONYM_SKIP.has(w));
  if (words.length < 2) return null;
  return words.map((w) => w[0]).join('');
}

/** True for a form written as an acronym: 2+ letters, all capitals or a capital followed by lower case of ≤ 5 letters
 * that equals the initials of a known long name (the caller checks that). */
export function looksLikeAcronym(s: string): boolean {
  const letters = s.replace(/[.\s]/g, '');
  return letters.length >= 2 && letters.length <= 8 && /^[\p{Lu}\d]+$/u.test(letters);
}
