// The DOM the HTML reader works on: linkedom (fast, no layout), typed loosely since linkedom ships partial types.
import { parseHTML } from 'linkedom';

// linkedom's objects follow the DOM interfaces closely enough for what we use; its own typings are partial, so the
// standard lib.dom shapes are declared here by hand (only the members this reader uses).
export interface Node {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  parentNode: Node | null;
  childNodes: ArrayLike<Node>;
  firstChild: Node | null;
  nextSibling: Node | null;
}
export interface Element extends Node {
  tagName: string;
  localName: string;
  id: string;
  className: string;
  children: ArrayLike<Element>;
  parentElement: Element | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(sel: string): Element | null;
  querySelectorAll(sel: string): ArrayLike<Element>;
  remove(): void;
  cloneNode(deep: boolean): Element;
}
export interface Document extends Node {
  documentElement: Element;
  head: Element | null;
  body: Element | null;
  title: string;
  querySelector(sel: string): Element | null;
  querySelectorAll(sel: string): ArrayLike<Element>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function parseDocument(html: string): Document {
  const doc = parseHTML(html).document as unknown as Document;
  if (doc.documentElement?.localName === 'html') return doc;
  // No <html> root (a fragment, bare text, an empty page): linkedom makes the first element the root, or leaves none
  // (and then throws on doc.head), and the rest is lost. Parse it inside an html root instead, as a browser would,
  // with its own <body> when it has one, else as the body.
  const wrapped = /<body[\s>]/i.test(html) ? `<html>${html}</html>` : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(wrapped).document as unknown as Document;
}

export function isElement(n: Node): n is Element {
  return n.nodeType === ELEMENT_NODE;
}

/** Collapses runs of whitespace (including no-break spaces used as spacing) to one space and trims. */
export function normalizeSpace(s: string): string {
  return s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** Decodes HTML character references ("&#8220;", "&amp;", "&nbsp;") left in metadata values (JSON-LD and feeds often
 * carry them escaped twice). Through the HTML parser, so every named reference is known. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  // '<' escaped first, so no markup can form inside the <p>.
  const { document } = parseHTML(`<!doctype html><html><body><p>${s.replace(/</g, '&lt;')}</p></body></html>`);
  return (document as unknown as Document).querySelector('p')?.textContent ?? s;
}
