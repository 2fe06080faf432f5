import type { Component } from '../../pipeline/component.js';

// Placeholder: filled in by the layer's own work.
export const timeResolver: Component = {
  name: 'time',
  requires: ['tokens', 'structure'],
  assigns: ['time'],
  englishOnly: true,
  run() {},
};
