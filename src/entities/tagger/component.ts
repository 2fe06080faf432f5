import type { Component } from '../../pipeline/component.js';

// Placeholder: filled in by the layer's own work.
export const nerTagger: Component = {
  name: 'ner',
  requires: ['tokens', 'pos', 'sentences'],
  assigns: ['ner'],
  englishOnly: true,
  run() {},
};
