// Which analyser the ledger's commands use. The real pipeline by default; for the reliability tests and the faults
// benchmark (src/bench/stages/faults.ts), which drive `newsledger ingest`/`worker` processes through thousands of
// documents and kill them, a hidden switch puts a fast stand-in in its place:
//   NEWSLEDGER_ANALYZER=stub        records built from line markup (below), with run-wide statement and entity ids
//   NEWSLEDGER_STUB_FAIL=WORD       with the stub: a document containing WORD makes the analyser throw
//   NEWSLEDGER_STUB_HANG=WORD       with the stub: a document containing WORD blocks the process (a worker stuck
//                                   mid-job, to be killed)
// Not for users: a stub record has none of the pipeline's analysis. The pipeline module is imported only when used,
// so a stubbed process starts in a fraction of the time.
//
// Stub markup, one item per line after the headline (the first line):
//   Q|speaker|words   a direct quote (the statement id is run-wide: one per wording, numbered in order of first sight)
//   E|TYPE|name       an entity (run-wide id per name)
import type { IngestedDoc } from '../ingest/document.js';
import type { EntityType, NewsRecord } from '../model/record.js';
import type { LedgerAnalyzer } from './analyzer.js';
import type { StoredVersion } from './store.js';

export const STUB_PIPELINE_VERSION = 'stub-1';

export class StubLedgerAnalyzer implements LedgerAnalyzer {
  private readonly statements = new Map<string, string>();
  private readonly entities = new Map<string, string>();

  constructor(
    private readonly failOn: string | null = null,
    private readonly hangOn: string | null = null,
  ) {}

  analyze(input: IngestedDoc): NewsRecord {
    if (this.failOn && input.text.includes(this.failOn)) throw new Error(`stub analyser failure (the text contains ${this.failOn})`);
    if (this.hangOn && input.text.includes(this.hangOn)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3_600_000);
    return this.build(input);
  }

  replay(v: StoredVersion): void {
    this.build(v.raw.doc);
  }

  private build(input: IngestedDoc): NewsRecord {
    const r: NewsRecord = {
      id: input.id, source: input.source, text: input.text, language: 'en', outlet: input.outlet, headline: null,
      standfirst: null, byline: [], published: input.date, timezone: { name: 'UTC', assumed: true },
      pipeline: { version: STUB_PIPELINE_VERSION, models: { stub: '1' } }, blocks: [], posts: [], entities: [], quotes: [],
      events: [], claims: [], notes: [...input.notes],
    };
    let pos = 0;
    for (const line of input.text.split('\n')) {
      const start = pos;
      pos += line.length + 1;
      if (start === 0) {
        r.headline = { start, end: line.length, text: line };
        continue;
      }
      const [tag, a, b] = line.split('|');
      if (b === undefined || !a) continue;
      const bStart = start + tag!.length + a.length + 2;
      const span = { start: bStart, end: bStart + b.length, text: b };
      if (tag === 'Q') {
        const key = b.toLowerCase();
        let s = this.statements.get(key);
        if (!s) this.statements.set(key, (s = `s${this.statements.size + 1}`));
        r.quotes.push({
          id: `${input.id}:q${r.quotes.length + 1}`, kind: 'direct', content: span, cue: null,
          speaker: { entity: this.entityId(a), name: a, mention: null, anonymous: false },
          via: null, statement: s, paraphrase_of: null, confidence: 0.9,
        });
      } else if (tag === 'E' && !r.entities.some((e) => e.name === b)) {
        r.entities.push({
          id: this.entityId(b), type: a as EntityType, name: b, aliases: [], named: true, description: null, roles: [],
          mentions: [{ span, kind: 'name', stands_for: null }], confidence: 0.9,
        });
      }
    }
    return r;
  }

  private entityId(name: string): string {
    let id = this.entities.get(name);
    if (!id) this.entities.set(name, (id = `e${this.entities.size + 1}`));
    return id;
  }
}

/** The analyser factory for a command: the pipeline, or the stub when NEWSLEDGER_ANALYZER=stub (tests, bench). */
export async function analyzerFactory(env: NodeJS.ProcessEnv = process.env): Promise<() => LedgerAnalyzer> {
  if (env.NEWSLEDGER_ANALYZER === 'stub') return () => new StubLedgerAnalyzer(env.NEWSLEDGER_STUB_FAIL || null, env.NEWSLEDGER_STUB_HANG || null);
  if (env.NEWSLEDGER_ANALYZER && env.NEWSLEDGER_ANALYZER !== 'pipeline') {
    throw new Error(`NEWSLEDGER_ANALYZER is "pipeline" (the default) or "stub", not ${JSON.stringify(env.NEWSLEDGER_ANALYZER)}`);
  }
  const { PipelineAnalyzer } = await import('./analyzer.js');
  return () => new PipelineAnalyzer();
}
