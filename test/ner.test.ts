import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../src/analyze.js';
import { readConll } from '../src/entities/tagger/conll.js';
import { conllScores } from '../src/entities/tagger/score.js';
import { sharedTagger } from '../src/entities/tagger/tagger.js';
import { bilouOfSpans, spansOfTags } from '../src/entities/tagger/tags.js';
import { evaluateConll } from '../src/eval/ner.js';
import { EVALUATIONS } from '../src/eval/registry.js';
import type { AnalysisDoc } from '../src/pipeline/doc.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'ner');

function analyze(text: string): AnalysisDoc {
  return new Analyzer().analyzeDoc({ id: 't', source: { corpus: 'test' }, text, outlet: null, date: null, url: null, notes: [] });
}

function mentions(doc: AnalysisDoc): string[] {
  return (doc.ner ?? []).map((m) => `${doc.record.text.slice(m.start, m.end)}/${m.type}`);
}

test('the model loads from models/ner and names its version', () => {
  const tagger = sharedTagger();
  assert.match(tagger.version, /^ner-/);
});

test('the tagger finds people, organisations and places in wire-style news', () => {
  const text =
    'NAIROBI (Wire) - Kenyan President William Ruto met executives from Safaricom in Nairobi on Friday, ' +
    'a spokesman for the World Bank said.\n\nRuto later flew to Addis Ababa for talks with the African Union.';
  const doc = analyze(text);
  const found = mentions(doc);
  // A statistical tagger is not perfect on unseen names ("Safaricom" alone is ambiguous), so the test asks for most
  // mentions exact and for each type to be found, not for every one.
  const expected = ['NAIROBI/LOC', 'William Ruto/PER', 'Safaricom/ORG', 'Nairobi/LOC', 'World Bank/ORG', 'Ruto/PER', 'Addis Ababa/LOC', 'African Union/ORG'];
  const hits = expected.filter((e) => found.includes(e));
  assert.ok(hits.length >= 6, `${hits.length}/8 found: ${found.join(', ')}`);
  for (const type of ['PER', 'ORG', 'LOC']) assert.ok(hits.some((h) => h.endsWith(type)), `${type} in ${found.join(', ')}`);
  assert.equal(doc.record.pipeline.models['ner'], sharedTagger().version);
  for (const m of doc.ner!) {
    assert.ok(m.start < m.end && m.end <= text.length);
    assert.ok(m.confidence > 0 && m.confidence <= 1);
  }
});

test('the tagger reads a magazine-style paragraph with titles and a possessive', () => {
  const text =
    'When Dr. Priya Raman left Stanford University in 2019, few colleagues expected her to settle in Lisbon. ' +
    "But Raman's new lab, funded by the Gulbenkian Foundation, now draws students from across Portugal.";
  const found = mentions(analyze(text));
  for (const expected of ['Priya Raman/PER', 'Stanford University/ORG', 'Lisbon/LOC', 'Raman/PER', 'Portugal/LOC']) {
    assert.ok(found.includes(expected), `${expected} in ${found.join(', ')}`);
  }
});

test('hyphenated names are one word to the tagger, as in CoNLL-2003; place names joined by a hyphen stay two places', () => {
  const text =
    'Former policy director Anne-Marie Okonkwo-Reyes wrote to the minister on Monday. Okonkwo-Reyes said the ' +
    'Spain-Portugal talks would resume in Lisbon.';
  const doc = analyze(text);
  const found = mentions(doc);
  assert.ok(found.includes('Anne-Marie Okonkwo-Reyes/PER'), found.join(', '));
  const names = doc.record.entities.map((e) => e.name);
  assert.ok(names.includes('Spain') && names.includes('Portugal'), names.join(', '));
  assert.ok(!names.includes('Spain-Portugal'), names.join(', '));
});

test('a name tagged once keeps its type in the rest of the document', () => {
  const text =
    'Opposition leader Tomas Okafor criticised the budget on Monday. ' +
    'Okafor, speaking in parliament, said the plan would hurt farmers. Okafor is expected to table amendments.';
  const found = mentions(analyze(text));
  assert.equal(found.filter((m) => m === 'Okafor/PER').length, 2, found.join(', '));
});

test('IOB2 and BILOU tags convert to the same mentions', () => {
  const iob = ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-ORG', 'O'];
  const spans = spansOfTags(iob);
  assert.deepEqual(spans, [
    { start: 0, end: 2, type: 'PER' },
    { start: 3, end: 4, type: 'LOC' },
    { start: 4, end: 5, type: 'LOC' },
    { start: 5, end: 6, type: 'ORG' },
  ]);
  assert.deepEqual(bilouOfSpans(spans, 7), ['B-PER', 'L-PER', 'O', 'U-LOC', 'U-LOC', 'U-ORG', 'O']);
  assert.deepEqual(spansOfTags(bilouOfSpans(spans, 7)), spans);
});

test('the scorer gives conlleval figures on a hand-checked fixture', () => {
  const gold = readConll(readFileSync(join(FIXTURES, 'tiny.gold.conll'), 'utf8')).sentences.map((s) => s.tags);
  const pred = readConll(readFileSync(join(FIXTURES, 'tiny.pred.conll'), 'utf8')).sentences.map((s) => s.tags);
  const rows = new Map(conllScores(gold, pred).map((r) => [r.type, r]));
  // 6 gold entities, 7 predicted, 4 exact matches (a cut person span, a spurious ORG, a MISC typed LOC).
  const overall = rows.get('overall')!;
  assert.deepEqual([overall.gold, overall.predicted, overall.correct], [6, 7, 4]);
  assert.equal(overall.f1.toFixed(4), (8 / 13).toFixed(4));
  assert.deepEqual([rows.get('PER')!.precision, rows.get('PER')!.recall], [0.5, 0.5]);
  assert.equal(rows.get('LOC')!.f1.toFixed(4), '0.8000');
  assert.equal(rows.get('ORG')!.f1.toFixed(4), '0.6667');
  assert.equal(rows.get('MISC')!.f1, 0);
});

test('eval ner --conll tags a small file of my own and prints per-type and overall rows', async () => {
  const rows = evaluateConll(readFileSync(join(FIXTURES, 'wire.conll'), 'utf8'), sharedTagger());
  const overall = rows.find((r) => r.type === 'overall')!;
  assert.equal(overall.gold, 7);
  assert.ok(overall.f1 >= 0.85, `F1 ${overall.f1}`);
  const lines: string[] = [];
  const ner = EVALUATIONS.find((e) => e.name === 'ner')!;
  const code = await ner.run(['--conll', join(FIXTURES, 'wire.conll')], { out: (l) => lines.push(l), err: () => {} });
  assert.equal(code, 0);
  const text = lines.join('\n');
  for (const type of ['LOC', 'ORG', 'PER', 'overall']) assert.match(text, new RegExp(`^${type}\\s`, 'm'));
  assert.equal(await ner.run([], { out: () => {}, err: () => {} }), 2);
});
