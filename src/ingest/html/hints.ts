// How the structure layer takes what a page or feed item said about its layout (StructureHints): those fields win
// over what reading the plain text suggests, because the markup states them.
import type { StructureHints } from '../document.js';
import type { NewsRecord } from '../../model/record.js';

/** The AnalysisDoc scratch key under which ingest hands the hints to the structure layer. */
export const STRUCTURE_HINTS_KEY = 'ingest:structureHints';

export function applyStructureHints(r: NewsRecord, h: StructureHints): void {
  r.blocks = h.blocks;
  r.posts = h.posts;
  r.headline = h.headline;
  r.standfirst = h.standfirst;
  r.byline = h.byline;
  if (h.published !== null) r.published = h.published;
  if (h.timezone !== null) r.timezone = h.timezone;
  if (h.outlet !== null) r.outlet = h.outlet;
}
