// The HTTP API (Hono): JSON listings with filters and pages, one document with its corrections, search, timeline,
// exports, and the two writes (ingest a document, record a correction), which need the token.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { listLayer } from '../cli/commands/search.js';
import { correctionInput } from '../store/corrections.js';
import { citation, exportLines } from '../store/export.js';
import { contentHash } from '../store/hash.js';
import type { Ledger } from '../store/ledger.js';
import type { Filters, QuoteRow, Store } from '../store/store.js';
import { StoreError } from '../store/store.js';
import { checkWrite } from './auth.js';
import { ApiError, errorBody, invalid, sendError } from './errors.js';
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

function parse<S extends z.ZodTypeAny>(schema: S, value: unknown, where: string): z.infer<S> {
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

  app.onError((e, c) => {
    if (e instanceof ApiError) return sendError(c, e);
    if (e instanceof StoreError) return c.json(errorBody(e.code, e.message), e.code === 'not_found' ? 404 : 400);
    // Anything else is our bug: log it for the operator, tell the caller only that it happened.
    console.error(`newsledger serve: ${c.req.method} ${c.req.path}: ${(e as Error).stack ?? String(e)}`);
    return c.json(errorBody('internal_error', 'the server failed to answer this request; the error was logged'), 500);
  });
  app.notFound((c) => c.json(errorBody('not_found', `no endpoint ${c.req.method} ${c.req.path}; see /openapi.json`), 404));

  app.use('*', securityHeaders);
  app.use('*', bodyLimit({
    maxSize: o.maxBodyBytes,
    onError: (c) => c.json(errorBody('body_too_large', `request bodies are limited to ${o.maxBodyBytes} bytes`), 413),
  }));

  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/health', async (c) => c.json({ ok: true, store: store.dialect, ...(await store.counts()) }));

  app.get('/api/documents', async (c) => {
    const { page, f } = split(parse(listQuery, c.req.query(), 'parameter'));
    return c.json(await store.listDocuments(f, page));
  });
  app.get('/api/documents/:key{.+}', async (c) => {
    const view = await store.getDocument(c.req.param('key'));
    if (!view) throw new ApiError(404, 'not_found', `no document "${c.req.param('key')}"`);
    return c.json(view);
  });
  app.post('/api/documents', async (c) => {
    checkWrite(o.token, c.req.header('authorization'));
    const b = parse(documentBody, await jsonBody(c), 'body');
    // Without an id or URL the text names the document: posting it again is then recognised as the same one.
    const id = b.id ?? b.url ?? `api:${contentHash(b.text).slice(0, 16)}`;
    const r = await o.ledger.ingest({
      id, source: b.url ? { url: b.url } : { corpus: 'api' }, text: b.text, date: b.date?.slice(0, 10) ?? null,
      outlet: b.outlet ?? null, url: b.url ?? null, notes: [],
    });
    return c.json(r, r.outcome === 'unchanged' ? 200 : 201);
  });

  for (const layer of ['quotes', 'statements', 'entities', 'events', 'claims'] as const) {
    app.get(`/api/${layer}`, async (c) => {
      const { page, f } = split(parse(listQuery, c.req.query(), 'parameter'));
      return c.json(await listLayer(store, layer, f, page));
    });
  }

  app.get('/api/search', async (c) => {
    const { page, f } = split(parse(searchQuery, c.req.query(), 'parameter'));
    const { layer, ...filters } = f;
    return c.json(await listLayer(store, layer, filters, page));
  });

  app.get('/api/timeline', async (c) => c.json({ items: await store.timeline(parse(timelineQuery, c.req.query(), 'parameter')) }));

  app.get('/api/export', async (c) => {
    const { page, f } = split(parse(exportQuery, c.req.query(), 'parameter'));
    const { layer, format, ...filters } = f;
    if (format === 'citation' && layer !== 'quotes') throw new ApiError(400, 'invalid_parameter', 'format: citation is for layer=quotes');
    const rows = (await listLayer(store, layer, filters, page)).items;
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
    return c.json(await o.ledger.correct(input), 201);
  });

  mountPages(app);
  return app;
}
