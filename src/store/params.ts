// Validation of filters and paging, shared by the CLI and the HTTP API, so both refuse the same bad values.
import { z } from 'zod';

export const LAYERS = ['documents', 'quotes', 'statements', 'entities', 'events', 'claims'] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');
// NUL is refused in every text value: PostgreSQL cannot hold it in a text parameter ("invalid byte sequence"), and no
// name, outlet or search needs it; refusing it here gives the CLI and the API the same clear 400 on both stores.
const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'a filter may not contain a NUL character';
const text = z.string().min(1).max(500).refine(noNul, NUL_MESSAGE);

export const filtersSchema = z.object({
  q: z.string().max(500).refine(noNul, NUL_MESSAGE).optional(),
  speaker: text.optional(),
  entity: text.optional(),
  outlet: text.optional(),
  kind: z.enum(['direct', 'mixed', 'indirect']).optional(),
  event_type: text.optional(),
  claim_status: z.enum(['asserted', 'claimed', 'unconfirmed', 'denied', 'disputed', 'confirmed']).optional(),
  from: day.optional(),
  to: day.optional(),
  document: text.optional(),
  statement: text.optional(),
}).strict();

/** Most rows one request may ask for. */
export const MAX_LIMIT = 500;

export const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
