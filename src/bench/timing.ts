// Times each pipeline component separately by wrapping its run(); the components themselves are not changed.
import { Analyzer, BATCH_DOCS } from '../analyze.js';
import type { IngestedDoc } from '../ingest/document.js';
import type { Component } from '../pipeline/component.js';
import type { AnalysisDoc } from '../pipeline/doc.js';
import { Pipeline } from '../pipeline/pipeline.js';

export interface ComponentTiming {
  name: string;
  /** Documents the component actually ran on (English-only stages are skipped for other languages). */
  docs: number;
  bytes: number;
  seconds: number;
  items: number;
  unit: string | null;
}

export interface PassResult {
  components: ComponentTiming[];
  docs: number;
  bytes: number;
  /** Wall time of analyze + JSON serialisation, summed over documents (corpus generation excluded). */
  seconds: number;
  serializeSeconds: number;
  peakRssBytes: number;
  peakHeapBytes: number;
}

/** What a component adds that can be counted, by the layer it assigns, for an items/s figure. */
const COUNTERS: Record<string, { unit: string; count: (doc: AnalysisDoc) => number }> = {
  structure: { unit: 'blocks', count: (d) => d.record.blocks.length },
  tokens: { unit: 'tokens', count: (d) => d.tokens?.length ?? 0 },
  ner: { unit: 'mentions', count: (d) => d.ner?.length ?? 0 },
  entities: { unit: 'entities', count: (d) => d.record.entities.length },
  quotes: { unit: 'quotes', count: (d) => d.record.quotes.length },
  events: { unit: 'events', count: (d) => d.record.events.length },
  claims: { unit: 'claims', count: (d) => d.record.claims.length },
};

/** Seconds between progress lines. */
const PROGRESS_EVERY_S = 5;

/**
 * Runs `components` (a valid pipeline or a prefix of one) over `docs` with one Analyzer, as `newsledger analyze`
 * does (in batches of BATCH_DOCS documents, component by component), timing each component's run() and sampling
 * memory after every batch.
 */
export function timedPass(
  components: readonly Component[],
  docs: Iterable<IngestedDoc & { bytes: number }>,
  totalBytes: number,
  progress: (message: string) => void,
  label: string,
): PassResult {
  // The bytes of each document of the current batch, by id, for the component rows' MB/s.
  const bytesOf = new Map<string, number>();
  const timings: ComponentTiming[] = components.map((c) => ({
    name: c.name,
    docs: 0,
    bytes: 0,
    seconds: 0,
    items: 0,
    unit: c.assigns.map((l) => COUNTERS[l]?.unit).find((u) => u !== undefined) ?? null,
  }));
  const wrapped: Component[] = components.map((c, i) => {
    const t = timings[i]!;
    const counter = c.assigns.map((l) => COUNTERS[l]).find((x) => x !== undefined);
    return {
      ...c,
      run(doc, run) {
        const t0 = process.hrtime.bigint();
        c.run(doc, run);
        t.seconds += Number(process.hrtime.bigint() - t0) / 1e9;
        t.docs++;
        t.bytes += bytesOf.get(doc.record.id) ?? 0;
        if (counter) t.items += counter.count(doc);
      },
    };
  });
  const analyzer = new Analyzer(new Pipeline(wrapped));
  const result: PassResult = {
    components: timings,
    docs: 0,
    bytes: 0,
    seconds: 0,
    serializeSeconds: 0,
    peakRssBytes: 0,
    peakHeapBytes: 0,
  };
  let lastProgress = performance.now();
  let batch: Array<IngestedDoc & { bytes: number }> = [];
  const flush = (): void => {
    bytesOf.clear();
    for (const doc of batch) bytesOf.set(doc.id, doc.bytes);
    const t0 = process.hrtime.bigint();
    const records = analyzer.analyzeBatch(batch);
    const t1 = process.hrtime.bigint();
    for (const record of records) {
      if (record instanceof Error) throw record;
      JSON.stringify(record);
    }
    const t2 = process.hrtime.bigint();
    result.seconds += Number(t2 - t0) / 1e9;
    result.serializeSeconds += Number(t2 - t1) / 1e9;
    result.docs += batch.length;
    for (const doc of batch) result.bytes += doc.bytes;
    batch = [];
    const mem = process.memoryUsage();
    if (mem.rss > result.peakRssBytes) result.peakRssBytes = mem.rss;
    if (mem.heapUsed > result.peakHeapBytes) result.peakHeapBytes = mem.heapUsed;
    if (performance.now() - lastProgress > PROGRESS_EVERY_S * 1000) {
      lastProgress = performance.now();
      const pct = ((100 * result.bytes) / totalBytes).toFixed(0);
      progress(`${label}: ${(result.bytes / 1e6).toFixed(1)} of ${(totalBytes / 1e6).toFixed(1)} MB (${pct} %), ` +
        `${result.docs} docs, ${(result.bytes / 1e6 / result.seconds).toFixed(2)} MB/s`);
    }
  };
  for (const doc of docs) {
    batch.push(doc);
    if (batch.length >= BATCH_DOCS) flush();
  }
  if (batch.length > 0) flush();
  return result;
}
