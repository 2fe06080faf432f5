// `npm run bench:reliability`: the README's "Reliability" section, measured. It runs
//   1. fuzzing: the property-test generators of test/tools/fuzz.ts (fixed seed), each input through its reader, the
//      pipeline or the HTTP API, counting the inputs and the exceptions that escaped (and, for the pipeline, records
//      with a problem: a span that is not its slice, a schema error);
//   2. crash trials (src/bench/stages/faults.ts): ingest processes killed with SIGKILL, documents lost or duplicated;
//   3. the load test (src/bench/stages/load.ts): requests served, errors, p95 and requests/s at 50 connections while
//      another process ingests;
// then rewrites README.md between <!-- reliability:start --> and <!-- reliability:end --> (the section is added
// before "## How it is built" when the markers are missing), noting the machine and the date. It measures and reports;
// it asserts nothing (the tests do that). test/bench-reliability.test.ts checks the rendering from fixed figures.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MAX_STALE_MS } from '../server/aggregates.js';
import { PACKAGE_ROOT } from '../version.js';
import type { FaultFigures } from './stages/faults.js';
import type { LoadFigures } from './stages/load.js';

export const START_MARKER = '<!-- reliability:start -->';
export const END_MARKER = '<!-- reliability:end -->';
const BEFORE_HEADING = '## How it is built';

export interface FuzzFigures {
  target: string;
  inputs: number;
  /** Exceptions that escaped (a reader's InputError is a refusal, not an escape; for the API, a 5xx answer). */
  escaped: number;
  /** Outputs with a problem (pipeline: record or span problems), or null where nothing is checked beyond escapes. */
  problems: number | null;
}

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  /** 1-minute load average when the run started and when it ended. */
  loadStart: number;
  loadEnd: number;
}

export interface ReliabilityFigures {
  date: string;
  machine: Machine;
  seed: number;
  fuzz: FuzzFigures[];
  faults: FaultFigures[];
  load: LoadFigures | null;
  /** Why a part was not measured (no corpus, no PostgreSQL server...). */
  notes: string[];
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 100 ? int(n) : n.toFixed(1));

/** The section's markdown, markers included. */
export function renderReliability(f: ReliabilityFigures): string {
  const m = f.machine;
  const out: string[] = [START_MARKER, '## Reliability', ''];
  out.push(`Measured by \`npm run bench:reliability\` on ${f.date.slice(0, 10)}: ${m.cores} cores (${m.cpu}), Node ${m.node}, ` +
    `load average ${m.loadStart.toFixed(2)} at the start and ${m.loadEnd.toFixed(2)} at the end` +
    `${m.loadStart > m.cores / 2 || m.loadEnd > m.cores / 2 ? ' (the machine was shared with other work, which slows the load test)' : ''}. ` +
    'The script rewrites this section; the tests assert the same properties on every run.', '');

  out.push('**Nothing lost.** `newsledger ingest` processes killed with SIGKILL at seeded random points (inside write ' +
    'transactions, between them, during start-up), each kill followed by the integrity check, then run again to completion:', '');
  if (f.faults.length) {
    out.push('| store | kills | documents | lost | duplicated | integrity failures | time |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const x of f.faults) {
      out.push(`| ${x.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${int(x.trials)} | ${int(x.documents)} | ${int(x.lost)} | ${int(x.duplicates)} | ${int(x.integrityFailures)} | ${x.seconds.toFixed(0)} s |`);
    }
  } else out.push('(not measured in this run)');
  out.push('');

  if (f.fuzz.length) {
    const inputs = f.fuzz.reduce((n, x) => n + x.inputs, 0);
    const escaped = f.fuzz.reduce((n, x) => n + x.escaped, 0);
    out.push(`**Nothing escapes.** ${int(inputs)} generated inputs (fast-check, seed ${f.seed}: the generators of the property ` +
      `tests) through the readers, the pipeline and the API; ${int(escaped)} exception${escaped === 1 ? '' : 's'} escaped ` +
      '(a reader refusing an input with its reason is not an escape; for the API an escape is a 5xx answer):', '');
    out.push('| target | inputs | exceptions escaped | outputs with a problem |', '|---|---:|---:|---:|');
    for (const x of f.fuzz) out.push(`| ${x.target} | ${int(x.inputs)} | ${int(x.escaped)} | ${x.problems === null ? '-' : int(x.problems)} |`);
  } else out.push('**Nothing escapes.** (not measured in this run)');
  out.push('');

  const l = f.load;
  if (l) {
    out.push(`**Under load.** \`newsledger serve\` on a ${int(l.documents)}-document SQLite store, ${l.connections} connections ` +
      `for ${l.seconds} s (autocannon) over a mix of reads (document lists, document and quote search, quotes, entities, ` +
      `statements, single documents) while another process ingested ${int(l.written)} documents into the same file: ` +
      `${int(l.requests)} requests served (${int(l.rps)} requests/s), ${int(l.errors)} errors (${int(l.timeouts)} timeouts), ` +
      `${int(l.non2xx)} non-2xx answers, ${int(l.writeFailures)} failed writes; latency p50 ${ms(l.p50)} ms, **p95 ${ms(l.p95)} ms**, ` +
      `p99 ${ms(l.p99)} ms (exact percentiles over every response time). The target, no errors and p95 under 100 ms, was ` +
      `${l.errors === 0 && l.non2xx === 0 && l.p95 < 100 ? 'met' : '**not met**'} in this run.`, '');
    out.push('| endpoint | requests | p50 | p95 |', '|---|---:|---:|---:|');
    for (const e of l.endpoints) out.push(`| ${e.name} | ${int(e.requests)} | ${ms(e.p50)} ms | ${ms(e.p95)} ms |`);
    out.push('');
    out.push('Listings across documents (entities, statements) are aggregates over every row; the server keeps them ' +
      'and computes them on a worker thread, and after a write by another process may serve the previous answer for up to ' +
      `${MAX_STALE_MS / 1000} s while the new one is computed (writes through the server itself show at once). The ` +
      'measured run follows one request to each path of the mix and 3 s at full load, unmeasured; the load generator, the ' +
      'server and the writer share the machine.', '');
  } else out.push('**Under load.** (not measured in this run)', '');

  out.push('**Nobody in.** `test/server-security.test.ts` (SQLite, and PostgreSQL when a server is available) checks that ' +
    'every write endpoint refuses a missing or wrong token (401; 403 on a read-only server) and changes nothing; that ' +
    'bodies over the limit get 413 (10 MB by default, `--max-body`), a `limit` over 500 is refused with 400 (not ' +
    'clamped), URLs over 8,192 characters get 414 and filters over 500 characters 400; that SQL, LIKE and FTS5 syntax, ' +
    'NUL bytes and long Unicode in every parameter of every read endpoint (taken from the OpenAPI description) give no ' +
    '500, no stack trace and no database error text, and leave the store unchanged; that `..`, encoded separators, ' +
    'absolute paths and NUL never reach a file outside the page\'s folder; and that an internal error answers a generic ' +
    'JSON body with a request id (also in `x-request-id`), the detail going to the server log only.', '');
  for (const n of f.notes) out.push(`_${n}_`, '');
  out.push(END_MARKER);
  return out.join('\n');
}

/** The README with the section replaced, or added before "## How it is built" (else at the end) the first time. */
export function replaceSection(readme: string, section: string): string {
  const a = readme.indexOf(START_MARKER);
  const b = readme.indexOf(END_MARKER);
  if (a >= 0 && b > a) return readme.slice(0, a) + section + readme.slice(b + END_MARKER.length);
  const at = readme.indexOf(`\n${BEFORE_HEADING}`);
  if (at < 0) return `${readme.trimEnd()}\n\n${section}\n`;
  return `${readme.slice(0, at + 1)}${section}\n\n${readme.slice(at + 1)}`;
}

export function machine(loadStart: number): Machine {
  return { cores: cpus().length, cpu: cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown', node: process.version, loadStart, loadEnd: loadavg()[0]! };
}

/**
 * The fuzz figures: each target's generator sampled with the fixed seed, each input run, exceptions counted. The
 * generators and checks are the property tests' own (test/tools/fuzz.ts), imported when this runs.
 */
export async function runFuzz(runs: number, progress: (m: string) => void): Promise<{ seed: number; figures: FuzzFigures[] }> {
  const fc = (await import('fast-check')).default;
  const fz = await import('../../test/tools/fuzz.js');
  const { decodeBytes } = await import('../ingest/decode.js');
  const { readHtmlString } = await import('../ingest/html/readHtml.js');
  const { readFeedString } = await import('../ingest/feed/readFeed.js');
  const figures: FuzzFigures[] = [];
  const sample = <T>(arb: import('fast-check').Arbitrary<T>, n: number) => fc.sample(arb, { seed: fz.FUZZ_SEED, numRuns: n });
  /** Runs each input; `one` returns the output's problems (an array) where it checks more than escapes. */
  const run = async <T>(target: string, inputs: T[], one: (x: T) => string[] | void | Promise<string[] | void>) => {
    let escaped = 0;
    let problems = 0;
    let checked = false;
    for (const x of inputs) {
      try {
        const r = await one(x);
        if (Array.isArray(r)) {
          checked = true;
          if (r.length) problems++;
        }
      } catch {
        escaped++;
      }
    }
    figures.push({ target, inputs: inputs.length, escaped, problems: checked ? problems : null });
    progress(`fuzz: ${target}: ${inputs.length} inputs, ${escaped} escaped${checked ? `, ${problems} with a problem` : ''}`);
  };
  const where = { id: 'fuzz', source: { corpus: 'fuzz' } };
  // A reader's document is checked as the property tests check it: its structure hints are spans of its text.
  const hints = (d: import('../ingest/document.js').IngestedDoc | null): string[] => {
    if (d === null) return [];
    try {
      fz.assertHintsValid(d);
      return [];
    } catch (e) {
      return [(e as Error).message];
    }
  };
  await run('decodeBytes: random bytes', sample(fc.uint8Array({ maxLength: 400 }), runs * 4), (b) => void fz.readOrRefuse(() => decodeBytes(b)));
  await run('readHtmlString: generated pages', sample(fz.htmlPage(4), runs), (h) => hints(fz.readOrRefuse(() => readHtmlString(h, where))));
  await run('readFeedString: generated feeds', sample(fz.feedXml, runs), (x) => void fz.readOrRefuse(() => readFeedString(x, 'feed.xml')));
  fz.sharedAnalyzer();
  await run('pipeline: nasty Unicode text', sample(fz.nastyText(60), runs), (t) => fz.analysisProblems(fz.docOf(t)));
  await run('pipeline: scraped-text documents', sample(fz.scrapedText(), runs), (t) => fz.analysisProblems(fz.docOf(t)));
  await run('HTTP API: hostile filter values', await apiInputs(fc, sample, runs * 4), async (req) => void (await req()));
  return { seed: fz.FUZZ_SEED, figures };
}

/** Requests with generated values in every filter of every read endpoint; each throws on a 5xx answer. */
async function apiInputs(fc: typeof import('fast-check').default, sample: <T>(a: import('fast-check').Arbitrary<T>, n: number) => T[], n: number): Promise<Array<() => Promise<void>>> {
  const { createApp } = await import('../server/app.js');
  const { openApiDocument } = await import('../server/openapi.js');
  const { Ledger } = await import('../store/ledger.js');
  const { openStore } = await import('../store/open.js');
  const { StubLedgerAnalyzer: StubAnalyzer, stubDoc: doc } = await import('../store/stub.js');
  const fz = await import('../../test/tools/fuzz.js');
  const store = await openStore(':memory:');
  const ledger = new Ledger(store, () => new StubAnalyzer());
  await ledger.ingest(doc('a', ['Minister resigns', 'E|PERSON|Jane Doe', 'Q|Jane Doe|I will not stand for this budget', 'V|resignation|resigned', 'C|denied|the cut'],
    { date: '2024-03-01', outlet: 'Daily', url: 'https://daily.example/a' }));
  const app = createApp({ store, ledger, token: 'fuzz', maxBodyBytes: 100_000 });
  const paths = openApiDocument().paths as Record<string, { get?: { parameters?: Array<{ name: string; in: string }> } }>;
  const targets = Object.entries(paths).flatMap(([path, p]) => (p.get?.parameters ?? []).map((x) => ({ path, name: x.name, in: x.in })));
  const value = fc.oneof(fz.nastyText(20), fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom("' OR 1=1 --", '"; DROP TABLE documents; --', '%', '_', '\\', 'NEAR(', '"unbalanced', '*', 'col:x', '\u0000'));
  const enc = (s: string) => encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'));
  return sample(fc.tuple(fc.constantFrom(...targets), value), n).map(([t, v]) => async () => {
    const url = t.in === 'path' ? t.path.replace(`{${t.name}}`, enc(v) || 'x') : `${t.path}?${t.name}=${enc(v)}`;
    const r = await app.request(url);
    await r.arrayBuffer();
    if (r.status >= 500) throw new Error(`${url}: ${r.status}`);
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'fuzz-runs': { type: 'string', default: '200' }, trials: { type: 'string', default: '20' }, 'pg-trials': { type: 'string', default: '10' },
      pg: { type: 'string' }, docs: { type: 'string', default: '5000' }, seconds: { type: 'string', default: '20' },
      readme: { type: 'string', default: join(PACKAGE_ROOT, 'README.md') }, 'dry-run': { type: 'boolean', default: false },
      skip: { type: 'string', multiple: true, default: [] }, help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(`npm run bench:reliability -- [--fuzz-runs N] [--trials N] [--pg URL] [--pg-trials N] [--docs N] [--seconds S]
    [--skip fuzz|faults|load]... [--dry-run] [--readme FILE]

  Runs the fuzzing, the crash trials and the load test, and rewrites README.md's Reliability section.
  --pg URL (or NEWSLEDGER_PG_URL / NEWSLEDGER_TEST_PG) adds crash trials on PostgreSQL; --dry-run prints the section.`);
    return 0;
  }
  const progress = (m: string) => process.stderr.write(`reliability: ${m}\n`);
  const loadStart = loadavg()[0]!;
  const notes: string[] = [];
  const skip = new Set(values.skip);

  let fuzz: FuzzFigures[] = [];
  let seed = 0;

  // A part that fails is noted in the section, and the others still run.
  const attempt = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      progress(`${what} failed: ${(e as Error).stack ?? String(e)}`);
      notes.push(`${what} failed in this run: ${(e as Error).message.split('\n')[0]}`);
    }
  };

  if (!skip.has('fuzz')) await attempt('The fuzzing', async () => void ({ seed, figures: fuzz } = await runFuzz(Number(values['fuzz-runs']), progress)));

  const faults: FaultFigures[] = [];
  if (!skip.has('faults')) {
    const { runFaultTrials, faultsPgUrl } = await import('./stages/faults.js');
    await attempt('The SQLite crash trials', async () => {
      faults.push(await runFaultTrials('sqlite', Number(values.trials)));
      progress(`faults sqlite: ${JSON.stringify(faults.at(-1))}`);
    });
    const pgUrl = values.pg ?? faultsPgUrl();
    if (pgUrl) {
      await attempt('The PostgreSQL crash trials', async () => {
        faults.push(await runFaultTrials('postgres', Number(values['pg-trials']), { pgUrl }));
        progress(`faults postgres: ${JSON.stringify(faults.at(-1))}`);
      });
    } else notes.push('Crash trials on PostgreSQL were not run: no server (pass --pg URL or set NEWSLEDGER_PG_URL).');
  }

  let load: LoadFigures | null = null;
  if (!skip.has('load')) {
    const { loadBaseTexts, missingData } = await import('./corpus.js');
    if (missingData().length) notes.push(`The load test was not run: it needs the benchmark corpus (${missingData().join(', ')}).`);
    else {
      const { describeLoad, runLoadTest } = await import('./stages/load.js');
      await attempt('The load test', async () => {
        load = await runLoadTest(loadBaseTexts(), { docs: Number(values.docs), seconds: Number(values.seconds), progress });
        for (const line of describeLoad(load)) progress(line);
      });
    }
  }

  const figures: ReliabilityFigures = { date: new Date().toISOString(), machine: machine(loadStart), seed, fuzz, faults, load, notes };
  const section = renderReliability(figures);
  if (values['dry-run']) console.log(section);
  else {
    writeFileSync(values.readme, replaceSection(readFileSync(values.readme, 'utf8'), section));
    progress(`rewrote the Reliability section of ${values.readme}`);
  }
  // The figures in full (per-endpoint latencies, each fuzz target), next to the bench history (git-ignored).
  mkdirSync(join(PACKAGE_ROOT, '.newsledger'), { recursive: true });
  writeFileSync(join(PACKAGE_ROOT, '.newsledger', 'reliability.json'), JSON.stringify(figures, null, 2) + '\n');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => (process.exitCode = code), (e: unknown) => {
    process.stderr.write(`reliability: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
