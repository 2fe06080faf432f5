// Pathological documents for the stages that were once quadratic in document length (see src/bench/stages/linearity.ts):
// thousands of event sentences with no comma and no line break, thousands of quotes by one speaker, thousands of
// claims, metonymies and live-blog posts in one document. Built directly as records (no NLP), so each test times only
// the function it guards: each must finish well within a generous bound that the quadratic versions far exceeded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newRecord } from '../src/analyze.js';
import type { Claim, Entity, NewsRecord, Quote } from '../src/model/record.js';
import { span } from '../src/model/span.js';
import { type EventMention, extractEvents } from '../src/events/extract.js';
import { linkAcrossDocuments, mergeWithinDocument, type EventCluster } from '../src/events/merge.js';
import { MentionIndex } from '../src/events/names.js';
import { roughSentences } from '../src/events/time/resolve.js';
import { extractClaims } from '../src/events/claims/extract.js';
import { linkClaims, newClaimRun } from '../src/events/claims/link.js';
import { SpanIndex } from '../src/events/spans.js';
import { StatementIndex } from '../src/statements/index.js';
import { inTitleCaseLine } from '../src/entities/titleCaseLine.js';

/** Items in each pathological document (sentences, claims): far more than any real article holds. */
const N = 5000;
/** Quotes and metonymies in their documents: more, as each costs little (the quadratic versions' cost was all in
 * the pairs). */
const MANY = 30_000;
/** Events of one document linked to a run's clusters: just under MAX_CLUSTERS, so no cluster is dropped (dropping
 * the oldest of a full list costs a shift of the whole list per event, a cost of the run's bound, not of the document). */
const LINKED = 19_000;
/** Claim sentences in the claims document (each followed by an answer sentence). */
const CLAIMS = 15_000;
/** Seconds each guarded step may take: generous on a shared, loaded machine (each takes well under a second alone);
 * the quadratic versions took 30 to 40 s (extractEvents), 7 to 8 s (statements and the mention index on MANY), 11 s
 * (event linking on LINKED), 9 s and 27 s (extractClaims, linkClaims on CLAIMS). */
const LIMIT_S = 3;

function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function record(text: string, id = 'patho'): NewsRecord {
  return newRecord({ id, source: { corpus: 'test' }, text, date: '2024-05-26', outlet: 'Test', url: null, notes: [] });
}

/** `n` sentences of one event each, no comma, no line break, no name: nothing merges, nothing bounds a search. */
function eventText(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`a drone strike hit the depot number ${i} overnight and then it burned. `);
  return parts.join('');
}

function quote(text: string, i: number, start: number, end: number, speakerAt: [number, number], extra: Partial<Quote> = {}): Quote {
  return {
    id: `q${i}`,
    kind: 'direct',
    content: span(text, start, end),
    cue: null,
    speaker: { entity: 'e1', name: 'Dmytro Kuleba', mention: span(text, speakerAt[0], speakerAt[1]), anonymous: false },
    via: null,
    statement: null,
    paraphrase_of: null,
    confidence: 0.9,
    ...extra,
  };
}

test(`events: ${N} event sentences with no clause break, line break or name are extracted and merged in bounded time`, (t) => {
  const text = eventText(N);
  const r = record(text);
  // A quote every sentence (each overlapping the next trigger's context), a meta block and a post every ten.
  const sentences = roughSentences(text);
  const full = sentences.filter((s) => s.end - s.start > 20);
  r.quotes = full.map((s, i) => quote(text, i, s.start, s.start + 12, [s.start, s.start + 1]));
  r.blocks = full.filter((_, i) => i % 10 === 9).map((s) => ({ type: 'byline' as const, span: span(text, s.start, s.start + 5) }));
  r.posts = full.filter((_, i) => i % 10 === 0).map((s) => ({ title: null, authors: [], credit: null, published: null, span: span(text, s.start, s.end) }));
  let mentions: ReturnType<typeof extractEvents> = [];
  const tExtract = seconds(() => {
    mentions = extractEvents({ record: r, sentences, times: [], anchorAt: () => null });
  });
  assert.ok(mentions.length > N / 2, `${mentions.length} events read`);
  assert.ok(mentions.every((m) => m.event.sources.length > 0), 'each takes the quote overlapping it as its source');
  let merged: typeof mentions = [];
  const tMerge = seconds(() => {
    merged = mergeWithinDocument(mentions, r.id);
  });
  assert.ok(merged.length > N / 2, `${merged.length} events after merging (nothing should merge)`);
  const tLink = seconds(() => linkAcrossDocuments([] as EventCluster[], merged));
  t.diagnostic(`extract ${tExtract.toFixed(2)} s, merge ${tMerge.toFixed(2)} s, link ${tLink.toFixed(2)} s`);
  assert.ok(tExtract < LIMIT_S, `extractEvents took ${tExtract.toFixed(2)} s`);
  assert.ok(tMerge < LIMIT_S, `mergeWithinDocument took ${tMerge.toFixed(2)} s`);
  assert.ok(tLink < LIMIT_S, `linkAcrossDocuments took ${tLink.toFixed(2)} s`);
});

test(`events: ${LINKED} events of one document are linked to a run's clusters in bounded time`, (t) => {
  const text = 'A drone strike hit the depot. '.repeat(10);
  const mention = (doc: string, i: number): EventMention => ({
    event: { id: `${doc}:e${i}`, type: 'attack', sub_type: 'drone_strike', trigger: span(text, 2, 14), actor: null, participants: [], place: { entity: null, name: `Depot ${i}` }, date: null, casualties: null, sources: [], evidence: [], background: false, confidence: 0.5, reports: [{ doc, offsets: [2, 14] }] },
    sentence: i,
    post: -1,
    dateStated: false,
    anaphoric: false,
    reportDay: null,
    title: false,
    sequence: false,
    places: [`Depot ${i}`],
  });
  const clusters: EventCluster[] = [];
  // An earlier document's events, then this document's: each of this document's events names its own depot, so it
  // joins the earlier event of that depot when there is one and starts a cluster otherwise.
  linkAcrossDocuments(clusters, Array.from({ length: 100 }, (_, i) => mention('earlier', i)));
  const mine = Array.from({ length: LINKED }, (_, i) => mention('patho', i));
  const s = seconds(() => linkAcrossDocuments(clusters, mine));
  t.diagnostic(`linkAcrossDocuments ${s.toFixed(2)} s`);
  assert.equal(mine[5]!.event.id, 'earlier:e5', 'an event joins the earlier report of its depot');
  assert.equal(mine[500]!.event.id, 'patho:e500', 'and starts a cluster when there is none');
  assert.equal(clusters.length, LINKED);
  assert.ok(s < LIMIT_S, `linkAcrossDocuments took ${s.toFixed(2)} s`);
});

test(`events: an entity index over ${MANY} metonymies is built in bounded time`, (t) => {
  const text = 'Kyiv said. '.repeat(MANY);
  const r = record(text);
  const entities: Entity[] = [];
  for (let i = 0; i < MANY; i++) {
    const at = i * 11;
    entities.push({ id: `e${i}`, type: 'PLACE', name: `Place ${i}`, aliases: [], named: true, description: null, roles: [], confidence: 1, mentions: [{ span: span(text, at, at + 4), kind: 'metonymy', stands_for: `e${MANY - 1 - i}` }] });
  }
  r.entities = entities;
  let index: MentionIndex | null = null;
  const s = seconds(() => (index = new MentionIndex(r)));
  t.diagnostic(`MentionIndex ${s.toFixed(2)} s`);
  assert.equal(index!.at(0, 4)?.ref.entity, `e${MANY - 1}`, 'a metonymy stands for its entity');
  assert.ok(s < LIMIT_S, `MentionIndex took ${s.toFixed(2)} s`);
});

test(`statements: ${MANY} quotes by one speaker in one document, each reported through another, link in bounded time`, (t) => {
  const parts: string[] = [];
  const offsets: Array<[number, number]> = [];
  let at = 0;
  for (let i = 0; i < MANY; i++) {
    // Most quotes repeat one statement (one statement of many reports); every tenth varies, so new statements are
    // made too.
    const words = i % 10 !== 9 ? 'we will never give up our land' : `grain corridor talks number ${i} resume soon`;
    const s = `Kuleba said "${words}" today. `;
    offsets.push([at + s.indexOf('"') + 1, at + s.lastIndexOf('"')]);
    parts.push(s);
    at += s.length;
  }
  const text = parts.join('');
  const quotes = offsets.map(([s, e], i) => quote(text, i, s, e, [s - 13, s - 7], { via: i > 0 ? `q${i - 1}` : null }));
  const index = new StatementIndex();
  const s = seconds(() => index.addDocument({ id: 'patho', outlet: 'Test', published: '2024-05-26', text }, quotes));
  t.diagnostic(`StatementIndex.addDocument ${s.toFixed(2)} s`);
  const repeated = quotes.filter((q, i) => i % 10 !== 9).map((q) => q.statement);
  assert.ok(quotes.every((q) => q.statement !== null || q.paraphrase_of !== null), 'every quote is linked');
  assert.ok(new Set(repeated).size < 10, `the repeated statement is recognised (${new Set(repeated).size} statements)`);
  assert.ok(s < LIMIT_S, `StatementIndex.addDocument took ${s.toFixed(2)} s`);
});

test(`claims: ${CLAIMS} claim sentences and ${2 * CLAIMS} direct quotes are extracted and linked in bounded time`, (t) => {
  const parts: string[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    parts.push(`The ministry said that ${i + 12} soldiers were captured near the depot in the night. `);
    parts.push(`Kyiv has not confirmed the report. `);
  }
  const text = parts.join('');
  const r = record(text);
  const sentences = roughSentences(text);
  const full = sentences.filter((s) => s.end - s.start > 20);
  // Direct quotes that cover no claim (each is a sentence's first word), and an event report in every claim.
  r.quotes = full.map((s, i) => quote(text, i, s.start, s.start + 3, [s.start, s.start + 3]));
  r.events = full
    .filter((s) => text.slice(s.start, s.end).includes('captured'))
    .map((s, i) => {
      const at = s.start + text.slice(s.start, s.end).indexOf('captured');
      return { id: `patho:e${i}`, type: 'attack', sub_type: null, trigger: span(text, at, at + 8), actor: null, participants: [], place: null, date: null, casualties: null, sources: [], evidence: [], background: false, confidence: 0.5, reports: [{ doc: r.id, offsets: [at, at + 8] as [number, number] }] };
    });
  let claims: Claim[] = [];
  const tExtract = seconds(() => (claims = extractClaims(r, sentences)));
  assert.ok(claims.length > CLAIMS / 2, `${claims.length} claims`);
  assert.ok(claims.some((c) => c.status === 'unconfirmed'), 'the sentence after a claim marks it unconfirmed');
  r.claims = claims;
  const run = newClaimRun();
  const tLink = seconds(() => linkClaims(run, r, sentences));
  t.diagnostic(`extractClaims ${tExtract.toFixed(2)} s, linkClaims ${tLink.toFixed(2)} s`);
  assert.ok(tExtract < LIMIT_S, `extractClaims took ${tExtract.toFixed(2)} s`);
  assert.ok(tLink < LIMIT_S, `linkClaims took ${tLink.toFixed(2)} s`);
});

test('entities: whether a name stands in a title-case line is read in bounded time in a document of one long line', () => {
  // Every name asks; the version that looked for the line's start from each name back to the text's start took 114 s
  // over this text.
  const text = 'Ted Kennedy met Joe Biden in Ohio and Mary Collins said it was fine. '.repeat(32_000);
  let titles = 0;
  const s = seconds(() => {
    for (let o = 0; o < text.length; o += 17) if (inTitleCaseLine(text, o)) titles++;
  });
  assert.equal(titles, 0);
  assert.ok(inTitleCaseLine(`${text}\nSenator Warns Party Would Lose Ohio Vote\n`, text.length + 3));
  assert.ok(s < LIMIT_S, `title-case lines: ${s.toFixed(2)} s`);
});

test('SpanIndex answers as a pass over the spans would', () => {
  // Random spans (nested, overlapping, empty) and random questions, against the plain definitions.
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  for (let round = 0; round < 30; round++) {
    const spans = Array.from({ length: rnd(40) }, () => {
      const start = rnd(200);
      return { start, end: start + (rnd(4) === 0 ? rnd(150) : rnd(10)) };
    });
    const index = new SpanIndex(spans);
    for (let q = 0; q < 200; q++) {
      const start = rnd(220);
      const end = start + rnd(30);
      const overlapping = spans.map((s, i) => (s.start < end && start < s.end ? i : -1)).filter((i) => i >= 0);
      assert.deepEqual(index.overlapping(start, end), overlapping);
      assert.equal(index.overlaps(start, end), overlapping.length > 0);
      assert.equal(index.covers(start), spans.some((s) => s.start <= start && start < s.end));
      assert.equal(index.contains(start, end), spans.some((s) => s.start <= start && end <= s.end));
      assert.equal(index.firstCovering(start), spans.findIndex((s) => s.start <= start && start < s.end));
    }
  }
});
