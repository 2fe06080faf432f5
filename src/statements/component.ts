import type { Component, RunContext } from '../pipeline/component.js';
import { StatementIndex, type StatementSummary } from './index.js';

const PART = 'statements';

function indexOf(run: RunContext): StatementIndex {
  return run.part(PART, () => new StatementIndex());
}

/**
 * Links quotes that report one utterance, across paragraphs, posts and documents, through the run-wide statement
 * index: sets quote.statement, or quote.paraphrase_of for a report in other words.
 */
export const statementLinker: Component = {
  name: 'statements',
  requires: ['quotes'],
  assigns: ['statements'],
  englishOnly: true,
  run(doc, run) {
    const r = doc.record;
    // A live blog's posts carry their own times: a quote was first seen when its post was published.
    const posts = r.posts.filter((p) => p.published !== null);
    const publishedAt = (offset: number): string | null => {
      for (const p of posts) if (p.span.start <= offset && offset < p.span.end) return p.published;
      return null;
    };
    indexOf(run).addDocument({ id: r.id, outlet: r.outlet, published: r.published, text: r.text, publishedAt }, r.quotes);
  },
};

/** Every statement of the run so far: speaker, fullest wording, first seen, independent sources and reports. */
export function statementSummaries(run: RunContext): StatementSummary[] {
  return indexOf(run).summaries();
}

export type { StatementSummary } from './index.js';
