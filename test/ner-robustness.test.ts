import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../src/analyze.js';
import { sharedTagger, VECTOR_POOL_MAX } from '../src/entities/tagger/tagger.js';
import { tagTokens } from '../src/entities/tagger/mentions.js';
import { tokenize } from '../src/language/tokenize.js';

function ner(text: string): string[] {
  const { tokens, sentences } = tokenize(text);
  return tagTokens(sharedTagger(), tokens, sentences).map((m) => `${text.slice(m.start, m.end)}/${m.type}`);
}

function timeTag(words: string[]): number {
  const pos = words.map((w) => (/^[A-Z]/.test(w) ? 'PROPN' : 'NOUN'));
  // CPU time of this process, not wall time: the test machine may be shared with other jobs.
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const t0 = cpu();
  const [tagged] = sharedTagger().tagDocument([{ words, pos }]);
  const ms = cpu() - t0;
  assert.equal(tagged!.tags.length, words.length);
  return ms;
}

const VOCAB = ['the', 'minister', 'said', 'Paris', 'on', 'Monday', 'and', 'Maria', 'Lopez', 'of', 'Acme', 'Corp', ',', 'in', 'talks'];

function words(n: number): string[] {
  return Array.from({ length: n }, (_, i) => VOCAB[(i * 7 + (i >> 3)) % VOCAB.length]!);
}

test('a headline in capitals still yields entities', () => {
  const found = ner('PRIME MINISTER ANTHONY ALBANESE VISITS JAKARTA FOR TRADE TALKS WITH INDONESIA');
  assert.ok(found.some((m) => m.endsWith('/LOC')), found.join(', '));
});

test('text without capitals does not crash and returns well-formed mentions', () => {
  const text = 'the mayor of london met officials from the european commission in brussels on tuesday.';
  const found = ner(text);
  assert.ok(Array.isArray(found));
});

test('a 100,000-token sentence is tagged in linear time', () => {
  timeTag(words(2_000)); // warm the caches
  const small = timeTag(words(10_000));
  const large = timeTag(words(100_000));
  assert.ok(large < 5_000, `100k tokens took ${large.toFixed(0)} ms`);
  // Ten times the tokens must cost about ten times the time, not a hundred; the slack covers timer noise.
  assert.ok(large < 30 * Math.max(small, 5), `10k: ${small.toFixed(0)} ms, 100k: ${large.toFixed(0)} ms`);
});

test('10,000-character tokens, quote-mark runs and non-Latin scripts are handled', () => {
  const long = ['Reporter', 'X'.repeat(10_000), 'met', 'a'.repeat(10_000), 'in', 'Madrid', '.'];
  const t0 = performance.now();
  const tagged = sharedTagger().tagDocument([
    { words: long, pos: long.map(() => 'NOUN') },
    { words: ['"'.repeat(10_000)], pos: ['PUNCT'] },
    { words: ['习近平', '在', '北京', '会见', '了', 'Макрон', 'و', 'القاهرة'], pos: ['PROPN', 'ADP', 'PROPN', 'VERB', 'PART', 'PROPN', 'CCONJ', 'PROPN'] },
  ]);
  assert.ok(performance.now() - t0 < 2_000);
  assert.equal(tagged[0]!.tags.length, long.length);
  assert.equal(tagged[1]!.tags[0], 'O');
  for (const s of tagged) for (const c of s.confidence) assert.ok(c >= 0 && c <= 1 && !Number.isNaN(c));
});

test('the pipeline survives odd documents end to end', () => {
  const analyzer = new Analyzer();
  const texts = [
    '"'.repeat(10_000),
    'Officials in ' + 'Z'.repeat(10_000) + ' said nothing.',
    'The delegation from Kyiv met Владимир Зеленский and 李明 in Geneva on Monday.',
  ];
  for (const text of texts) {
    const doc = analyzer.analyzeDoc({ id: 'odd', source: { corpus: 'test' }, text, outlet: null, date: null, url: null, notes: [] });
    for (const m of doc.ner ?? []) assert.ok(m.start >= 0 && m.end <= text.length && m.start < m.end);
  }
});

test('results do not depend on what the caches hold: the same document before and after the word pool restarts', () => {
  const tagger = sharedTagger();
  const doc = [
    { words: ['Maria', 'Lopez', 'of', 'Acme', 'Corp', 'met', 'officials', 'in', 'Paris', '.'], pos: ['PROPN', 'PROPN', 'ADP', 'PROPN', 'PROPN', 'VERB', 'NOUN', 'ADP', 'PROPN', 'PUNCT'] },
    { words: ['LOPEZ', 'IN', 'PARIS'], pos: ['PROPN', 'ADP', 'PROPN'] },
  ];
  const before = tagger.tagDocument(doc);
  // More distinct words than VECTOR_POOL_MAX, in sentences of 50, so the vector pool restarts between sentences.
  const many = Array.from({ length: Math.ceil((VECTOR_POOL_MAX + 5_000) / 50) }, (_, s) => {
    const words = Array.from({ length: 50 }, (_, i) => `Word${s}x${i}`);
    return { words, pos: words.map(() => 'PROPN') };
  });
  tagger.tagDocument(many);
  const after = tagger.tagDocument(doc);
  assert.deepEqual(after.map((t) => t.tags), before.map((t) => t.tags));
  assert.deepEqual(after.map((t) => [...t.confidence]), before.map((t) => [...t.confidence]));
});
