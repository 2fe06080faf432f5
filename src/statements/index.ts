import type { Quote } from '../model/record.js';
import { StoryIndex } from './minhash.js';
import { bigramsOfWords, gramHash, markedFragments, ownWords, speakerKey, words } from './text.js';

// The run-wide statement index. Each quote is compared only with the statements that share one of its word bigrams
// (postings capped per bigram) and a compatible speaker, so adding a quote costs time bounded by its own length:
// linking n quotes is near-linear, never all-pairs. Nothing per quote reads all of a statement's reports: a speaker
// quoted 5,000 times in one document costs 5,000 times one quote.

/** Share of the shorter wording's bigrams found in the other for two quotes to report one utterance. Variant
 * wordings ("security issues" / "security guarantees") and truncation ("…") keep most bigrams. */
export const SAME_CONTAINMENT = 0.6;
/** Fewer words than this in the verbatim wording cannot identify an utterance on their own ("candid"). */
export const MIN_SAME_WORDS = 5;
/** Fewer words than this in the shorter wording cannot identify an utterance when either speaker is unknown: a
 * generic sentence ("I don't know what happened") is found inside many long quotations. */
export const MIN_UNATTRIBUTED_SAME_WORDS = 10;
/** A marked fragment of a mixed quote identifies a statement it paraphrases only with a word at least this long
 * ('utopia', 'road to nowhere'): "up there", "well on the way" and "wrong" are said of anything. */
export const MIN_DISTINCTIVE_LETTERS = 6;
/** An unmarked (indirect) report shares at least this share of its bigrams with a statement to be its paraphrase
 * (both speakers known and compatible, both wordings of MIN_SAME_WORDS or more; a direct quote is verbatim, never a
 * paraphrase). At 0.5, "house prices fell 0.2% in December" paraphrased "House prices fell 0.4% in October". */
export const PARAPHRASE_CONTAINMENT = 0.6;
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
  affiliation: Affiliation;
  wording: string;
  /** Words of the fullest verbatim wording (of the first report's, for an indirect one). */
  words: number;
  grams: Set<number>;
  unigrams: Set<number>;
  reports: StatementReport[];
  /** The document of the last report and the quotes of the reports since the last of another document: what
   * `reportedIn` asks, kept as reports are added instead of read back from the list. */
  tailDocument: string | null;
  tailQuotes: Set<string>;
  stories: Set<number>;
}

/** Appends a report to a statement (keeping its tail of reports of one document). */
function addReport(s: Statement, r: StatementReport): void {
  s.reports.push(r);
  if (r.document !== s.tailDocument) {
    s.tailDocument = r.document;
    s.tailQuotes = new Set();
  }
  s.tailQuotes.add(r.quote);
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
  /** Bigrams the quote being linked shares with each statement, by statement index: zero between quotes (only the
   * `touched` entries are ever set, and they are cleared after each quote). An array, not a map per quote: counting
   * is most of the work of linking a quote. */
  private shared = new Uint32Array(1024);
  private readonly touched: number[] = [];

  /** Links the quotes of one document, in order, setting `statement` and `paraphrase_of`. */
  addDocument(doc: DocInfo, quotes: Quote[]): void {
    const story = this.stories.add(doc.id, doc.text);
    // Each speaker's mention words in this document, so "he" carries "French foreign minister Michel Barnier".
    const affiliation = new Map<string, Affiliation>();
    for (const q of quotes) {
      const k = speakerKey(q);
      // A mention naming several people ("Macron and Scholz", lists with commas) tells nothing of one affiliation.
      if (k === null || !q.speaker.mention || /,|\band\b|&/.test(q.speaker.mention.text)) continue;
      let set = affiliation.get(k);
      if (!set) affiliation.set(k, (set = new Affiliation()));
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

  private add(doc: DocInfo, story: number, q: Quote, affiliations: Map<string, Affiliation>, related?: Set<string>): void {
    const own = ownWords(q);
    const fragments = q.kind === 'mixed' ? markedFragments(own) : [own];
    const verbatim = q.kind !== 'indirect';
    // Each fragment's words, split once: the bigrams, the word count and the postings all read them.
    const fragmentWords = fragments.map(words);
    const grams = bigramsOfWords(fragmentWords);
    const nWords = fragmentWords.reduce((n, w) => n + w.length, 0);
    const key = speakerKey(q);
    const affiliation = (key !== null ? affiliations.get(key) : undefined) ?? new Affiliation();
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
    const lookup = q.kind === 'mixed' ? new Set([...grams, ...fragmentWords.flatMap((w) => w.map((x) => gramHash(x)))]) : grams;
    const candidates = this.candidates(lookup, key, affiliation).filter((s) => !related || !reportedIn(s, doc.id, related));
    for (const s of candidates) {
      // The bigrams both have: a pass over the smaller set.
      let shared = 0;
      if (grams.size <= s.grams.size) {
        for (const g of grams) if (s.grams.has(g)) shared++;
      } else for (const g of s.grams) if (grams.has(g)) shared++;
      const score = shared / Math.min(grams.size, s.grams.size);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    // With either speaker unknown, the shorter wording must be long enough to identify the utterance on its own.
    const enoughWords = best !== null && (key !== null && best.speakerKey !== null ? nWords >= MIN_SAME_WORDS : Math.min(nWords, best.words) >= MIN_UNATTRIBUTED_SAME_WORDS);
    const sameUtterance = best !== null && bestScore >= SAME_CONTAINMENT && (verbatim ? enoughWords : true);
    if (best && sameUtterance && (verbatim || bestScore >= 0.9)) {
      this.join(best, q, report(false), story, grams, own, affiliation, fragments.length === 1 && fragments[0] === own ? fragmentWords[0] : undefined);
      q.statement = best.id;
      return;
    }
    const para =
      q.kind === 'mixed'
        ? key !== null ? candidates.find((s) => fragmentsIn(fragments, s, key, own)) : undefined
        : q.kind === 'indirect' && best && bestScore >= PARAPHRASE_CONTAINMENT && Math.min(nWords, best.words) >= MIN_SAME_WORDS &&
            key !== null && best.speakerKey !== null && compatible(key, affiliation, best)
          ? best
          : undefined;
    if (para) {
      addReport(para, report(true));
      para.stories.add(story);
      q.paraphrase_of = para.id;
      return;
    }
    const s: Statement = {
      index: this.statements.length,
      id: `s${this.statements.length + 1}`,
      speaker: q.speaker.name,
      speakerKey: key,
      affiliation: new Affiliation(affiliation),
      wording: verbatim ? fragments.join(' … ') : own,
      words: nWords,
      grams: new Set(),
      unigrams: new Set(),
      reports: [],
      tailDocument: null,
      tailQuotes: new Set(),
      stories: new Set(),
    };
    this.statements.push(s);
    this.join(s, q, report(false), story, grams, own, affiliation, fragments.length === 1 && fragments[0] === own ? fragmentWords[0] : undefined);
    q.statement = s.id;
  }

  /** `ownWordList`: `words(own)` when the caller has it already. */
  private join(s: Statement, q: Quote, r: StatementReport, story: number, grams: Set<number>, own: string, affiliation: Affiliation, ownWordList?: string[]): void {
    for (const w of affiliation) if (s.affiliation.size < MAX_AFFILIATION_WORDS) s.affiliation.add(w);
    addReport(s, r);
    s.stories.add(story);
    if (s.speaker === null && q.speaker.name !== null) {
      s.speaker = q.speaker.name;
      s.speakerKey = speakerKey(q);
    }
    if (q.kind === 'direct' && own.length > s.wording.length) {
      s.wording = own.trim();
      s.words = Math.max(s.words, words(s.wording).length);
    }
    for (const g of grams) {
      if (s.grams.size >= MAX_STATEMENT_GRAMS) break;
      if (s.grams.has(g)) continue;
      s.grams.add(g);
      let list = this.postings.get(g);
      if (!list) this.postings.set(g, (list = []));
      if (list.length >= POSTINGS_CAP) list.shift();
      list.push(s.index);
    }
    for (const w of ownWordList ?? words(own)) {
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

  /** Statements sharing a bigram with the quote and not spoken by someone else, most shared first (then the
   * earliest): the first MAX_CANDIDATES. Statements are grouped by shared count and a speaker is checked only until
   * enough are found, so a quote costs its postings, not a sort and a speaker test of each. */
  private candidates(grams: Set<number>, key: string | null, affiliation: Affiliation): Statement[] {
    if (this.shared.length < this.statements.length) {
      const grown = new Uint32Array(Math.max(this.statements.length, 2 * this.shared.length));
      grown.set(this.shared);
      this.shared = grown;
    }
    const shared = this.shared;
    const touched = this.touched;
    touched.length = 0;
    for (const g of grams) {
      const list = this.postings.get(g);
      if (list) for (const i of list) if (shared[i]!++ === 0) touched.push(i);
    }
    const byCount: number[][] = [];
    for (const i of touched) {
      (byCount[shared[i]!] ??= []).push(i);
      shared[i] = 0;
    }
    const out: Statement[] = [];
    for (let c = byCount.length - 1; c >= 1 && out.length < MAX_CANDIDATES; c--) {
      const ids = byCount[c];
      if (!ids) continue;
      ids.sort((a, b) => a - b);
      for (const i of ids) {
        const s = this.statements[i]!;
        if (key !== null && !compatible(key, affiliation, s)) continue;
        out.push(s);
        if (out.length >= MAX_CANDIDATES) break;
      }
    }
    return out;
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

/** Words of at least this many letters a one-word fragment's whole quote shares with the statement: the same topic
 * ("talks on security without Moscow are 'utopia'"), not the same word said of something else ("delighted"). */
export const ONE_WORD_TOPIC_WORDS = 3;
const TOPIC_WORD_LETTERS = 4;

/** A mixed quote paraphrases a statement when its marked words appear there, said by the same speaker (both known).
 * A fragment counts only with a long word in it (MIN_DISTINCTIVE_LETTERS); a one-word fragment ('utopia') needs the
 * statement's speaker known and the quote's other words on its topic (ONE_WORD_TOPIC_WORDS). */
function fragmentsIn(fragments: string[], s: Statement, key: string, own: string): boolean {
  if (s.speakerKey === null || !compatible(key, NO_AFFILIATION, s)) return false;
  let found = 0;
  for (const f of fragments) {
    const w = words(f);
    if (!w.some((x) => x.length >= MIN_DISTINCTIVE_LETTERS)) continue;
    if (w.length === 1) {
      if (s.unigrams.has(gramHash(w[0]!)) && onTopic(own, s)) found++;
      continue;
    }
    let all = true;
    for (let i = 0; i + 1 < w.length && all; i++) all = s.grams.has(gramHash(w[i]!, w[i + 1]!));
    if (all) found++;
  }
  return found > 0;
}

/** Whether a quote's words of TOPIC_WORD_LETTERS or more include ONE_WORD_TOPIC_WORDS of the statement's. */
function onTopic(own: string, s: Statement): boolean {
  let n = 0;
  for (const w of new Set(words(own))) if (w.length >= TOPIC_WORD_LETTERS && s.unigrams.has(gramHash(w)) && ++n >= ONE_WORD_TOPIC_WORDS) return true;
  return false;
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

/**
 * Mention words of a speaker (a set, in the order added) that answers "is one of them `sameStem` with this word"
 * without a pass over all of them: two words of one stem are equal or share their first DEMONYM_PREFIX letters, so
 * the longer words are kept by those letters too. The speaker test runs for every candidate statement of every
 * quote; a pass over up to 2 × MAX_AFFILIATION_WORDS words each time made it the costliest step of linking.
 */
class Affiliation implements Iterable<string> {
  private readonly words = new Set<string>();
  /** Made on first use (most statements' speakers are never asked about). */
  private byPrefix: Map<string, string[]> | null = null;
  /** Answers of `matches` since the last word was added (a quote's speaker is tested against many statements'). */
  private answers: Map<string, boolean> | null = null;

  constructor(from?: Iterable<string>) {
    if (from) for (const w of from) this.add(w);
  }

  get size(): number {
    return this.words.size;
  }

  add(w: string): void {
    if (this.words.has(w)) return;
    this.words.add(w);
    this.answers?.clear();
    if (w.length < DEMONYM_PREFIX) return;
    const p = w.slice(0, DEMONYM_PREFIX);
    this.byPrefix ??= new Map();
    const list = this.byPrefix.get(p);
    if (list) list.push(w);
    else this.byPrefix.set(p, [w]);
  }

  /** Some word of the set is `sameStem` with `w`. */
  matches(w: string): boolean {
    if (this.words.has(w)) return true;
    if (w.length < DEMONYM_PREFIX || this.byPrefix === null) return false;
    const known = this.answers?.get(w);
    if (known !== undefined) return known;
    let found = false;
    const list = this.byPrefix.get(w.slice(0, DEMONYM_PREFIX));
    if (list) for (const x of list) if (sameStem(x, w)) found = true;
    // Remembered for the set's life until a word is added: at most one answer per speaker key asked.
    this.answers ??= new Map();
    if (this.answers.size < MAX_REMEMBERED_ANSWERS) this.answers.set(w, found);
    return found;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.words[Symbol.iterator]();
  }
}

const NO_AFFILIATION = new Affiliation();
/** Answers an Affiliation remembers at most (a bound on memory: each statement holds one). */
const MAX_REMEMBERED_ANSWERS = 256;

/** The same speaker, or one speaking for the other: a state or body named in the other's mention. */
function compatible(key: string, affiliation: Affiliation, s: Statement): boolean {
  const k = s.speakerKey;
  if (k === null || k === key) return true;
  return affiliation.matches(k) || s.affiliation.matches(key);
}

/** True when one of the statement's reports in this document is one of `ids` (reports of a document are appended
 * together, so only the tail of reports of this document counts: the statement keeps its quotes as a set). */
function reportedIn(s: Statement, docId: string, ids: Set<string>): boolean {
  if (s.tailDocument !== docId) return false;
  const [small, large] = ids.size <= s.tailQuotes.size ? [ids, s.tailQuotes] : [s.tailQuotes, ids];
  for (const id of small) if (large.has(id)) return true;
  return false;
}
