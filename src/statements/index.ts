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
}

export class StatementIndex {
  private readonly statements: Statement[] = [];
  private readonly postings = new Map<number, number[]>();
  readonly stories = new StoryIndex();

  /** Links the quotes of one document, in order, setting `statement` and `paraphrase_of`. */
  addDocument(doc: DocInfo, quotes: Quote[]): void {
    const story = this.stories.add(doc.id, doc.text);
    for (const q of quotes) this.add(doc, story, q);
  }

  private add(doc: DocInfo, story: number, q: Quote): void {
    const own = ownWords(q);
    const fragments = q.kind === 'mixed' ? markedFragments(own) : [own];
    const verbatim = q.kind !== 'indirect';
    const grams = bigrams(fragments);
    const nWords = fragments.reduce((n, f) => n + words(f).length, 0);
    const key = speakerKey(q);
    const report = (paraphrase: boolean): StatementReport => ({
      document: doc.id,
      outlet: doc.outlet,
      quote: q.id,
      start: q.content.start,
      end: q.content.end,
      paraphrase,
      published: doc.published,
    });
    if (grams.size === 0) return;
    let best: Statement | null = null;
    let bestScore = 0;
    for (const s of this.candidates(grams, key)) {
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
      this.join(best, q, report(false), story, grams, own);
      q.statement = best.id;
      return;
    }
    if (best && (q.kind === 'mixed' ? fragmentsIn(fragments, best, key) : bestScore >= PARAPHRASE_CONTAINMENT && key !== null && key === best.speakerKey)) {
      best.reports.push(report(true));
      best.stories.add(story);
      q.paraphrase_of = best.id;
      return;
    }
    const s: Statement = {
      index: this.statements.length,
      id: `s${this.statements.length + 1}`,
      speaker: q.speaker.name,
      speakerKey: key,
      wording: verbatim ? fragments.join(' … ') : own,
      grams: new Set(),
      unigrams: new Set(),
      reports: [],
      stories: new Set(),
    };
    this.statements.push(s);
    this.join(s, q, report(false), story, grams, own);
    q.statement = s.id;
  }

  private join(s: Statement, q: Quote, r: StatementReport, story: number, grams: Set<number>, own: string): void {
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
    for (const w of words(own)) if (s.unigrams.size < MAX_STATEMENT_GRAMS) s.unigrams.add(gramHash(w));
  }

  /** Statements sharing a bigram with the quote and not spoken by someone else, most shared first. */
  private candidates(grams: Set<number>, key: string | null): Statement[] {
    const counts = new Map<number, number>();
    for (const g of grams) {
      for (const i of this.postings.get(g) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    return [...counts]
      .filter(([i]) => {
        const k = this.statements[i]!.speakerKey;
        return key === null || k === null || k === key;
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
  if (key !== null && s.speakerKey !== null && key !== s.speakerKey) return false;
  let found = 0;
  for (const f of fragments) {
    const w = words(f);
    if (w.length === 0) continue;
    if (w.length === 1) {
      if (key !== null && key === s.speakerKey && s.unigrams.has(gramHash(w[0]!))) found++;
      continue;
    }
    let all = true;
    for (let i = 0; i + 1 < w.length && all; i++) all = s.grams.has(gramHash(w[i]!, w[i + 1]!));
    if (all) found++;
  }
  return found > 0;
}
