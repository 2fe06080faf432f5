import type { Component } from '../pipeline/component.js';
import { readStructure } from './reader.js';
import type { StructureHints } from '../ingest/document.js';
import { applyStructureHints, STRUCTURE_HINTS_KEY } from '../ingest/html/hints.js';

/** Reads the page's layout: blocks, live-blog posts, headline, standfirst, byline, outlet and times. */
export const structureReader: Component = {
  name: 'structure',
  requires: ['text'],
  assigns: ['structure'],
  run(doc) {
    const r = doc.record;
    const s = readStructure(r.text, {
      headerDate: doc.headerDate,
      outlet: r.outlet,
      url: 'url' in r.source ? r.source.url : null,
    });
    r.blocks = s.blocks;
    r.posts = s.posts;
    r.headline = s.headline;
    r.standfirst = s.standfirst;
    r.byline = s.byline;
    r.published = s.published;
    r.timezone = s.timezone;
    r.outlet = s.outlet;
    // A web page or feed item stated its layout (src/ingest/html): that wins over what the plain text suggests.
    const hints = doc.scratch.get(STRUCTURE_HINTS_KEY) as StructureHints | undefined;
    if (hints) applyStructureHints(r, hints);
  },
};
