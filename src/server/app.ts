// The HTTP API (Hono): JSON listings with filters and pages, one document with its corrections, search, timeline,
// exports, and the two writes (ingest a document, record a correction), which need the token.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { listLayer } from '../cli/commands/search.js';
import { correctionInput } from '../store/corrections.js';
import { citation, exportLines } from '../store/export.js';
import type { IngestedDoc } from '../ingest/document.js';
import { contentHash } from '../store/hash.js';
import { documentError } from '../store/ingestRun.js';
import type { Ledger } from '../store/ledger.js';
import type { Filters, QuoteRow, Store } from '../store/store.js';
import { StoreError } from '../store/store.js';
import type { LAYERS } from '../store/params.js';
import { AGGREGATE_LAYERS, AggregateReads } from './aggregates.js';
import { checkWrite } from './auth.js';
import { ApiError, fail, invalid, requestId, requestIds, sendError } from './errors.js';
import { openApiDocument } from './openapi.js';
import { mountPages, securityHeaders } from './pages.js';
import { correctionsQuery, documentBody, exportQuery, listQuery, searchQuery, timelineQuery } from './schemas.js';

export interface AppOptions {
  store: Store;
  ledger: Ledger;
  /** The write token; null makes the API read-only. */
  token: string | null;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
}

/** 10 MB: a long article is under 1 MB of text; this leaves room for JSON escaping without inviting abuse. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Longest request URL (path and query) accepted, in characters as sent (percent-encoded): every filter is at most 500
 * characters, so a legitimate query is far shorter; longer ones are refused with 414 before anything reads them.
 */
export const MAX_URL_CHARS = 8192;

/** Longest document key in a path (/api/documents/KEY): keys are URLs or ids, at most 2000 characters when stored. */
const MAX_KEY_CHARS = 2048;

/**
 * The first string in a value (query, body, nested) holding a NUL, as its dotted path; PostgreSQL cannot store one.
 * A walk with its own stack, so JSON nested thousands deep (well within the body limit) cannot overflow the call stack.
 */
function nulAt(value: unknown, where: string): string | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path || where;
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) stack.push([x, path ? `${path}.${k}` : k]);
    }
  }
  return null;
}

function parse<S extends z.ZodTypeAny>(schema: S, value: unknown, where: string): z.infer<S> {
  // Refused for every store alike: SQLite would take the NUL, PostgreSQL would fail on it.
  const nul = nulAt(value, where);
  if (nul !== null) throw new ApiError(400, `invalid_${where}`, `${nul}: must not contain a NUL character`);
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(r.error, where);
  return r.data;
}

/** Splits validated query values into the page and the filters. */
function split<T extends { limit: number; offset: number }>(q: T): { page: { limit: number; offset: number }; f: Filters & Omit<T, 'limit' | 'offset'> } {
  const { limit, offset, ...f } = q;
  return { page: { limit, offset }, f: f as Filters & Omit<T, 'limit' | 'offset'> };
}

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
  }
}

export function createApp(o: AppOptions): Hono {
  const app = new Hono();
  const { store } = o;
  const aggregates = new AggregateReads(store);
  const list = (layer: (typeof LAYERS)[number], f: Filters, page: { limit: number; offset: number }) =>
    AGGREGATE_LAYERS.has(layer) ? aggregates.list(layer, f, page) : listLayer(store, layer, f, page);

  app.onError((e, c) => {
    if (e instanceof ApiError) return sendError(c, e);
    if (e instanceof StoreError) return fail(c, e.code === 'not_found' ? 404 : 400, e.code, e.message);
    // Anything else is our bug: log it for the operator with the request's id, tell the caller only that it happened
    // and which id to quote. The path is logged as a JSON string, so a decoded newline in it cannot forge a log line.
    const id = requestId(c);
    console.error(`newsledger serve: request ${id}: ${c.req.method} ${JSON.stringify(c.req.path)}: ${(e as Error)?.stack ?? String(e)}`);
    return fail(c, 500, 'internal_error', `the server failed to answer this request; the error was logged as request ${id}`);
  });
  app.notFound((c) => fail(c, 404, 'not_found', `no endpoint ${c.req.method} ${c.req.path}; see /openapi.json`));

  app.use('*', requestIds);
  app.use('*', securityHeaders);
  app.use('*', async (c, next) => {
    // The URL as sent, after the origin: what the caller chose to send, whatever the router makes of it.
    const url = c.req.url;
    const start = url.indexOf('/', url.indexOf('//') + 2);
    const length = start < 0 ? 0 : url.length - start;
    if (length > MAX_URL_CHARS) return fail(c, 414, 'uri_too_long', `request URLs are limited to ${MAX_URL_CHARS} characters`);
    await next();
  });
  const limitBody = bodyLimit({
    maxSize: o.maxBodyBytes,
    onError: (c) => fail(c, 413, 'body_too_large', `request bodies are limited to ${o.maxBodyBytes} bytes`),
  });
  // Every request that may carry a body is a write: the token is checked before any of the body is read, so a
  // caller without it cannot make the server buffer bodies; then the size limit. GET and HEAD skip both (the limiter
  // reads c.req.raw, which the Node adapter builds in full on first use).
  app.use('*', (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    checkWrite(o.token, c.req.header('authorization'));
    return limitBody(c, next);
  });

  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/health', async (c) => c.json({ ok: true, store: store.dialect, ...(await store.counts()) }));

  app.get('/api/documents', async (c) => {
    const { page, f } = split(parse(listQuery, c.req.query(), 'parameter'));
    return c.json(await store.listDocuments(f, page));
  });
  app.get('/api/documents/:key{.+}', async (c) => {
    const key = c.req.param('key');
    if (key.length > MAX_KEY_CHARS) throw new ApiError(400, 'invalid_parameter', `key: at most ${MAX_KEY_CHARS} characters`);
    if (key.includes('\u0000')) throw new ApiError(400, 'invalid_parameter', 'key: must not contain a NUL character');
    const view = await store.getDocument(key);
    if (!view) throw new ApiError(404, 'not_found', `no document ${JSON.stringify(key)}`);
    return c.json(view);
  });
  app.post('/api/documents', async (c) => {
    checkWrite(o.token, c.req.header('authorization'));
    const b = parse(documentBody, await jsonBody(c), 'body');
    // Without an id or URL the text names the document: posting it again is then recognised as the same one.
    const id = b.id ?? b.url ?? `api:${contentHash(b.text).slice(0, 16)}`;
    const doc: IngestedDoc = {
      id, source: b.url ? { url: b.url } : { corpus: 'api' }, text: b.text, date: b.date?.slice(0, 10) ?? null,
      outlet: b.outlet ?? null, url: b.url ?? null, notes: [],
    };
    let r;
    try {
      r = await o.ledger.ingest(doc);
    } catch (e) {
      // A document the API accepted but could not analyse or store is kept as an error entry, like a CLI input, so
      // `newsledger errors` lists it and `newsledger retry` processes it again; the client gets the generic error.
      if (!(e instanceof StoreError)) await store.recordError(documentError(`api:${id}`, doc, e)).catch(() => undefined);
      throw e;
    }
    aggregates.invalidate();
    return c.json(r, r.outcome === 'unchanged' ? 200 : 201);
  });

  for (const layer of ['quotes', 'statements', 'entities', 'events', 'claims'] as const) {
    app.get(`/api/${layer}`, async (c) => {
      const { page, f } = split(parse(listQuery, c.req.query(), 'parameter'));
      return c.json(await list(layer, f, page));
    });
  }

  app.get('/api/search', async (c) => {
    const { page, f } = split(parse(searchQuery, c.req.query(), 'parameter'));
    const { layer, ...filters } = f;
    return c.json(await list(layer, filters, page));
  });

  app.get('/api/timeline', async (c) => c.json({ items: await store.timeline(parse(timelineQuery, c.req.query(), 'parameter')) }));

  app.get('/api/export', async (c) => {
    const { page, f } = split(parse(exportQuery, c.req.query(), 'parameter'));
    const { layer, format, ...filters } = f;
    if (format === 'citation' && layer !== 'quotes') throw new ApiError(400, 'invalid_parameter', 'format: citation is for layer=quotes');
    const rows = (await list(layer, filters, page)).items;
    const body = format === 'citation' ? (rows as QuoteRow[]).map(citation) : exportLines(rows, format, true);
    const type = format === 'csv' ? 'text/csv; charset=utf-8' : format === 'jsonl' ? 'application/x-ndjson' : 'text/plain; charset=utf-8';
    return c.body(body.join('\n') + (body.length ? '\n' : ''), 200, { 'content-type': type });
  });

  app.get('/api/corrections', async (c) => {
    const { page, f } = split(parse(correctionsQuery, c.req.query(), 'parameter'));
    return c.json(await store.listCorrections(f, page));
  });
  app.post('/api/corrections', async (c) => {
    checkWrite(o.token, c.req.header('authorization'));
    const input = parse(correctionInput, await jsonBody(c), 'body');
    const done = await o.ledger.correct(input);
    aggregates.invalidate();
    return c.json(done, 201);
  });

  mountPages(app);
  return app;
}
