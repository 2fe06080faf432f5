// Store ingest: documents of the corpus analysed by the real pipeline and stored in a fresh SQLite file, through the
// path `newsledger ingest` takes (ingestItems → Ledger.ingestBatch, batches of INGEST_BATCH_DOCS), and for comparison
// one document per transaction (batches of one, as ingest was before batches). The two alternate, twice each, and
// each row is the faster of its two runs: timing on a shared machine varies by up to 30% from one run to the next.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestedDoc } from '../../ingest/document.js';
import { PipelineAnalyzer } from '../../store/analyzer.js';
import { ingestItems } from '../../store/ingestRun.js';
import { INGEST_BATCH_DOCS, Ledger } from '../../store/ledger.js';
import { openStore } from '../../store/open.js';
import { corpusDocs } from '../corpus.js';
import type { BenchRow, BenchStage } from '../stages.js';

/** Documents stored per run: eight batches, a few seconds of analysis each run. */
const STORE_BENCH_DOCS = 8 * INGEST_BATCH_DOCS;
/** Documents analysed before the measured runs, so the first run does not pay for warming the JIT alone. */
const WARM_UP_DOCS = 20;

/** Seconds to ingest `docs` into a new SQLite file with `batchDocs` documents per transaction. */
async function ingestSeconds(dir: string, name: string, docs: readonly IngestedDoc[], batchDocs: number): Promise<number> {
  const store = await openStore(join(dir, `${name}.db`));
  try {
    const ledger = new Ledger(store, () => new PipelineAnalyzer(), batchDocs);
    const items = docs.map((doc) => ({ ok: true as const, doc, source: doc.id }));
    const t0 = performance.now();
    const counts = await ingestItems(ledger, store, items, { report: () => undefined });
    const seconds = (performance.now() - t0) / 1000;
    if (counts.stored !== docs.length) throw new Error(`store-ingest: ${counts.stored} of ${docs.length} documents stored`);
    return seconds;
  } finally {
    await store.close();
  }
}

export const storeIngestStage: BenchStage = {
  name: 'store-ingest',
  description: `real pipeline into a fresh SQLite store, ${STORE_BENCH_DOCS} corpus documents: batches of ${INGEST_BATCH_DOCS} (as newsledger ingest) vs one document per transaction`,
  async run(ctx): Promise<BenchRow[]> {
    const docs: IngestedDoc[] = [];
    let bytes = 0;
    for (const d of corpusDocs(ctx.base, Infinity)) {
      if (docs.length >= STORE_BENCH_DOCS) break;
      docs.push({ ...d, id: `store-bench-${docs.length}` });
      bytes += d.bytes;
    }
    const dir = mkdtempSync(join(tmpdir(), 'newsledger-store-ingest-'));
    try {
      await ingestSeconds(dir, 'warm-up', docs.slice(0, WARM_UP_DOCS), INGEST_BATCH_DOCS);
      const best = { batched: Infinity, single: Infinity };
      for (let round = 0; round < 2; round++) {
        for (const mode of round === 0 ? ['single', 'batched'] as const : ['batched', 'single'] as const) {
          const s = await ingestSeconds(dir, `${mode}-${round}`, docs, mode === 'batched' ? INGEST_BATCH_DOCS : 1);
          ctx.progress(`store-ingest: ${mode}, run ${round + 1}: ${s.toFixed(1)} s`);
          best[mode] = Math.min(best[mode], s);
        }
      }
      const on = `${docs.length} corpus docs, ${(bytes / 1e6).toFixed(1)} MB, SQLite; faster of 2 runs`;
      return [
        { stage: `store ingest, batches of ${INGEST_BATCH_DOCS}`, measuredOn: on, docs: docs.length, mb: bytes / 1e6, seconds: best.batched },
        { stage: 'store ingest, one doc per transaction', measuredOn: on, docs: docs.length, mb: bytes / 1e6, seconds: best.single },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
