// The record's text for a structured source: headline first, a byline line, then blocks separated by blank lines;
// every block, the headline, the byline names and each post carry spans into that text.
import type { StructureHints } from '../document.js';
import type { Block, BlockType, NameRef, Post, Span, TimezoneInfo } from '../../model/record.js';
import { span } from '../../model/span.js';
import type { DraftBlock } from './blocks.js';
import { normalizeSpace } from './dom.js';

export const BLOCK_SEPARATOR = '\n\n';
/** Body blocks searched for the page's own byline line (it sits just under the headline). */
export const OWN_BYLINE_BLOCKS = 5;

export interface DraftPost {
  title: string | null;
  authors: string[];
  /** ISO 8601 UTC or null. */
  published: string | null;
  blocks: DraftBlock[];
}

export interface DraftPage {
  headline: string | null;
  authors: string[];
  standfirst: string | null;
  published: string | null;
  modified: string | null;
  timezone: TimezoneInfo | null;
  outlet: string | null;
  language: string | null;
  url: string | null;
  body: DraftBlock[];
  posts: DraftPost[];
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

class TextBuilder {
  private parts: string[] = [];
  length = 0;
  /** Appends one block (after a separator when something came before); returns its [start, end). */
  add(s: string): [number, number] {
    if (this.length > 0) {
      this.parts.push(BLOCK_SEPARATOR);
      this.length += BLOCK_SEPARATOR.length;
    }
    const start = this.length;
    this.parts.push(s);
    this.length += s.length;
    return [start, this.length];
  }
  text(): string {
    return this.parts.join('');
  }
}

/** The byline line "By A and B" and where each name sits in it. */
function bylineLine(authors: string[]): { line: string; names: Array<{ name: string; at: number }> } {
  let line = 'By ';
  const names: Array<{ name: string; at: number }> = [];
  authors.forEach((a, i) => {
    if (i > 0) line += i === authors.length - 1 ? ' and ' : ', ';
    names.push({ name: a, at: line.length });
    line += a;
  });
  return { line, names };
}

export function layOut(page: DraftPage): { text: string; hints: StructureHints } {
  const b = new TextBuilder();
  const pending: Array<{ type: BlockType; at: [number, number] }> = [];
  const pendingNames: Array<{ name: string; at: [number, number]; post: number | null }> = [];
  let headline: [number, number] | null = null;
  let standfirst: [number, number] | null = null;
  const headlineText = page.headline ? normalizeSpace(page.headline) : '';
  if (headlineText) {
    // Typed as the text reader types a headline line: a heading block, also named by `headline`.
    headline = b.add(headlineText);
    pending.push({ type: 'heading', at: headline });
  }
  const addByline = (authors: string[], post: number | null) => {
    const clean = authors.map(normalizeSpace).filter(Boolean);
    if (!clean.length) return;
    const { line, names } = bylineLine(clean);
    const at = b.add(line);
    pending.push({ type: 'byline', at });
    for (const n of names) pendingNames.push({ name: n.name, at: [at[0] + n.at, at[0] + n.at + n.name.length], post });
  };
  // The page's own byline line near the top, when it names every author, carries the names; else one is written.
  const own = page.body.slice(0, OWN_BYLINE_BLOCKS).find((blk) => blk.type === 'byline' && page.authors.length > 0 && page.authors.every((a) => blk.text.includes(normalizeSpace(a))));
  if (!own) addByline(page.authors, null);
  if (page.standfirst && normalizeSpace(page.standfirst)) {
    standfirst = b.add(normalizeSpace(page.standfirst));
    pending.push({ type: 'paragraph', at: standfirst });
  }
  const addBlocks = (blocks: DraftBlock[]) => {
    blocks.forEach((blk, i) => {
      // The headline repeated near the top of the body (as a heading or a paragraph) is said once.
      if (i < OWN_BYLINE_BLOCKS * 2 && blk.text === headlineText && (blk.type === 'heading' || blk.type === 'paragraph')) return;
      const at = b.add(blk.text);
      pending.push({ type: blk.type, at });
      if (blk === own) {
        for (const a of page.authors.map(normalizeSpace)) {
          const k = blk.text.indexOf(a);
          pendingNames.push({ name: a, at: [at[0] + k, at[0] + k + a.length], post: null });
        }
      }
    });
  };
  addBlocks(page.body);
  const postRanges: Array<{ title: [number, number] | null; start: number; end: number; post: DraftPost }> = [];
  page.posts.forEach((p, i) => {
    const start = b.length + (b.length > 0 ? BLOCK_SEPARATOR.length : 0);
    let title: [number, number] | null = null;
    if (p.title && normalizeSpace(p.title)) {
      title = b.add(normalizeSpace(p.title));
      pending.push({ type: 'post_title', at: title });
    }
    addByline(p.authors, i);
    addBlocks(p.blocks);
    if (b.length > start) postRanges.push({ title, start, end: b.length, post: p });
  });
  const text = b.text();
  const sp = (r: [number, number]): Span => span(text, r[0], r[1]);
  const blocks: Block[] = pending.map((p) => ({ type: p.type, span: sp(p.at) }));
  const nameRef = (n: { name: string; at: [number, number] }): NameRef => ({ name: n.name, span: sp(n.at) });
  const posts: Post[] = postRanges.map((r) => ({
    title: r.title ? sp(r.title) : null,
    authors: pendingNames.filter((n) => n.post === page.posts.indexOf(r.post)).map(nameRef),
    credit: null,
    published: r.post.published,
    span: span(text, r.start, r.end),
  }));
  return {
    text,
    hints: {
      headline: headline ? sp(headline) : null,
      standfirst: standfirst ? sp(standfirst) : null,
      byline: pendingNames.filter((n) => n.post === null).map(nameRef),
      published: page.published,
      modified: page.modified,
      timezone: page.timezone,
      outlet: page.outlet,
      language: page.language,
      url: page.url,
      blocks: blocks.sort((x, y) => x.span.start - y.span.start),
      posts,
    },
  };
}

/** The body text of a laid-out document: paragraphs, headings and post titles (what the extraction benchmark scores:
 * no headline, byline, captions, related cards or boilerplate). */
export function bodyText(text: string, hints: StructureHints): string {
  return hints.blocks
    .filter((blk) => blk.type === 'paragraph' || blk.type === 'heading' || blk.type === 'post_title')
    .filter((blk) => blk.span.start !== hints.headline?.start && blk.span.start !== hints.standfirst?.start)
    .map((blk) => text.slice(blk.span.start, blk.span.end))
    .join(BLOCK_SEPARATOR);
}
