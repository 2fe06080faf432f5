// Organisations named by a phrase, not a proper name: ministries ("Russia's defence ministry", "the Kenyan health
// ministry", "Ukraine's Ministry of Foreign Affairs") become ORG entities of their own, keyed by country and portfolio,
// so every document of a run that names the same ministry links to it; and names too short to find without their
// context (a platform called "X" after "posted on"). Word lists: data/entities/org-phrases.json. One pass over tokens.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityType } from '../model/record.js';
import type { Token } from '../pipeline/doc.js';
import type { AliasEntry, AliasTable } from './aliasTable.js';
import type { Candidate } from './candidates.js';
import { ENTITIES_DATA_DIR } from './data.js';
import { nextWord, prevWord } from './tokens.js';

/** Confidence of a ministry or context name: built from a pattern, below a curated table name. */
const PHRASE_CONFIDENCE = 0.85;
/** Longest portfolio phrase in words ("emergency situations"). */
const MAX_PORTFOLIO_WORDS = 2;

interface ContextName {
  name: string;
  type: EntityType;
  description: string;
  after: string[];
  verbsBefore: string[];
  nounsAfter: string[];
}

interface OrgPhraseData {
  ministryHeads: Set<string>;
  /** Portfolio phrase (lower case) → canonical portfolio. */
  portfolios: Map<string, string>;
  contextNames: Map<string, ContextName & { afterSet: Set<string>; verbs: Set<string>; nouns: Set<string> }>;
  documentDesignators: Set<string>;
}

let cached: OrgPhraseData | null = null;

export function orgPhraseData(): OrgPhraseData {
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(join(ENTITIES_DATA_DIR, 'org-phrases.json'), 'utf8')) as {
    ministryHeads: string[];
    portfolios: Record<string, string[]>;
    contextNames: ContextName[];
    documentDesignators: string[];
  };
  const portfolios = new Map<string, string>();
  for (const [canonical, others] of Object.entries(raw.portfolios)) {
    portfolios.set(canonical, canonical);
    for (const o of others) portfolios.set(o.toLowerCase(), canonical);
  }
  const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));
  cached = {
    ministryHeads: lower(raw.ministryHeads),
    portfolios,
    contextNames: new Map(
      raw.contextNames.map((c) => [c.name, { ...c, afterSet: lower(c.after), verbs: lower(c.verbsBefore), nouns: lower(c.nounsAfter) }]),
    ),
    documentDesignators: lower(raw.documentDesignators),
  };
  return cached;
}

const demonymCache = new WeakMap<AliasTable, { version: number; byCountry: Map<string, string> }>();

/** The first singular demonym of each country ("country:RU" → "Russian"), for ministry names. */
function demonyms(table: AliasTable): Map<string, string> {
  let d = demonymCache.get(table);
  if (!d || d.version !== table.version) {
    const byCountry = new Map<string, string>();
    for (const e of table.entries) {
      if (e.role !== 'demonym' || !e.country || byCountry.has(e.country) || /s$/.test(e.name)) continue;
      byCountry.set(e.country, e.name);
    }
    d = { version: table.version, byCountry };
    demonymCache.set(table, d);
  }
  return d.byCountry;
}

const countryNames = new WeakMap<AliasTable, Map<string, string>>();
function countryName(table: AliasTable, key: string): string {
  let m = countryNames.get(table);
  if (!m) countryNames.set(table, (m = new Map(table.entries.filter((e) => e.role === 'country').map((e) => [e.key, e.name]))));
  return m.get(key) ?? key;
}

function word(t: Token | undefined): string {
  return t ? t.text.toLowerCase() : '';
}

/** The canonical portfolio of the words tokens[from..to] (inclusive), or null. */
function portfolioOf(tokens: readonly Token[], from: number, to: number): string | null {
  if (from < 0 || to >= tokens.length || from > to) return null;
  const words: string[] = [];
  for (let k = from; k <= to; k++) {
    const t = tokens[k]!;
    if (t.pos === 'SPACE') {
      if (t.text !== ' ') return null;
      continue;
    }
    words.push(t.text.toLowerCase());
  }
  return orgPhraseData().portfolios.get(words.join(' ')) ?? null;
}

/** The previous non-space token index before i (bounded look-back), or -1. */
function prevIndex(tokens: readonly Token[], i: number): number {
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) if (tokens[k]!.pos !== 'SPACE') return k;
  return -1;
}

function nextIndex(tokens: readonly Token[], i: number): number {
  for (let k = i + 1; k < tokens.length && k <= i + 3; k++) if (tokens[k]!.pos !== 'SPACE') return k;
  return -1;
}

/**
 * Ministry and context-name candidates. `byEnd` gives the table candidate (country, demonym) ending at a token.
 * A ministry without a country joins the one ministry of that portfolio the document names with a country.
 */
export function orgPhraseCandidates(tokens: readonly Token[], byEndToken: Map<number, Candidate>, table: AliasTable): Candidate[] {
  const data = orgPhraseData();
  const out: Candidate[] = [];
  const unqualified: Array<{ portfolio: string; start: number; end: number; ts: number; te: number }> = [];
  const byPortfolio = new Map<string, AliasEntry[]>();
  const entries = new Map<string, AliasEntry>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const w = t.text.toLowerCase();
    const ctx = data.contextNames.get(t.text);
    if (ctx) {
      const p = prevIndex(tokens, i);
      const before = p >= 0 ? prevWord(tokens, p) : undefined;
      const after = nextWord(tokens, i);
      if (p >= 0 && ctx.afterSet.has(word(tokens[p])) && (ctx.verbs.has(word(before)) || ctx.nouns.has(word(after)))) {
        const entry: AliasEntry = { key: `context:${ctx.type.toLowerCase()}:${ctx.name.toLowerCase()}`, name: ctx.name, type: ctx.type, aliases: [], role: 'org', country: null };
        out.push(candidate(t.start, t.end, i, i + 1, entry));
      }
      continue;
    }
    if (!data.ministryHeads.has(w)) continue;
    // "defence ministry" (portfolio before) or "ministry of defence" (after).
    let portfolio: string | null = null;
    let first = i;
    let last = i;
    const p1 = prevIndex(tokens, i);
    for (let n = MAX_PORTFOLIO_WORDS; n >= 1 && !portfolio; n--) {
      let from = i;
      for (let m = 0; m < n && from >= 0; m++) from = prevIndex(tokens, from);
      if (from < 0) continue;
      portfolio = portfolioOf(tokens, from, p1);
      if (portfolio) first = from;
    }
    if (!portfolio) {
      const of = nextIndex(tokens, i);
      if (of >= 0 && word(tokens[of]) === 'of') {
        for (let n = MAX_PORTFOLIO_WORDS; n >= 1 && !portfolio; n--) {
          let to = of;
          for (let m = 0; m < n && to >= 0; m++) to = nextIndex(tokens, to);
          if (to < 0) continue;
          portfolio = portfolioOf(tokens, nextIndex(tokens, of), to);
          if (portfolio) last = to;
        }
      }
    }
    if (!portfolio) continue;
    // The country: "Russia's", "Russia’s", a demonym ("Russian"), possibly after "the".
    let q = prevIndex(tokens, first);
    if (q >= 0 && /^['’]s?$/.test(tokens[q]!.text)) q = q - 1;
    const owner = q >= 0 ? byEndToken.get(q) : undefined;
    const country = owner?.entry?.role === 'country' ? owner.entry.key : owner?.entry?.role === 'demonym' ? owner.entry.country : null;
    if (!owner || !country) {
      unqualified.push({ portfolio, start: tokens[first]!.start, end: tokens[last]!.end, ts: first, te: last + 1 });
      continue;
    }
    const key = `ministry:${country.replace('country:', '')}:${portfolio}`;
    let entry = entries.get(key);
    if (!entry) {
      const adj = demonyms(table).get(country) ?? countryName(table, country);
      entry = { key, name: `${adj} ${portfolio} ministry`, type: 'ORG', aliases: [], role: 'org', country };
      entries.set(key, entry);
      const list = byPortfolio.get(portfolio) ?? [];
      list.push(entry);
      byPortfolio.set(portfolio, list);
    }
    out.push(candidate(owner.start, tokens[last]!.end, owner.tokenStart, last + 1, entry));
  }
  for (const u of unqualified) {
    const list = byPortfolio.get(u.portfolio);
    if (list && list.length === 1) out.push(candidate(u.start, u.end, u.ts, u.te, list[0]!));
  }
  return out.sort((a, b) => a.start - b.start);
}

function candidate(start: number, end: number, tokenStart: number, tokenEnd: number, entry: AliasEntry): Candidate {
  return { start, end, nameStart: start, type: entry.type, source: 'table', entry, titles: [], confidence: PHRASE_CONFIDENCE, tokenStart, tokenEnd };
}
