import type { SeedsSection } from './section.js';

// Placeholder: filled in by the layer's own work.
export const claimsSection: SeedsSection = {
  name: 'claims',
  score() {
    return { section: 'claims', rows: [], review: [] };
  },
};
