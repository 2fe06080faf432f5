import { claimsSection } from './claims.js';
import { entitiesSection } from './entities.js';
import { eventsSection } from './events.js';
import { quotesSection } from './quotes.js';
import type { SeedsSection } from './section.js';
import { structureSection } from './structure.js';

/** The sections of `newsledger eval seeds`, in the order they print. Each layer owns its own file. */
export const SEEDS_SECTIONS: SeedsSection[] = [structureSection, entitiesSection, quotesSection, eventsSection, claimsSection];
