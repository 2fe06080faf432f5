// Entity resolution throughput: the entity resolver (alias table, candidates, roles, metonymy, coreference, record)
// over documents that went through the components before it beforehand (structure, language, tokens, NER tagger:
// those are their own rows), on a slice of the corpus, in MB/s and entities/s.
import { newAnalysisDoc } from '../../analyze.js';
import { entityResolver } from '../../entities/component.js';
import { RunContext } from '../../pipeline/component.js';
import { DEFAULT_COMPONENTS } from '../../pipeline/default.js';
import type { AnalysisDoc } from '../../pipeline/doc.js';
import { corpusDocs } from '../corpus.js';
import type { BenchStage } from '../stages.js';

/** The components before the resolver (tokenising, tagging) are slow set-up: the resolver is timed on this much. */
export const ENTITIES_BENCH_MAX_BYTES = 3_000_000;

export const entitiesStage: BenchStage = {
  name: 'entity-resolver',
  description: 'entity resolver over corpus text already structured, tokenised and tagged',
  run(ctx) {
    const limit = Math.min(ctx.targetBytes, ENTITIES_BENCH_MAX_BYTES);
    const at = DEFAULT_COMPONENTS.findIndex((c) => c.name === entityResolver.name);
    const before = DEFAULT_COMPONENTS.slice(0, at);
    const setUp = new RunContext();
    const run = new RunContext();
    let seconds = 0;
    let bytes = 0;
    let docs = 0;
    let entities = 0;
    for (const input of corpusDocs(ctx.base, limit)) {
      const doc: AnalysisDoc = newAnalysisDoc(input);
      for (const c of before) {
        c.run(doc, setUp);
        for (const layer of c.assigns) doc.layers.add(layer);
      }
      // The resolver is English-only: the pipeline skips it for other languages, and so does this row.
      if (doc.record.language !== 'en' && doc.record.language !== 'und') continue;
      const t0 = process.hrtime.bigint();
      entityResolver.run(doc, run);
      seconds += Number(process.hrtime.bigint() - t0) / 1e9;
      bytes += Buffer.byteLength(input.text);
      entities += doc.record.entities.length;
      docs++;
    }
    return [
      { stage: 'entity resolver', measuredOn: `sample: ${(bytes / 1e6).toFixed(1)} MB`, docs, mb: bytes / 1e6, seconds, items: { count: entities, unit: 'entities' } },
    ];
  },
};
