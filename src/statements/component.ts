import type { Component, RunContext } from '../pipeline/component.js';
import type { NewsRecord } from '../model/record.js';
import { type DocInfo, StatementIndex, type StatementSummary } from './index.js';
import { partitionPoint } from '../util/search.js';

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
    indexOf(run).addDocument(docInfo(doc.record), doc.record.quotes);
  },
};

/** What the statement index reads of a record besides its quotes (the linker's and replay's, src/store/analyzer.ts). */
export function docInfo(r: NewsRecord): DocInfo {
  // A live blog's posts carry their own times: a quote was first seen when its post was published.
  const posts = r.posts.filter((p) => p.published !== null).sort((a, b) => a.span.start - b.span.start);
  const publishedAt = (offset: number): string | null => {
    // The last post starting at or before the offset (binary search), if it also covers it.
    const p = posts[partitionPoint(posts.length, (i) => posts[i]!.span.start > offset) - 1];
    return p && offset < p.span.end ? p.published : null;
  };
  return { id: r.id, outlet: r.outlet, published: r.published, text: r.text, publishedAt };
}

/** Every statement of the run so far: speaker, fullest wording, first seen, independent sources and reports. */
export function statementSummaries(run: RunContext): StatementSummary[] {
  return indexOf(run).summaries();
}

export type { StatementSummary } from './index.js';
