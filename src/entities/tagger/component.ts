import type { Component } from '../../pipeline/component.js';
import { tagTokens } from './mentions.js';
import { sharedTagger } from './tagger.js';

/**
 * Named-entity recognition: the two-stage averaged-perceptron tagger of models/ner over the tokens and wink-nlp POS
 * of the language layer. Fills doc.ner with PER/ORG/LOC/MISC mentions in character offsets of the record's text.
 */
export const nerTagger: Component = {
  name: 'ner',
  requires: ['tokens', 'pos', 'sentences'],
  assigns: ['ner'],
  englishOnly: true,
  run(doc) {
    const tagger = sharedTagger();
    doc.ner = tagTokens(tagger, doc.tokens ?? [], doc.sentences ?? []);
    doc.record.pipeline.models['ner'] = tagger.version;
  },
};
