import type { SeedsSection } from './section.js';

export const structureSection: SeedsSection = {
  name: 'structure',
  score() {
    return { section: 'structure', rows: [], review: [] };
  },
};
