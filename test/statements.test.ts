import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Quote } from '../src/model/record.js';
import { StatementIndex } from '../src/statements/index.js';

let n = 0;
function quote(content: string, speaker: string | null, kind: Quote['kind'] = 'direct', extra: Partial<Quote> = {}): Quote {
  n++;
  return {
    id: `q${n}`,
    kind,
    content: { start: 0, end: content.length, text: content },
    cue: null,
    speaker: { entity: null, name: speaker, mention: null, anonymous: false },
    via: null,
    statement: null,
    paraphrase_of: null,
    confidence: 0.8,
    ...extra,
  };
}

const doc = (id: string, text = id, outlet: string | null = null, published: string | null = null) => ({ id, text, outlet, published });

test('one utterance reported with different marks, truncation and a cue inside the span shares a statement', () => {
  const index = new StatementIndex();
  const a = quote('“The harbour will reopen once the inspectors have finished their work, and not a day before,”', 'Anna Berg');
  const b = quote('"The harbour will reopen once the inspectors have finished their work …"', 'Berg');
  const text = '"The harbour will reopen once the inspectors have finished their work, and not a day before," she said';
  const c = quote(text, 'Anna Berg', 'direct', {
    cue: { start: text.length - 8, end: text.length, text: 'she said' },
  });
  index.addDocument(doc('d1'), [a]);
  index.addDocument(doc('d2'), [b]);
  index.addDocument(doc('d3'), [c]);
  assert.ok(a.statement);
  assert.equal(b.statement, a.statement);
  assert.equal(c.statement, a.statement);
});

test('a small variant wording links; a different speaker or different words do not', () => {
  const index = new StatementIndex();
  const a = quote('“Talking about security issues without the neighbours at the table is a dead end,”', 'Ivan Petrov');
  const b = quote('“talking about security guarantees without the neighbours at the table is a dead end”', 'Petrov', 'mixed');
  const other = quote('“Talking about security issues without the neighbours at the table is a dead end,”', 'Maria Lind');
  const unrelated = quote('“We will publish the full budget in the spring after the committee has voted,”', 'Ivan Petrov');
  index.addDocument(doc('d1'), [a, other, unrelated]);
  index.addDocument(doc('d2'), [b]);
  assert.equal(b.statement, a.statement);
  assert.notEqual(other.statement, a.statement);
  assert.notEqual(unrelated.statement, a.statement);
});

test('a paraphrase keeps its own quote and points at the statement it paraphrases', () => {
  const index = new StatementIndex();
  const a = quote('“Any deal without the fishermen is a road to nowhere, and everyone here knows it,”', 'Ivan Petrov');
  const p = quote('a deal that leaves out fishermen would be a “road to nowhere”', 'Petrov', 'mixed');
  index.addDocument(doc('d1'), [a]);
  index.addDocument(doc('d2'), [p]);
  assert.equal(p.statement, null);
  assert.equal(p.paraphrase_of, a.statement);
});

test('generic words link nothing: a short sentence inside an unattributed quotation, a common marked phrase or word, a direct quote or an unattributed statement as paraphrase, anonymous speakers', () => {
  const index = new StatementIndex();
  // An unattributed quotation holding a short generic sentence; a named coach says that sentence elsewhere.
  const long = quote('"We played well for an hour and then I don\'t know what happened, the whole side fell apart in ten minutes,"', null);
  const short = quote('"I don\'t know what happened,"', 'Tom Reid');
  // The same speaker's unrelated statements: one saying "well on the way", one with a marked "well on the way".
  const plan = quote('"The new stadium is well on the way to being finished before the summer,"', 'Ana Ruiz');
  const marked = quote('the fund was "well on the way" to being spent', 'Ana Ruiz', 'mixed');
  // An indirect report sharing words with an unattributed statement; a direct quote sharing words with an indirect one.
  const unattributed = quote('the league may not be able to meet the demand for tickets this season', null, 'indirect');
  const indirect = quote('demand may not be met this season', 'Club Board', 'indirect');
  const named = quote('improved standards of literacy and numeracy', 'Lena Ward', 'indirect');
  const direct = quote('"Higher standards of literacy and numeracy will benefit the whole region,"', 'Ed Moss');
  index.addDocument(doc('d1'), [long, plan, unattributed, named]);
  index.addDocument(doc('d2'), [short, marked, indirect, direct]);
  assert.notEqual(short.statement, long.statement);
  assert.equal(marked.paraphrase_of, null);
  assert.equal(indirect.paraphrase_of, null);
  assert.equal(direct.paraphrase_of, null);
  assert.notEqual(direct.statement, named.statement);
  // A marked word said of something else ("delighted"), a scare-quoted term with no speaker, two anonymous speakers.
  const praise = quote('"I am delighted that she has agreed to stay on as chair of the review,"', 'Omar Said');
  const delighted = quote('the coach said he was "delighted" with the draw', 'Omar Said', 'mixed');
  const term = quote('a rule on "voter identification" calls at election time', null, 'mixed');
  const anon1 = quote('the plant would close by the end of the year', 'spokesman', 'indirect', { speaker: { entity: null, name: 'spokesman', mention: null, anonymous: true } });
  const anon2 = quote('the plant would close by the end of March', 'spokesman', 'indirect', { speaker: { entity: null, name: 'spokesman', mention: null, anonymous: true } });
  const calls = quote('"We make voter identification calls to people who have asked to hear from us,"', 'Party Office');
  index.addDocument(doc('d4'), [praise, calls, anon1]);
  index.addDocument(doc('d5'), [delighted, term, anon2]);
  assert.equal(delighted.paraphrase_of, null);
  assert.equal(term.paraphrase_of, null);
  assert.notEqual(anon2.statement, anon1.statement);
  assert.equal(anon2.paraphrase_of, null);
  // Guard: a long enough sentence inside an unattributed quotation still joins it.
  const longer = quote('"We played well for an hour and then I don\'t know what happened,"', 'Tom Reid');
  index.addDocument(doc('d3'), [longer]);
  assert.equal(longer.statement, long.statement);
});

test('statement summaries: speaker, fullest wording, first seen, reports, and wire copies count as one source', () => {
  const index = new StatementIndex();
  const story = 'The ministry announced new rules for the harbour on Monday after a long review of safety at the docks and the river. '.repeat(3);
  const full = '“The harbour will reopen once the inspectors have finished their work, and not a day before,”';
  const a = quote(full, 'Anna Berg');
  const b = quote(full, 'Anna Berg');
  const c = quote('“The harbour will reopen once the inspectors have finished their work …”', 'Anna Berg');
  index.addDocument(doc('wire-1', story, 'Outlet A', '2025-01-02'), [a]);
  index.addDocument(doc('wire-2', story, 'Outlet B', '2025-01-01'), [b]);
  index.addDocument(doc('own', 'An entirely different report written by another newsroom about the inspectors and the harbour reopening.', 'Outlet C', '2025-01-03'), [c]);
  const [s] = index.summaries().filter((x) => x.id === a.statement);
  assert.ok(s);
  assert.equal(s.speaker, 'Anna Berg');
  assert.ok(s.wording.includes('not a day before'));
  assert.equal(s.first_seen, '2025-01-01');
  assert.equal(s.reports.length, 3);
  assert.deepEqual(s.reports.map((r) => r.outlet), ['Outlet A', 'Outlet B', 'Outlet C']);
  assert.equal(s.sources, 2);
});

test('linking is near-linear: 20,000 synthetic quotes in well under the budget', () => {
  const index = new StatementIndex();
  const vocab = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}`);
  let seed = 1;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const t0 = performance.now();
  for (let d = 0; d < 2000; d++) {
    const quotes: Quote[] = [];
    for (let k = 0; k < 10; k++) {
      const words = Array.from({ length: 12 }, () => vocab[Math.floor(rand() * vocab.length)]);
      quotes.push(quote(`“${words.join(' ')}”`, `Speaker ${Math.floor(rand() * 300)}`));
    }
    index.addDocument(doc(`d${d}`, `document ${d}`), quotes);
  }
  const ms = performance.now() - t0;
  assert.ok(ms < 15_000, `took ${ms.toFixed(0)} ms`);
});
