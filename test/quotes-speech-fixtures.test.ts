// Who said what in articles written for these tests in several outlets' styles (sports report, business wire, court
// report, politics wire, entertainment interview): test/fixtures/speech/NAME.txt read with the default settings must
// give NAME.expected.json (`test/tools/make-fixture.ts speech NAME` writes one; each was read and checked by hand).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../src/analyze.js';
import { readTextFile } from '../src/ingest/textFile.js';
import { speechSummary } from './tools/speech-summary.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'speech');

for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.txt'))) {
  test(`speech fixture ${file}: every quote, cue and speaker as expected`, () => {
    const name = file.replace(/\.txt$/, '');
    const expected = JSON.parse(readFileSync(join(fixtures, `${name}.expected.json`), 'utf8'));
    assert.deepEqual(speechSummary(new Analyzer().analyze(readTextFile(join(fixtures, file)))), expected);
  });
}
