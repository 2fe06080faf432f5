// The registry of extra benchmarks. `npm run bench` runs the pipeline benchmark and then every stage listed here
// (`--stage NAME` runs one). A new benchmark is a file in stages/ exporting a BenchStage, plus one line in BENCH_STAGES,
// e.g. "ner tagging tokens/s" or "statement linking 100k quotes". A stage measures and returns rows; it never asserts.
import type { BaseText } from './corpus.js';
import { entitiesStage } from './stages/entities.js';
import { eventsStage } from './stages/events.js';
import { faultsStage } from './stages/faults.js';
import { ingestDecodeStage } from './stages/ingest.js';
import { htmlExtractStage } from './stages/html.js';
import { linearityStage } from './stages/linearity.js';
import { loadStage } from './stages/load.js';
import { nerTaggingStage } from './stages/ner.js';
import { quotesStage } from './stages/quotes.js';
import { storeIngestStage } from './stages/storeIngest.js';

/** One line of the results table. */
export interface BenchRow {
  /** What was timed, e.g. "component tokenizer" or "ingest decodeBytes". */
  stage: string;
  /** What it was measured on, in words, e.g. "sample: 5.0 MB, 310 docs" or "full corpus: 50.0 MB". */
  measuredOn: string;
  docs: number | null;
  /** UTF-8 megabytes (10^6 bytes) of text processed. */
  mb: number;
  seconds: number;
  /** Countable output, for an items/s figure (tokens, mentions, quotes...), when the stage has one. */
  items?: { count: number; unit: string };
}

export interface BenchContext {
  /** The base texts (real news) the corpus cycles through. */
  base: readonly BaseText[];
  /** The corpus size asked for with --mb, in bytes. */
  targetBytes: number;
  /** Progress for the user, on standard error. */
  progress(message: string): void;
}

export interface BenchStage {
  name: string;
  description: string;
  /** False for a stage that builds its own input (crash trials): it still runs when the public data is missing. */
  needsData?: boolean;
  /** Rows, or a promise of them for a stage that needs I/O (a server, child processes). */
  run(ctx: BenchContext): BenchRow[] | Promise<BenchRow[]>;
}

/** Every extra benchmark, run after the pipeline benchmark in this order. */
export const BENCH_STAGES: readonly BenchStage[] = [ingestDecodeStage, nerTaggingStage, entitiesStage, eventsStage, quotesStage, htmlExtractStage, linearityStage,
  storeIngestStage, loadStage, faultsStage];
