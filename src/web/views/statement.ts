// A statement: every report of it across documents, each in its source paragraph with the quote, its cue and its
// speaker marked (provenance at a glance), then the wordings side by side with their differences, and a citation to
// copy for each report.
import type { Block, Quote } from '../../model/record.js';
import { type DocumentView, get, getDocument, getText, type Page, type QuoteRow } from '../api.js';
import { append, h, link } from '../dom.js';
import { confidence, outletOf, plural, when } from '../format.js';
import type { Mark } from '../highlight.js';
import { paths } from '../nav.js';
import { badge, marked, wordingPair } from '../render.js';

const LIMIT = 500;
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'caption', 'post_title', 'dateline']);

/** The paragraph(s) the quote sits in: from the block holding its first character to the one holding its last. */
export function paragraphOf(blocks: Block[], start: number, end: number, textLength: number): [number, number] {
  const holding = blocks.filter((b) => TEXT_BLOCKS.has(b.type) && b.span.end > start && b.span.start < end);
  if (holding.length === 0) return [Math.max(0, start - 200), Math.min(textLength, end + 200)];
  return [Math.min(...holding.map((b) => b.span.start)), Math.max(...holding.map((b) => b.span.end))];
}

function marksOf(q: Quote): Mark[] {
  const out: Mark[] = [{ start: q.content.start, end: q.content.end, layer: 'quote', title: `quote (${q.kind}), confidence ${confidence(q.confidence)}` }];
  if (q.cue) out.push({ start: q.cue.start, end: q.cue.end, layer: 'cue', title: 'cue' });
  if (q.speaker.mention) out.push({ start: q.speaker.mention.start, end: q.speaker.mention.end, layer: 'speaker', title: `speaker: ${q.speaker.name ?? '?'}` });
  return out;
}

function copyButton(text: string): HTMLElement {
  const status = h('span', { class: 'copied', role: 'status' });
  const button = h('button', { type: 'button', class: 'small' }, 'Copy citation');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = 'Copied';
    } catch {
      // Without clipboard access (an old browser, a denied permission) the reader copies it by hand.
      const sel = getSelection();
      const range = document.createRange();
      range.selectNodeContents(button.parentElement!.querySelector('.citation')!);
      sel?.removeAllRanges();
      sel?.addRange(range);
      status.textContent = 'Selected: press Ctrl+C to copy';
    }
  });
  return h('span', null, button, ' ', status);
}

function report(r: QuoteRow, view: DocumentView, cite: string | undefined): HTMLElement {
  const rec = view.record;
  const q = rec.quotes.find((x) => x.id === r.id);
  const [from, to] = q ? paragraphOf(rec.blocks, q.content.start, q.content.end, rec.text.length) : [r.start, r.end];
  return h('article', { class: 'report' },
    h('h3', null, outletOf(r), ' · ', when(r.published)),
    r.headline && h('p', { class: 'meta' }, r.headline),
    h('p', { class: 'meta' },
      badge(r.kind, `kind-${r.kind}`), ' ', r.paraphrase_of && badge('paraphrase'), ' ',
      'speaker ', q?.speaker.name ?? r.speaker ?? 'unattributed', ' · confidence ', confidence(r.confidence),
      r.corrected && [' ', badge('corrected', 'corrected')]),
    h('p', { class: 'source' }, from > 0 && '… ', marked(rec.text, from, to, q ? marksOf(q) : [{ start: r.start, end: r.end, layer: 'quote' }]), to < rec.text.length && ' …'),
    h('p', { class: 'meta' }, `characters ${r.start}–${r.end} · `, link(paths.document(r.document, r.id), 'Open the document')),
    cite && h('p', { class: 'cite' }, h('code', { class: 'citation' }, cite), ' ', copyButton(cite)));
}

function wordings(rows: QuoteRow[]): HTMLElement | null {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const distinct: QuoteRow[] = [];
  for (const r of rows) if (!distinct.some((d) => norm(d.content) === norm(r.content))) distinct.push(r);
  if (distinct.length < 2) return null;
  // The fullest verbatim report is the reference each other wording is compared with.
  const ref = [...distinct].sort((a, b) => Number(a.kind !== 'direct') - Number(b.kind !== 'direct') || b.content.length - a.content.length)[0]!;
  return h('section', { class: 'wordings', 'aria-labelledby': 'wordings-h' },
    h('h2', { id: 'wordings-h' }, 'Wordings side by side'),
    h('p', { class: 'meta' }, 'Words one wording has and the other lacks are ', h('mark', { class: 'diff' }, 'marked'), '.'),
    distinct.filter((d) => d !== ref).map((d) => {
      const [a, b] = wordingPair(ref.content, d.content);
      return h('div', { class: 'pair' },
        h('div', null, h('p', { class: 'meta' }, outletOf(ref), ' (reference)'), a),
        h('div', null, h('p', { class: 'meta' }, outletOf(d)), b));
    }));
}

export async function statementView(main: HTMLElement, id: string): Promise<void> {
  const [quotes, cites] = await Promise.all([
    get<Page<QuoteRow>>('/api/quotes', { statement: id, limit: LIMIT }),
    getText('/api/export', { layer: 'quotes', format: 'citation', statement: id, limit: LIMIT }),
  ]);
  const rows = quotes.items;
  // Both listings come in the same order (the store's), so the nth citation is the nth quote's.
  const citeLines = cites.split('\n').filter(Boolean);
  const views = await Promise.all(rows.map((r) => getDocument(r.document)));
  const speaker = rows.find((r) => r.statement === id)?.speaker ?? rows[0]?.speaker ?? null;
  const outlets = new Set(rows.map(outletOf));
  document.title = `Statement ${id} · Newsledger`;
  append(main, 
    h('h1', null, speaker ? ['Statement by ', link(paths.speaker(speaker), speaker)] : 'Statement'),
    h('p', { class: 'lede' }, `${plural(rows.length, 'report')} in ${plural(new Set(rows.map((r) => r.document)).size, 'document')} from ${plural(outlets.size, 'independent outlet')}.`),
    h('p', { class: 'legend' }, 'In each paragraph: ', h('mark', { class: 'hl-quote' }, 'the quote'), ' ', h('mark', { class: 'hl-cue' }, 'its cue'), ' ', h('mark', { class: 'hl-speaker' }, 'the speaker')),
    rows.length === 0 ? h('p', null, 'No report of this statement is stored.') : null,
    h('section', { class: 'reports', 'aria-label': 'Reports' }, rows.map((r, i) => report(r, views[i]!, citeLines[i]))),
    wordings(rows),
  );
}
