import type { IngestedDoc } from './ingest/document.js';
import { STRUCTURE_HINTS_KEY } from './ingest/html/hints.js';
import type { NewsRecord } from './model/record.js';
import { RunContext } from './pipeline/component.js';
import { defaultPipeline } from './pipeline/default.js';
import type { AnalysisDoc } from './pipeline/doc.js';
import type { Pipeline } from './pipeline/pipeline.js';
import { VERSION } from './version.js';

/** An empty record for an ingested document: every layer present, to be filled in by the pipeline. */
export function newRecord(input: IngestedDoc): NewsRecord {
  return {
    id: input.id,
    source: input.source,
    text: input.text,
    language: 'und',
    outlet: input.outlet,
    headline: null,
    standfirst: null,
    byline: [],
    published: input.date,
    timezone: { name: 'UTC', assumed: true },
    pipeline: { version: VERSION, models: {} },
    blocks: [],
    posts: [],
    entities: [],
    quotes: [],
    events: [],
    claims: [],
    notes: [...input.notes],
  };
}

export function newAnalysisDoc(input: IngestedDoc): AnalysisDoc {
  // Layout a web page or feed item gave (src/ingest/html) travels to the structure layer in scratch.
  const scratch = new Map<string, unknown>(input.structureHints ? [[STRUCTURE_HINTS_KEY, input.structureHints]] : []);
  return { record: newRecord(input), headerDate: input.date, layers: new Set(['text']), scratch };
}

/**
 * Analyses the documents of one run. Documents share a RunContext so entities, statements and events link across
 * them; each document's own analysis (tokens, structure) never depends on what was read before it.
 */
export class Analyzer {
  readonly pipeline: Pipeline;
  readonly run = new RunContext();

  constructor(pipeline: Pipeline = defaultPipeline()) {
    this.pipeline = pipeline;
  }

  analyze(input: IngestedDoc): NewsRecord {
    return this.analyzeDoc(input).record;
  }

  /** The full working document, with tokens and tagger output, for evaluation and tests. */
  analyzeDoc(input: IngestedDoc): AnalysisDoc {
    return this.pipeline.run(newAnalysisDoc(input), this.run);
  }

  /**
   * Several documents at once, component by component (Pipeline.runBatch), with the same records as analysing them
   * one by one in this order. Each result is the document's record, or the error that stopped its analysis (the
   * other documents are analysed all the same).
   */
  analyzeBatch(inputs: readonly IngestedDoc[]): Array<NewsRecord | Error> {
    const docs = inputs.map(newAnalysisDoc);
    const failures = this.pipeline.runBatch(docs, this.run);
    return docs.map((doc, i) => failures[i] ?? doc.record);
  }
}

/** Documents analysed together by the batch readers (the CLI, the bench): enough for each component's tables to be
 * reused while they are in cache, few enough that a batch's working documents take little memory. */
export const BATCH_DOCS = 32;

/** One document, on its own run. */
export function analyzeText(text: string, options: Partial<IngestedDoc> = {}): NewsRecord {
  return new Analyzer().analyze({
    id: options.id ?? 'doc',
    source: options.source ?? { corpus: 'inline' },
    text,
    date: options.date ?? null,
    outlet: options.outlet ?? null,
    url: options.url ?? null,
    notes: options.notes ?? [],
  });
}
