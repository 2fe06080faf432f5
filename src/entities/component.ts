import type { Component, RunContext } from '../pipeline/component.js';
import type { AnalysisDoc } from '../pipeline/doc.js';
import { activeAliasTable, type AliasTable } from './aliasTable.js';
import { analyseEntities } from './analyse.js';
import { matcherFor } from './matcher.js';
import { EntityRegistry } from './registry.js';

/** The RunContext part holding the run-wide entity registry. */
export const ENTITY_REGISTRY = 'entities';

/** An entity resolver over a given alias table (the default one uses the shipped table plus any --aliases files). */
export function createEntityResolver(table?: AliasTable): Component {
  return {
    name: 'entities',
    requires: ['ner', 'structure'],
    assigns: ['entities'],
    englishOnly: true,
    run(doc: AnalysisDoc, run: RunContext) {
      const t = table ?? activeAliasTable();
      const registry = run.part(ENTITY_REGISTRY, () => new EntityRegistry());
      registry.takeLearned();
      analyseEntities(doc, t, matcherFor(t), registry);
      // What the registry learned goes on the record, so a run can be rebuilt from stored records (src/entities/replay.ts).
      const learned = registry.takeLearned();
      if (Object.keys(learned.keys).length) (doc.record.links ??= {}).entity_keys = learned.keys;
      if (Object.keys(learned.surnames).length) (doc.record.links ??= {}).surnames = learned.surnames;
    },
  };
}

/**
 * Resolves the tagger's mentions (or, without a tagger, capitalised names and the alias table's names) into the
 * record's entities: canonical names, aliases, roles, metonymy, demonyms, pronoun and role-noun coreference.
 */
export const entityResolver: Component = createEntityResolver();
