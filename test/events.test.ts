import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Analyzer, analyzeText } from '../src/analyze.js';
import { readTextFile } from '../src/ingest/textFile.js';
import { findCasualties, MAX_CASUALTIES } from '../src/events/casualties.js';

const FIX = join(import.meta.dirname, 'fixtures', 'events');

test('a wire story in another outlet style: attack with date, place, actor, casualties and source', () => {
  const r = new Analyzer().analyze(readTextFile(join(FIX, 'wire-kharkiv.txt')));
  const strike = r.events.find((e) => e.sub_type === 'air_strike');
  assert.ok(strike, 'the air strike is found');
  assert.equal(strike.type, 'attack');
  assert.equal(strike.date?.value, '2024-05-25'); // "on Saturday" in a story of Sunday 26 May
  assert.equal(strike.place?.name, 'Kharkiv');
  assert.equal(strike.actor?.name, 'Russia');
  assert.deepEqual(strike.casualties, { killed: 12, injured: 43 });
  assert.ok(strike.sources.some((s) => /Syniehubov/.test(s.text)));
  const capture = r.events.find((e) => e.sub_type === 'capture');
  assert.equal(capture?.place?.name, 'Ocheretyne');
  const clash = r.events.find((e) => e.type === 'armed_clash');
  assert.match(clash?.date?.value ?? '', /^2024-W20$/);
  const meeting = r.events.find((e) => e.type === 'meeting');
  assert.equal(meeting?.date?.value, '2024-05-30'); // "will meet ... on Thursday": the next one
  assert.equal(meeting?.place?.name, 'Prague');
  const deal = r.events.find((e) => e.type === 'agreement');
  assert.equal(deal?.date?.value, '2024-01');
  for (const e of r.events) for (const s of [e.trigger, ...e.evidence, ...e.sources]) assert.equal(r.text.slice(s.start, s.end), s.text);
});

test('reports of one event in two documents merge into one, with both reports listed', () => {
  const a = new Analyzer();
  const first = a.analyze(readTextFile(join(FIX, 'wire-kharkiv.txt')));
  const second = a.analyze(readTextFile(join(FIX, 'wire-followup.txt')));
  const e1 = first.events.find((e) => e.sub_type === 'air_strike')!;
  const e2 = second.events.find((e) => e.sub_type === 'air_strike')!;
  assert.equal(e2.id, e1.id);
  assert.deepEqual(new Set(e2.reports!.map((r) => r.doc)), new Set([first.id, second.id]));
  assert.equal(e2.date?.value, '2024-05-25', 'the later report takes the stated date of the earlier');
  // Each document alone: no link (analysis never depends on documents read before, except these links).
  const alone = new Analyzer().analyze(readTextFile(join(FIX, 'wire-followup.txt')));
  assert.notEqual(alone.events.find((e) => e.sub_type === 'air_strike')!.id, e1.id);
});

test('background: history told for context is marked', () => {
  const r = analyzeText(' date 2025-03-01 Kyiv recalls the past\nUkraine signed the Budapest Memorandum in 1994 and gave up its arsenal.\n');
  const e = r.events.find((x) => x.type === 'agreement');
  assert.equal(e?.date?.value, '1994');
  assert.equal(e?.background, true);
});

test('numbers too large to be casualties are not read as casualties', () => {
  const text = 'The blast killed 12000000000 people, officials said.';
  assert.equal(findCasualties(text, 0, text.length), null);
  assert.ok(MAX_CASUALTIES >= 1000);
  const ok = 'The blast killed 7 people and injured two.';
  assert.deepEqual(findCasualties(ok, 0, ok.length), { killed: 7, injured: 2 });
});

test('bad input: a text of only dates, impossible dates, huge lines: clear results, no crash, linear time', () => {
  const dates = analyzeText(' date 2025-08-20 x\n31 February 2025. 20 August 2025. Tuesday. 1994.\n');
  assert.equal(dates.events.length, 0);
  const big = 'attack '.repeat(20_000) + '"'.repeat(10_000) + ' in Kyiv'.repeat(20_000);
  const t0 = performance.now();
  const r = analyzeText(big);
  assert.ok(performance.now() - t0 < 20_000);
  assert.ok(Array.isArray(r.events));
});

test('a newspaper story in another style: proposals, bare talks, modal and plans are not events; sequence and dinner are', () => {
  const r = new Analyzer().analyze(readTextFile(join(FIX, 'paper-claim.txt')));
  const types = r.events.map((e) => `${e.type}:${e.trigger.text}`);
  for (const not of ['summit', 'talks', 'deployed', 'ceasefire deal', 'peace deal']) assert.ok(!types.some((t) => t.endsWith(`:${not}`)), `${not} is not an event: ${types}`);
  const met = r.events.find((e) => e.trigger.text === 'met');
  assert.equal(met?.place?.name, 'Warsaw');
  assert.equal(met?.date?.value, '2024-03-11');
  const virtual = r.events.find((e) => e.trigger.text === 'virtual meeting');
  assert.ok(virtual && virtual.id !== met!.id, '"later attended" is a further meeting');
  assert.match(virtual!.actor?.name ?? '', /European Union/);
  assert.equal(r.events.find((e) => e.trigger.text === 'dined with')?.date?.value, '2024-03-10'); // "Sunday evening": a day
  assert.equal(r.events.filter((e) => e.type === 'agreement').length, 1);
  // "a two-year war" is a duration: never an event's date.
  for (const e of r.events) assert.ok(!e.date || !/^P/.test(e.date.value));
  assert.equal(r.events.find((e) => e.type === 'territorial_change')?.place?.name, 'Novomykhailivka');
});

test('a heading and the body under it, and "in Odesa, Ukraine" / "in Ukraine", are one event', () => {
  const r = analyzeText(' date 2024-03-12 x\nRussian drone strike hits port in Ukraine\n\nA Russian drone strike hit the port in Odesa, Ukraine, on Monday, officials said.\n');
  const strikes = r.events.filter((e) => e.type === 'attack');
  assert.equal(new Set(strikes.map((e) => e.id)).size, 1);
  assert.equal(strikes[0]?.place?.name, 'Odesa');
  assert.equal(strikes[0]?.date?.value, '2024-03-11');
});
