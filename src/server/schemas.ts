// Request schemas of the API (zod), also the source of the OpenAPI description's parameters.
import { z } from 'zod';
import { filtersSchema, LAYERS, pageSchema } from '../store/params.js';

export const listQuery = filtersSchema.merge(pageSchema).strict();
export const searchQuery = listQuery.extend({ layer: z.enum(LAYERS).default('quotes') }).strict();
export const exportQuery = searchQuery.extend({
  format: z.enum(['jsonl', 'csv', 'citation']).default('jsonl'),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
}).strict();
export const timelineQuery = filtersSchema;
export const correctionsQuery = pageSchema.extend({ document: z.string().min(1).optional() }).strict();

/** POST /api/documents: one document, as a JSONL corpus line. */
export const documentBody = z.object({
  id: z.string().min(1).max(1000).optional(),
  text: z.string().min(1),
  url: z.string().url().max(2000).optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'date starts YYYY-MM-DD').optional(),
  outlet: z.string().min(1).max(300).optional(),
}).strict();
