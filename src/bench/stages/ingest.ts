// Ingest throughput: bytes to text (UTF-8 validation, BOM, mojibake repair) over the corpus, as `analyze` reads files.
import { decodeBytes } from '../../ingest/decode.js';
import { corpusDocs } from '../corpus.js';
import type { BenchStage } from '../stages.js';

export const ingestDecodeStage: BenchStage = {
  name: 'ingest',
  description: 'decodeBytes (UTF-8 check, mojibake repair) over the whole corpus',
  run(ctx) {
    // Encoding to bytes is set-up, not ingest: it is done outside the timed call, one document at a time.
    let seconds = 0;
    let bytes = 0;
    let docs = 0;
    for (const doc of corpusDocs(ctx.base, ctx.targetBytes)) {
      const raw = Buffer.from(doc.text, 'utf8');
      const t0 = process.hrtime.bigint();
      decodeBytes(raw);
      seconds += Number(process.hrtime.bigint() - t0) / 1e9;
      bytes += raw.length;
      docs++;
    }
    return [{ stage: 'ingest decodeBytes', measuredOn: `full corpus: ${(bytes / 1e6).toFixed(1)} MB`, docs, mb: bytes / 1e6, seconds }];
  },
};
