// Claims grouped by status, each with who made it, where, and the evidence the analysis found for its status.
import type { Claim } from '../../model/record.js';
import { type ClaimRow, get, getDocument, type Page } from '../api.js';
import { append, h, link } from '../dom.js';
import { confidence, when } from '../format.js';
import { paths } from '../nav.js';
import { badge } from '../render.js';

const LIMIT = 500;
/** Settled first, then open, then contested: the order a reader checks a story in. */
const ORDER = ['confirmed', 'asserted', 'claimed', 'unconfirmed', 'disputed', 'denied'];

function card(r: ClaimRow, c: Claim | undefined): HTMLElement {
  return h('article', { class: 'claim' },
    h('blockquote', null, r.claim),
    h('p', { class: 'meta' }, r.claimant ?? 'no claimant named', ' · ', when(r.published), c && ` · confidence ${confidence(c.confidence)}`),
    c && c.evidence.length > 0 ? h('details', { open: true }, h('summary', null, `Evidence (${c.evidence.length})`),
      h('ul', { class: 'evidence' }, c.evidence.map((s) => h('li', null, s.text)))) : h('p', { class: 'meta' }, 'No evidence beyond the claim itself.'),
    h('p', { class: 'actions' }, link(paths.document(r.document, r.id), 'In its document')));
}

export async function claimsView(main: HTMLElement): Promise<void> {
  document.title = 'Claims · Newsledger';
  const rows = (await get<Page<ClaimRow>>('/api/claims', { limit: LIMIT })).items;
  const docs = new Map(await Promise.all([...new Set(rows.map((r) => r.document))].map(async (k) => [k, await getDocument(k)] as const)));
  const byStatus = new Map<string, ClaimRow[]>();
  for (const r of rows) byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r]);
  const statuses = [...byStatus.keys()].sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
  append(main, 
    h('h1', null, 'Claims board'),
    h('p', { class: 'lede' }, `${rows.length} claims by status.`),
    h('div', { class: 'board' }, statuses.map((s) => h('section', { class: `column status-${s}`, 'aria-labelledby': `col-${s}` },
      h('h2', { id: `col-${s}` }, badge(s, `status-${s}`), ` ${byStatus.get(s)!.length}`),
      byStatus.get(s)!.map((r) => card(r, docs.get(r.document)?.record.claims.find((c) => c.id === r.id)))))),
  );
}
