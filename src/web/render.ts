// Highlighted text as DOM: each piece of highlights.ts becomes a text node, or a <mark> whose classes name the layers
// over it (style.css gives each layer its own kind of mark, so overlaps stay readable).
import { diffWords } from './diff.js';
import { h } from './dom.js';
import { type Mark, pieces } from './highlight.js';

export function marked(text: string, from: number, to: number, marks: Mark[]): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const p of pieces(from, to, marks)) {
    const slice = text.slice(p.start, p.end);
    if (p.marks.length === 0) {
      frag.appendChild(document.createTextNode(slice));
      continue;
    }
    const layers = [...new Set(p.marks.map((m) => m.layer))];
    const ids = [...new Set(p.marks.flatMap((m) => (m.id ? [m.id] : [])))];
    const title = [...new Set(p.marks.flatMap((m) => (m.title ? [m.title] : [])))].join('\n');
    frag.appendChild(h('mark', { class: layers.map((l) => `hl-${l}`).join(' '), 'data-ids': ids.join(' ') || null, title: title || null }, slice));
  }
  return frag;
}

/** A whole string with marks at offsets into it. */
export function markedString(text: string, marks: Mark[]): DocumentFragment {
  return marked(text, 0, text.length, marks);
}

/** Two wordings side by side, each word the other lacks marked. */
export function wordingPair(a: string, b: string): [HTMLElement, HTMLElement] {
  const d = diffWords(a, b);
  const side = (ts: typeof d.a) => h('p', { class: 'wording' }, ts.map((t) => (t.changed ? h('mark', { class: 'diff' }, t.text) : t.text)));
  return [side(d.a), side(d.b)];
}

export function badge(text: string, kind = ''): HTMLElement {
  return h('span', { class: `badge ${kind}`.trim() }, text);
}

export function errorBox(e: unknown): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, (e as Error).message ?? String(e));
}
