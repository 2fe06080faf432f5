import type { Component } from '../pipeline/component.js';

// Placeholder: filled in by the layer's own work.
export const statementLinker: Component = {
  name: 'statements',
  requires: ['quotes'],
  assigns: ['statements'],
  englishOnly: true,
  run() {},
};
