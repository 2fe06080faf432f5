import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOrder, Pipeline, PipelineOrderError } from '../src/pipeline/pipeline.js';
import { DEFAULT_COMPONENTS } from '../src/pipeline/default.js';
import type { Component } from '../src/pipeline/component.js';

const stage = (name: string, requires: string[], assigns: string[]): Component => ({ name, requires, assigns, run() {} });

test('the default pipeline is in a valid order', () => {
  assert.doesNotThrow(() => checkOrder(DEFAULT_COMPONENTS));
});

test('a stage placed before what it requires is refused, naming both', () => {
  const a = stage('tagger', ['tokens'], ['ner']);
  const b = stage('tokenizer', ['text'], ['tokens']);
  assert.throws(() => new Pipeline([a, b]), (e: Error) => e instanceof PipelineOrderError && /tagger.*tokens.*tokenizer/.test(e.message));
});

test('a requirement no stage assigns is refused', () => {
  assert.throws(() => checkOrder([stage('quotes', ['entities'], ['quotes'])]), /no component assigns/);
});

test('two stages assigning one layer are refused', () => {
  assert.throws(() => checkOrder([stage('a', ['text'], ['x']), stage('b', ['text'], ['x'])]), /assigned twice/);
});

test('a batch is analysed component by component into the same records as one document at a time', async () => {
  const { Analyzer } = await import('../src/analyze.js');
  const { readTextFile } = await import('../src/ingest/textFile.js');
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const files = [
    ...readdirSync('examples/seeds').map((f) => join('examples/seeds', f)),
    ...readdirSync('test/fixtures/speech').filter((f) => f.endsWith('.txt')).slice(0, 6).map((f) => join('test/fixtures/speech', f)),
  ];
  const inputs = files.map((f) => readTextFile(f));
  const single = new Analyzer();
  const one = inputs.map((input) => JSON.stringify(single.analyze(input)));
  const batched = new Analyzer().analyzeBatch(inputs).map((r) => (r instanceof Error ? r.message : JSON.stringify(r)));
  assert.equal(batched.length, one.length);
  for (let i = 0; i < one.length; i++) assert.equal(batched[i], one[i], `record ${i} (${files[i]}) differs`);
});

test('a document whose component fails is reported in its batch, and the other documents are analysed', async () => {
  const { RunContext } = await import('../src/pipeline/component.js');
  const { newAnalysisDoc } = await import('../src/analyze.js');
  const seen: string[] = [];
  const breaks: Component = { name: 'breaks', requires: ['text'], assigns: ['broken'], run: (doc) => { if (doc.record.id === 'b') throw new Error('bad document'); } };
  const after: Component = { name: 'after', requires: ['broken'], assigns: ['after'], run: (doc) => { seen.push(doc.record.id); } };
  const pipeline = new Pipeline([breaks, after]);
  const docs = ['a', 'b', 'c'].map((id) => newAnalysisDoc({ id, source: { corpus: 'inline' }, text: 'Text.', date: null, outlet: null, url: null, notes: [] }));
  const failures = pipeline.runBatch(docs, new RunContext());
  assert.equal(failures[0], null);
  assert.equal(failures[1]?.message, 'bad document');
  assert.equal(failures[2], null);
  assert.deepEqual(seen, ['a', 'c']);
});
