// Security of the HTTP API, on SQLite and (when a server is reachable at NEWSLEDGER_TEST_PG, as in
// test/store-postgres.test.ts) on PostgreSQL: writes refused without the token and with a wrong one, leaving the store
// as it was; the body, page and URL limits; hostile strings (SQL, LIKE and FTS5 syntax, NUL, long Unicode) in every
// query parameter of every read endpoint, the endpoints and parameters read from the OpenAPI description so a new
// filter is covered without touching this file; path traversal on the static files through a real socket (no URL
// normalisation by a client); and internal errors answered with a generic JSON body naming the request, the detail
// going to the server log only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { createApp, MAX_URL_CHARS } from '../src/server/app.js';
import { openApiDocument } from '../src/server/openapi.js';
import { webRoot } from '../src/server/static.js';
import { Ledger } from '../src/store/ledger.js';
import { openStore } from '../src/store/open.js';
import type { SqlStore } from '../src/store/sqlStore.js';
import type { Store } from '../src/store/store.js';
import { freshPgSchema } from '../src/store/pgSchema.js';
import { pgTestUrl } from './fixtures/store/pg.js';
import { doc, StubAnalyzer } from './fixtures/store/stubAnalyzer.js';

// Asked before any test is registered: a running test would keep the event loop too busy for the connection.
const pgBase = await pgTestUrl();

const TOKEN = 'test-token-5f1c';
const MAX_BODY = 10_000;

/** Strings a hostile caller puts in a filter: SQL, LIKE wildcards, escapes, NUL, FTS5 and tsquery syntax, Unicode. */
export const HOSTILE = [
  "' OR 1=1 --", "' OR '1'='1", '"; DROP TABLE documents; --', "'); DELETE FROM quotes; --", "x' UNION SELECT raw_text FROM versions --",
  '1; SELECT pg_sleep(5)', "'' ; --", '%', '_', '%%', '%_%', '\\', '\\%', "\\'", '\u0000', 'a\u0000b', '%00',
  'NEAR(', 'NEAR(budget passes, 2)', '"unbalanced', 'unbalanced"', '"', '""', '*', 'budget*', '^budget', 'col:', 'content:budget',
  'speaker:doe', '{content speaker}:x', 'budget AND', 'OR', 'NOT budget', '-budget', '+budget', '(', ')', '(budget', 'a & b | !c',
  'a <-> b', "a:*", '$1', '?', ':name', '@p', '[', ']', '\u202e', '\ud800', '\udfff\ud800', '<script>alert(1)</script>',
  '../../etc/passwd', '-1', '1e309', 'NaN', 'Infinity', '0x10', '9'.repeat(40), '', ' ', 'null', '[object Object]', '__proto__',
  'Ω'.repeat(499), 'Ω'.repeat(501), '😀'.repeat(300), 'مرحبا'.repeat(120), 'e\u0301'.repeat(260), 'x'.repeat(5000),
];

/** The strings every layer of the layer-taking endpoints (search, export) meets; the rest meet the default layer. */
const CORE = ["' OR 1=1 --", '"; DROP TABLE documents; --', '%', '_', '\\', 'a\u0000b', 'NEAR(', '"unbalanced', '*', 'content:budget', 'a & b | !c', '😀'.repeat(300), 'Ω'.repeat(499)];

/** Text that must never reach a caller: stack frames, source paths, database error text. */
const LEAK = /\bat [\w$.<>]+ \(|\(?\/[\w./-]+\.(?:ts|js|mjs):\d+|node_modules|SQLITE_|SqliteError|sqlite3|syntax error|no such (?:table|column|function)|fts5|unterminated|DatabaseError|invalid byte sequence|tsquery|\bstack\b/i;

/** encodeURIComponent, with lone surrogates sent as U+FFFD (as any client's UTF-8 encoder would send them). */
const enc = (s: string) => encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'));

function assertClean(label: string, status: number, body: string, allowed: number[]): void {
  assert.ok(allowed.includes(status), `${label}: status ${status} (${body.slice(0, 300)})`);
  assert.doesNotMatch(body, LEAK, `${label}: leaks internals: ${body.slice(0, 300)}`);
}

/** What a listing of the store looks like: any change made by a request shows here. */
async function snapshot(store: Store): Promise<string> {
  const driver = (store as SqlStore).driver;
  const tables = store.dialect === 'sqlite'
    ? await driver.all("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name")
    : await driver.all('SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename');
  const page = { limit: 500, offset: 0 };
  return JSON.stringify({
    tables,
    counts: await store.counts(),
    seq: await store.lastSeq(),
    documents: await store.listDocuments({}, page),
    quotes: await store.listQuotes({}, page),
    entities: await store.listEntities({}, page),
    events: await store.listEvents({}, page),
    claims: await store.listClaims({}, page),
    corrections: await store.listCorrections({}, page),
  });
}

async function fill(store: Store): Promise<Ledger> {
  const ledger = new Ledger(store, () => new StubAnalyzer());
  await ledger.ingest(doc('a', ['Minister resigns', 'E|PERSON|Jane Doe', 'Q|Jane Doe|I will not stand for this budget', 'V|resignation|resigned', 'C|denied|the budget was cut'],
    { date: '2024-03-01', outlet: 'Daily', url: 'https://daily.example/a' }));
  await ledger.ingest(doc('b', ['Budget passes', 'E|ORG|Parliament', 'Q|John Roe|the budget passed at last', 'I|Jane Doe|I will not stand for this budget'],
    { date: '2024-03-02', outlet: 'Herald', url: 'https://herald.example/b' }));
  return ledger;
}

interface Endpoint {
  path: string;
  params: Array<{ name: string; enum?: string[] }>;
}

/** Every read endpoint with its query parameters, from the OpenAPI description the server publishes. */
function readEndpoints(): Endpoint[] {
  const paths = openApiDocument().paths as Record<string, { get?: { parameters?: Array<{ name: string; in: string; schema: { enum?: string[] } }> } }>;
  return Object.entries(paths).filter(([, p]) => p.get).map(([path, p]) => ({
    path,
    params: (p.get!.parameters ?? []).map((x) => ({ name: x.name, ...(x.schema.enum ? { enum: x.schema.enum } : {}), in: x.in })) as Endpoint['params'],
  }));
}

/** Every write endpoint, from the OpenAPI description, with a body that would be accepted with the token. */
function writeEndpoints(): Array<{ path: string; body: unknown }> {
  const bodies: Record<string, unknown> = {
    '/api/documents': { text: 'Budget vote\nQ|Ann Poe|we won the vote\n', url: 'https://courier.example/c', date: '2024-03-03' },
    '/api/corrections': { action: 'fix_speaker', document: 'https://daily.example/a', quote: 'a:q1', name: 'J. Doe', who: 'desk', why: 'style' },
  };
  const paths = openApiDocument().paths as Record<string, { post?: unknown }>;
  return Object.entries(paths).filter(([, p]) => p.post).map(([path]) => {
    assert.ok(path in bodies, `${path} is a write endpoint this test has no body for: add one`);
    return { path, body: bodies[path] };
  });
}

function securitySuite(name: string, open: () => Promise<Store>, skip: string | false): void {
  const t = (title: string, fn: () => Promise<void>) => test(`${name}: ${title}`, { skip }, fn);

  t('writes are refused without the token or with a wrong one, and change nothing', async () => {
    const store = await open();
    try {
      const ledger = await fill(store);
      const app = createApp({ store, ledger, token: TOKEN, maxBodyBytes: MAX_BODY });
      const readOnly = createApp({ store, ledger, token: null, maxBodyBytes: MAX_BODY });
      const before = await snapshot(store);
      const headers: Array<Record<string, string>> = [
        {}, { authorization: '' }, { authorization: 'Bearer' }, { authorization: 'Bearer ' }, { authorization: 'Bearer wrong' },
        { authorization: `Bearer ${TOKEN}x` }, { authorization: `Bearer ${TOKEN.slice(0, -1)}` }, { authorization: `Bearer ${TOKEN.toUpperCase()}` },
        { authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}` }, { authorization: TOKEN }, { 'x-token': TOKEN },
        { authorization: `Bearer ${TOKEN}\u0000` }, { cookie: `token=${TOKEN}` },
      ];
      for (const w of writeEndpoints()) {
        for (const h of headers) {
          for (const [body, label] of [[JSON.stringify(w.body), 'valid'], ['{"text": ', 'broken'], ['x'.repeat(MAX_BODY - 100), 'junk']] as const) {
            let r: Response;
            try {
              r = await app.request(w.path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...h } });
            } catch {
              continue; // a header the Fetch API itself refuses (NUL) never reaches a server
            }
            const text = await r.text();
            assertClean(`POST ${w.path} ${JSON.stringify(h)} ${label}`, r.status, text, [401]);
            assert.equal(JSON.parse(text).error.code, 'unauthorized');
          }
          const r = await app.request(`${w.path}?token=${TOKEN}`, { method: 'POST', body: JSON.stringify(w.body), headers: { 'content-type': 'application/json' } });
          assert.equal(r.status, 401, 'a token in the query string is not a credential');
        }
        // Refused before the body is read: a large streamed body without the token is a 401, not a 413.
        const chunks = Array.from({ length: 40 }, () => new TextEncoder().encode('x'.repeat(1000)));
        const stream = new ReadableStream<Uint8Array>({ pull(c) { const x = chunks.pop(); if (x) c.enqueue(x); else c.close(); } });
        const streamed = await app.request(w.path, { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'application/json' } } as RequestInit);
        assert.equal(streamed.status, 401);
        assert.equal(chunks.length > 30, true, 'the body was not read');
        const ro = await readOnly.request(w.path, { method: 'POST', body: JSON.stringify(w.body), headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` } });
        assert.equal(ro.status, 403);
      }
      // Methods the API does not have: nothing answers them but the JSON 404.
      for (const e of readEndpoints()) {
        for (const method of ['PUT', 'PATCH', 'DELETE']) {
          const path = e.path.replace('{key}', encodeURIComponent('https://daily.example/a'));
          const r = await app.request(path, { method, body: '{}', headers: { authorization: `Bearer ${TOKEN}` } });
          assertClean(`${method} ${path}`, r.status, await r.text(), [404]);
        }
      }
      assert.equal(await snapshot(store), before, 'refused writes left the store as it was');
      // The same bodies with the token are accepted: the refusals above were the token's doing.
      for (const w of writeEndpoints()) {
        const r = await app.request(w.path, { method: 'POST', body: JSON.stringify(w.body), headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` } });
        assert.equal(r.status, 201, `${w.path} with the token: ${await r.text()}`);
      }
    } finally {
      await store.close();
    }
  });

  t('limits: body size (413), page size (refused above the maximum, 400), URL length (414)', async () => {
    const store = await open();
    try {
      const ledger = await fill(store);
      const app = createApp({ store, ledger, token: TOKEN, maxBodyBytes: MAX_BODY });
      const before = await snapshot(store);
      const auth = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
      for (const w of writeEndpoints()) {
        const big = await app.request(w.path, { method: 'POST', body: JSON.stringify({ text: 'x'.repeat(MAX_BODY) }), headers: auth });
        assert.deepEqual([big.status, ((await big.json()) as any).error.code], [413, 'body_too_large']);
        // No Content-Length: the body is counted as it streams.
        const chunks = Array.from({ length: 20 }, () => new TextEncoder().encode('x'.repeat(1000)));
        const stream = new ReadableStream<Uint8Array>({ pull(c) { const x = chunks.pop(); if (x) c.enqueue(x); else c.close(); } });
        const streamed = await app.request(w.path, { method: 'POST', body: stream, headers: auth, duplex: 'half' } as RequestInit);
        assert.equal(streamed.status, 413);
        // Deeply nested JSON within the size limit is a validation error, not a crash.
        const deep = await app.request(w.path, { method: 'POST', body: '['.repeat(4000) + ']'.repeat(4000), headers: auth });
        assertClean(`deep JSON ${w.path}`, deep.status, await deep.text(), [400]);
        const deepObj = await app.request(w.path, { method: 'POST', body: '{"a":'.repeat(1500) + '1' + '}'.repeat(1500), headers: auth });
        assertClean(`deep object ${w.path}`, deepObj.status, await deepObj.text(), [400]);
        const nul = await app.request(w.path, { method: 'POST', body: JSON.stringify({ ...(w.body as object), who: 'a\u0000b', text: 'Head\nQ|A B|x\u0000y\n' }), headers: auth });
        assertClean(`NUL in body ${w.path}`, nul.status, await nul.text(), [400]);
      }
      const max = openApiDocument().paths['/api/quotes'].get.parameters.find((p) => p.name === 'limit')!.schema as { maximum: number };
      assert.equal((await app.request(`/api/quotes?limit=${max.maximum}`)).status, 200);
      for (const bad of [`limit=${max.maximum + 1}`, 'limit=0', 'limit=-1', 'limit=1e309', 'limit=NaN', 'limit=2.5', 'offset=-1', 'offset=1000001', 'offset=1e400']) {
        const r = await app.request(`/api/quotes?${bad}`);
        const text = await r.text();
        assertClean(bad, r.status, text, [400]);
        assert.equal(JSON.parse(text).error.code, 'invalid_parameter');
      }
      assert.equal((await app.request('/api/export?limit=10001')).status, 400);
      const long = await app.request(`/api/quotes?q=${'a'.repeat(MAX_URL_CHARS)}`);
      assert.deepEqual([long.status, ((await long.json()) as any).error.code], [414, 'uri_too_long']);
      const longPath = await app.request(`/api/documents/${'k'.repeat(MAX_URL_CHARS)}`);
      assert.equal(longPath.status, 414);
      const longQ = await app.request(`/api/quotes?q=${'a'.repeat(501)}`);
      assert.equal(longQ.status, 400, 'a filter is at most 500 characters');
      assert.equal((await app.request(`/api/documents/${'k'.repeat(3000)}`)).status, 400);
      assert.equal(await snapshot(store), before);
    } finally {
      await store.close();
    }
  });

  t('hostile strings in every parameter of every read endpoint: no 500, no internals, the store unchanged', async () => {
    const store = await open();
    try {
      const ledger = await fill(store);
      const app = createApp({ store, ledger, token: TOKEN, maxBodyBytes: MAX_BODY });
      const before = await snapshot(store);
      const endpoints = readEndpoints();
      assert.ok(endpoints.length >= 10 && endpoints.some((e) => e.params.some((p) => p.name === 'speaker')), 'the endpoints come from the OpenAPI description');
      let requests = 0;
      const check = async (path: string, allowed: number[]) => {
        const r = await app.request(path);
        const text = await r.text();
        requests++;
        assertClean(`GET ${path.slice(0, 200)}`, r.status, text, allowed);
        if (r.status >= 400) {
          const e = JSON.parse(text).error;
          assert.equal(typeof e.code, 'string', path);
          assert.equal(typeof e.request_id, 'string', path);
          assert.equal(r.headers.get('x-request-id'), e.request_id);
        } else if ((r.headers.get('content-type') ?? '').startsWith('application/json')) JSON.parse(text);
      };
      for (const e of endpoints) {
        if (e.path.includes('{key}')) {
          for (const s of HOSTILE) await check(e.path.replace('{key}', enc(s)), [400, 404]);
          for (const raw of ['%', '%zz', '%00', '%ED%A0%80', '..%2f..%2fetc%2fpasswd', '%2e%2e']) await check(e.path.replace('{key}', raw), [400, 404]);
          continue;
        }
        // The layer-taking endpoints are swept once per layer, so each layer's SQL meets every filter.
        const layers = e.params.find((p) => p.name === 'layer')?.enum ?? [null];
        for (const layer of [null, ...layers.filter((l) => l !== null)]) {
          const base = layer ? `layer=${layer}&` : '';
          for (const p of e.params) {
            for (const s of layer ? CORE : HOSTILE) await check(`${e.path}?${base}${p.name}=${enc(s)}`, [200, 400]);
            for (const raw of ['%', '%zz', '%00', '%ED%A0%80', '+', '&', '=']) await check(`${e.path}?${base}${p.name}=${raw}`, [200, 400]);
            await check(`${e.path}?${base}${p.name}=a&${p.name}=b`, [200, 400]);
            await check(`${e.path}?${base}${p.name}[]=a`, [200, 400]);
          }
          // All free-text filters at once, with an operator-laden query.
          const text = e.params.filter((p) => !p.enum && !['limit', 'offset', 'from', 'to'].includes(p.name));
          await check(`${e.path}?${base}${text.map((p) => `${p.name}=${encodeURIComponent("' OR 1=1 --")}`).join('&')}`, [200, 400]);
        }
      }
      for (const raw of ['__proto__=1', 'constructor=1', 'q=1&__proto__[x]=1', '%00=1', '=1', '&&&', '?q=1']) await check(`/api/quotes?${raw}`, [200, 400]);
      assert.ok(requests > 1000, `${requests} requests`);
      assert.equal(await snapshot(store), before, 'no read changed the store');
      // And the filters still find what they should: the hostile strings were values, never syntax.
      const ok = (await (await app.request('/api/quotes?q=budget&speaker=doe')).json()) as { items: unknown[] };
      assert.equal(ok.items.length, 2);
      const none = (await (await app.request(`/api/quotes?speaker=${encodeURIComponent("doe' OR '1'='1")}`)).json()) as { items: unknown[] };
      assert.equal(none.items.length, 0);
    } finally {
      await store.close();
    }
  });

  t('an internal error answers a generic JSON body with a request id; the detail goes to the log only', async () => {
    const store = await open();
    const logged: string[] = [];
    const origError = console.error;
    try {
      const ledger = await fill(store);
      const secret = 'SQLITE_ERROR: no such table: secret_table at /srv/newsledger/src/store/x.ts:12';
      const failing = new Proxy(store, {
        get(target, prop, receiver) {
          const v = Reflect.get(target, prop, receiver);
          if (typeof v !== 'function' || prop === 'close') return v;
          // Some methods throw synchronously, some reject: both must be caught.
          return String(prop).startsWith('list') ? () => { throw new Error(secret); } : () => Promise.reject(new Error(secret));
        },
      });
      const app = createApp({ store: failing, ledger, token: TOKEN, maxBodyBytes: MAX_BODY });
      console.error = (...a: unknown[]) => void logged.push(a.map(String).join(' '));
      for (const e of readEndpoints()) {
        const path = e.path.replace('{key}', 'k');
        if (path === '/openapi.json') continue;
        const r = await app.request(path);
        const text = await r.text();
        assertClean(path, r.status, text, [500]);
        assert.doesNotMatch(text, /secret|\/srv\//, path);
        const body = JSON.parse(text) as { error: { code: string; message: string; request_id: string } };
        assert.equal(body.error.code, 'internal_error');
        assert.match(body.error.request_id, /^[0-9a-f-]{36}$/);
        assert.equal(r.headers.get('x-request-id'), body.error.request_id);
        const line = logged.find((l) => l.includes(body.error.request_id));
        assert.ok(line, `the log names request ${body.error.request_id}`);
        assert.match(line, /secret_table/);
        assert.match(line, /\n\s+at /, 'the log has the stack');
      }
      const health = await app.request('/health');
      assert.equal(health.status, 500);
    } finally {
      console.error = origError;
      await store.close();
    }
  });
}

securitySuite('sqlite', () => openStore(':memory:'), false);

if (!pgBase.url && process.env.CI === 'true') {
  test('postgres: a server is required under CI', () => {
    assert.fail(`no PostgreSQL server: ${pgBase.reason} (run scripts/ci-postgres.sh and export NEWSLEDGER_TEST_PG)`);
  });
}
let pgSchemas = 0;
const pgRun = `sec${process.pid}`;
const pgDrops: Array<() => Promise<void>> = [];
securitySuite('postgres', async () => {
  const schema = await freshPgSchema(pgBase.url!, `${pgRun}_${++pgSchemas}`);
  pgDrops.push(schema.drop);
  return openStore(schema.url);
}, pgBase.url ? false : `no PostgreSQL server (${pgBase.reason}); set NEWSLEDGER_TEST_PG or run scripts/ci-postgres.sh`);
test.after(async () => {
  for (const drop of pgDrops) await drop();
});

// Static files over a real socket: the request line goes out exactly as written, with no client normalising "..".
test('static files: traversal, encoded separators, absolute paths and NUL are refused', async () => {
  const store = await openStore(':memory:');
  const app = createApp({ store, ledger: new Ledger(store, () => new StubAnalyzer()), token: null, maxBodyBytes: MAX_BODY });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const raw = (target: string) => new Promise<{ status: number; text: string }>((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.end(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let data = '';
    s.on('data', (b) => (data += b.toString('latin1')));
    s.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1] ?? 0), text: data }));
    s.on('error', reject);
  });
  try {
    const targets = [
      '/static/../package.json', '/static/../../package.json', '/static/%2e%2e/package.json', '/static/%2E%2E/%2E%2E/package.json',
      '/static/..%2fpackage.json', '/static/..%2f..%2fpackage.json', '/static/%2e%2e%2fpackage.json', '/static/%252e%252e%252fpackage.json',
      '/static/..%5cpackage.json', '/static/..%5c..%5cpackage.json', '/static/%5c..%5cpackage.json', '/static/..\\package.json',
      '/static//etc/passwd', '/static/%2fetc%2fpasswd', '/static/%2Fetc/passwd.css', '/static/C:%5cWindows%5cwin.ini', '/static/file:///etc/passwd',
      '/static/main.js%00.css', '/static/%00', '/static/style.css%00', '/static/....//package.json', '/static/.%2e/.%2e/package.json',
      '/static/./main.js/../../package.json', '/static/%c0%ae%c0%ae/package.json', '/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json',
      '/document/..%2f..%2fpackage.json', '/static/.env', '/static/.git/config', '/static/main.js.map', '/static/main.ts', '/static/',
      'http://127.0.0.1/static/../package.json', '/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    ];
    for (const target of targets) {
      const r = await raw(target);
      // A page path (/document/...) answers the page's shell, whatever follows it: that is not a file read.
      const shell = target.startsWith('/document/') && r.status === 200 && r.text.includes('<!doctype html>');
      assert.ok(shell || (r.status >= 400 && r.status < 500), `${target}: status ${r.status}`);
      assert.doesNotMatch(r.text, /devDependencies|"name": "newsledger"|root:x?:0:0|\[core\]|sourceMappingURL/, target);
      assert.doesNotMatch(r.text, LEAK, target);
    }
    if (webRoot()) {
      const ok = await raw('/static/main.js');
      assert.equal(ok.status, 200, 'the page module itself is served');
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  }
});

// The security headers and the request id are set on the response a handler made (not rebuilt through c.header(),
// which costs a full Fetch Response per request): every kind of answer, through the Node adapter on a real socket,
// still carries all of them, with its body and status intact.
test('every answer over a real socket carries the security headers and its request id', async () => {
  const store = await openStore(':memory:');
  const ledger = new Ledger(store, () => new StubAnalyzer());
  await ledger.ingest(doc('h1', ['"We will pass the budget," said Jane Doe.']));
  const app = createApp({ store, ledger, token: TOKEN, maxBodyBytes: MAX_BODY });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const cases: Array<[string, RequestInit, number]> = [
      ['/api/documents', {}, 200], ['/api/quotes?q=budget', {}, 200], ['/api/statements', {}, 200], ['/api/documents/h1', {}, 200],
      ['/api/documents/none', {}, 404], ['/api/quotes?limit=0', {}, 400], ['/nowhere', {}, 404], ['/', {}, webRoot() ? 200 : 503],
      ['/api/documents', { method: 'HEAD' }, 200], ['/api/documents', { method: 'POST', body: '{}' }, 401],
      ...(webRoot() ? [['/static/main.js', {}, 200] as [string, RequestInit, number]] : []),
    ];
    const ids = new Set<string>();
    for (const [path, init, status] of cases) {
      const r = await fetch(base + path, init);
      const text = await r.text();
      const label = `${init.method ?? 'GET'} ${path}`;
      assert.equal(r.status, status, `${label}: ${text.slice(0, 200)}`);
      assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'/, label);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', label);
      assert.equal(r.headers.get('x-frame-options'), 'DENY', label);
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer', label);
      const id = r.headers.get('x-request-id') ?? '';
      assert.match(id, /^[0-9a-f-]{36}$/, label);
      ids.add(id);
      if (status >= 400 && path !== '/' && init.method !== 'HEAD') assert.equal((JSON.parse(text) as { error: { request_id: string } }).error.request_id, id, label);
      if (path === '/api/documents/h1') assert.equal((JSON.parse(text) as { row: { key: string } }).row.key, 'h1');
      if (path.startsWith('/api/') && status === 200 && init.method !== 'HEAD') assert.match(r.headers.get('content-type') ?? '', /application\/json/, label);
    }
    assert.equal(ids.size, cases.length, 'one id per request');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  }
});
