// Replay of the entity registry: the run-wide part a stored record leaves behind, rebuilt from the record alone (no
// NLP). The record's entity ids are the ids the document used (so no later fresh id repeats them); `links` holds the
// keys and surnames it first registered (src/entities/component.ts writes them).
import type { NewsRecord } from '../model/record.js';
import type { RunContext } from '../pipeline/component.js';
import { ENTITY_REGISTRY } from './component.js';
import { EntityRegistry } from './registry.js';

/** Adds a stored record to the run's entity registry as the entity resolver did when it analysed the document. */
export function replayEntities(record: NewsRecord, run: RunContext): void {
  // The pipeline skips the English-only resolver for other languages (and says so in the notes): so does replay.
  if (record.notes.some((n) => n.startsWith('entities: skipped'))) return;
  run.part(ENTITY_REGISTRY, () => new EntityRegistry()).restore(
    record.entities.map((e) => e.id),
    { keys: record.links?.entity_keys ?? {}, surnames: record.links?.surnames ?? {} },
  );
}
