import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { anchorFrom } from '../src/events/time/anchor.js';
import { resolveTimes } from '../src/events/time/resolve.js';
import { zoneOffsetMinutes as offsetAt } from '../src/util/zones.js';
import { POLNEAR_TRAIN, scorePolnear, scoreWritten } from '../src/eval/time.js';

const at = (published: string, zone: string) => {
  const a = anchorFrom(published, zone);
  return (text: string) => resolveTimes(text, { anchorAt: () => a }).map((t) => [t.span.text, t.value, t.granularity]);
};

test('zone offsets come from Intl for the instant (summer and winter time)', () => {
  assert.equal(offsetAt('Europe/London', Date.parse('2025-08-20T12:00:00Z')), 60);
  assert.equal(offsetAt('Europe/London', Date.parse('2025-01-20T12:00:00Z')), 0);
  assert.equal(offsetAt('America/New_York', Date.parse('2024-07-07T02:30:00Z')), -240);
  assert.equal(offsetAt('+05:30', 0), 330);
});

test('the anchor is the local day: 23:30 UTC in Tokyo is the next day', () => {
  const r = at('2025-03-31T16:00:00Z', 'Asia/Tokyo')('The fiscal year began today.');
  assert.deepEqual(r, [['today', '2025-04-01', 'day']]);
});

test('weekdays: past tense is today or the last one, a future verb the next one', () => {
  const r = at('2025-08-20T20:00:00Z', 'Europe/London');
  assert.deepEqual(r('On Tuesday evening, he had dined with her.'), [['Tuesday evening', '2025-08-19', 'day']]);
  assert.deepEqual(r('They met on Wednesday.'), [['Wednesday', '2025-08-20', 'day']]);
  assert.deepEqual(r('They will meet on Friday.'), [['Friday', '2025-08-22', 'day']]);
  assert.deepEqual(r('He watched Saturday Night Live.'), []);
});

test('weeks, years, references and durations', () => {
  const r = at('2025-08-20', 'UTC');
  assert.deepEqual(r('It happened last week.'), [['last week', '2025-W33', 'week']]);
  assert.deepEqual(r('Moscow signed it in 1994.'), [['1994', '1994', 'year']]);
  assert.deepEqual(r('Speaking on Wednesday (20 August), two days after the talks.'), [
    ['Wednesday (20 August)', '2025-08-20', 'day'],
    ['two days after', '2025-08-18', 'day'],
  ]);
  assert.deepEqual(r('The nearly three-and-a-half-year conflict.'), [['three-and-a-half-year', 'P3.5Y', null]]);
  assert.deepEqual(r('A 35-year-old man and 2,000 people.'), []);
});

test('impossible dates and a text of only dates give clear results', () => {
  const r = resolveTimes('31 February 2025. 30 February. 2025-02-30.', { anchorAt: () => anchorFrom('2025-08-20', 'UTC') });
  assert.equal(r.length, 3);
  for (const t of r) {
    assert.equal(t.value, null);
    assert.equal(t.note, 'no such date');
  }
});

test('linear time on hostile input', () => {
  const anchor = anchorFrom('2025-08-20', 'UTC');
  for (const text of ['"'.repeat(10_000), ' '.repeat(5_000_000) + 'May', 'Tuesday '.repeat(100_000), '1'.repeat(1_000_000)]) {
    const t0 = performance.now();
    resolveTimes(text, { anchorAt: () => anchor });
    assert.ok(performance.now() - t0 < 10_000, `took ${performance.now() - t0} ms`);
  }
});

test('the written test set (several outlets\' styles) scores at least 95%', () => {
  const items = scoreWritten();
  assert.ok(items.length >= 75);
  const acc = items.filter((i) => i.correct).length / items.length;
  assert.ok(acc >= 0.95, `accuracy ${acc}`);
});

test('the PolNeAR half (texts read from ../shared)', (t) => {
  if (!existsSync(POLNEAR_TRAIN)) {
    if (process.env.CI === 'true') assert.fail(`${POLNEAR_TRAIN} is absent in CI`);
    t.skip(`${POLNEAR_TRAIN} is absent`);
    return;
  }
  const items = scorePolnear()!;
  assert.ok(items.length >= 75);
  const acc = items.filter((i) => i.correct).length / items.length;
  assert.ok(acc >= 0.9, `accuracy ${acc}`);
});
