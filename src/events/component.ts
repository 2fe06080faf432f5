import type { Component } from '../pipeline/component.js';

// Placeholder: filled in by the layer's own work.
export const eventExtractor: Component = {
  name: 'events',
  requires: ['entities', 'quotes', 'time'],
  assigns: ['events'],
  englishOnly: true,
  run() {},
};
