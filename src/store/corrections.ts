// Corrections: a person's fixes to what the pipeline produced. They are stored apart from the analysed records (with
// who, when and why) and applied on top of them whenever a document's current content is written, so they survive
// `reanalyze`. Items are named by their text position as well as their id: a newer pipeline may renumber quotes,
// but the text never changes, so a quote is found again by its content span.
import { z } from 'zod';
import type { NewsRecord, Quote } from '../model/record.js';

const anchor = z.object({
  document: z.string().min(1),
  /** The quote's id as shown in results (e.g. "doc:q3"). */
  quote: z.string().min(1),
  /** The quote's content span; filled in by the ledger when left out. */
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
});
export type QuoteAnchor = z.infer<typeof anchor>;

const who = { who: z.string().min(1).max(200), why: z.string().min(1).max(2000) };

export const correctionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('fix_speaker'), ...anchor.shape, name: z.string().min(1).max(300), entity: z.string().nullable().optional(), ...who }),
  z.object({
    action: z.literal('reject'),
    layer: z.enum(['quotes', 'entities', 'events', 'claims']),
    document: z.string().min(1),
    id: z.string().min(1),
    start: z.number().int().nonnegative().optional(),
    end: z.number().int().nonnegative().optional(),
    ...who,
  }),
  z.object({ action: z.literal('merge_entities'), into: z.string().min(1), from: z.array(z.string().min(1)).min(1), ...who }),
  z.object({ action: z.literal('split_entity'), entity: z.string().min(1), document: z.string().min(1), name: z.string().min(1).optional(), ...who }),
  z.object({
    action: z.literal('merge_statements'),
    /** Statements named by a quote that reports each; the first is kept. Statement ids are accepted too. */
    statements: z.array(z.union([z.string().min(1), anchor])).min(2),
    ...who,
  }),
  z.object({ action: z.literal('split_statement'), ...anchor.shape, ...who }),
]);
export type CorrectionInput = z.infer<typeof correctionInput>;

export interface Correction {
  id: number;
  action: CorrectionInput['action'];
  /** The input as resolved when it was made (statement ids turned into quote anchors). */
  input: CorrectionInput;
  who: string;
  why: string;
  at: string;
  documents: string[];
}

/** Statement ids that cross-document corrections refer to, resolved against the current analysed records. */
export type StatementResolver = (a: QuoteAnchor) => string | null;

/** Finds a quote again: by its content span when known (stable across pipelines), else by id. */
export function findQuote(quotes: Quote[], a: { quote: string; start?: number; end?: number }): Quote | undefined {
  if (a.start !== undefined && a.end !== undefined) {
    const bySpan = quotes.find((q) => q.content.start === a.start && q.content.end === a.end);
    if (bySpan) return bySpan;
  }
  return quotes.find((q) => q.id === a.quote);
}

/**
 * The record with every correction applied, in the order they were made. `docKey` is the document's key in the
 * store; `resolve` gives the current statement id of a quote anchor (in any document).
 */
export function applyCorrections(
  record: NewsRecord,
  docKey: string,
  corrections: Correction[],
  resolve: StatementResolver,
): { record: NewsRecord; corrected: Set<string> } {
  const r: NewsRecord = structuredClone(record);
  const corrected = new Set<string>();
  for (const c of corrections) applyOne(r, docKey, c, resolve, corrected);
  return { record: r, corrected };
}

function applyOne(r: NewsRecord, docKey: string, c: Correction, resolve: StatementResolver, corrected: Set<string>): void {
  const input = c.input;
  switch (input.action) {
    case 'fix_speaker': {
      if (input.document !== docKey) return;
      const q = findQuote(r.quotes, input);
      if (q) {
        q.speaker = { entity: input.entity ?? null, name: input.name, mention: null, anonymous: false };
        corrected.add(q.id);
      }
      return;
    }
    case 'reject': {
      if (input.document !== docKey) return;
      if (input.layer === 'quotes') {
        const q = findQuote(r.quotes, { quote: input.id, start: input.start, end: input.end });
        if (q) r.quotes = r.quotes.filter((x) => x !== q);
      } else if (input.layer === 'entities') {
        r.entities = r.entities.filter((e) => e.id !== input.id);
        for (const q of r.quotes) if (q.speaker.entity === input.id) q.speaker.entity = null;
      } else if (input.layer === 'events') {
        r.events = r.events.filter((e) => e.id !== input.id);
      } else {
        r.claims = r.claims.filter((e) => e.id !== input.id);
      }
      return;
    }
    case 'merge_entities':
      mergeEntities(r, input.into, new Set(input.from));
      return;
    case 'split_entity': {
      if (input.document !== docKey) return;
      const newId = `${input.entity}~${c.id}`;
      renameEntity(r, new Map([[input.entity, newId]]));
      const e = r.entities.find((x) => x.id === newId);
      if (e && input.name) e.name = input.name;
      return;
    }
    case 'merge_statements': {
      const ids = input.statements.map((s) => (typeof s === 'string' ? s : resolve(s))).filter((s): s is string => s !== null);
      if (ids.length < 2) return;
      const [into, ...from] = ids;
      const fromSet = new Set(from);
      for (const q of r.quotes) {
        if (q.statement && fromSet.has(q.statement)) q.statement = into!;
        if (q.paraphrase_of && fromSet.has(q.paraphrase_of)) q.paraphrase_of = into!;
      }
      return;
    }
    case 'split_statement': {
      if (input.document !== docKey) return;
      const q = findQuote(r.quotes, input);
      if (q && q.statement) q.statement = `${q.statement}~${c.id}`;
      return;
    }
  }
}

function mergeEntities(r: NewsRecord, into: string, from: Set<string>): void {
  if (!r.entities.some((e) => from.has(e.id))) return;
  const map = new Map([...from].map((id) => [id, into]));
  renameEntity(r, map);
  // Two entries now share the id: fold them into one, keeping every mention and alias.
  const merged = new Map<string, (typeof r.entities)[number]>();
  for (const e of r.entities) {
    const prev = merged.get(e.id);
    if (!prev) merged.set(e.id, e);
    else {
      prev.mentions.push(...e.mentions);
      prev.aliases = [...new Set([...prev.aliases, e.name, ...e.aliases])].filter((a) => a !== prev.name);
      prev.roles = [...new Set([...prev.roles, ...e.roles])];
    }
  }
  r.entities = [...merged.values()];
}

function renameEntity(r: NewsRecord, map: Map<string, string>): void {
  const to = (id: string | null) => (id !== null && map.has(id) ? map.get(id)! : id);
  for (const e of r.entities) e.id = to(e.id)!;
  for (const q of r.quotes) q.speaker.entity = to(q.speaker.entity);
  for (const ev of r.events) {
    if (ev.actor) ev.actor.entity = to(ev.actor.entity);
    if (ev.place) ev.place.entity = to(ev.place.entity);
    for (const p of ev.participants) p.entity = to(p.entity);
  }
  for (const cl of r.claims) if (cl.claimant) cl.claimant.entity = to(cl.claimant.entity);
}

/** The documents a correction touches directly (cross-document ones are found by the ids they name). */
export function directDocuments(input: CorrectionInput): string[] {
  switch (input.action) {
    case 'fix_speaker':
    case 'reject':
    case 'split_entity':
    case 'split_statement':
      return [input.document];
    case 'merge_statements':
      return input.statements.flatMap((s) => (typeof s === 'string' ? [] : [s.document]));
    default:
      return [];
  }
}
