// The page without a browser: its pure parts (highlight pieces, query hits, wording differences, event times, the
// quote's paragraph) and what the server sends with it (security headers, the shell on page paths, static files
// confined to their folder).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../src/server/app.js';
import { Ledger } from '../src/store/ledger.js';
import { openStore } from '../src/store/open.js';
import { diffWords } from '../src/web/diff.js';
import { hits, pieces } from '../src/web/highlight.js';
import { paragraphOf } from '../src/web/views/statement.js';
import { eventTime } from '../src/web/views/timeline.js';
import { StubAnalyzer } from './fixtures/store/stubAnalyzer.js';

test('pieces cut the text at every boundary and list the marks over each piece', () => {
  const p = pieces(0, 10, [{ start: 2, end: 8, layer: 'quote' }, { start: 4, end: 6, layer: 'entity' }, { start: 12, end: 14, layer: 'event' }]);
  assert.deepEqual(p.map((x) => [x.start, x.end, x.marks.map((m) => m.layer).join('+')]),
    [[0, 2, ''], [2, 4, 'quote'], [4, 6, 'quote+entity'], [6, 8, 'quote'], [8, 10, '']]);
  assert.deepEqual(pieces(5, 9, [{ start: 0, end: 7, layer: 'claim' }]).map((x) => [x.start, x.end, x.marks.length]), [[5, 7, 1], [7, 9, 0]]);
});

test('query hits are whole words and phrases, case-insensitive', () => {
  const text = 'A Utopia, a road to nowhere; utopias are not utopia.';
  assert.deepEqual(hits(text, 'utopia').map((m) => text.slice(m.start, m.end)), ['Utopia', 'utopia']);
  assert.deepEqual(hits(text, '"road to nowhere"').map((m) => text.slice(m.start, m.end)), ['road to nowhere']);
  assert.deepEqual(hits(text, '<script>'), hits(text, 'script'));
});

test('wording differences ignore case and quote marks, and mark the words one side lacks', () => {
  const d = diffWords('“Seriously discussing security issues without Russia is a utopia,” he said', '"seriously discussing security guarantees without Russia is a utopia"');
  assert.deepEqual(d.a.filter((t) => t.changed).map((t) => t.text), ['issues', 'he', 'said']);
  assert.deepEqual(d.b.filter((t) => t.changed).map((t) => t.text), ['guarantees']);
  assert.equal(d.a.map((t) => t.text).join(''), '“Seriously discussing security issues without Russia is a utopia,” he said');
});

test('events are placed at their own date, else their document\'s', () => {
  assert.equal(eventTime({ date: '2025-08-20', published: null }), Date.UTC(2025, 7, 20));
  assert.equal(eventTime({ date: null, published: '2025-08-21T03:42:00Z' }), Date.UTC(2025, 7, 21, 3, 42));
  assert.equal(eventTime({ date: '1994', published: null }), Date.UTC(1994, 0, 1));
  assert.equal(eventTime({ date: null, published: null }), null);
  assert.equal(eventTime({ date: '2025-W34', published: null }), Date.UTC(2025, 7, 18), 'an ISO week starts on its Monday');
});

test('a quote is shown in the paragraph blocks that hold it', () => {
  const blocks = [{ type: 'paragraph' as const, span: { start: 0, end: 10, text: '' } }, { type: 'paragraph' as const, span: { start: 12, end: 30, text: '' } },
    { type: 'boilerplate' as const, span: { start: 31, end: 40, text: '' } }];
  assert.deepEqual(paragraphOf(blocks, 14, 20, 40), [12, 30]);
  assert.deepEqual(paragraphOf(blocks, 5, 20, 40), [0, 30]);
  assert.deepEqual(paragraphOf([], 300, 310, 1000), [100, 510]);
});

test('the server sends the page with a strict policy, and only files of the page', async (t) => {
  const store = await openStore(':memory:');
  t.after(() => store.close());
  const app = createApp({ store, ledger: new Ledger(store, () => new StubAnalyzer()), token: null, maxBodyBytes: 1000 });
  for (const path of ['/', '/speaker/Lavrov', '/statement/s1', '/document/a%2Fb', '/timeline', '/claims', '/api/quotes', '/api/nothing']) {
    const r = await app.request(path);
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/, path);
    assert.match(csp, /script-src 'self'(;|$)/, path);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
  }
  const shell = await app.request('/speaker/Lavrov');
  assert.match(shell.headers.get('content-type') ?? '', /text\/html/);
  const html = await shell.text();
  // The shell either loads the built module or says how to build it; it never carries inline script or style.
  assert.doesNotMatch(html, /<script>|<style|\sstyle=|\son\w+=/);
  for (const bad of ['/static/../package.json', '/static/%2e%2e/package.json', '/static/.hidden.js', '/static/main.ts', '/static/main.js.map', '/static/x/../../package.json']) {
    assert.equal((await app.request(bad)).status, 404, bad);
  }
});
