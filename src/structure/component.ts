import type { Component } from '../pipeline/component.js';

export const structureReader: Component = {
  name: 'structure',
  requires: ['text'],
  assigns: ['structure'],
  run() {},
};
