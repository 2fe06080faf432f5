import type { Evaluation } from './registry.js';

// Placeholder: filled in by the layer's own work.
export const quotesEvaluation: Evaluation = {
  name: 'quotes',
  usage: 'quotes   (not yet available)',
  async run(_args, io) {
    io.err('newsledger eval quotes: not yet available');
    return 2;
  },
};
