// The API's errors: JSON with a stable code and a message written for the caller, never a stack trace.
import type { Context } from 'hono';
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

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

export function sendError(c: Context, e: ApiError) {
  return c.json(errorBody(e.code, e.message), e.status);
}

/** Zod issues as one readable sentence naming each parameter. */
export function invalid(e: ZodError, where: string): ApiError {
  const parts = e.issues.map((i) => {
    const name = i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(', ') : where);
    return `${name}: ${i.message}`;
  });
  return new ApiError(400, `invalid_${where}`, parts.join('; '));
}
