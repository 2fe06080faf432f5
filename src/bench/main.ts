// `npm run bench`: throughput of `analyze` and of each pipeline component on a corpus of real news built from
// ../shared/data, plus the extra benchmarks of stages.ts. It measures and reports; it never asserts a time.
//
// The corpus (default 50 MB) is read first in full by the fast leading components; slow later components would take
// too long on all of it, so the whole pipeline runs on a sample, and the full corpus gets the longest pipeline prefix
// whose projected time (from the sample) fits the budget. Each row says what it was measured on.
import { appendFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable } from '../eval/table.js';
import { DEFAULT_COMPONENTS } from '../pipeline/default.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';
import { corpusDocs, loadBaseTexts, missingData, SHARED_DATA } from './corpus.js';
import { BENCH_STAGES, type BenchRow } from './stages.js';
import { type PassResult, timedPass } from './timing.js';

const USAGE = `npm run bench -- [--mb N] [--sample-mb N] [--budget S] [--stage NAME] [--json] [--history FILE] [--data DIR]

  --mb N          corpus size in MB of UTF-8 text (default ${50})
  --sample-mb N   size of the sample the whole pipeline runs on (default ${5}, at most --mb)
  --budget S      seconds the full-corpus pass may take, projected from the sample (default ${600})
  --stage NAME    only this pipeline component (with the components it needs) or this extra benchmark
  --json          print the results as JSON instead of a table
  --history FILE  where a JSON line of results is appended (default .newsledger/bench-history.jsonl, git-ignored)
  --data DIR      the public data folder (default ../shared/data from the repository root)`;

const DEFAULT_MB = 50;
/** 5 MB is ~300 news articles: enough for stable per-component figures, and quick even for slow components. */
const DEFAULT_SAMPLE_MB = 5;
/** Ten minutes for the full-corpus pass keeps the default run within about fifteen minutes. */
const DEFAULT_BUDGET_S = 600;
const DEFAULT_HISTORY = '.newsledger/bench-history.jsonl';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      mb: { type: 'string', default: String(DEFAULT_MB) },
      'sample-mb': { type: 'string', default: String(DEFAULT_SAMPLE_MB) },
      budget: { type: 'string', default: String(DEFAULT_BUDGET_S) },
      stage: { type: 'string' },
      json: { type: 'boolean', default: false },
      history: { type: 'string', default: DEFAULT_HISTORY },
      data: { type: 'string', default: SHARED_DATA },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const mb = positive(values.mb, '--mb');
  const sampleMb = Math.min(mb, positive(values['sample-mb'], '--sample-mb'));
  const budget = positive(values.budget, '--budget');
  const progress = (m: string) => process.stderr.write(`bench: ${m}\n`);

  const names = DEFAULT_COMPONENTS.map((c) => c.name);
  const stageIndex = values.stage === undefined ? -1 : names.indexOf(values.stage);
  let extra = BENCH_STAGES.filter((s) => values.stage === undefined || s.name === values.stage);
  if (values.stage !== undefined && stageIndex < 0 && extra.length === 0) {
    progress(`unknown --stage "${values.stage}"; components: ${names.join(', ')}; benchmarks: ` +
      BENCH_STAGES.map((s) => s.name).join(', '));
    return 2;
  }

  // Without the public data there is no corpus: only the stages that build their own input run.
  const missing = missingData(values.data);
  const haveData = missing.length === 0;
  if (!haveData) {
    extra = stageIndex >= 0 ? [] : extra.filter((s) => s.needsData === false);
    progress(`the benchmark corpus is built from the public data, and ${missing.join(', ')} ` +
      `${missing.length === 1 ? 'is' : 'are'} missing (expected ../shared/data next to the repository, or pass --data DIR): ` +
      (extra.length ? `running only ${extra.map((s) => s.name).join(', ')}` : 'skipped'));
    if (extra.length === 0) return 0;
  }

  const t0 = performance.now();
  const base = haveData ? loadBaseTexts(values.data) : [];
  const baseMb = base.reduce((n, b) => n + b.bytes, 0) / 1e6;
  if (haveData) progress(`loaded ${base.length} base texts (${baseMb.toFixed(1)} MB: PolNeAR train + BBC) in ` +
    `${((performance.now() - t0) / 1000).toFixed(1)} s; corpus ${mb} MB cycles through them with varied ids`);

  const rows: BenchRow[] = [];
  const memory: Record<string, { peakRssMb: number; peakHeapMb: number }> = {};
  const runPipeline = haveData && (values.stage === undefined || stageIndex >= 0);
  if (runPipeline) {
    // With --stage, the components before it still run (it needs their layers) but only its row is reported.
    const components = stageIndex >= 0 ? DEFAULT_COMPONENTS.slice(0, stageIndex + 1) : DEFAULT_COMPONENTS;
    const targetBytes = mb * 1e6;
    const sampleBytes = sampleMb * 1e6;
    const sampleLabel = sampleBytes < targetBytes ? 'sample' : 'full corpus';
    progress(`pass 1: all ${components.length} components on the ${sampleLabel} (${sampleMb} MB)`);
    const sample = timedPass(components, corpusDocs(base, sampleBytes), sampleBytes, progress, 'pass 1');
    let full: PassResult | null = null;
    let prefix = 0;
    if (sampleBytes < targetBytes) {
      prefix = affordablePrefix(sample, targetBytes, budget);
      if (prefix > 0) {
        const shown = components.slice(0, prefix).map((c) => c.name).join(', ');
        progress(`pass 2: ${shown} on the full corpus (${mb} MB), projected to fit the ${budget} s budget`);
        full = timedPass(components.slice(0, prefix), corpusDocs(base, targetBytes), targetBytes, progress, 'pass 2');
      }
      if (prefix < components.length) {
        progress(`${components.slice(prefix).map((c) => c.name).join(', ')}: measured on the sample only ` +
          `(the full corpus would exceed the budget)`);
      }
    }
    const where = (p: PassResult, what: string) => `${what}: ${(p.bytes / 1e6).toFixed(1)} MB, ${p.docs} docs`;
    const overall = full && prefix === components.length ? full : sample;
    const overallWhere = where(overall, overall === full || sampleBytes >= targetBytes ? 'full corpus' : 'sample');
    if (stageIndex < 0) {
      rows.push({ stage: 'analyze (pipeline + JSON)', measuredOn: overallWhere, docs: overall.docs, mb: overall.bytes / 1e6, seconds: overall.seconds });
      rows.push({ stage: 'record JSON.stringify', measuredOn: overallWhere, docs: overall.docs, mb: overall.bytes / 1e6, seconds: overall.serializeSeconds });
    }
    memory[`analyze on ${overallWhere}`] = { peakRssMb: overall.peakRssBytes / 1e6, peakHeapMb: overall.peakHeapBytes / 1e6 };
    if (full && full !== overall) {
      memory[`first ${prefix} components on ${where(full, 'full corpus')}`] = {
        peakRssMb: full.peakRssBytes / 1e6,
        peakHeapMb: full.peakHeapBytes / 1e6,
      };
    }
    components.forEach((c, i) => {
      if (stageIndex >= 0 && i !== stageIndex) return;
      const from = full && i < prefix ? full : sample;
      const t = from.components[i]!;
      rows.push({
        stage: `component ${c.name}`,
        measuredOn: where(from, from === full || sampleBytes >= targetBytes ? 'full corpus' : 'sample'),
        docs: t.docs,
        mb: t.bytes / 1e6,
        seconds: t.seconds,
        ...(t.unit ? { items: { count: t.items, unit: t.unit } } : {}),
      });
    });
  }
  for (const s of extra) {
    progress(`benchmark ${s.name}: ${s.description}`);
    rows.push(...(await s.run({ base, targetBytes: mb * 1e6, progress })));
  }

  const result = {
    time: new Date().toISOString(),
    version: VERSION,
    commit: gitCommit(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    options: { mb, sampleMb, budget, stage: values.stage ?? null },
    rows: rows.map((r) => ({ ...r, docsPerS: r.docs !== null && r.seconds > 0 ? r.docs / r.seconds : null, mbPerS: r.seconds > 0 ? r.mb / r.seconds : null })),
    memory,
  };
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else console.log(render(rows, memory));
  const history = resolve(PACKAGE_ROOT, values.history);
  mkdirSync(dirname(history), { recursive: true });
  appendFileSync(history, JSON.stringify(result) + '\n');
  progress(`results appended to ${history}`);
  return 0;
}

/**
 * How many leading components can run over the whole corpus within the budget, projecting each one's time from its
 * seconds per byte on the sample (the prefix, not any subset: a component needs the layers of those before it).
 */
function affordablePrefix(sample: PassResult, targetBytes: number, budget: number): number {
  let projected = 0;
  let n = 0;
  for (const t of sample.components) {
    projected += sample.bytes > 0 ? (t.seconds / sample.bytes) * targetBytes : 0;
    if (projected > budget) break;
    n++;
  }
  return n;
}

function render(rows: BenchRow[], memory: Record<string, { peakRssMb: number; peakHeapMb: number }>): string {
  const rate = (n: number, s: number) => (s > 0 ? (n / s).toFixed(n / s >= 100 ? 0 : 2) : '-');
  const table = formatTable([
    ['stage', 'measured on', 'docs', 'MB', 's', 'docs/s', 'MB/s', 'items/s'],
    ...rows.map((r) => [
      r.stage,
      r.measuredOn,
      r.docs === null ? '-' : String(r.docs),
      r.mb.toFixed(1),
      r.seconds.toFixed(2),
      r.docs === null ? '-' : rate(r.docs, r.seconds),
      rate(r.mb, r.seconds),
      r.items ? `${rate(r.items.count, r.seconds)} ${r.items.unit}/s` : '-',
    ]),
  ]);
  const mem = Object.entries(memory).map(
    ([what, m]) => `peak memory, ${what}: RSS ${m.peakRssMb.toFixed(0)} MB, heap ${m.peakHeapMb.toFixed(0)} MB`,
  );
  return [table, '', ...mem, 'MB = 10^6 bytes of UTF-8 text; times are one process on one core.'].join('\n');
}

function positive(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new Error(`${name} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PACKAGE_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
