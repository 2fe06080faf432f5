// Throughput of the events layers (time expressions, events, claims) together, on documents the earlier components
// (structure, language, NER, entities, quotes) have already read; only the three components are timed.
import { newAnalysisDoc } from '../../analyze.js';
import { RunContext } from '../../pipeline/component.js';
import { defaultPipeline } from '../../pipeline/default.js';
import { corpusDocs } from '../corpus.js';
import type { BenchStage } from '../stages.js';

/** The earlier components are slow set-up, so the events layers are timed on this much of the corpus only. */
export const EVENTS_BENCH_MAX_BYTES = 2_000_000;
const TIMED = new Set(['time', 'events', 'claims']);

export const eventsStage: BenchStage = {
  name: 'events',
  description: 'time expressions + events + claims over documents analysed up to quotes',
  run(ctx) {
    const limit = Math.min(ctx.targetBytes, EVENTS_BENCH_MAX_BYTES);
    const pipeline = defaultPipeline();
    const run = new RunContext();
    let seconds = 0;
    let bytes = 0;
    let docs = 0;
    let events = 0;
    for (const input of corpusDocs(ctx.base, limit)) {
      const doc = newAnalysisDoc(input);
      for (const c of pipeline.components) {
        const t0 = process.hrtime.bigint();
        c.run(doc, run);
        if (TIMED.has(c.name)) seconds += Number(process.hrtime.bigint() - t0) / 1e9;
        for (const layer of c.assigns) doc.layers.add(layer);
      }
      bytes += Buffer.byteLength(input.text);
      events += doc.record.events.length;
      docs++;
    }
    return [{ stage: 'time + events + claims', measuredOn: `sample: ${(bytes / 1e6).toFixed(1)} MB`, docs, mb: bytes / 1e6, seconds, items: { count: events, unit: 'events' } }];
  },
};
