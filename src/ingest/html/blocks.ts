// A DOM subtree to typed text blocks: paragraphs, headings, captions, related-article cards and embedded social posts
// (typed 'related': quoted from elsewhere, not the article's own text). Iterative, so deep nesting cannot overflow
// the stack; linear in the subtree.
import type { BlockType } from '../../model/record.js';
import { type Element, isElement, type Node, normalizeSpace, TEXT_NODE } from './dom.js';
import { BOILERPLATE_EXACT, BOILERPLATE_STARTS, CAPTION_MARKERS, EMBED_MARKERS, RELATED_MARKERS } from './markers.js';

export interface DraftBlock {
  type: BlockType;
  text: string;
}

/** Elements whose content is never article text. */
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'button', 'select', 'textarea', 'input', 'iframe', 'object', 'canvas', 'head', 'meta', 'link']);
/** Elements that start and end a block of text (everything else is inline and joins its neighbours). */
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'blockquote', 'pre', 'ul', 'ol', 'li',
  'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'figure', 'figcaption', 'form',
  'fieldset', 'address', 'details', 'summary', 'hr', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'center', 'body', 'html',
]);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** A block whose text is at least this share link text, and shorter than LINK_BLOCK_MAX_WORDS, is a link card or a
 * "Read more: ..." teaser, not a paragraph of the article. */
export const LINK_DENSITY_RELATED = 0.75;
export const LINK_BLOCK_MAX_WORDS = 25;
/** A boilerplate line ("Sign up for ...", "Advertisement") is short; a long paragraph starting so is prose. */
export const BOILERPLATE_MAX_WORDS = 30;

function markerOf(el: Element): string {
  const cls = typeof el.className === 'string' ? el.className : '';
  return `${cls} ${el.id ?? ''}`.toLowerCase();
}

const hasMarker = (s: string, list: string[]) => list.some((m) => s.includes(m));

/** A container that class names mark as a caption, embed or related box, but that holds more than this share of the
 * text, is the article itself (templates name the article's wrapper "entry-content-read-more", "story-teaser"...). */
export const MARKED_MAX_SHARE = 0.4;
/** Marked containers measured per document at most (each measure reads the container's text: bounded work). */
export const MAX_MARKED_CHECKS = 200;

/** The type a tag imposes on the text inside it (figcaption, h1..h6), or null. */
export function tagType(el: Element): BlockType | null {
  const tag = el.localName;
  if (tag === 'figcaption') return 'caption';
  if (HEADING_TAGS.has(tag)) return 'heading';
  return null;
}

/** The type class or id names give the text inside an element, or null when they say nothing. */
export function elementType(el: Element): BlockType | null {
  const tag = el.localName;
  const m = markerOf(el);
  if (m.trim() === '') return null;
  if (hasMarker(m, EMBED_MARKERS)) return 'related';
  if (hasMarker(m, CAPTION_MARKERS)) return 'caption';
  if ((tag === 'aside' || tag === 'section' || tag === 'div' || tag === 'ul' || tag === 'nav') && hasMarker(m, RELATED_MARKERS)) return 'related';
  return null;
}

const wordCount = (s: string) => (s.match(/\S+/g) ?? []).length;

interface Frame {
  node: Node;
  exit: boolean;
  type: BlockType | null;
}

/** Blocks of text under `root`, in document order. */
/** Page chrome skipped when a whole body is read (no article container was found). */
const CHROME_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form', 'menu']);

export function blocksOf(root: Element, options: { skipChrome?: boolean } = {}): DraftBlock[] {
  const out: DraftBlock[] = [];
  let buf = '';
  let linkChars = 0;
  let bufType: BlockType = 'paragraph';
  let inLink = 0;
  const flush = () => {
    const text = normalizeSpace(buf);
    if (text) out.push({ type: classify(bufType, text, linkChars / Math.max(1, buf.length)), text });
    buf = '';
    linkChars = 0;
  };
  // Type in force: the innermost typed ancestor's. Kept on the stack frames so it is restored on exit.
  let current: BlockType = 'paragraph';
  const stack: Frame[] = [{ node: root, exit: false, type: null }];
  const types: BlockType[] = [];
  const rootChars = (root.textContent ?? '').length;
  let checks = 0;
  while (stack.length) {
    const f = stack.pop()!;
    const node = f.node;
    if (f.exit) {
      const el = node as Element;
      if (el.localName === 'a') inLink--;
      if (f.type !== null) {
        flush();
        types.pop();
        current = types.length ? types[types.length - 1]! : 'paragraph';
      } else if (BLOCK_TAGS.has(el.localName)) flush();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      const t = node.textContent ?? '';
      if (buf === '' || bufType !== current) {
        if (buf !== '' && normalizeSpace(buf) !== '') flush();
        bufType = current;
      }
      buf += t;
      if (inLink > 0) linkChars += t.length;
      continue;
    }
    if (!isElement(node)) continue;
    const tag = node.localName;
    if (SKIP_TAGS.has(tag) || (options.skipChrome && CHROME_TAGS.has(tag)) || node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') continue;
    let type = tagType(node);
    if (type === null && current === 'paragraph' && checks < MAX_MARKED_CHECKS) {
      type = elementType(node);
      if (type !== null) {
        checks++;
        if ((node.textContent ?? '').length > MARKED_MAX_SHARE * rootChars) type = null;
      }
    }
    if (type !== null) {
      flush();
      types.push(type);
      current = type;
    } else if (BLOCK_TAGS.has(tag)) flush();
    if (tag === 'a') inLink++;
    stack.push({ node, exit: true, type });
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, exit: false, type: null });
  }
  flush();
  return out;
}

function classify(type: BlockType, text: string, linkShare: number): BlockType {
  if (type !== 'paragraph') return type;
  const words = wordCount(text);
  if (linkShare >= LINK_DENSITY_RELATED && words < LINK_BLOCK_MAX_WORDS) return 'related';
  if (words <= BOILERPLATE_MAX_WORDS) {
    const lower = text.toLowerCase();
    if (BOILERPLATE_EXACT.has(lower.replace(/[\s.:!…>»]+$/u, ''))) return 'boilerplate';
    if (BOILERPLATE_STARTS.some((b) => lower.startsWith(b))) return 'boilerplate';
  }
  return 'paragraph';
}

/** Blocks at the top of the body that are looked at for a repeated byline ("By Jane Doe - 11/18/19 11:04 PM EST"). */
export const FRONT_BYLINE_BLOCKS = 5;
/** A byline line is short. */
export const BYLINE_MAX_WORDS = 14;

/** Types as 'byline' a short line near the top that starts with "By" and names one of the page's authors (or any
 * "By ..." line when the page names none): the article container often repeats the byline above the text. */
export function markBylines(blocks: DraftBlock[], authors: string[]): void {
  const lowerAuthors = authors.map((a) => a.toLowerCase());
  for (const b of blocks.slice(0, FRONT_BYLINE_BLOCKS)) {
    if (b.type !== 'paragraph' || wordCount(b.text) > BYLINE_MAX_WORDS || !/^by\s/i.test(b.text)) continue;
    const lower = b.text.toLowerCase();
    if (!lowerAuthors.length || lowerAuthors.some((a) => lower.includes(a))) b.type = 'byline';
  }
}
