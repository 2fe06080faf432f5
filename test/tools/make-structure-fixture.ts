// Writes test/fixtures/structure/NAME.expected.json from what Newsledger reads in NAME.txt now.
// Usage: node --import tsx test/tools/make-structure-fixture.ts NAME [NAME...]   (or --all)
// Read the result before committing it: the expected file is a claim that this output is right.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../src/analyze.js';
import { readTextFile } from '../../src/ingest/textFile.js';
import { structureSummary } from './structure-summary.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'structure');
const args = process.argv.slice(2);
const names = args.includes('--all')
  ? readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''))
  : args;
if (names.length === 0) {
  console.error('usage: make-structure-fixture.ts NAME... | --all');
  process.exit(2);
}
for (const name of names) {
  const record = new Analyzer().analyze(readTextFile(join(dir, `${name}.txt`)));
  writeFileSync(join(dir, `${name}.expected.json`), JSON.stringify(structureSummary(record), null, 2) + '\n');
  console.log(`wrote ${name}.expected.json`);
}
