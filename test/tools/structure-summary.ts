import type { NewsRecord } from '../../src/model/record.js';

/**
 * The part of a record that structure fixtures pin: what a reader of the page would check by eye. Later layers
 * (entities, quotes, events) are left out so their progress does not churn these files.
 */
export function structureSummary(r: NewsRecord) {
  return {
    language: r.language,
    outlet: r.outlet,
    headline: r.headline?.text ?? null,
    standfirst: r.standfirst?.text ?? null,
    byline: r.byline.map((b) => b.name),
    published: r.published,
    timezone: r.timezone,
    posts: r.posts.map((p) => ({
      title: p.title?.text ?? null,
      authors: p.authors.map((a) => a.name),
      credit: p.credit?.name ?? null,
      published: p.published,
    })),
    blocks: r.blocks.map((b) => `${b.type}: ${b.span.text.length > 60 ? b.span.text.slice(0, 60) + '…' : b.span.text}`),
    // Notes of ingest and structure, and the language skip; other layers' notes are theirs to test.
    notes: r.notes.filter((n) => /^(?:ingest|structure|language):/.test(n) || n.includes('not English')),
  };
}
