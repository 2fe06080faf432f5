// Markup made safe to parse, in linear time, before any DOM is built: scripts (but not JSON-LD), styles and comments
// removed; nesting deeper than a browser would ever lay out flattened; pages too large for the DOM cut down.
import { InputError } from '../decode.js';

/** Markup past this many characters (after scripts, styles and comments are gone) is not parsed: it is far beyond any
 * article page (the benchmark's largest is under 1 M), and the DOM and Readability grow with it. */
export const MAX_PARSE_CHARS = 3_000_000;
/** Above this, Readability (whose scoring passes are slow on very large DOMs) is skipped for the plain body reader. */
export const MAX_READABILITY_CHARS = 1_000_000;
/** Elements nested deeper than this are flattened: real pages stay under a few hundred levels, and the DOM library
 * and Readability recurse on depth. */
export const MAX_NESTING = 400;

export interface Prepared {
  html: string;
  notes: string[];
}

/** Removes <tag ...>...</tag> blocks by scanning with indexOf (no backtracking: linear even with unclosed tags). */
function removeElements(html: string, lower: string, tag: string, keep?: (openTag: string) => boolean): { html: string; lower: string } {
  let out = '';
  let outLower = '';
  let pos = 0;
  const open = `<${tag}`;
  const close = `</${tag}`;
  for (;;) {
    const at = lower.indexOf(open, pos);
    if (at < 0) break;
    const next = lower.charCodeAt(at + open.length);
    // "<scripts" or "<stylesheet" are other tags: only whitespace, '>' or '/' may follow the name.
    if (!(next === 0x3e || next === 0x2f || next === 0x20 || next === 0x0a || next === 0x09 || next === 0x0d)) {
      out += html.slice(pos, at + open.length);
      outLower += lower.slice(pos, at + open.length);
      pos = at + open.length;
      continue;
    }
    const openEnd = lower.indexOf('>', at);
    if (keep && openEnd >= 0 && keep(lower.slice(at, openEnd + 1))) {
      out += html.slice(pos, openEnd + 1);
      outLower += lower.slice(pos, openEnd + 1);
      pos = openEnd + 1;
      continue;
    }
    out += html.slice(pos, at);
    outLower += lower.slice(pos, at);
    const end = lower.indexOf(close, at);
    if (end < 0) {
      pos = lower.length;
      break;
    }
    const endGt = lower.indexOf('>', end);
    pos = endGt < 0 ? lower.length : endGt + 1;
  }
  return { html: out + html.slice(pos), lower: outLower + lower.slice(pos) };
}

function removeComments(html: string): string {
  let out = '';
  let pos = 0;
  for (;;) {
    const at = html.indexOf('<!--', pos);
    if (at < 0) break;
    out += html.slice(pos, at);
    const end = html.indexOf('-->', at + 4);
    pos = end < 0 ? html.length : end + 3;
  }
  return out + html.slice(pos);
}

// Elements whose end tag the parser implies (an unclosed <p> or <li> does not nest), and void elements.
const NOT_NESTING = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'colgroup', 'rb', 'rt', 'rp',
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'html', 'head', 'body']);
const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g;

/** The deepest nesting of elements in the markup (an estimate from tags alone: no DOM). */
export function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (NOT_NESTING.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else max = Math.max(max, ++depth);
  }
  return max;
}

// Wrappers whose removal keeps the text and its paragraphs (p, br, headings, lists and tables stay).
const FLATTEN = /<\/?(?:div|span|section|article|main|aside|header|footer|nav|font|b|i|u|em|strong|small|big|center|mark|figure|blockquote|a|abbr|cite|q|s|strike|sup|sub|label|form|fieldset|details|summary|ins|del|code|tt|var|kbd|samp|bdi|bdo|time|data|picture|[a-z]+-[\w-]*)\b[^>]*>/gi;

export function prepareMarkup(raw: string): Prepared {
  const notes: string[] = [];
  let lower = raw.toLowerCase();
  let r = removeElements(raw, lower, 'script', (open) => /ld\+json/.test(open));
  r = removeElements(r.html, r.lower, 'style');
  let html = removeComments(r.html);
  lower = '';
  if (html.length > MAX_PARSE_CHARS) {
    const cut = html.lastIndexOf('<', MAX_PARSE_CHARS);
    html = html.slice(0, cut > 0 ? cut : MAX_PARSE_CHARS);
    notes.push(`ingest: the page's markup was cut to its first ${MAX_PARSE_CHARS} characters (scripts and styles removed)`);
  }
  if (nestingDepth(html) > MAX_NESTING) {
    html = html.replace(FLATTEN, ' ');
    notes.push(`ingest: elements nested over ${MAX_NESTING} levels deep; wrappers were flattened`);
    if (nestingDepth(html) > MAX_NESTING) throw new InputError(`nests elements over ${MAX_NESTING} levels deep, even without wrappers`);
  }
  return { html, notes };
}
