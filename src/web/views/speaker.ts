// A speaker: every statement attributed to the person, newest report first, with how many independent outlets
// reported it (reports in several documents of one outlet count once).
import { get, type Page, type QuoteRow, type StatementRow } from '../api.js';
import { append, h, link } from '../dom.js';
import { outletOf, plural, when } from '../format.js';
import { paths } from '../nav.js';
import { badge } from '../render.js';

/** The API's largest page: a speaker with more reports than this shows the most recently stored ones. */
const LIMIT = 500;

interface Line {
  id: string | null;
  wording: string;
  latest: string;
  reports: QuoteRow[];
  outlets: Set<string>;
}

export async function speakerView(main: HTMLElement, name: string): Promise<void> {
  document.title = `${name} · Newsledger`;
  const [statements, quotes] = await Promise.all([
    get<Page<StatementRow>>('/api/statements', { speaker: name, limit: LIMIT }),
    get<Page<QuoteRow>>('/api/quotes', { speaker: name, limit: LIMIT }),
  ]);
  const lines = new Map<string, Line>();
  for (const s of statements.items) lines.set(s.id, { id: s.id, wording: s.wording, latest: '', reports: [], outlets: new Set() });
  for (const q of quotes.items) {
    const st = q.statement ?? q.paraphrase_of;
    const key = st ?? `quote:${q.document}:${q.id}`;
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { id: st, wording: q.content, latest: '', reports: [], outlets: new Set() }));
    line.reports.push(q);
    line.outlets.add(outletOf(q));
    if ((q.published ?? '') > line.latest) line.latest = q.published ?? '';
  }
  const sorted = [...lines.values()].filter((l) => l.reports.length).sort((a, b) => b.latest.localeCompare(a.latest) || b.outlets.size - a.outlets.size);
  const outlets = new Set(quotes.items.map(outletOf));
  // The address may hold a last name ("Barnier"); the heading gives the name the reports use most.
  const names = new Map<string, number>();
  for (const q of quotes.items) if (q.speaker) names.set(q.speaker, (names.get(q.speaker) ?? 0) + 1);
  const full = [...names].sort((a, b) => b[1] - a[1])[0]?.[0] ?? name;
  document.title = `${full} · Newsledger`;
  append(main, 
    h('h1', null, full),
    h('p', { class: 'lede' }, `${plural(sorted.length, 'statement')} in ${plural(quotes.items.length, 'report')} from ${plural(outlets.size, 'outlet')}. `,
      link(paths.search({ speaker: name }), 'Search within these quotes')),
    sorted.length === 0 ? h('p', null, 'No statement is attributed to this name. Try the last name alone.') : null,
    h('ol', { class: 'statements' }, sorted.map((l) => h('li', { class: 'statement' },
      h('blockquote', null, l.wording),
      h('p', { class: 'meta' },
        h('strong', { class: 'outlets' }, `${plural(l.outlets.size, 'independent outlet')}`), ' · ',
        plural(l.reports.length, 'report'), ' · latest ', when(l.latest), ' · ',
        [...new Set(l.reports.map((r) => r.kind))].map((k) => badge(k, `kind-${k}`))),
      h('p', { class: 'meta' }, 'Reported by ', [...l.outlets].join(', ')),
      h('p', { class: 'actions' }, l.id ? link(paths.statement(l.id), 'Every report, side by side') : link(paths.document(l.reports[0]!.document, l.reports[0]!.id), 'In its document'))))),
  );
}
