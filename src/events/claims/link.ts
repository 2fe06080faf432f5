// Cross-document claim linking: a claim made in one document and answered in another ("X has not confirmed that
// ...", "X denied that ...", or a confirmation) is one claim. The run keeps a bounded list of the claims and of the
// unattached answers read so far (RunContext, like event clusters); a later document's claim or answer joins an
// earlier one that reports the same event or says the same thing. Incremental: records already written are not changed.
import type { Claim, ClaimStatus, EntityRef, NewsRecord } from '../../model/record.js';
import { span } from '../../model/span.js';
import type { SentenceBound } from '../time/resolve.js';
import { nameWords } from '../names.js';
import { statusCues } from './extract.js';
import { SpanIndex } from '../spans.js';
import { partitionPoint } from '../../util/search.js';

/** Claims and answers remembered per run: memory stays bounded on endless input (the oldest are forgotten). */
export const MAX_RUN_CLAIMS = 20_000;
/** Earlier claims compared with each new claim or answer, newest first: linking stays linear in the run. */
export const LINK_LOOKBACK = 500;
/** A claim and an answer say the same thing when they share this share of the shorter one's content words... */
export const LINK_WORD_OVERLAP = 0.5;
/** ...and at least this many content words. */
export const LINK_MIN_SHARED = 3;
/** Longest sentence read as an answer. */
const MAX_ANSWER_CHARS = 600;

type Report = NonNullable<Claim['reports']>[number];

export interface RunClaim {
  id: string;
  doc: string;
  claimant: EntityRef | null;
  words: Set<string>;
  events: Set<string>;
  /** The latest status another document gave it. */
  answer: ClaimStatus | null;
  reports: Report[];
}

export interface RunAnswer {
  doc: string;
  status: ClaimStatus;
  words: Set<string>;
  events: Set<string>;
  report: Report;
}

export interface ClaimRun {
  claims: RunClaim[];
  answers: RunAnswer[];
}

export const newClaimRun = (): ClaimRun => ({ claims: [], answers: [] });

export const contentWords = (s: string) => new Set(nameWords(s).map((w) => w.replace(/s$/, '')).filter((w) => w.length > 2));

export function eventsIn(record: NewsRecord, start: number, end: number): Set<string> {
  const out = new Set<string>();
  for (const e of record.events ?? []) {
    for (const r of e.reports ?? []) if (r.doc === record.id && start <= r.offsets[0] && r.offsets[0] < end) out.add(e.id);
  }
  return out;
}

/**
 * `eventsIn` for many spans of one record: the document's event reports sorted by offset once, so each look-up is a
 * binary search and costs the reports it finds, not every event of the document.
 */
export function eventsLookup(record: NewsRecord): (start: number, end: number) => Set<string> {
  // [offset, position of the event in record.events, its id]
  const at: Array<[number, number, string]> = [];
  (record.events ?? []).forEach((e, i) => {
    for (const r of e.reports ?? []) if (r.doc === record.id) at.push([r.offsets[0], i, e.id]);
  });
  at.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return (start, end) => {
    const lo = partitionPoint(at.length, (i) => at[i]![0] >= start);
    const hits: Array<[number, number, string]> = [];
    for (let i = lo; i < at.length && at[i]![0] < end; i++) hits.push(at[i]!);
    // In the order of record.events, as a pass over the events adds them.
    hits.sort((a, b) => a[1] - b[1]);
    return new Set(hits.map((h) => h[2]));
  };
}

/**
 * The newest item among the last `lookback` of `list` that is not the current document's and passes `test`, as
 * `list.slice(-lookback).reverse().find((x) => x.doc !== doc && test(x))` finds it. The last `own` items are known to
 * be the current document's (added by this call) and are stepped over unread: they still count in the window.
 */
function newestMatch<T extends { doc: string }>(list: readonly T[], lookback: number, own: number, doc: string, test: (x: T) => boolean): T | undefined {
  const stop = Math.max(0, list.length - lookback);
  for (let i = list.length - 1 - own; i >= stop; i--) {
    const x = list[i]!;
    if (x.doc !== doc && test(x)) return x;
  }
  return undefined;
}

function same(a: { words: Set<string>; events: Set<string> }, b: { words: Set<string>; events: Set<string> }): boolean {
  for (const e of a.events) if (b.events.has(e)) return true;
  let shared = 0;
  for (const w of a.words) if (b.words.has(w)) shared++;
  return shared >= LINK_MIN_SHARED && shared >= LINK_WORD_OVERLAP * Math.min(a.words.size, b.words.size);
}

export function remember<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_RUN_CLAIMS) list.shift();
}

/** Links the claims of `record` to the run, and adds a claim for each answer there to an earlier document's claim. */
export function linkClaims(run: ClaimRun, record: NewsRecord, sentences: SentenceBound[]): void {
  const text = record.text;
  const eventsAt = eventsLookup(record);
  const local = record.claims.map((c) => ({ c, words: contentWords(c.claim.text), events: eventsAt(c.claim.start, c.claim.end) }));
  /** Claims this call added to run.claims (the newest ones): the document's own, never a match. */
  let ownAdded = 0;
  // 1. A claim repeated or answered earlier: it takes the earlier id, and the status an earlier answer gave it.
  for (const l of local) {
    if (l.c.status === 'asserted') continue;
    const own: Report = { doc: record.id, offsets: [l.c.claim.start, l.c.claim.end], status: l.c.status };
    const earlier = newestMatch(run.claims, LINK_LOOKBACK, ownAdded, record.id, (r) => same(r, l));
    const answer = newestMatch(run.answers, LINK_LOOKBACK, 0, record.id, (a) => same(a, l));
    if (earlier) {
      l.c.id = earlier.id;
      earlier.reports.push(own);
      l.c.reports = [...earlier.reports];
      if (l.c.status === 'claimed' && earlier.answer) l.c.status = earlier.answer;
      if (l.c.status !== 'claimed') earlier.answer = l.c.status;
    } else {
      l.c.reports = [own];
      if (answer) {
        l.c.reports.unshift(answer.report);
        if (l.c.status === 'claimed') l.c.status = answer.status;
      }
      remember(run.claims, { id: l.c.id, doc: record.id, claimant: l.c.claimant, words: l.words, events: l.events, answer: l.c.status === 'claimed' ? null : l.c.status, reports: [...l.c.reports] });
      ownAdded = Math.min(ownAdded + 1, run.claims.length);
      // (a copy: the run-wide list grows with later documents, the record already written must not)
    }
  }
  // 2. Sentences that answer a claim but belong to no claim of this document: answers to an earlier document's claim.
  // A span of a claim of the document (its claim or evidence) overlapping [s, e): the claims found, indexed once, and
  // the answers this pass appends (each one sentence, so few; indexed by a sorted list while they come in order).
  const claimSpans = new SpanIndex(record.claims.flatMap((c) => [c.claim, ...c.evidence]));
  const added: Array<{ start: number; end: number }> = [];
  /** added[i]'s greatest end so far, while `added` is in order of start. */
  const addedEnd: number[] = [];
  let addedSorted = true;
  const addSpan = (x: { start: number; end: number }) => {
    if (added.length && x.start < added[added.length - 1]!.start) addedSorted = false;
    added.push(x);
    addedEnd.push(Math.max(x.end, addedEnd[addedEnd.length - 1] ?? -Infinity));
  };
  const usedByAdded = (s: number, e: number) => {
    if (!addedSorted) return added.some((x) => x.start < e && s < x.end);
    const lo = partitionPoint(added.length, (i) => added[i]!.start >= e);
    return lo > 0 && addedEnd[lo - 1]! > s;
  };
  const used = (s: number, e: number) => claimSpans.overlaps(s, e) || usedByAdded(s, e);
  const cues = statusCues();
  for (const sent of sentences) {
    if (sent.end - sent.start > MAX_ANSWER_CHARS || used(sent.start, sent.end)) continue;
    const s = text.slice(sent.start, sent.end);
    if (/^\s*["“]/.test(s)) continue;
    const lower = s.toLowerCase();
    const hit = cues.find(([, re]) => re.test(lower));
    if (!hit) continue;
    let a = sent.start;
    let b = sent.end;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    const answer: RunAnswer = { doc: record.id, status: hit[0], words: contentWords(s), events: eventsAt(a, b), report: { doc: record.id, offsets: [a, b], status: hit[0] } };
    const earlier = newestMatch(run.claims, LINK_LOOKBACK, ownAdded, record.id, (r) => same(r, answer));
    // A confirmation by the claimant itself is no confirmation.
    const byClaimant = earlier?.claimant && s.toLowerCase().includes(earlier.claimant.name.toLowerCase().split(' ').pop()!);
    if (earlier && !(hit[0] === 'confirmed' && byClaimant)) {
      earlier.reports.push(answer.report);
      earlier.answer = hit[0];
      const where = span(text, a, b);
      record.claims.push({ id: earlier.id, claim: where, claimant: earlier.claimant, status: hit[0], evidence: [where], confidence: 0.6, reports: [...earlier.reports] });
      addSpan(where);
    } else {
      remember(run.answers, answer);
    }
  }
}
