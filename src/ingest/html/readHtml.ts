// An HTML page (bytes) to an IngestedDoc: charset, DOM, metadata (JSON-LD > OpenGraph > meta tags), live-blog posts
// or the article's main text, laid out as the record's text with structure hints pointing into it.
import { InputError } from '../decode.js';
import type { IngestedDoc } from '../document.js';
import { readArticle } from './article.js';
import { blocksOf, type DraftBlock, markFrontMatter } from './blocks.js';
import { decodeMarkup } from './charset.js';
import { parseDocument } from './dom.js';
import { MAX_READABILITY_CHARS, prepareMarkup } from './prepare.js';
import { jsonLdNodes } from './jsonld.js';
import { type DraftPost, layOut } from './layout.js';
import { domPosts, jsonLdPosts } from './liveblog.js';
import { normalizeTime, readMetadata } from './metadata.js';

/** Pages larger than this (decoded characters) are refused: far beyond any real article (most are under 2 MB of
 * markup), and the DOM of such a page takes memory in proportion. */
export const MAX_HTML_CHARS = 64 * 1024 * 1024;

/** A URL path segment that says the page is a live blog (/live/, /live-news/, /liveblog/...). */
const LIVE_URL = /\/live(?:[-_]?(?:blog|news|updates?|coverage))?\//i;

export interface HtmlSource {
  id: string;
  source: IngestedDoc['source'];
}

export function readHtmlBytes(bytes: Uint8Array, where: HtmlSource): IngestedDoc {
  const decoded = decodeMarkup(bytes);
  const notes: string[] = [];
  if (decoded.encoding !== 'utf-8') notes.push(`ingest: decoded as ${decoded.encoding}`);
  if (decoded.repaired > 0) notes.push(`ingest: repaired ${decoded.repaired} double-encoded (mojibake) sequences`);
  return readHtmlString(decoded.text, where, notes);
}

export function readHtmlString(html: string, where: HtmlSource, notes: string[] = []): IngestedDoc {
  if (html.length > MAX_HTML_CHARS) throw new InputError(`is a page of ${html.length} characters, over the ${MAX_HTML_CHARS} limit`);
  const prepared = prepareMarkup(html);
  notes.push(...prepared.notes);
  const doc = parseDocument(prepared.html);
  const nodes = jsonLdNodes(doc);
  const md = readMetadata(doc, nodes);
  let posts: DraftPost[] = [];
  let body: DraftBlock[] = [];
  let byline: string[] = md.authors;
  const ldPosts = md.liveBlog ? jsonLdPosts(md.article) : null;
  const live = ldPosts ?? domPosts(doc, md.liveBlog || LIVE_URL.test(md.url ?? ''));
  if (live) {
    posts = live;
    notes.push(`ingest: live blog, ${live.length} posts read from ${ldPosts ? 'its schema.org liveBlogUpdate' : 'the page'}`);
  } else {
    const art = prepared.html.length <= MAX_READABILITY_CHARS ? readArticle(doc) : null;
    if (art) {
      body = art.blocks;
      if (!byline.length && art.byline) byline = [art.byline.replace(/^by\s+/i, '').trim()].filter(Boolean);
      markFrontMatter(body, byline);
    } else if (doc.body) {
      // Readability found no article (a short page, or one over its element bound): the body's own text, typed.
      body = blocksOf(doc.body, { skipChrome: true });
      notes.push('ingest: no article container found; the whole page body was read');
    }
  }
  if (!body.some((b) => b.type === 'paragraph' || b.type === 'heading') && !posts.length) {
    throw new InputError('has no readable text (only markup, scripts or styles)');
  }
  // A live blog without a page time was published when its first post was.
  const firstPost = posts.map((p) => p.published).filter((t): t is string => t !== null).sort()[0] ?? null;
  const published = normalizeTime(md.published ?? firstPost);
  const modified = normalizeTime(md.modified);
  const offset = published?.offset ?? null;
  const { text, hints } = layOut({
    headline: md.headline,
    authors: byline,
    standfirst: null,
    published: published?.utc ?? null,
    modified: modified?.utc ?? null,
    timezone: offset ? { name: offset, assumed: false } : null,
    outlet: md.outlet,
    language: md.language,
    url: md.url,
    body,
    posts,
  });
  return {
    id: where.id,
    source: where.source,
    text,
    date: published ? published.utc.slice(0, 10) : null,
    outlet: md.outlet,
    url: md.url,
    notes,
    structureHints: hints,
  };
}
