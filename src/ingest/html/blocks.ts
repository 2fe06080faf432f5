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

/** Characters of a script written without spaces (Chinese, Japanese, Thai...) taken as one word: a rough average, so
 * that length thresholds in words mean about the same in those languages. */
export const CHARS_PER_WORD_UNSPACED = 2;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu;

/** Words in a text: space-separated tokens, plus unspaced-script characters counted by CHARS_PER_WORD_UNSPACED. */
export function wordCount(s: string): number {
  const tokens = (s.match(/\S+/g) ?? []).length;
  const unspaced = (s.match(UNSPACED) ?? []).length;
  return tokens + Math.floor(unspaced / CHARS_PER_WORD_UNSPACED);
}

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
  // A heading that is all link is a teaser's title ("More from UK" lists), not a sub-heading of the article.
  if (type === 'heading' && linkShare >= LINK_DENSITY_RELATED) return 'related';
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

/** Blocks at the top of the body that are looked at for a repeated byline or date line. */
export const FRONT_BLOCKS = 8;
/** A byline or date line is short. */
export const BYLINE_MAX_WORDS = 14;
/** A paragraph this long is prose: chrome (menus, link lists) is looked for only before the first and after the last. */
export const PROSE_MIN_WORDS = 12;
/** A menu item is a few words without sentence punctuation... */
export const MENU_ITEM_MAX_WORDS = 4;
/** ...and menus come in runs: a lone short line (a dateline such as "BAAR, SWITZERLAND") is kept. */
export const MIN_MENU_RUN = 3;

const DATE_LINE = /^(?:updated|published|posted|last updated|first published|modified|created)\b[^\n]*\d/i;
const URL_ONLY = /^(?:https?:\/\/|www\.)\S+$/i;
const SENTENCE_END = /[.!?:;"”’)]$/;

/**
 * Types the furniture Readability leaves around the article: a repeated byline ("By Jane Doe - 11/18/19") and date
 * line ("Updated 11:21 pm CST ...") near the top as 'byline' (as the text reader types them), a bare URL as
 * boilerplate, and runs of menu items before the first or after the last paragraph of prose as boilerplate.
 */
export function markFrontMatter(blocks: DraftBlock[], authors: string[]): void {
  const lowerAuthors = authors.map((a) => a.toLowerCase());
  for (const b of blocks.slice(0, FRONT_BLOCKS)) {
    if (b.type !== 'paragraph' && b.type !== 'related') continue;
    if (wordCount(b.text) > BYLINE_MAX_WORDS) continue;
    const lower = b.text.toLowerCase();
    if (/^by\s/i.test(b.text) && (!lowerAuthors.length || lowerAuthors.some((a) => lower.includes(a)))) b.type = 'byline';
    else if (DATE_LINE.test(b.text)) b.type = 'byline';
  }
  const prose = blocks.map((b) => b.type === 'paragraph' && wordCount(b.text) >= PROSE_MIN_WORDS);
  const first = prose.indexOf(true);
  const last = prose.lastIndexOf(true);
  const chrome = (i: number) => first < 0 || i < first || i > last;
  const isItem = (b: DraftBlock) => (b.type === 'paragraph' || b.type === 'related') && wordCount(b.text) <= MENU_ITEM_MAX_WORDS && !SENTENCE_END.test(b.text);
  for (let i = 0; i < blocks.length; ) {
    let j = i;
    while (j < blocks.length && chrome(j) && isItem(blocks[j]!)) j++;
    if (j - i >= MIN_MENU_RUN) for (let k = i; k < j; k++) blocks[k]!.type = 'boilerplate';
    i = Math.max(j, i + 1);
  }
  for (const b of blocks) if (b.type === 'paragraph' && URL_ONLY.test(b.text)) b.type = 'boilerplate';
}
