// HTML reading throughput on the article-extraction benchmark's 181 real pages (../shared/data/aeb): the Newsledger
// reader (script stripping, metadata, Readability, typed blocks, layout) beside plain @mozilla/readability, both on
// linkedom, on the same decoded pages.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadBench, newsledgerExtractor, readabilityExtractor, runExtractor } from '../../eval/extract.js';
import { SHARED_DATA } from '../corpus.js';
import type { BenchRow, BenchStage } from '../stages.js';

export const htmlExtractStage: BenchStage = {
  name: 'html',
  description: 'HTML page to record text (Newsledger) and plain Readability, on the AEB pages',
  run(ctx) {
    const dir = join(SHARED_DATA, 'aeb');
    if (!existsSync(join(dir, 'ground-truth.json'))) {
      ctx.progress(`html: no benchmark pages at ${dir}; skipped`);
      return [];
    }
    const pages = loadBench(dir, 'both');
    const rows: BenchRow[] = [];
    for (const x of [newsledgerExtractor, readabilityExtractor]) {
      ctx.progress(`html: ${x.name} on ${pages.length} pages`);
      // The half label only tags the result; every page is run.
      const r = runExtractor(x, pages, 'tune');
      rows.push({ stage: `html ${x.name}`, measuredOn: `AEB: ${(r.bytes / 1e6).toFixed(1)} MB, ${pages.length} pages`, docs: pages.length, mb: r.bytes / 1e6, seconds: r.seconds });
    }
    return rows;
  },
};
