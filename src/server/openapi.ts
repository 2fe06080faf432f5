// The OpenAPI 3.1 description served at /openapi.json, built from the same zod schemas that validate requests, so
// the documented parameters are the accepted ones.
import { z } from 'zod';
import { VERSION } from '../version.js';
import { correctionsQuery, exportQuery, listQuery, searchQuery, timelineQuery } from './schemas.js';

type Shape = Record<string, z.ZodTypeAny>;

function schemaOf(t: z.ZodTypeAny): Record<string, unknown> {
  let inner = t;
  let dflt: unknown;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
    if (inner instanceof z.ZodDefault) dflt = inner._def.defaultValue();
    inner = inner instanceof z.ZodOptional ? inner.unwrap() : inner._def.innerType;
  }
  const d = dflt === undefined ? {} : { default: dflt };
  if (inner instanceof z.ZodEnum) return { type: 'string', enum: inner.options, ...d };
  // Bounds are documented: a limit above the maximum is refused (400), not clamped.
  if (inner instanceof z.ZodNumber) return { type: 'integer', minimum: inner.minValue ?? undefined, maximum: inner.maxValue ?? undefined, ...d };
  if (inner instanceof z.ZodString) return { type: 'string', ...(inner.maxLength !== null ? { maxLength: inner.maxLength } : {}), ...d };
  return { type: 'string', ...d };
}

function params(shape: Shape) {
  return Object.entries(shape).map(([name, t]) => ({ name, in: 'query', required: false, schema: schemaOf(t) }));
}

const error = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const list = (summary: string, shape: Shape) => ({ get: { summary, parameters: params(shape), responses: { 200: ok('a page: {items, next}'), 400: error, 414: error } } });
const write = { security: [{ bearer: [] }] };

export function openApiDocument() {
  const listing = listQuery.shape as Shape;
  return {
    openapi: '3.1.0',
    info: { title: 'Newsledger API', version: VERSION, description: 'News coverage as a searchable record with provenance.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, request_id: { type: 'string' } } } } },
      },
    },
    paths: {
      '/api/documents': {
        ...list('documents, newest first', listing),
        post: { ...write, summary: 'analyse and store one document {id?, text, url?, date?, outlet?}', responses: { 201: ok('stored'), 200: ok('already stored'), 400: error, 401: error, 413: error } },
      },
      '/api/documents/{key}': { get: { summary: 'one document: its row, its record with corrections applied, its corrections', parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: ok('the document'), 404: error } } },
      '/api/quotes': list('quotes', listing),
      '/api/statements': list('statements: quotes reporting one utterance (an aggregate: may lag writes by other processes by up to 30 s)', listing),
      '/api/entities': list('entities across documents, q matches names (an aggregate: may lag writes by other processes by up to 30 s)', listing),
      '/api/events': list('events', listing),
      '/api/claims': list('claims', listing),
      '/api/search': list('full-text search of one layer', searchQuery.shape as Shape),
      '/api/timeline': { get: { summary: 'documents, quotes and events per day', parameters: params(timelineQuery.shape as Shape), responses: { 200: ok('{items}'), 400: error } } },
      '/api/export': { get: { summary: 'a layer as JSON lines, CSV or quote citations', parameters: params(exportQuery.shape as Shape), responses: { 200: { description: 'the export' }, 400: error } } },
      '/api/corrections': {
        ...list('corrections, newest first', correctionsQuery.shape as Shape),
        post: { ...write, summary: 'record a correction (fix_speaker, reject, merge_entities, split_entity, merge_statements, split_statement)', responses: { 201: ok('the correction'), 400: error, 401: error, 404: error } },
      },
    },
  };
}
