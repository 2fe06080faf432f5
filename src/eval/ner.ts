import type { Evaluation } from './registry.js';

// Placeholder: filled in by the layer's own work.
export const nerEvaluation: Evaluation = {
  name: 'ner',
  usage: 'ner   (not yet available)',
  async run(_args, io) {
    io.err('newsledger eval ner: not yet available');
    return 2;
  },
};
