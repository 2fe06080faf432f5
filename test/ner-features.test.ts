import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentFeatures } from '../src/entities/tagger/docfeatures.js';
import { isCapsSentence, normalForm } from '../src/entities/tagger/features.js';
import { Gazetteer } from '../src/entities/tagger/gazetteer.js';
import { bilouConstraints } from '../src/entities/tagger/model.js';
import { BILOU_TAGS } from '../src/entities/tagger/tags.js';
import { longShape, shortShape } from '../src/entities/tagger/shape.js';

test('document features report how the first pass labelled the same word elsewhere', () => {
  const sentences = [
    ['Nadia', 'Haddad', 'won', '.'],
    ['HADDAD', 'WINS'],
    ['Haddad', 'spoke', '.'],
  ];
  const first = [['B-PER', 'L-PER', 'O', 'O'], ['U-ORG', 'O'], ['U-PER', 'O', 'O']];
  const f = documentFeatures(sentences, first);
  // "HADDAD" in the headline: the other two occurrences were PER.
  assert.deepEqual([...f[1]![0]!].sort(), ['d:has=PER', 'd:maj=PER']);
  // "Haddad" in sentence 3: one PER and one ORG elsewhere; ties go to the first type in alphabetical order.
  assert.ok(f[2]![0]!.includes('d:has=ORG') && f[2]![0]!.includes('d:has=PER'));
  // A word seen once gets nothing.
  assert.deepEqual(f[0]![2], []);
});

test('shapes, normal forms and the caps flag', () => {
  assert.equal(longShape('McDonald2'), 'XxXxxxxxd');
  assert.equal(shortShape('U.S.'), 'X.X.');
  assert.equal(shortShape('X'.repeat(10_000)), 'X');
  assert.equal(longShape('é'.repeat(100)).length, 17);
  assert.equal(normalForm('May-2024'), 'may-0000');
  assert.ok(isCapsSentence(['EU', 'REJECTS', 'GERMAN', 'CALL']));
  assert.ok(!isCapsSentence(['The', 'EU', 'rejects', 'a', 'German', 'call']));
});

test('gazetteer matches the longest entry at each start, case-insensitively', () => {
  const g = new Gazetteer();
  g.add('places', 'New Caledonia');
  g.add('places', 'Caledonia');
  const f = g.features(['flights', 'to', 'NEW', 'CALEDONIA'].map(normalForm));
  assert.deepEqual(f, [[], [], ['g:places:B'], ['g:places:L', 'g:places:U']]);
});

test('BILOU constraints: I and L only continue an open mention of their type', () => {
  const { allowed, final } = bilouConstraints(BILOU_TAGS);
  const T = BILOU_TAGS.length;
  const id = (t: string) => BILOU_TAGS.indexOf(t);
  assert.equal(allowed[id('B-PER') * T + id('L-PER')], 1);
  assert.equal(allowed[id('B-PER') * T + id('L-ORG')], 0);
  assert.equal(allowed[id('O') * T + id('I-LOC')], 0);
  assert.equal(allowed[T * T + id('U-LOC')], 1);
  assert.equal(final[id('B-MISC')], 0);
});
