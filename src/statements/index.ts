import type { Quote } from '../model/record.js';
import { StoryIndex } from './minhash.js';
import { bigrams, gramHash, markedFragments, ownWords, speakerKey, words } from './text.js';

// The run-wide statement index. Each quote is compared only with the statements that share one of its word bigrams
// (postings capped per bigram) and a compatible speaker, so adding a quote costs time bounded by its own length:
// linking n quotes is near-linear, never all-pairs.

/** Share of the shorter wording's bigrams found in the other for two quotes to report one utterance. Variant
 * wordings ("security issues" / "security guarantees") and truncation ("…") keep most bigrams. */
export const SAME_CONTAINMENT = 0.6;
/** Fewer words than this in the verbatim wording cannot identify an utterance on their own ("candid"). */
export const MIN_SAME_WORDS = 5;
/** An unmarked (indirect) report shares at least this share of its bigrams with a statement to be its paraphrase. */
export const PARAPHRASE_CONTAINMENT = 0.5;
/** Most recent statements remembered per bigram: very common bigrams ("of the") stop being useful for blocking. */
export const POSTINGS_CAP = 32;
/** Words shorter than this are not posted on their own (they would only fill the capped lists). */
export const MIN_POSTED_WORD = 4;
/** Candidates verified per quote, best first by shared bigrams. */
export const MAX_CANDIDATES = 8;

export interface StatementReport {
  document: string;
  outlet: string | null;
  quote: string;
  start: number;
  end: number;
  paraphrase: boolean;
  published: string | null;
}

export interface StatementSummary {
  id: string;
  speaker: string | null;
  /** The fullest verbatim wording seen. */
  wording: string;
  first_seen: string | null;
  /** Independent sources: copies of one wire story in several outlets count once. */
  sources: number;
  reports: StatementReport[];
}

interface Statement {
  index: number;
  id: string;
  speaker: string | null;
  speakerKey: string | null;
  /** Words of the mentions of the speakers who made it ("russian", "foreign", "minister"): a state or body named
   * among them speaks for the same statement ("Russia said …" for its foreign minister's words). */
  affiliation: Set<string>;
  wording: string;
  grams: Set<number>;
  unigrams: Set<number>;
  reports: StatementReport[];
  stories: Set<number>;
}

/** Bigrams kept per statement: a bound on memory for a statement reported many times in long variants. */
export const MAX_STATEMENT_GRAMS = 2000;

export interface DocInfo {
  id: string;
  outlet: string | null;
  published: string | null;
  text: string;
  /** When the part of the document holding the quote was published (a live blog's post), if known. */
  publishedAt?: (offset: number) => string | null;
}

export class StatementIndex {
  private readonly statements: Statement[] = [];
  private readonly postings = new Map<number, number[]>();
  readonly stories = new StoryIndex();

  /** Links the quotes of one document, in order, setting `statement` and `paraphrase_of`. */
  addDocument(doc: DocInfo, quotes: Quote[]): void {
    const story = this.stories.add(doc.id, doc.text);
    // Each speaker's mention words in this document, so "he" carries "French foreign minister Michel Barnier".
    const affiliation = new Map<string, Set<string>>();
    for (const q of quotes) {
      const k = speakerKey(q);
      // A mention naming several people ("Macron and Scholz", lists with commas) tells nothing of one affiliation.
      if (k === null || !q.speaker.mention || /,|\band\b|&/.test(q.speaker.mention.text)) continue;
      let set = affiliation.get(k);
      if (!set) affiliation.set(k, (set = new Set()));
      for (const w of words(q.speaker.mention.text)) if (set.size < MAX_AFFILIATION_WORDS) set.add(w);
    }
    // A quote and the quote it is reported through ("Barnier added that X, an agency said") are two reports, never
    // one statement, though one contains the other.
    const related = new Map<string, Set<string>>();
    for (const q of quotes) {
      if (!q.via) continue;
      if (!related.has(q.id)) related.set(q.id, new Set());
      if (!related.has(q.via)) related.set(q.via, new Set());
      related.get(q.id)!.add(q.via);
      related.get(q.via)!.add(q.id);
    }
    for (const q of quotes) this.add(doc, story, q, affiliation, related.get(q.id));
  }

  private add(doc: DocInfo, story: number, q: Quote, affiliations: Map<string, Set<string>>, related?: Set<string>): void {
    const own = ownWords(q);
    const fragments = q.kind === 'mixed' ? markedFragments(own) : [own];
    const verbatim = q.kind !== 'indirect';
    const grams = bigrams(fragments);
    const nWords = fragments.reduce((n, f) => n + words(f).length, 0);
    const key = speakerKey(q);
    const affiliation = (key !== null ? affiliations.get(key) : undefined) ?? new Set<string>();
    const report = (paraphrase: boolean): StatementReport => ({
      document: doc.id,
      outlet: doc.outlet,
      quote: q.id,
      start: q.content.start,
      end: q.content.end,
      paraphrase,
      published: doc.publishedAt?.(q.content.start) ?? doc.published,
    });
    if (grams.size === 0) return;
    let best: Statement | null = null;
    let bestScore = 0;
    // Word postings find statements that share a single marked word ('utopia') with a mixed quote.
    const lookup = q.kind === 'mixed' ? new Set([...grams, ...fragments.flatMap((f) => words(f).map((w) => gramHash(w)))]) : grams;
    const candidates = this.candidates(lookup, key, affiliation).filter((s) => !related || !reportedIn(s, doc.id, related));
    for (const s of candidates) {
      let shared = 0;
      for (const g of grams) if (s.grams.has(g)) shared++;
      const score = shared / Math.min(grams.size, s.grams.size);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    const sameUtterance = best !== null && bestScore >= SAME_CONTAINMENT && (verbatim ? nWords >= MIN_SAME_WORDS : true);
    if (best && sameUtterance && (verbatim || bestScore >= 0.9)) {
      this.join(best, q, report(false), story, grams, own, affiliation);
      q.statement = best.id;
      return;
    }
    const para =
      q.kind === 'mixed'
        ? candidates.find((s) => fragmentsIn(fragments, s, key))
        : best && bestScore >= PARAPHRASE_CONTAINMENT && key !== null && compatible(key, affiliation, best)
          ? best
          : undefined;
    if (para) {
      para.reports.push(report(true));
      para.stories.add(story);
      q.paraphrase_of = para.id;
      return;
    }
    const s: Statement = {
      index: this.statements.length,
      id: `s${this.statements.length + 1}`,
      speaker: q.speaker.name,
      speakerKey: key,
      affiliation: new Set(affiliation),
      wording: verbatim ? fragments.join(' … ') : own,
      grams: new Set(),
      unigrams: new Set(),
      reports: [],
      stories: new Set(),
    };
    this.statements.push(s);
    this.join(s, q, report(false), story, grams, own, affiliation);
    q.statement = s.id;
  }

  private join(s: Statement, q: Quote, r: StatementReport, story: number, grams: Set<number>, own: string, affiliation: Set<string>): void {
    for (const w of affiliation) if (s.affiliation.size < MAX_AFFILIATION_WORDS) s.affiliation.add(w);
    s.reports.push(r);
    s.stories.add(story);
    if (s.speaker === null && q.speaker.name !== null) {
      s.speaker = q.speaker.name;
      s.speakerKey = speakerKey(q);
    }
    if (q.kind === 'direct' && own.length > s.wording.length) s.wording = own.trim();
    for (const g of grams) {
      if (s.grams.size >= MAX_STATEMENT_GRAMS) break;
      if (s.grams.has(g)) continue;
      s.grams.add(g);
      let list = this.postings.get(g);
      if (!list) this.postings.set(g, (list = []));
      if (list.length >= POSTINGS_CAP) list.shift();
      list.push(s.index);
    }
    for (const w of words(own)) {
      if (s.unigrams.size >= MAX_STATEMENT_GRAMS) break;
      const h = gramHash(w);
      if (s.unigrams.has(h)) continue;
      s.unigrams.add(h);
      if (w.length < MIN_POSTED_WORD) continue;
      let list = this.postings.get(h);
      if (!list) this.postings.set(h, (list = []));
      if (list.length >= POSTINGS_CAP) list.shift();
      list.push(s.index);
    }
  }

  /** Statements sharing a bigram with the quote and not spoken by someone else, most shared first. */
  private candidates(grams: Set<number>, key: string | null, affiliation: Set<string>): Statement[] {
    const counts = new Map<number, number>();
    for (const g of grams) {
      for (const i of this.postings.get(g) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    return [...counts]
      .filter(([i]) => {
        return key === null || compatible(key, affiliation, this.statements[i]!);
      })
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, MAX_CANDIDATES)
      .map(([i]) => this.statements[i]!);
  }

  summaries(): StatementSummary[] {
    return this.statements.map((s) => ({
      id: s.id,
      speaker: s.speaker,
      wording: s.wording,
      first_seen: s.reports.reduce<string | null>((m, r) => (r.published && (!m || r.published < m) ? r.published : m), null),
      sources: s.stories.size,
      reports: s.reports,
    }));
  }
}

/** A mixed quote paraphrases a statement when its marked words appear there, said by the same speaker. One-word
 * fragments ('utopia') need the speaker to be known and equal. */
function fragmentsIn(fragments: string[], s: Statement, key: string | null): boolean {
  if (key !== null && !compatible(key, new Set(), s)) return false;
  let found = 0;
  for (const f of fragments) {
    const w = words(f);
    if (w.length === 0) continue;
    if (w.length === 1) {
      if (key !== null && s.speakerKey !== null && s.unigrams.has(gramHash(w[0]!))) found++;
      continue;
    }
    let all = true;
    for (let i = 0; i + 1 < w.length && all; i++) all = s.grams.has(gramHash(w[i]!, w[i + 1]!));
    if (all) found++;
  }
  return found > 0;
}

/** Mention words kept per speaker and statement. */
export const MAX_AFFILIATION_WORDS = 64;
/** Shared leading letters for a name and an adjective to count as one ("Russia" / "Russian", "Ukraine" /
 * "Ukrainian"): at least this many, and all but one letter of the shorter word. */
export const DEMONYM_PREFIX = 5;

function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n >= DEMONYM_PREFIX && n >= Math.min(a.length, b.length) - 1;
}

/** The same speaker, or one speaking for the other: a state or body named in the other's mention. */
function compatible(key: string, affiliation: Set<string>, s: Statement): boolean {
  const k = s.speakerKey;
  if (k === null || k === key) return true;
  for (const w of affiliation) if (sameStem(w, k)) return true;
  for (const w of s.affiliation) if (sameStem(w, key)) return true;
  return false;
}

/** True when one of the statement's reports in this document is one of `ids` (reports of a document are appended
 * together, so only the tail of the list is read). */
function reportedIn(s: Statement, docId: string, ids: Set<string>): boolean {
  for (let k = s.reports.length - 1; k >= 0 && s.reports[k]!.document === docId; k--) {
    if (ids.has(s.reports[k]!.quote)) return true;
  }
  return false;
}
