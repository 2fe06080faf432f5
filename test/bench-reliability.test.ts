// The README's Reliability section generator (src/bench/reliability.ts): its markdown from fixed figures (not the
// measured numbers, which depend on the machine), the section's replacement between its markers, and that README.md
// has the markers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { END_MARKER, renderReliability, replaceSection, START_MARKER, type ReliabilityFigures } from '../src/bench/reliability.js';
import { PACKAGE_ROOT } from '../src/version.js';

const figures: ReliabilityFigures = {
  date: '2026-11-23T22:00:00.000Z',
  machine: { cores: 2, cpu: 'Test CPU @ 2.0GHz', node: 'v20.20.2', loadStart: 3.5, loadEnd: 2.25 },
  seed: 20_240_611,
  fuzz: [
    { target: 'decodeBytes: random bytes', inputs: 800, escaped: 0, problems: null },
    { target: 'pipeline: nasty Unicode text', inputs: 200, escaped: 1, problems: 2 },
  ],
  faults: [
    { backend: 'sqlite', trials: 10, documents: 1000, lost: 0, duplicates: 0, integrityFailures: 0, seconds: 41.6 },
    { backend: 'postgres', trials: 5, documents: 1000, lost: 1, duplicates: 2, integrityFailures: 3, seconds: 80 },
  ],
  load: {
    backend: 'sqlite', documents: 5000, connections: 50, seconds: 20, requests: 12_345, rps: 617.25, errors: 0, timeouts: 0, non2xx: 0,
    serverErrors: 0, p50: 12.34, p95: 87.6, p99: 140.2, max: 300, written: 200, writeFailures: 0, buildSeconds: 60, perSecond: [],
    endpoints: [{ name: 'statements', requests: 1700, p50: 3.2, p95: 45.01, max: 99 }],
  },
  notes: ['Crash trials on PostgreSQL were not run: no server.'],
};

test('the section renders the figures as tables, with the machine and the date', () => {
  const md = renderReliability(figures);
  assert.ok(md.startsWith(`${START_MARKER}\n## Reliability\n`));
  assert.ok(md.endsWith(END_MARKER));
  assert.match(md, /on 2026-11-23: 2 cores \(Test CPU @ 2\.0GHz\), Node v20\.20\.2, load average 3\.50 at the start and 2\.25 at the end \(the machine was shared/);
  assert.ok(md.includes('| SQLite | 10 | 1,000 | 0 | 0 | 0 | 42 s |'), md);
  assert.ok(md.includes('| PostgreSQL | 5 | 1,000 | 1 | 2 | 3 | 80 s |'));
  assert.match(md, /\*\*Nothing escapes\.\*\* 1,000 generated inputs \(fast-check, seed 20240611/);
  assert.match(md, /; 1 exception escaped/);
  assert.ok(md.includes('| decodeBytes: random bytes | 800 | 0 | - |'));
  assert.ok(md.includes('| pipeline: nasty Unicode text | 200 | 1 | 2 |'));
  assert.match(md, /5,000-document SQLite store, 50 connections for 20 s/);
  assert.match(md, /12,345 requests served \(617 requests\/s\), 0 errors \(0 timeouts\), 0 non-2xx answers/);
  assert.match(md, /p50 12\.3 ms, \*\*p95 87\.6 ms\*\*, p99 140 ms/);
  assert.match(md, /The target, no errors and p95 under 100 ms, was met in this run/);
  const slow = renderReliability({ ...figures, load: { ...figures.load!, p95: 250 } });
  assert.match(slow, /was \*\*not met\*\* in this run/);
  assert.ok(md.includes('| statements | 1,700 | 3.2 ms | 45.0 ms |'));
  assert.ok(md.includes('_Crash trials on PostgreSQL were not run: no server._'));
});

test('parts not measured say so; a quiet machine is not called shared', () => {
  const md = renderReliability({ ...figures, machine: { ...figures.machine, loadStart: 0.2, loadEnd: 0.3 }, fuzz: [], faults: [], load: null, notes: [] });
  assert.equal(md.match(/\(not measured in this run\)/g)?.length, 3);
  assert.doesNotMatch(md, /shared with other work/);
});

test('the section replaces the one between the markers, or goes before "How it is built"', () => {
  const readme = '# X\n\nintro\n\n## How it is built\n\nsee\n';
  const first = replaceSection(readme, `${START_MARKER}\nA\n${END_MARKER}`);
  assert.equal(first, `# X\n\nintro\n\n${START_MARKER}\nA\n${END_MARKER}\n\n## How it is built\n\nsee\n`);
  const second = replaceSection(first, `${START_MARKER}\nB\n${END_MARKER}`);
  assert.equal(second, first.replace('\nA\n', '\nB\n'));
  assert.equal(replaceSection('# Y\n', `${START_MARKER}\nC\n${END_MARKER}`), `# Y\n\n${START_MARKER}\nC\n${END_MARKER}\n`);
});

test('README.md has the section, between its markers, before "How it is built"', () => {
  const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
  const a = readme.indexOf(START_MARKER);
  const b = readme.indexOf(END_MARKER);
  assert.ok(a >= 0 && b > a, 'README.md has both markers, in order');
  assert.ok(readme.slice(a, b).includes('## Reliability'));
  assert.ok(b < readme.indexOf('## How it is built'));
});
