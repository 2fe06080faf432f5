// The corrections workflow on a document: forms for the selected item (fix a quote's speaker, merge an entity into
// another, split a quote from its statement, reject any item), each recorded with who and why through the API, and
// the history of corrections that touch the document.
import type { NewsRecord } from '../../model/record.js';
import { type Correction, type DocumentView, getToken, post, setToken } from '../api.js';
import { h } from '../dom.js';
import { when } from '../format.js';
import { refresh } from '../nav.js';
import { errorBox } from '../render.js';
import type { Item } from './document.js';

const WHO_KEY = 'newsledger.who';
let formCount = 0;

/** A form that posts one correction; the fields every correction needs (who, why, the token) are added here. */
function correctionForm(title: string, fields: HTMLElement[], build: (data: FormData) => Record<string, unknown>, danger = false): HTMLElement {
  const n = ++formCount;
  const status = h('div', { role: 'status', class: 'form-status' });
  const form = h('form', { class: 'correction', 'aria-label': title },
    h('h3', null, title),
    fields,
    h('label', { class: 'field' }, h('span', null, 'Why'), h('input', { name: 'why', required: true, maxlength: 2000, placeholder: 'what is wrong, and how you know', id: `why-${n}` })),
    h('button', { type: 'submit', class: danger ? 'danger' : '' }, title),
    status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const who = (document.querySelector<HTMLInputElement>('input[name=who]')?.value ?? '').trim();
    if (!who) {
      status.replaceChildren(errorBox(new Error('Give your name (“Corrections by”) first: every correction records who made it.')));
      document.querySelector<HTMLInputElement>('input[name=who]')?.focus();
      return;
    }
    localStorage.setItem(WHO_KEY, who);
    try {
      status.textContent = 'Saving…';
      await post<Correction>('/api/corrections', { ...build(data), who, why: String(data.get('why') ?? '').trim() });
      status.textContent = 'Saved';
      await refresh();
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  });
  return form;
}

function text(label: string, name: string, attrs: Record<string, string | number | boolean> = {}): HTMLElement {
  return h('label', { class: 'field' }, h('span', null, label), h('input', { name, required: true, ...attrs }));
}

/** Who is correcting, and the write token when the server needs one and the tab has none yet. */
function identity(): HTMLElement {
  const token = h('input', { name: 'token', type: 'password', autocomplete: 'off', value: getToken() ?? '' });
  token.addEventListener('change', () => setToken(token.value.trim()));
  return h('div', { class: 'identity' },
    h('label', { class: 'field' }, h('span', null, 'Corrections by'), h('input', { name: 'who', value: localStorage.getItem(WHO_KEY) ?? '', autocomplete: 'name', maxlength: 200 })),
    h('label', { class: 'field' }, h('span', null, 'Write token'), token));
}

export function correctionForms(view: DocumentView, it: Item, r: NewsRecord): HTMLElement {
  const document_ = view.row.key;
  const forms: HTMLElement[] = [];
  if (it.layer === 'quotes') {
    const q = r.quotes.find((x) => x.id === it.id)!;
    const people = r.entities.filter((e) => e.type === 'PERSON');
    const listId = `people-${++formCount}`;
    forms.push(correctionForm('Fix the speaker', [
      text('Speaker', 'name', { value: q.speaker.name ?? '', list: listId, maxlength: 300 }),
      h('datalist', { id: listId }, people.map((p) => h('option', { value: p.name }))),
    ], (d) => {
      const name = String(d.get('name')).trim();
      // Naming a person the document knows links the quote to that entity, not only to the name.
      const entity = people.find((p) => p.name === name)?.id ?? null;
      return { action: 'fix_speaker', document: document_, quote: q.id, name, entity };
    }));
    if (q.statement) forms.push(correctionForm('Split from its statement', [h('p', { class: 'meta' }, `Reports statement ${q.statement}; splitting makes it a statement of its own.`)],
      () => ({ action: 'split_statement', document: document_, quote: q.id })));
  }
  if (it.layer === 'entities') {
    const e = r.entities.find((x) => x.id === it.id)!;
    const others = r.entities.filter((x) => x.id !== e.id && x.type === e.type);
    if (others.length) {
      forms.push(correctionForm('Merge into another entity', [h('label', { class: 'field' }, h('span', null, 'Same as'),
        h('select', { name: 'into' }, others.map((o) => h('option', { value: o.id }, `${o.name} (${o.id})`))))],
      (d) => ({ action: 'merge_entities', into: String(d.get('into')), from: [e.id] })));
    }
  }
  forms.push(correctionForm(`Reject this ${it.layer.replace(/ies$/, 'y').replace(/s$/, '')}`, [],
    () => ({ action: 'reject', layer: it.layer, document: document_, id: it.id }), true));
  return h('div', { class: 'corrections' }, identity(), forms);
}

function describe(c: Correction): string {
  const i = c.input as Record<string, unknown>;
  switch (c.action) {
    case 'fix_speaker': return `speaker of ${i.quote} set to ${i.name}`;
    case 'reject': return `${i.layer} item ${i.id} rejected`;
    case 'merge_entities': return `${(i.from as string[]).join(', ')} merged into ${i.into}`;
    case 'split_entity': return `${i.entity} split here`;
    case 'merge_statements': return 'statements merged';
    case 'split_statement': return `${i.quote} split from its statement`;
    default: return c.action;
  }
}

export function historyOf(view: DocumentView): HTMLElement {
  const list = [...view.corrections].sort((a, b) => b.id - a.id);
  return h('section', { class: 'history', 'aria-labelledby': 'history-h' },
    h('h2', { id: 'history-h' }, `Corrections (${list.length})`),
    list.length === 0 ? h('p', { class: 'muted' }, 'None yet.') : h('ol', { reversed: true },
      list.map((c) => h('li', null, h('strong', null, describe(c)), h('br'), `by ${c.who}, ${when(c.at)}: `, h('q', null, c.why)))));
}
