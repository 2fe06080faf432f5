// The article's main text: @mozilla/readability on the linkedom DOM, kept as a DOM subtree (not serialised HTML) so
// its typed blocks can be read from it.
import { Readability } from '@mozilla/readability';
import { blocksOf, type DraftBlock } from './blocks.js';
import type { Document, Element } from './dom.js';

/** Elements Readability will look at before giving up on a page: bounds the time on huge pages (a 20 MB page of
 * markup has some hundreds of thousands; Readability's scoring passes are several times linear in this). */
export const MAX_READABILITY_ELEMENTS = 300_000;

export interface ArticleText {
  blocks: DraftBlock[];
  title: string | null;
  byline: string | null;
}

/** Runs Readability (which changes `doc`: read metadata and live-blog posts first). Null when it finds no article. */
export function readArticle(doc: Document): ArticleText | null {
  let root: Element | null = null;
  let title: string | null = null;
  let byline: string | null = null;
  try {
    const r = new Readability<Element>(doc as never, {
      // Classes are how captions, embeds and related cards are told apart (src/ingest/html/blocks.ts).
      keepClasses: true,
      maxElemsToParse: MAX_READABILITY_ELEMENTS,
      serializer: (node) => node as unknown as Element,
    }).parse();
    if (r) {
      root = r.content ?? null;
      title = r.title ?? null;
      byline = r.byline ?? null;
    }
  } catch (e) {
    // Readability throws on pages over maxElemsToParse: the caller falls back to the whole body.
    if (!/Aborting parsing document/.test(String(e))) throw e;
  }
  if (!root) return null;
  return { blocks: blocksOf(root), title, byline };
}
