// The API's errors: JSON with a stable code, a message written for the caller and the request's id (also in the
// x-request-id header, and in the server log next to any detail), never a stack trace.
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler, Next } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const REQUEST_ID_HEADER = 'x-request-id';

/** The id of this request, made on first use: answers and log lines name it, so a report can be matched to the log. */
export function requestId(c: Context): string {
  let id = ids.get(c);
  if (!id) {
    id = randomUUID();
    ids.set(c, id);
  }
  return id;
}

/** Keyed by the request's context (the same object in middleware, handlers and onError): reading c.req.raw would make
 * the Node adapter build a whole Fetch Request for every request, a large part of a small request's cost. */
const ids = new WeakMap<Context, string>();

/**
 * Sets a header on every response without rebuilding it. c.header() after the handler copies the finished response
 * (Hono rebuilds it through its body stream, and the Node adapter's lightweight response becomes a full Fetch Response
 * whose body is then streamed): under load that was the largest cost after the queries themselves. So the header is
 * set before the handler runs, where c.json() and the other helpers take it into the response they make (and HEAD's
 * copy of it keeps it); after the handler, only a response made some other way (without the context's headers) is
 * given it the old way.
 */
export async function withHeaders(c: Context, next: Next, headers: ReadonlyArray<readonly [string, string]>): Promise<void> {
  for (const [name, value] of headers) c.header(name, value);
  await next();
  for (const [name, value] of headers) if (c.res.headers.get(name) !== value) c.header(name, value);
}

/** Every response carries its request's id. */
export const requestIds: MiddlewareHandler = async (c, next) => {
  await withHeaders(c, next, [[REQUEST_ID_HEADER, requestId(c)]]);
};

export function errorBody(code: string, message: string, id?: string) {
  return { error: { code, message, ...(id ? { request_id: id } : {}) } };
}

export function sendError(c: Context, e: ApiError) {
  return fail(c, e.status, e.code, e.message);
}

/** A JSON error answer naming the request. */
export function fail(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  const id = requestId(c);
  c.header(REQUEST_ID_HEADER, id);
  return c.json(errorBody(code, message, id), status);
}

/** Zod issues as one readable sentence naming each parameter. */
export function invalid(e: ZodError, where: string): ApiError {
  const parts = e.issues.map((i) => {
    const name = i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(', ') : where);
    return `${name}: ${i.message}`;
  });
  return new ApiError(400, `invalid_${where}`, parts.join('; '));
}
