import type { SeedsSection } from './section.js';

// Placeholder: filled in by the layer's own work.
export const eventsSection: SeedsSection = {
  name: 'events',
  score() {
    return { section: 'events', rows: [], review: [] };
  },
};
