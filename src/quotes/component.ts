import type { Component } from '../pipeline/component.js';

// Placeholder: filled in by the layer's own work.
export const quoteFinder: Component = {
  name: 'quotes',
  requires: ['entities', 'sentences'],
  assigns: ['quotes'],
  englishOnly: true,
  run() {},
};
