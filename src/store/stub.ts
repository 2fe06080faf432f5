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
//   Q|speaker|words        a direct quote (speaker "-" for none; the statement id is run-wide: one per wording,
//                          numbered in order of first sight, so replaying stored versions has something to get right)
//   I|speaker|words        an indirect quote
//   E|TYPE|name            an entity (run-wide id per name)
//   V|type|trigger words   an event
//   C|status|claim words   a claim
// The same stub serves the store tests (test/fixtures/store/stubAnalyzer.ts re-exports it).
import type { IngestedDoc } from '../ingest/document.js';
import type { ClaimStatus, EntityType, NewsRecord } from '../model/record.js';
import type { LedgerAnalyzer } from './analyzer.js';
import { analyzeOneByOne } from './ledger.js';
import type { StoredVersion } from './store.js';

export const STUB_PIPELINE_VERSION = 'stub-1';

export interface StubOptions {
  /** The pipeline version the records carry (default STUB_PIPELINE_VERSION): another one reads as a newer pipeline. */
  version?: string;
  /** Quote ids numbered from 101, as a newer pipeline's might differ. */
  renumber?: boolean;
  /** A document containing this makes the analyser throw. */
  failOn?: string | null;
  /** A document containing this blocks the process (a worker stuck mid-job, to be killed). */
  hangOn?: string | null;
}

export class StubLedgerAnalyzer implements LedgerAnalyzer {
  readonly statements = new Map<string, string>();
  readonly entities = new Map<string, string>();
  analyzed = 0;
  replayed = 0;

  constructor(readonly options: StubOptions = {}) {}

  analyze(input: IngestedDoc): NewsRecord {
    const { failOn, hangOn } = this.options;
    if (failOn && input.text.includes(failOn)) throw new Error('stub analyser failure');
    if (hangOn && input.text.includes(hangOn)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3_600_000);
    this.analyzed++;
    return this.build(input);
  }

  /** One by one: the stub has no tables to keep in cache, only the ledger's batch handling to exercise. */
  analyzeBatch(inputs: readonly IngestedDoc[]): Array<NewsRecord | Error> {
    return analyzeOneByOne(inputs, (input) => this.analyze(input));
  }

  replay(v: StoredVersion): void {
    this.replayed++;
    this.build(v.raw.doc);
  }

  private build(input: IngestedDoc): NewsRecord {
    // The fields of src/analyze.ts newRecord, written out: importing it would load the pipeline this stub avoids.
    const r: NewsRecord = {
      id: input.id, source: input.source, text: input.text, language: 'en', outlet: input.outlet, headline: null,
      standfirst: null, byline: [], published: input.date, timezone: { name: 'UTC', assumed: true },
      pipeline: { version: this.options.version ?? STUB_PIPELINE_VERSION, models: { stub: '1' } }, blocks: [], posts: [],
      entities: [], quotes: [], events: [], claims: [], notes: [...input.notes],
    };
    let pos = 0;
    let n = 0;
    for (const line of input.text.split('\n')) {
      const start = pos;
      pos += line.length + 1;
      if (start === 0) {
        r.headline = { start, end: line.length, text: line };
        continue;
      }
      const [tag, a, b] = line.split('|');
      if (b === undefined || a === undefined) continue;
      const bStart = start + tag!.length + a.length + 2;
      const span = { start: bStart, end: bStart + b.length, text: b };
      if (tag === 'Q' || tag === 'I') {
        const key = b.toLowerCase();
        let s = this.statements.get(key);
        if (!s) this.statements.set(key, (s = `s${this.statements.size + 1}`));
        n++;
        r.quotes.push({
          id: `${input.id}:q${this.options.renumber ? 100 + n : n}`, kind: tag === 'Q' ? 'direct' : 'indirect', content: span,
          cue: null, speaker: { entity: a === '-' ? null : this.entityId(a), name: a === '-' ? null : a, mention: null, anonymous: false },
          via: null, statement: s, paraphrase_of: null, confidence: 0.9,
        });
      } else if (tag === 'E') {
        r.entities.push({
          id: this.entityId(b), type: a as EntityType, name: b, aliases: [], named: true, description: null, roles: [],
          mentions: [{ span, kind: 'name', stands_for: null }], confidence: 0.9,
        });
      } else if (tag === 'V') {
        r.events.push({
          id: `${input.id}:v${r.events.length + 1}`, type: a, sub_type: null, trigger: span, actor: null, participants: [],
          place: null, date: null, casualties: null, sources: [], evidence: [], background: false, confidence: 0.8,
        });
      } else if (tag === 'C') {
        r.claims.push({ id: `${input.id}:c${r.claims.length + 1}`, claim: span, claimant: null, status: a as ClaimStatus, evidence: [], confidence: 0.7 });
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

/** A document in stub markup: the lines joined, with the given fields. */
export function stubDoc(id: string, lines: string[], extra: Partial<IngestedDoc> = {}): IngestedDoc {
  return { id, source: { corpus: 'test' }, text: lines.join('\n') + '\n', date: null, outlet: null, url: null, notes: [], ...extra };
}

/** The analyser factory for a command: the pipeline, or the stub when NEWSLEDGER_ANALYZER=stub (tests, bench). */
export async function analyzerFactory(env: NodeJS.ProcessEnv = process.env): Promise<() => LedgerAnalyzer> {
  if (env.NEWSLEDGER_ANALYZER === 'stub') return () => new StubLedgerAnalyzer({ failOn: env.NEWSLEDGER_STUB_FAIL || null, hangOn: env.NEWSLEDGER_STUB_HANG || null });
  if (env.NEWSLEDGER_ANALYZER && env.NEWSLEDGER_ANALYZER !== 'pipeline') {
    throw new Error(`NEWSLEDGER_ANALYZER is "pipeline" (the default) or "stub", not ${JSON.stringify(env.NEWSLEDGER_ANALYZER)}`);
  }
  const { PipelineAnalyzer } = await import('./analyzer.js');
  return () => new PipelineAnalyzer();
}
