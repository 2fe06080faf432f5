// One document: its structure (posts with their times, captions, boilerplate greyed) and every layer as highlights,
// each item with its confidence; selecting an item shows it and the corrections that apply to it (fix a speaker,
// merge entities, reject), with the document's correction history.
import type { Block, NewsRecord, Post } from '../../model/record.js';
import { type DocumentView, getDocument } from '../api.js';
import { append, clear, h } from '../dom.js';
import { confidence, when } from '../format.js';
import type { Mark } from '../highlight.js';
import { paths } from '../nav.js';
import { badge, marked } from '../render.js';
import { correctionForms, historyOf } from './corrections.js';

export type LayerName = 'entities' | 'quotes' | 'events' | 'claims';
const LAYERS: LayerName[] = ['quotes', 'entities', 'events', 'claims'];
const MARK_OF: Record<LayerName, string> = { quotes: 'quote', entities: 'entity', events: 'event', claims: 'claim' };

export interface Item {
  layer: LayerName;
  id: string;
  label: string;
  detail: string;
  confidence: number;
  marks: Mark[];
}

/** Every item of the record as highlights; a quote's cue and speaker mention are marked with it. */
export function items(r: NewsRecord): Item[] {
  const out: Item[] = [];
  const key = (layer: string, id: string) => `${layer}/${id}`;
  for (const q of r.quotes) {
    const id = key('quotes', q.id);
    const title = `quote (${q.kind}) by ${q.speaker.name ?? 'unattributed'}, confidence ${confidence(q.confidence)}`;
    out.push({
      layer: 'quotes', id: q.id, label: `${q.speaker.name ?? 'Unattributed'}: ${q.content.text}`, detail: q.kind, confidence: q.confidence,
      marks: [
        { start: q.content.start, end: q.content.end, layer: 'quote', id, title },
        ...(q.cue ? [{ start: q.cue.start, end: q.cue.end, layer: 'cue', id, title: 'cue' }] : []),
        ...(q.speaker.mention ? [{ start: q.speaker.mention.start, end: q.speaker.mention.end, layer: 'speaker', id, title: `speaker: ${q.speaker.name}` }] : []),
      ],
    });
  }
  for (const e of r.entities) {
    const id = key('entities', e.id);
    out.push({
      layer: 'entities', id: e.id, label: e.name, detail: `${e.type}, ${e.mentions.length} mentions`, confidence: e.confidence,
      marks: e.mentions.map((m) => ({ start: m.span.start, end: m.span.end, layer: 'entity', id, title: `${e.type} ${e.name} (${m.kind}), confidence ${confidence(e.confidence)}` })),
    });
  }
  for (const ev of r.events) {
    const id = key('events', ev.id);
    out.push({
      layer: 'events', id: ev.id, label: `${ev.type}: ${ev.trigger.text}`, detail: [ev.actor?.name, ev.place?.name, ev.date?.value].filter(Boolean).join(', '), confidence: ev.confidence,
      marks: [{ start: ev.trigger.start, end: ev.trigger.end, layer: 'event', id, title: `event ${ev.type}, confidence ${confidence(ev.confidence)}` }],
    });
  }
  for (const c of r.claims) {
    const id = key('claims', c.id);
    out.push({
      layer: 'claims', id: c.id, label: c.claim.text, detail: `${c.status}${c.claimant ? `, by ${c.claimant.name}` : ''}`, confidence: c.confidence,
      marks: [{ start: c.claim.start, end: c.claim.end, layer: 'claim', id, title: `claim (${c.status}), confidence ${confidence(c.confidence)}` }],
    });
  }
  return out;
}

function postHeader(p: Post): HTMLElement {
  return h('div', { class: 'post-head' },
    h('time', { datetime: p.published ?? '' }, when(p.published)),
    p.authors.length > 0 && [' · ', p.authors.map((a) => a.name).join(', ')],
    p.credit && [' · ', p.credit.name]);
}

const BLOCK_LABEL: Partial<Record<Block['type'], string>> = { boilerplate: 'page furniture', caption: 'caption', related: 'related article' };

function body(r: NewsRecord, marks: Mark[]): HTMLElement {
  const out = h('div', { class: 'doc-text' });
  const blocks = [...r.blocks].sort((a, b) => a.span.start - b.span.start);
  const posts = [...r.posts].sort((a, b) => a.span.start - b.span.start);
  let next = 0;
  for (const b of blocks) {
    while (next < posts.length && posts[next]!.span.start <= b.span.start) out.appendChild(postHeader(posts[next++]!));
    const tag = b.type === 'heading' || b.type === 'post_title' ? 'h3' : 'p';
    const label = BLOCK_LABEL[b.type];
    out.appendChild(h(tag, { class: `blk blk-${b.type}`, 'data-start': b.span.start },
      label && h('span', { class: 'blk-label' }, label), marked(r.text, b.span.start, b.span.end, marks)));
  }
  if (blocks.length === 0) out.appendChild(h('p', { class: 'blk' }, marked(r.text, 0, r.text.length, marks)));
  return out;
}

export async function documentView(main: HTMLElement, key: string, p: URLSearchParams): Promise<void> {
  const view: DocumentView = await getDocument(key, true);
  const r = view.record;
  document.title = `${r.headline?.text ?? key} · Newsledger`;
  const all = items(r);
  const shown = new Set<LayerName>(LAYERS);
  const text = h('section', { class: 'doc', 'aria-label': 'The document with its layers highlighted' });
  const detail = h('section', { class: 'detail', 'aria-live': 'polite', 'aria-label': 'Selected item' }, h('p', { class: 'muted' }, 'Select a highlight or an item to see it and correct it.'));
  let selected: Item | null = null;

  const drawText = () => {
    clear(text);
    text.appendChild(body(r, all.filter((i) => shown.has(i.layer)).flatMap((i) => i.marks)));
    if (selected) markSelected(selected);
  };
  const markSelected = (it: Item) => {
    for (const m of text.querySelectorAll('mark.sel')) m.classList.remove('sel');
    const marks = text.querySelectorAll(`mark[data-ids~="${CSS.escape(`${it.layer}/${it.id}`)}"]`);
    for (const m of marks) m.classList.add('sel');
    marks[0]?.scrollIntoView({ block: 'center' });
  };
  const select = (it: Item) => {
    selected = it;
    markSelected(it);
    clear(detail);
    detail.append(
      h('h2', null, badge(it.layer.replace(/s$/, '')), ' ', it.label),
      h('p', { class: 'meta' }, it.detail, ` · confidence ${confidence(it.confidence)} · id ${it.id}`),
      correctionForms(view, it, r));
    // The address names the selection, so a reload or a shared link opens the same item.
    history.replaceState(null, '', paths.document(key, it.id));
  };

  text.addEventListener('click', (e) => {
    const m = (e.target as Element).closest('mark[data-ids]');
    if (!m) return;
    const ids = m.getAttribute('data-ids')!.split(' ');
    // The innermost-looking item first: a quote over an entity mention is picked by the mention's own click.
    const it = all.find((i) => `${i.layer}/${i.id}` === ids[ids.length - 1]);
    if (it) select(it);
  });

  const toggles = h('fieldset', { class: 'toggles' }, h('legend', null, 'Layers'),
    LAYERS.map((l) => {
      const box = h('input', { type: 'checkbox', checked: true, name: l });
      box.addEventListener('change', () => {
        if (box.checked) shown.add(l);
        else shown.delete(l);
        drawText();
      });
      return h('label', { class: `toggle hl-${MARK_OF[l]}` }, box, ` ${l} (${all.filter((i) => i.layer === l).length})`);
    }));

  const list = h('nav', { class: 'items', 'aria-label': 'Items' }, LAYERS.map((l) => h('details', { open: l === 'quotes' },
    h('summary', null, `${l[0]!.toUpperCase()}${l.slice(1)} (${all.filter((i) => i.layer === l).length})`),
    h('ul', null, all.filter((i) => i.layer === l).map((it) => {
      const b = h('button', { type: 'button', class: 'item', 'data-id': it.id }, it.label.length > 90 ? `${it.label.slice(0, 90)}…` : it.label, ' ', h('span', { class: 'conf' }, confidence(it.confidence)));
      b.addEventListener('click', () => select(it));
      return h('li', null, b);
    })))));

  append(main, 
    h('header', { class: 'doc-head' },
      h('h1', null, r.headline?.text ?? key),
      r.standfirst && h('p', { class: 'lede' }, r.standfirst.text),
      h('p', { class: 'meta' },
        r.outlet ?? 'unnamed outlet', ' · ', when(r.published),
        r.byline.length > 0 && [' · by ', r.byline.map((b) => b.name).join(', ')],
        ` · times in ${r.timezone.name}${r.timezone.assumed ? ' (assumed)' : ''}`,
        ` · version ${view.row.version} of ${view.row.versions}`,
        'url' in r.source && [' · ', h('a', { href: r.source.url, rel: 'noopener noreferrer', target: '_blank' }, 'source page')]),
      r.notes.length > 0 && h('details', { class: 'notes' }, h('summary', null, `Pipeline notes (${r.notes.length})`), h('ul', null, r.notes.map((n) => h('li', null, n))))),
    toggles,
    h('div', { class: 'doc-layout' }, text, h('aside', { class: 'side' }, detail, list, historyOf(view))),
  );
  drawText();
  const want = p.get('item');
  const it = want ? all.find((i) => i.id === want) : undefined;
  if (it) select(it);
}
