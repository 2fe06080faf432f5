// Live-blog posts: from schema.org LiveBlogPosting.liveBlogUpdate when the page gives them, otherwise from the DOM
// (sibling containers of the same kind, each holding one <time> and some text). A post repeated (a pinned post shown
// again at the top) is kept once.
import { blocksOf, type DraftBlock } from './blocks.js';
import { type Element, normalizeSpace } from './dom.js';
import type { Document } from './dom.js';
import { COMMENT_MARKERS, LIVE_MARKERS } from './markers.js';
import { type LdNode, ldNames, ldString } from './jsonld.js';
import type { DraftPost } from './layout.js';
import { normalizeTime } from './metadata.js';

/** Fewer posts than this and the page is not read as a live blog from its DOM (one or two stamped boxes are an
 * article's update notes or a comment, not a live blog). */
export const MIN_DOM_POSTS = 3;
/** A DOM post has at least this many words of text besides its stamp and title. */
export const MIN_POST_WORDS = 8;
/** Levels climbed from a <time> to find its post container; bounds the work on deeply nested pages. */
export const MAX_POST_CLIMB = 10;
/** Posts read from one page at most. */
export const MAX_POSTS = 5000;

/** Posts from a LiveBlogPosting's liveBlogUpdate (a node or a list), or null when it has none with a body. */
export function jsonLdPosts(article: LdNode | null): DraftPost[] | null {
  if (!article) return null;
  const raw = article.liveBlogUpdate;
  const updates = (Array.isArray(raw) ? raw : raw ? [raw] : []).slice(0, MAX_POSTS) as LdNode[];
  const posts: DraftPost[] = [];
  for (const u of updates) {
    if (typeof u !== 'object' || u === null) continue;
    const body = ldString(u.articleBody ?? u.text ?? null);
    if (!body) continue;
    posts.push({
      title: ldString(u.headline ?? u.name ?? null),
      authors: ldNames(u.author),
      published: normalizeTime(ldString(u.datePublished ?? u.dateCreated ?? null))?.utc ?? null,
      blocks: body.split(/\n\s*\n|\r?\n/).map(normalizeSpace).filter(Boolean).map((text) => ({ type: 'paragraph' as const, text })),
    });
  }
  return posts.length ? dedupe(posts) : null;
}

// A live marker starts a class name or one of its dash/underscore parts ("live-post", "c-liveblog__item"), so words
// that merely contain it ("delivery", "olive") do not count.
const LIVE_CLASS = new RegExp(`(?:^|[\\s_-])(?:${LIVE_MARKERS.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`);

/** Levels above a post container searched for live or comment class names. */
const MARKER_CLIMB = 4;

function markers(el: Element | null, levels: number): string {
  let s = '';
  for (let k = 0; el && k < levels; k++, el = el.parentElement) s += ` ${typeof el.className === 'string' ? el.className : ''} ${el.id ?? ''}`;
  return s.toLowerCase();
}

/** Posts read from the DOM, or null when the page does not look like a live blog. `liveSignal`: the page says it is
 * live (schema.org LiveBlogPosting, "live" in its URL path), so class names need not. */
export function domPosts(doc: Document, liveSignal: boolean): DraftPost[] | null {
  const times = Array.from(doc.querySelectorAll('time')).slice(0, MAX_POSTS * 4);
  if (times.length < MIN_DOM_POSTS) return null;
  // Count <time>s under each ancestor (within the climb bound), so a post container is the highest ancestor that
  // holds one stamp only.
  const count = new Map<Element, number>();
  for (const t of times) {
    let el = t.parentElement;
    for (let k = 0; el && k < MAX_POST_CLIMB; k++, el = el.parentElement) count.set(el, (count.get(el) ?? 0) + 1);
  }
  const groups = new Map<Element, Element[]>();
  for (const t of times) {
    let box: Element = t;
    let el = t.parentElement;
    for (let k = 0; el && k < MAX_POST_CLIMB && count.get(el) === 1; k++, el = el.parentElement) box = el;
    const parent = box.parentElement;
    if (!parent || box === t) continue;
    const list = groups.get(parent) ?? [];
    list.push(box);
    groups.set(parent, list);
  }
  let best: Element[] = [];
  for (const list of groups.values()) {
    // Siblings of one kind: the most common tag among them.
    if (list.length > best.length) best = list;
  }
  if (best.length < MIN_DOM_POSTS) return null;
  const around = markers(best[0]!, 1) + markers(best[0]!.parentElement, MARKER_CLIMB);
  if (COMMENT_MARKERS.some((m) => around.includes(m))) return null;
  if (!liveSignal && !LIVE_CLASS.test(around)) return null;
  const posts = best.map(postOf).filter((p): p is DraftPost => p !== null);
  return posts.length >= MIN_DOM_POSTS ? dedupe(posts) : null;
}

function postOf(box: Element): DraftPost | null {
  const time = box.querySelector('time');
  const stamp = time?.getAttribute('datetime') ?? null;
  const titleEl = box.querySelector('h1, h2, h3, h4, h5, h6');
  const title = titleEl ? normalizeSpace(titleEl.textContent ?? '') : null;
  const authorEls = Array.from(box.querySelectorAll('[rel="author"], [itemprop="author"], [class*="author" i]')).slice(0, 5);
  const authors: string[] = [];
  for (const a of authorEls) {
    const n = normalizeSpace(a.textContent ?? '').replace(/^by\s+/i, '');
    if (n && n.split(' ').length <= 6 && !authors.includes(n)) authors.push(n);
  }
  const skip = new Set<string>([title ?? '', normalizeSpace(time?.textContent ?? ''), ...authors, ...authors.map((a) => `By ${a}`)]);
  const blocks: DraftBlock[] = blocksOf(box).filter((b) => !skip.has(b.text) && !(b.type === 'heading' && b.text === title));
  const words = blocks.filter((b) => b.type === 'paragraph').reduce((n, b) => n + b.text.split(' ').length, 0);
  if (words < MIN_POST_WORDS) return null;
  return { title: title || null, authors, published: normalizeTime(stamp)?.utc ?? null, blocks };
}

/** Drops a post whose paragraphs repeat an earlier one's (a pinned post shown twice, perhaps with a "Pinned" label or another title). */
function dedupe(posts: DraftPost[]): DraftPost[] {
  const seen = new Set<string>();
  return posts.filter((p) => {
    const key = p.blocks.filter((b) => b.type === 'paragraph').map((b) => b.text).join('\n');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
