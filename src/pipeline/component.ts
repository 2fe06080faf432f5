import type { AnalysisDoc } from './doc.js';

/**
 * State shared by the documents of one run (one `analyze` call over many files): entity registry, statement index,
 * event merger. Each component keeps its own part under its name. Linking is incremental: a later document joins
 * what earlier ones built; nothing already written is recomputed.
 */
export class RunContext {
  private readonly parts = new Map<string, unknown>();

  /** The component's run-wide state, created on first use. */
  part<T>(name: string, create: () => T): T {
    let value = this.parts.get(name) as T | undefined;
    if (value === undefined) {
      value = create();
      this.parts.set(name, value);
    }
    return value;
  }
}

/**
 * A named pipeline stage. `requires` lists the layers that must be present before it runs; `assigns` the layers it
 * adds. The pipeline refuses an order in which a stage would run before what it requires.
 */
export interface Component {
  name: string;
  requires: readonly string[];
  assigns: readonly string[];
  /** Stages that only make sense for English text are skipped, with a note, for other languages. */
  englishOnly?: boolean;
  run(doc: AnalysisDoc, run: RunContext): void;
}
