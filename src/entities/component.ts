import type { Component } from '../pipeline/component.js';

// Placeholder: filled in by the layer's own work.
export const entityResolver: Component = {
  name: 'entities',
  requires: ['ner', 'structure'],
  assigns: ['entities'],
  englishOnly: true,
  run() {},
};
