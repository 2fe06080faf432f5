import type { SeedsSection } from './section.js';

// Placeholder: filled in by the layer's own work.
export const entitiesSection: SeedsSection = {
  name: 'entities',
  score() {
    return { section: 'entities', rows: [], review: [] };
  },
};
