import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { documentFeatures } from '../src/entities/tagger/docfeatures.js';
import { FEATURE_GROUPS, type FeatureSentence, isCapsSentence, normalForm, tokenFeatures } from '../src/entities/tagger/features.js';
import { Gazetteer } from '../src/entities/tagger/gazetteer.js';
import { bilouConstraints, type LinearModel, loadModel } from '../src/entities/tagger/model.js';
import { featureSentence, loadResources, MODEL_DIR, NerTagger, STAGE1_FILE, STAGE2_FILE } from '../src/entities/tagger/tagger.js';
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

test('the fast tagger scores exactly the features the training path extracts, in both stages', () => {
  const res = loadResources();
  const stage1 = loadModel(join(MODEL_DIR, STAGE1_FILE)).model;
  const stage2 = loadModel(join(MODEL_DIR, STAGE2_FILE)).model;
  const groups = new Set(FEATURE_GROUPS);
  const tagger = new NerTagger(stage1, stage2, res, groups);
  const T = stage1.T;
  const sentences = [
    { words: ['Kenyan', 'President', 'William', 'Ruto', 'met', 'officials', 'in', 'New', 'Caledonia', '.'], pos: ['ADJ', 'PROPN', 'PROPN', 'PROPN', 'VERB', 'NOUN', 'ADP', 'PROPN', 'PROPN', 'PUNCT'] },
    { words: ['RUTO', 'FLIES', 'TO', 'ADDIS', 'ABABA', 'FOR', 'TALKS'], pos: ['PROPN', 'VERB', 'ADP', 'PROPN', 'PROPN', 'ADP', 'NOUN'] },
    { words: ['Ruto', 'said', 'a|b', '1996-08-22', 'X'.repeat(60)], pos: ['PROPN', 'ODD-TAG', 'SYM', 'NUM', 'NOUN'] },
    { words: ['Ruto'], pos: ['PROPN'] },
  ];
  // Reference: string features summed per token, decoded with each stage's own model (as before the fast path).
  const reference = (model: LinearModel, s: FeatureSentence): Float64Array => {
    const em = new Float64Array(s.words.length * T);
    const feats: string[] = [];
    for (let i = 0; i < s.words.length; i++) {
      feats.length = 0;
      tokenFeatures(s, i, res, groups, feats);
      for (const f of feats) {
        const id = model.index.get(f);
        if (id !== undefined) for (let t = 0; t < T; t++) em[i * T + t] += model.weights[id * T + t]!;
      }
    }
    return em;
  };
  const fs = sentences.map((s) => featureSentence(s, res, groups));
  for (let k = 0; k < sentences.length; k++) {
    const local = tagger.localScores(sentences[k]!);
    const [r1, r2] = [reference(stage1, fs[k]!), reference(stage2, fs[k]!)];
    for (let i = 0; i < sentences[k]!.words.length; i++) {
      for (let t = 0; t < T; t++) {
        assert.ok(Math.abs(local[i * 2 * T + t]! - r1[i * T + t]!) < 1e-3, `stage 1, sentence ${k}, token ${i}, tag ${t}`);
        assert.ok(Math.abs(local[i * 2 * T + T + t]! - r2[i * T + t]!) < 1e-3, `stage 2, sentence ${k}, token ${i}, tag ${t}`);
      }
    }
  }
  const first = fs.map((s) => Array.from(stage1.decode(reference(stage1, s), s.words.length), (id) => stage1.tags[id]!));
  const doc = documentFeatures(sentences.map((s) => s.words), first);
  const expected = fs.map((s, k) => Array.from(stage2.decode(reference(stage2, { ...s, doc: doc[k]! }), s.words.length), (id) => stage2.tags[id]!));
  assert.deepEqual(tagger.tagDocument(sentences).map((t) => t.tags), expected);
});
