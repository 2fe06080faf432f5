import { join } from 'node:path';
import { Analyzer } from '../../analyze.js';
import { readTextFile } from '../../ingest/textFile.js';
import type { NewsRecord } from '../../model/record.js';
import type { Gold } from './gold.js';
import type { SeedsRun } from './section.js';

/** Analyses every document the gold names, from `docsDir`, in one run (so cross-document links form). */
export function analyzeSeeds(gold: Gold, docsDir: string): SeedsRun {
  const analyzer = new Analyzer();
  const records = new Map<string, NewsRecord>();
  for (const doc of gold.documents) {
    records.set(doc.file, analyzer.analyze(readTextFile(join(docsDir, doc.file))));
  }
  return { gold, records };
}
