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
