// Large and pathological inputs: ingest and analysis stay linear in the input's size and finish. Inputs are generated
// in a temp dir at test time (never committed). Figures are printed as diagnostics; only loose bounds are asserted.
// The full pipeline reads ~0.1-1 MB/s, so by default the analysis cases use smaller sizes to keep `npm test` fast;
// NEWSLEDGER_LARGE_TESTS=1 runs the sizes the issue names (1 MB vs 4 MB, a 5 MB line, a 100,000-token sentence).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../src/analyze.js';
import { timedPass } from '../src/bench/timing.js';
import { DEFAULT_COMPONENTS } from '../src/pipeline/default.js';
import { readTextFile } from '../src/ingest/textFile.js';

const tmp = mkdtempSync(join(tmpdir(), 'newsledger-scale-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

/** Above this ratio of times for 4x the input, something is worse than linear (quadratic would be ~16). */
const MAX_TIME_RATIO_4X = 8;
const LARGE = process.env.NEWSLEDGER_LARGE_TESTS === '1';
/** Sizes of the analysis cases: the with NEWSLEDGER_LARGE_TESTS=1, a quarter-megabyte scale otherwise. */
const LINEAR_SMALL = LARGE ? 1_000_000 : 64_000;
const ONE_LINE = LARGE ? 5_000_000 : 128_000;
const LONG_SENTENCE_TOKENS = LARGE ? 100_000 : 20_000;

/** Deterministic news-like prose: varied sentences, quotes, numbers, paragraphs; `bytes` long (ASCII + a few ’). */
function newsText(bytes: number, seed = 1): string {
  const subjects = ['The minister', 'A spokeswoman for the council', 'Dr Lena Kowalczyk', 'Police', 'The company', 'Residents'];
  const verbs = ['said', 'warned', 'told reporters', 'confirmed', 'denied', 'announced'];
  const objects = ['the plan would cost £4.5m', 'talks had stalled on Tuesday', 'the bridge would reopen in May',
    'nobody was hurt', 'prices rose 3.2% in March', 'the vote was “a turning point”'];
  let x = seed;
  const pick = <T>(a: T[]) => a[(x = (x * 1103515245 + 12345) % 2147483648) % a.length]!;
  const parts: string[] = [];
  let length = 0;
  let sentences = 0;
  while (length < bytes) {
    const s = sentences % 4 === 3
      ? `“We will not accept ${pick(objects).replace(/^the /, 'that ')},” ${pick(subjects).toLowerCase()} ${pick(verbs)}. `
      : `${pick(subjects)} ${pick(verbs)} ${pick(objects)}. `;
    parts.push(s);
    length += s.length;
    if (++sentences % 5 === 0) parts.push('\n\n');
  }
  return parts.join('').slice(0, bytes);
}

function seconds(f: () => void): number {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
}

test(`analysis time grows linearly: ${(4 * LINEAR_SMALL) / 1e6} MB takes less than 8 times ${LINEAR_SMALL / 1e6} MB`, (t) => {
  analyzeText(newsText(20_000)); // loads the models, so neither timing includes it
  // Each component is timed on its own (as the bench does), so a failure names the one that is not linear.
  const pass = (text: string) =>
    timedPass(DEFAULT_COMPONENTS, [{ id: 'big', source: { corpus: 'test' }, text, date: null, outlet: null, url: null, notes: [], bytes: text.length }], text.length, () => {}, 'test');
  const small = pass(newsText(LINEAR_SMALL));
  const large = pass(newsText(4 * LINEAR_SMALL, 7));
  const ratios = small.components.map((c, i) => `${c.name} ${c.seconds.toFixed(2)}→${large.components[i]!.seconds.toFixed(2)} s`);
  const ratio = large.seconds / small.seconds;
  t.diagnostic(`whole: ${small.seconds.toFixed(2)} s → ${large.seconds.toFixed(2)} s, ratio ${ratio.toFixed(2)}; ${ratios.join(', ')}`);
  assert.ok(ratio < MAX_TIME_RATIO_4X, `4x the text took ${ratio.toFixed(1)} times as long: ${ratios.join(', ')}`);
});

test('a 50 MB text file is read, decoded and checked in linear time', (t) => {
  const path = join(tmp, 'big.txt');
  const text = ' date 2024-05-01 ' + newsText(50_000_000);
  writeFileSync(path, text);
  let doc!: ReturnType<typeof readTextFile>;
  const s = seconds(() => (doc = readTextFile(path)));
  t.diagnostic(`readTextFile on 50 MB: ${s.toFixed(2)} s`);
  assert.equal(doc.text, text);
  assert.equal(doc.date, '2024-05-01');
});

test('a single 5 MB line (no line breaks) is read; a long single line is analysed, every span in range', (t) => {
  const path = join(tmp, 'one-line.txt');
  const line = newsText(5_000_000, 3).replace(/\n/g, ' ');
  writeFileSync(path, line);
  assert.equal(readTextFile(path).text, line);
  const text = line.slice(0, ONE_LINE);
  let record!: ReturnType<typeof analyzeText>;
  const s = seconds(() => (record = analyzeText(text)));
  t.diagnostic(`analysis of one ${ONE_LINE / 1e6} MB line: ${s.toFixed(2)} s`);
  assert.equal(record.text, text);
  for (const b of record.blocks) assert.equal(text.slice(b.span.start, b.span.end), b.span.text);
});

test(`pathological texts finish: 10,000 quote marks in a row, a ${LONG_SENTENCE_TOKENS}-token sentence, one 1 MB word`, (t) => {
  const cases: Array<[string, string]> = [
    ['10,000 straight quotes', 'He said ' + '"'.repeat(10_000) + ' and left.\n'],
    ['10,000 curly quotes', 'She said ' + '“”‘’'.repeat(2_500) + ' then stopped.\n'],
    [`${LONG_SENTENCE_TOKENS}-token sentence`, 'The ' + Array.from({ length: LONG_SENTENCE_TOKENS }, (_, i) => (i % 7 === 0 ? 'Smith' : 'word')).join(' ') + '.\n'],
    ['1 MB word', 'x'.repeat(1_000_000) + '\n'],
  ];
  for (const [name, text] of cases) {
    const s = seconds(() => assert.equal(analyzeText(text).text, text));
    t.diagnostic(`${name}: ${s.toFixed(2)} s`);
  }
});
