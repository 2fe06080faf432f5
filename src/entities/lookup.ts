// What other layers ask the entities layer: which entity a pronoun, role noun or name at an offset refers to (the
// quotes layer uses it for speakers), and which place a demonym belongs to.
import type { Entity } from '../model/record.js';
import type { AnalysisDoc } from '../pipeline/doc.js';
import { type EntitiesScratch, SCRATCH_KEY } from './analyse.js';

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
  const byId = new Map(doc.record.entities.map((e) => [e.id, e]));
  const exact = scratch.idAt.get(offset);
  if (exact) {
    const entity = byId.get(exact);
    if (entity) return { entity, reason: scratch.corefAt.get(offset)?.reason ?? null };
  }
  for (const entity of doc.record.entities) {
    for (const m of entity.mentions) {
      if (m.span.start <= offset && offset < m.span.end) return { entity, reason: m.reason ?? null };
    }
  }
  return null;
}

/** The id of the place whose demonym starts at `offset` ("Russian" → Russia's entity), or null. */
export function demonymPlaceAt(doc: AnalysisDoc, offset: number): string | null {
  const scratch = doc.scratch.get(SCRATCH_KEY) as EntitiesScratch | undefined;
  return scratch?.demonymAt.get(offset) ?? null;
}
