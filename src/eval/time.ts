import type { Evaluation } from './registry.js';

// Placeholder: filled in by the layer's own work.
export const timeEvaluation: Evaluation = {
  name: 'time',
  usage: 'time   (not yet available)',
  async run(_args, io) {
    io.err('newsledger eval time: not yet available');
    return 2;
  },
};
