// Writes test/fixtures/KIND/NAME.expected.json from what Newsledger reads in NAME.txt now, for the fixture kinds whose
// tests compare a summary of the record (structure: test/structure.test.ts; speech, who said what:
// test/quotes-speech-fixtures.test.ts).
// Usage: node --import tsx test/tools/make-fixture.ts structure|speech NAME [NAME...]   (or --all)
// Read the result before committing it: the expected file is a claim that this output is right.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../src/analyze.js';
import type { NewsRecord } from '../../src/model/record.js';
import { readTextFile } from '../../src/ingest/textFile.js';
import { speechSummary } from './speech-summary.js';
import { structureSummary } from './structure-summary.js';

const SUMMARIES: Record<string, (r: NewsRecord) => unknown> = { structure: structureSummary, speech: speechSummary };

const [kind, ...args] = process.argv.slice(2);
const summary = kind ? SUMMARIES[kind] : undefined;
if (!kind || !summary) {
  console.error(`usage: make-fixture.ts ${Object.keys(SUMMARIES).join('|')} NAME... | --all`);
  process.exit(2);
}
const dir = join(import.meta.dirname, '..', 'fixtures', kind);
const names = args.includes('--all')
  ? readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''))
  : args;
if (names.length === 0) {
  console.error(`usage: make-fixture.ts ${kind} NAME... | --all`);
  process.exit(2);
}
for (const name of names) {
  const record = new Analyzer().analyze(readTextFile(join(dir, `${name}.txt`)));
  writeFileSync(join(dir, `${name}.expected.json`), JSON.stringify(summary(record), null, 2) + '\n');
  console.log(`wrote ${name}.expected.json`);
}
