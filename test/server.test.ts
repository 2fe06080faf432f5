// The HTTP API on a SQLite store filled through the ledger with the stub analyser: validation, errors, auth, body
// limit, OpenAPI, listings, exports and the two writes. Requests go straight to the app (no port is opened).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../src/server/app.js';
import { Ledger } from '../src/store/ledger.js';
import { openStore } from '../src/store/open.js';
import { doc, StubAnalyzer } from './fixtures/store/stubAnalyzer.js';

const TOKEN = 'test-token';
const store = await openStore(':memory:');
const ledger = new Ledger(store, () => new StubAnalyzer());
await ledger.ingest(doc('a', ['Minister resigns', 'E|PERSON|Jane Doe', 'Q|Jane Doe|I will not stand for this budget', 'V|resignation|resigned'],
  { date: '2024-03-01', outlet: 'Daily', url: 'https://daily.example/a' }));
const app = createApp({ store, ledger, token: TOKEN, maxBodyBytes: 10_000 });
const readOnly = createApp({ store, ledger, token: null, maxBodyBytes: 10_000 });
test.after(() => store.close());

const get = async (path: string) => {
  const r = await app.request(path);
  return { status: r.status, body: (await r.json()) as Record<string, any> };
};
const post = (path: string, body: unknown, token: string | null = TOKEN, a = app) =>
  a.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });

test('listings with filters and pages', async () => {
  const q = await get('/api/quotes?speaker=doe&q=budget&limit=10');
  assert.equal(q.status, 200);
  assert.equal(q.body.items.length, 1);
  assert.equal(q.body.next, null);
  assert.equal((await get('/api/events?event_type=resignation')).body.items[0].trigger, 'resigned');
  assert.equal((await get('/api/search?layer=documents&q=minister')).body.items[0].key, 'https://daily.example/a');
  assert.equal((await get('/api/timeline')).body.items[0].day, '2024-03-01');
  const d = await get(`/api/documents/${encodeURIComponent('https://daily.example/a')}`);
  assert.equal(d.body.record.quotes[0].speaker.name, 'Jane Doe');
});

test('every parameter is validated, errors are JSON with a stable code', async () => {
  for (const bad of ['/api/quotes?limit=0', '/api/quotes?limit=100000', '/api/quotes?from=yesterday', '/api/quotes?kind=loud', '/api/quotes?colour=red']) {
    const r = await get(bad);
    assert.equal(r.status, 400, bad);
    assert.equal(r.body.error.code, 'invalid_parameter', bad);
    assert.ok(r.body.error.message.length > 0);
  }
  const missing = await get('/api/documents/nope');
  assert.deepEqual([missing.status, missing.body.error.code], [404, 'not_found']);
  assert.equal((await get('/api/nothing')).body.error.code, 'not_found');
});

test('writes need the token; the body is size-limited and validated', async () => {
  const body = { text: 'Budget passes\nQ|John Roe|the budget passed at last\n', url: 'https://herald.example/b', date: '2024-03-02' };
  assert.equal((await post('/api/documents', body, null)).status, 401);
  assert.equal((await post('/api/documents', body, 'wrong')).status, 401);
  assert.equal((await post('/api/documents', body, TOKEN, readOnly)).status, 403);
  const created = await post('/api/documents', body);
  assert.equal(created.status, 201);
  assert.equal(((await created.json()) as { outcome: string }).outcome, 'stored');
  assert.equal((await post('/api/documents', body)).status, 200, 'the same document again is not stored twice');
  const big = await post('/api/documents', { text: 'x'.repeat(20_000) });
  assert.deepEqual([big.status, ((await big.json()) as any).error.code], [413, 'body_too_large']);
  const notJson = await post('/api/documents', '{"text": ');
  assert.equal(((await notJson.json()) as any).error.code, 'invalid_json');
  const invalid = await post('/api/documents', { text: '' });
  assert.equal(((await invalid.json()) as any).error.code, 'invalid_body');
});

test('corrections through the API, listed as history', async () => {
  const r = await post('/api/corrections', { action: 'fix_speaker', document: 'https://daily.example/a', quote: 'a:q1', name: 'J. Doe', who: 'desk', why: 'style' });
  assert.equal(r.status, 201);
  const missing = await post('/api/corrections', { action: 'reject', layer: 'quotes', document: 'https://daily.example/a', id: 'a:q9', who: 'desk', why: 'x' });
  assert.equal(missing.status, 404);
  const h = await get('/api/corrections?document=' + encodeURIComponent('https://daily.example/a'));
  assert.equal(h.body.items[0].who, 'desk');
  assert.equal((await get('/api/quotes?speaker=j%20doe')).body.items[0].corrected, true);
});

test('exports as CSV and citations; OpenAPI describes the endpoints', async () => {
  const csv = await (await app.request('/api/export?layer=quotes&format=csv')).text();
  assert.match(csv.split('\n')[0]!, /^document,id,kind,speaker/);
  const cite = await (await app.request('/api/export?format=citation&speaker=roe')).text();
  assert.match(cite, /^John Roe: “the budget passed at last” \(/);
  const spec = await get('/openapi.json');
  assert.equal(spec.body.openapi, '3.1.0');
  assert.ok(spec.body.paths['/api/quotes'].get.parameters.some((p: { name: string }) => p.name === 'speaker'));
});

test('an unexpected failure answers 500 without a stack trace', async () => {
  const broken = createApp({ store: { ...store, listQuotes: () => Promise.reject(new Error('secret detail at /srv/x.ts:1')) } as never, ledger, token: TOKEN, maxBodyBytes: 10_000 });
  const origError = console.error;
  console.error = () => undefined;
  try {
    const r = await broken.request('/api/quotes');
    const text = await r.text();
    assert.equal(r.status, 500);
    assert.doesNotMatch(text, /secret|\.ts/);
    assert.equal(JSON.parse(text).error.code, 'internal_error');
  } finally {
    console.error = origError;
  }
});
