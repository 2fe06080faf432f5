import type { SeedsSection } from './section.js';

// Placeholder: filled in by the layer's own work.
export const quotesSection: SeedsSection = {
  name: 'quotes',
  score() {
    return { section: 'quotes', rows: [], review: [] };
  },
};
