// The analyser the ledger drives, and how its cross-document state is rebuilt from the store. A document's
// entities, statements, events and claims depend on every document analysed before it in the run, so a process that
// opens a store must first bring its RunContext to where the store's history left it: "replay" the stored versions
// in ingest order. Every run-wide part of the default pipeline has a replayer below that reads the stored record
// alone (no NLP; what linking keeps beyond the published layers is in `record.links`). A part without one, or a
// record made by another pipeline version, falls back to analysing the stored raw input again (exact, but slow).
import { Analyzer } from '../analyze.js';
import { replayEntities } from '../entities/replay.js';
import { replayClaims } from '../events/claims/replay.js';
import { replayEvents } from '../events/replay.js';
import type { IngestedDoc } from '../ingest/document.js';
import type { NewsRecord } from '../model/record.js';
import type { RunContext } from '../pipeline/component.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { QUOTE_SETTINGS_PART, quoteSettings } from '../quotes/settings.js';
import { docInfo } from '../statements/component.js';
import { StatementIndex } from '../statements/index.js';
import { VERSION } from '../version.js';
import type { StoredVersion } from './store.js';

/** What the ledger needs from an analyser; tests pass a stub that builds records from markup. */
export interface LedgerAnalyzer {
  analyze(input: IngestedDoc): NewsRecord;
  /**
   * Several documents, in order, with the records analysing them one by one would give (the ledger ingests and
   * reanalyses through this, a batch at a time). A document whose analysis throws gets its error at its index, and
   * the others are analysed all the same (the ledger discards the ones after a failure: they saw the failed one's
   * partial state).
   */
  analyzeBatch(inputs: readonly IngestedDoc[]): Array<NewsRecord | Error>;
  /** Adds a version stored earlier (possibly by another process) to the cross-document state, without output. */
  replay(v: StoredVersion): void;
}

type Replayer = (record: NewsRecord, run: RunContext) => void;

/**
 * Run-wide parts that can be rebuilt from stored records, by the part name their component uses. Each does what
 * the component does with a document, on a copy of the stored items (the component's writes are discarded).
 */
export const REPLAYERS: Record<string, Replayer> = {
  statements(record, run) {
    // The pipeline skips the statement linker for non-English text (and says so in the notes): so does replay.
    if (record.notes.some((n) => n.startsWith('statements: skipped'))) return;
    // With the posts' own times, as the linker reads them (a live blog's quote was first seen when its post was).
    run.part('statements', () => new StatementIndex()).addDocument(docInfo(record), structuredClone(record.quotes));
  },
  entities: replayEntities,
  // The quote layer's settings are the run's configuration, not something documents build: the ledger's runs use
  // the defaults, which the quote layer creates on its first English document.
  [QUOTE_SETTINGS_PART](record, run) {
    if (!record.notes.some((n) => n.startsWith('quotes: skipped'))) quoteSettings(run);
  },
  events: replayEvents,
  claims: replayClaims,
};

/** Names of the run-wide parts a RunContext holds (its map is private: read it without changing the class). */
export function runParts(run: RunContext): string[] {
  const parts = (run as unknown as { parts?: Map<string, unknown> }).parts;
  return parts instanceof Map ? [...parts.keys()] : [];
}

/** A short English document with a quote: enough for every cross-document component to create its part. */
const PROBE: IngestedDoc = {
  id: 'probe',
  source: { corpus: 'probe' },
  text: 'Bridge to reopen\n\nThe city will reopen the bridge on Monday, officials said. "The repairs are finished and the bridge is safe," Mayor John Smith told reporters in Springfield.\n',
  date: '2024-01-01',
  outlet: null,
  url: null,
  notes: [],
};

export class PipelineAnalyzer implements LedgerAnalyzer {
  private readonly analyzer: Analyzer;
  /** True when every run-wide part of the pipeline has a replayer, so replay needs no NLP. */
  readonly fastReplay: boolean;
  readonly parts: string[];

  /** `pipeline`: the default one, or for tests one with a component that throws (see test/store-batch.test.ts). */
  constructor(pipeline?: Pipeline) {
    this.analyzer = new Analyzer(pipeline);
    const probe = new Analyzer();
    probe.analyze(PROBE);
    this.parts = runParts(probe.run);
    this.fastReplay = this.parts.every((p) => p in REPLAYERS);
  }

  /** The run-wide state, for tests that compare a replayed state with a live one. */
  get run(): RunContext {
    return this.analyzer.run;
  }

  analyze(input: IngestedDoc): NewsRecord {
    return this.analyzer.analyze(input);
  }

  /** Component by component over the batch (Analyzer.analyzeBatch): measured about 17% faster than one by one. */
  analyzeBatch(inputs: readonly IngestedDoc[]): Array<NewsRecord | Error> {
    return this.analyzer.analyzeBatch(inputs);
  }

  replay(v: StoredVersion): void {
    // A record of another pipeline version may lack what replay reads (or differ from what this one would make).
    if (!this.fastReplay || v.record.pipeline.version !== VERSION) {
      this.analyzer.analyze(v.raw.doc);
      return;
    }
    for (const p of this.parts) REPLAYERS[p]!(v.record, this.analyzer.run);
  }
}
