// Events on a time axis: one lane per event type, one dot per event at its date (the date the text gives the event,
// else its document's publication), an open dot for background events; type and place filters. The same events are
// listed under the plot, for keyboards and screen readers.
import { type EventRow, get, type Page } from '../api.js';
import { append, h, link, svg } from '../dom.js';
import { when } from '../format.js';
import { navigate, paths } from '../nav.js';
import { badge } from '../render.js';

const LIMIT = 500;
const W = 800;
const LANE = 34;
const LEFT = 120;
const RIGHT = 20;
const TOP = 16;
const AXIS = 34;

/** Milliseconds of an event's date: days and months are placed at their start; an unreadable date has none. */
export function eventTime(e: { date: string | null; published: string | null }): number | null {
  for (const v of [e.date, e.published]) {
    const week = v ? /^(\d{4})-W(\d{2})/.exec(v) : null;
    if (week) {
      // ISO week: week 1 holds 4 January; its Monday starts the week.
      const jan4 = Date.UTC(Number(week[1]), 0, 4);
      const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
      return monday1 + (Number(week[2]) - 1) * 7 * 86_400_000;
    }
    const m = v ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2}))?/.exec(v) : null;
    if (m) return Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1), Number(m[4] ?? 0), Number(m[5] ?? 0));
  }
  return null;
}

function plot(events: EventRow[]): SVGElement {
  const placed = events.map((e) => ({ e, t: eventTime(e) })).filter((x): x is { e: EventRow; t: number } => x.t !== null);
  const types = [...new Set(placed.map((x) => x.e.type))].sort();
  const height = TOP + Math.max(1, types.length) * LANE + AXIS;
  const t0 = Math.min(...placed.map((x) => x.t));
  const t1 = Math.max(...placed.map((x) => x.t));
  const span = Math.max(t1 - t0, 86_400_000);
  const x = (t: number) => LEFT + ((t - t0) / span) * (W - LEFT - RIGHT);
  const lane = (type: string) => TOP + types.indexOf(type) * LANE + LANE / 2;
  const ticks = Array.from({ length: 5 }, (_, i) => t0 + (span * i) / 4);
  return svg('svg', { viewBox: `0 0 ${W} ${height}`, class: 'plot', role: 'img', 'aria-label': `${placed.length} events over time by type` },
    types.map((t) => svg('g', null,
      svg('line', { x1: LEFT, x2: W - RIGHT, y1: lane(t), y2: lane(t), class: 'lane' }),
      svg('text', { x: LEFT - 8, y: lane(t) + 4, 'text-anchor': 'end', class: 'label' }, t))),
    ticks.map((t, i) => svg('text', { x: x(t), y: height - 10, 'text-anchor': i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle', class: 'tick' },
      when(new Date(t).toISOString().slice(0, 10)))),
    placed.map(({ e, t }, i) => svg('a', { href: paths.document(e.document, e.id), 'aria-label': `${e.type}: ${e.trigger}` },
      svg('circle', { cx: x(t), cy: lane(e.type) + ((i % 3) - 1) * 6, r: 6, class: e.background ? 'dot background' : 'dot' },
        svg('title', null, `${e.type}: ${e.trigger} — ${when(e.date ?? e.published)}${e.place ? ` — ${e.place}` : ''}`)))));
}

export async function timelineView(main: HTMLElement, _arg: string, p: URLSearchParams): Promise<void> {
  document.title = 'Timeline · Newsledger';
  const type = p.get('type') ?? '';
  const place = p.get('place') ?? '';
  // Background events (a 1994 treaty recalled in today's story) would stretch the axis over decades: shown on request.
  const background = p.get('background') === '1';
  const all = (await get<Page<EventRow>>('/api/events', { limit: LIMIT })).items;
  const listed = all.filter((e) => (!type || e.type === type) && (!place || e.place === place));
  const plotted = listed.filter((e) => background || !e.background);
  const types = [...new Set(all.map((e) => e.type))].sort();
  const places = [...new Set(all.flatMap((e) => (e.place ? [e.place] : [])))].sort();
  const choose = (name: string, values: string[], value: string) => h('label', { class: 'field' }, h('span', null, name === 'type' ? 'Event type' : 'Place'),
    h('select', { name }, h('option', { value: '' }, 'any'), values.map((v) => h('option', { value: v, selected: v === value }, v))));
  const form = h('form', { class: 'inline', action: '/timeline' }, choose('type', types, type), choose('place', places, place),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'background', value: '1', checked: background }), ' plot background events'),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v) q.set(k, v);
    navigate(`/timeline${q.toString() ? `?${q}` : ''}`);
  });
  const sorted = [...listed].sort((a, b) => (eventTime(a) ?? 0) - (eventTime(b) ?? 0));
  append(main, 
    h('h1', null, 'Timeline of events'),
    form,
    h('p', { class: 'count', role: 'status' }, `${listed.length} of ${all.length} events, ${plotted.length} plotted`),
    plotted.length ? h('figure', { class: 'timeline' }, plot(plotted), h('figcaption', null, 'Filled dot: event reported as news; open dot: background. Select a dot to open its document.')) : null,
    h('table', { class: 'events' },
      h('caption', { class: 'visually-hidden' }, 'Events'),
      h('thead', null, h('tr', null, ['Date', 'Type', 'What', 'Who', 'Where'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, sorted.map((e) => h('tr', null,
        h('td', null, when(e.date ?? e.published)),
        h('td', null, badge(e.type)),
        h('td', null, link(paths.document(e.document, e.id), e.trigger), e.background && ' (background)'),
        h('td', null, e.actor ?? ''),
        h('td', null, e.place ?? ''))))),
  );
}
