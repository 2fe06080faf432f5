import type { SeedsSection } from './section.js';
import { structureSection } from './structure.js';

/** The sections of `newsledger eval seeds`, in the order they print. Each layer adds its own file and a line here. */
export const SEEDS_SECTIONS: SeedsSection[] = [structureSection];
