// Writes test/fixtures/speech/NAME.expected.json from the quotes Newsledger reads in NAME.txt now (default settings:
// the speech profile users run).
// Usage: node --import tsx test/tools/make-speech-fixture.ts NAME [NAME...]   (or --all)
// Read the result before committing it: the expected file is a claim that each speaker and span in it is right.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../src/analyze.js';
import { readTextFile } from '../../src/ingest/textFile.js';
import { speechSummary } from './speech-summary.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'speech');
const args = process.argv.slice(2);
const names = args.includes('--all')
  ? readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''))
  : args;
if (names.length === 0) {
  console.error('usage: make-speech-fixture.ts NAME... | --all');
  process.exit(2);
}
for (const name of names) {
  const record = new Analyzer().analyze(readTextFile(join(dir, `${name}.txt`)));
  writeFileSync(join(dir, `${name}.expected.json`), JSON.stringify(speechSummary(record), null, 2) + '\n');
  console.log(`wrote ${name}.expected.json (${record.quotes.length} quotes)`);
}
