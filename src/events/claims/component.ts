import type { Component } from '../../pipeline/component.js';

// Placeholder: filled in by the layer's own work.
export const claimExtractor: Component = {
  name: 'claims',
  requires: ['events', 'quotes'],
  assigns: ['claims'],
  englishOnly: true,
  run() {},
};
