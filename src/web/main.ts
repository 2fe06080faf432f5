// The page's entry: picks the view from the path, and turns clicks on in-page links into history entries so the
// back button, bookmarks and shared links all work without a reload.
import { adoptTokenFromFragment } from './api.js';
import { clear, h } from './dom.js';
import { navigate, setRenderer } from './nav.js';
import { errorBox } from './render.js';
import { claimsView } from './views/claims.js';
import { documentView } from './views/document.js';
import { searchView } from './views/search.js';
import { speakerView } from './views/speaker.js';
import { statementView } from './views/statement.js';
import { timelineView } from './views/timeline.js';

export type View = (main: HTMLElement, arg: string, params: URLSearchParams) => Promise<void>;

const ROUTES: Array<[RegExp, View]> = [
  [/^\/(?:search)?$/, searchView],
  [/^\/speaker\/(.+)$/, speakerView],
  [/^\/statement\/(.+)$/, statementView],
  [/^\/timeline$/, timelineView],
  [/^\/claims$/, claimsView],
  [/^\/document\/(.+)$/, documentView],
];

let rendering = 0;

async function render(focus: boolean): Promise<void> {
  const main = document.getElementById('main')!;
  const path = location.pathname;
  const turn = ++rendering;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header nav a')) {
    if (a.pathname === path || (a.pathname === '/search' && path === '/')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  for (const [re, view] of ROUTES) {
    const m = re.exec(path);
    if (!m) continue;
    const target = h('div', { class: 'view' });
    try {
      await view(target, m[1] ? decodeURIComponent(m[1]) : '', new URLSearchParams(location.search));
    } catch (e) {
      target.appendChild(errorBox(e));
    }
    if (turn !== rendering) return; // a later navigation won
    clear(main);
    main.appendChild(target);
    main.setAttribute('aria-busy', 'false');
    if (focus) main.focus();
    document.dispatchEvent(new CustomEvent('newsledger:rendered'));
    return;
  }
  clear(main);
  main.appendChild(h('p', null, 'No such page. ', h('a', { href: '/' }, 'Search the ledger')));
}

document.addEventListener('click', (e) => {
  const a = (e.target as Element).closest?.('a');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  if (a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
  if (a.pathname.startsWith('/api/') || a.pathname.startsWith('/static/') || a.pathname === '/openapi.json') return;
  e.preventDefault();
  if (a.pathname === location.pathname && a.search === location.search && a.hash) {
    document.getElementById(a.hash.slice(1))?.focus();
    return;
  }
  navigate(a.pathname + a.search);
});

// "/" jumps to the search box from anywhere, as on most sites with search.
document.addEventListener('keydown', (e) => {
  const t = e.target as HTMLElement;
  if (e.key !== '/' || e.ctrlKey || e.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable) return;
  const box = document.querySelector<HTMLInputElement>('input[name=q]');
  if (box) {
    e.preventDefault();
    box.focus();
  } else {
    e.preventDefault();
    navigate('/search');
  }
});

window.addEventListener('popstate', () => void render(true));
adoptTokenFromFragment();
setRenderer(render);
void render(false);
