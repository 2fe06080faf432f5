// Search: every filter the API takes, kept in the address (so a search can be bookmarked or shared), with the
// query's words highlighted in each hit.
import { type ClaimRow, type DocumentRow, type EntityRow, type EventRow, get, type Page, type QuoteRow, type StatementRow } from '../api.js';
import { append, type Child, h, link } from '../dom.js';
import { confidence, outletOf, plural, when } from '../format.js';
import { hits } from '../highlight.js';
import { navigate, paths } from '../nav.js';
import { badge, markedString } from '../render.js';

const LAYERS = ['quotes', 'statements', 'entities', 'events', 'claims', 'documents'] as const;
const KINDS = ['', 'direct', 'mixed', 'indirect'];
const STATUSES = ['', 'asserted', 'claimed', 'unconfirmed', 'denied', 'disputed', 'confirmed'];
const FILTERS = ['q', 'layer', 'speaker', 'entity', 'outlet', 'kind', 'event_type', 'claim_status', 'from', 'to', 'offset'];
const PAGE = 25;

function field(label: string, input: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', null, label), input);
}

function select(name: string, options: readonly string[], value: string, labels: Record<string, string> = {}): HTMLSelectElement {
  return h('select', { name }, options.map((o) => h('option', { value: o, selected: o === value }, labels[o] ?? (o || 'any'))));
}

function form(p: URLSearchParams): HTMLFormElement {
  const v = (k: string) => p.get(k) ?? '';
  const text = (name: string, placeholder = '') => h('input', { name, value: v(name), placeholder, autocomplete: 'off' });
  return h('form', { class: 'search', action: '/search', method: 'get', role: 'search' },
    h('div', { class: 'searchbar' },
      h('label', { class: 'visually-hidden', for: 'q' }, 'Search words'),
      h('input', { id: 'q', name: 'q', type: 'search', value: v('q'), placeholder: 'Words or "a phrase" (press / to come back here)' }),
      select('layer', LAYERS, v('layer') || 'quotes'),
      h('button', { type: 'submit' }, 'Search')),
    h('details', { class: 'filters', open: FILTERS.slice(2, -1).some((k) => v(k)) },
      h('summary', null, 'Filters'),
      h('div', { class: 'grid' },
        field('Speaker', text('speaker', 'a last name')),
        field('Entity', text('entity', 'id or name')),
        field('Outlet', text('outlet')),
        field('Quote kind', select('kind', KINDS, v('kind'))),
        field('Event type', text('event_type', 'attack, meeting…')),
        field('Claim status', select('claim_status', STATUSES, v('claim_status'))),
        field('From', h('input', { name: 'from', type: 'date', value: v('from') })),
        field('To', h('input', { name: 'to', type: 'date', value: v('to') })))));
}

/** The form's non-empty values as the address of the search. */
function submitTo(f: HTMLFormElement): string {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(f)) if (typeof v === 'string' && v.trim()) out[k] = v.trim();
  return paths.search(out);
}

function meta(...parts: Child[]): HTMLElement {
  return h('p', { class: 'meta' }, parts.filter(Boolean).flatMap((x, i) => (i ? [' · ', x] : [x])));
}

function quoteHit(r: QuoteRow, q: string): HTMLElement {
  const st = r.statement ?? r.paraphrase_of;
  return h('article', { class: 'hit' },
    h('blockquote', null, markedString(r.content, hits(r.content, q))),
    meta(
      r.speaker ? link(paths.speaker(r.speaker), r.speaker) : h('em', null, 'unattributed'),
      badge(r.kind, `kind-${r.kind}`),
      outletOf(r), when(r.published), `confidence ${confidence(r.confidence)}`,
      r.corrected && badge('corrected', 'corrected')),
    h('p', { class: 'actions' },
      st && link(paths.statement(st), r.paraphrase_of ? 'Paraphrases statement' : 'Every report of this statement'),
      ' ', link(paths.document(r.document, r.id), 'In its document')));
}

function row(r: object, q: string, layer: string): HTMLElement {
  const text = (s: string) => markedString(s, hits(s, q));
  switch (layer) {
    case 'quotes': return quoteHit(r as QuoteRow, q);
    case 'statements': {
      const s = r as StatementRow;
      return h('article', { class: 'hit' }, h('blockquote', null, text(s.wording)),
        meta(s.speaker ? link(paths.speaker(s.speaker), s.speaker) : 'unattributed', plural(s.reports, 'report'), plural(s.documents, 'document'),
          `first seen ${when(s.first_seen)}`, link(paths.statement(s.id), 'Every report')));
    }
    case 'entities': {
      const e = r as EntityRow;
      return h('article', { class: 'hit' }, h('h3', null, text(e.name)),
        meta(badge(e.type), plural(e.documents, 'document'), plural(e.mentions, 'mention'),
          e.type === 'PERSON' && link(paths.speaker(e.name), 'Statements'), link(paths.search({ layer: 'documents', entity: e.id }), 'Documents')));
    }
    case 'events': {
      const e = r as EventRow;
      return h('article', { class: 'hit' }, h('h3', null, badge(e.type), ' ', text(e.trigger)),
        meta(e.actor, e.place, when(e.date ?? e.published), e.background && 'background', link(paths.document(e.document, e.id), 'In its document')));
    }
    case 'claims': {
      const c = r as ClaimRow;
      return h('article', { class: 'hit' }, h('blockquote', null, text(c.claim)),
        meta(badge(c.status, `status-${c.status}`), c.claimant ?? 'no claimant', when(c.published), link(paths.document(c.document, c.id), 'In its document')));
    }
    default: {
      const d = r as DocumentRow;
      return h('article', { class: 'hit' }, h('h3', null, link(paths.document(d.key), text(d.headline ?? d.key))),
        meta(d.outlet ?? 'unnamed outlet', when(d.published), plural(d.quotes, 'quote'), plural(d.events, 'event'), plural(d.claims, 'claim')));
    }
  }
}

export async function searchView(main: HTMLElement, _arg: string, p: URLSearchParams): Promise<void> {
  document.title = p.get('q') ? `${p.get('q')} · Newsledger search` : 'Newsledger';
  const f = form(p);
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(submitTo(f));
  });
  append(main, h('h1', null, 'Search the ledger'), f);
  const layer = (p.get('layer') ?? 'quotes') as (typeof LAYERS)[number];
  const params: Record<string, string> = { limit: String(PAGE) };
  for (const k of FILTERS) if (k !== 'layer' && p.get(k)) params[k] = p.get(k)!;
  const q = p.get('q') ?? '';
  const page = await get<Page<object>>(`/api/${layer}`, params);
  const offset = Number(p.get('offset') ?? 0);
  const shown = page.items.length ? `${offset + 1}–${offset + page.items.length}` : 'no';
  const results = h('section', { class: 'results', 'aria-label': 'Results' },
    h('p', { class: 'count', role: 'status' }, `${shown} ${layer}${page.next !== null ? ' (more below)' : ''}`),
    page.items.map((r) => row(r, q, layer)));
  const nav = h('p', { class: 'pager' },
    offset > 0 && link(paths.search({ ...Object.fromEntries(p), offset: String(Math.max(0, offset - PAGE)) }), '← Previous'),
    ' ', page.next !== null && link(paths.search({ ...Object.fromEntries(p), offset: String(page.next) }), 'Next →'));
  append(main, results, nav);
}
