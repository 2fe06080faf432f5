// What other layers ask the entities layer: which entity a pronoun, role noun or name at an offset refers to (the
// quotes layer uses it for speakers), and which place a demonym belongs to.
import type { Entity } from '../model/record.js';
import type { AnalysisDoc } from '../pipeline/doc.js';
import { type EntitiesScratch, SCRATCH_KEY } from './analyse.js';
import { partitionPoint } from '../util/search.js';

export interface ResolvedEntity {
  entity: Entity;
  /** Why a pronoun or role noun was linked (absent for names). */
  reason: string | null;
}

/**
 * The entity the mention starting at `offset` refers to: a name, a role phrase or a pronoun the layer resolved.
 * An offset inside a mention finds it too. Null when nothing there was resolved (or the layer did not run).
 */
export function resolveAt(doc: AnalysisDoc, offset: number): ResolvedEntity | null {
  const scratch = doc.scratch.get(SCRATCH_KEY) as EntitiesScratch | undefined;
  if (!scratch) return null;
  const idx = indexOf(doc.record.entities);
  const exact = scratch.idAt.get(offset);
  if (exact) {
    const entity = idx.byId.get(exact);
    if (entity) return { entity, reason: scratch.corefAt.get(offset)?.reason ?? null };
  }
  // The last mention starting at or before the offset, then back while mentions could still cover it.
  const spans = idx.spans;
  const lo = partitionPoint(spans.length, (i) => spans[i]!.start > offset);
  for (let k = lo - 1; k >= 0 && k >= lo - MAX_NESTED_MENTIONS; k--) {
    const s = spans[k]!;
    if (offset < s.end) return { entity: s.entity, reason: s.reason };
  }
  return null;
}

/** Mentions overlapping one offset: a name inside a role phrase inside another is as deep as it goes. */
const MAX_NESTED_MENTIONS = 8;

interface EntityIndex {
  byId: Map<string, Entity>;
  spans: Array<{ start: number; end: number; entity: Entity; reason: string | null }>;
}

// Built once per entities list (the quotes layer asks for every quote's speaker), not once per question.
const indexes = new WeakMap<Entity[], EntityIndex>();

function indexOf(entities: Entity[]): EntityIndex {
  let idx = indexes.get(entities);
  if (!idx) {
    const spans: EntityIndex['spans'] = [];
    for (const entity of entities) for (const m of entity.mentions) spans.push({ start: m.span.start, end: m.span.end, entity, reason: m.reason ?? null });
    spans.sort((a, b) => a.start - b.start);
    idx = { byId: new Map(entities.map((e) => [e.id, e])), spans };
    indexes.set(entities, idx);
  }
  return idx;
}

/** The id of the place whose demonym starts at `offset` ("Russian" → Russia's entity), or null. */
export function demonymPlaceAt(doc: AnalysisDoc, offset: number): string | null {
  const scratch = doc.scratch.get(SCRATCH_KEY) as EntitiesScratch | undefined;
  return scratch?.demonymAt.get(offset) ?? null;
}
