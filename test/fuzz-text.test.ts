// Property-based tests (fast-check, fixed seed: see test/tools/fuzz.ts) of plain text through ingest and every layer
// of the pipeline: random bytes, random Unicode (surrogate pairs, combining marks, RTL, NBSP, zero-width characters),
// scraped-text headers and stamp-like lines, CRLF and stray whitespace, pathological quote marks, long lines and
// sentences. Every property asserts that no exception but InputError escapes a reader, that nothing escapes the
// pipeline, that every span of the record (and of the working layers) is the slice of the text it claims, and that
// the record validates against the JSON Schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Analyzer } from '../src/analyze.js';
import { decodeBytes, looksBinary, repairMojibake } from '../src/ingest/decode.js';
import { readTextFile } from '../src/ingest/textFile.js';
import type { NewsRecord } from '../src/model/record.js';
import {
  assertAnalysable,
  check,
  docOf,
  fraction,
  NASTY_CHARS,
  nastyText,
  readOrRefuse,
  scrapedText,
  sentence,
  sharedAnalyzer,
} from './tools/fuzz.js';
import { recordProblems } from './tools/record-check.js';

const tmp = mkdtempSync(join(tmpdir(), 'newsledger-fuzz-text-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
let fileNo = 0;
/** Writes bytes to a fresh temp file (readers read files) and returns its path. */
const tmpFile = (bytes: Uint8Array | string, ext = '.txt') => {
  const p = join(tmp, `f${fileNo++}${ext}`);
  writeFileSync(p, bytes);
  return p;
};

// Load the models once, outside any property's time.
sharedAnalyzer();

test('decodeBytes: random bytes (with and without BOMs) decode or are refused with InputError, and the text analyses', () => {
  const bom = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xc3], [0xe2, 0x80]);
  check(
    fc.property(bom, fc.uint8Array({ maxLength: 200 }), (prefix, body) => {
      const bytes = Uint8Array.from([...prefix, ...body]);
      const decoded = readOrRefuse(() => decodeBytes(bytes));
      if (decoded === null || decoded.text.trim() === '') return;
      assert.equal(typeof decoded.text, 'string');
      assertAnalysable(docOf(decoded.text));
    }),
    200,
  );
});

test('decodeBytes: UTF-8 text comes back exactly when it has nothing mojibake-shaped in it', () => {
  // Control characters would make it "binary"; lone surrogates are not encodable; Â..ô may start a mojibake repair.
  const clean = nastyText(40).filter((s) => s.length > 0 && !/[\u0000-\u0008\u000b\u000e-\u001f\u00c2-\u00f4]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s));
  check(
    fc.property(clean, (s) => {
      const decoded = decodeBytes(Buffer.from(s, 'utf8'));
      assert.equal(decoded.text, s.replace(/^\ufeff/, ''));
      assert.equal(decoded.encoding, 'utf-8');
    }),
    200,
  );
});

test('repairMojibake: never throws, and leaves text without a UTF-8 lead character (Â..ô) alone', () => {
  check(
    fc.property(fc.oneof(nastyText(40), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('Â', 'â', '€', '™', '\u00a0', 'Ã', '©', '\u0093', 'ð', 'Ÿ', 'x'), maxLength: 30 })), (s) => {
      const { text, repaired } = repairMojibake(s);
      assert.ok(repaired >= 0);
      if (!/[\u00c2-\u00f4]/.test(s)) assert.equal(text, s);
      else assert.ok(text.length <= s.length, 'a repair only ever shortens the text');
    }),
    300,
  );
});

test('analyze: random Unicode text (surrogates, combining marks, RTL, NBSP, zero-width, odd line ends)', () => {
  check(
    fc.property(nastyText(80), (text) => {
      fc.pre(text.trim() !== '');
      assertAnalysable(docOf(text));
    }),
    200,
  );
});

test('analyze: English news text with nasty characters inserted anywhere (so the English-only layers run on them)', () => {
  const inserts = fc.array(fc.tuple(fraction, fc.constantFrom(...NASTY_CHARS)), { minLength: 1, maxLength: 12 });
  check(
    fc.property(fc.array(sentence, { minLength: 3, maxLength: 10 }), inserts, fc.constantFrom(' ', '\n', '\r\n', '\n\n', '\r\n\r\n'), (sentences, ins, sep) => {
      let text = sentences.join(sep);
      // Inserting inside a surrogate pair or a CRLF is part of the point: texts are not always well formed.
      for (const [at, c] of ins) {
        const i = Math.floor(at * text.length);
        text = text.slice(0, i) + c + text.slice(i);
      }
      fc.pre(text.trim() !== '');
      assertAnalysable(docOf(text));
    }),
    150,
  );
});

test('analyze: random grapheme and UTF-16 strings', () => {
  check(
    fc.property(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 80 })), (text) => {
      assertAnalysable(docOf(text));
    }),
    150,
  );
});

test('readTextFile + analyze: scraped text with headers, stamp-like lines, bylines, CRLF and stray whitespace', () => {
  check(
    fc.property(scrapedText(14), (text) => {
      const doc = readOrRefuse(() => readTextFile(tmpFile(text)));
      if (doc === null) {
        const refusable = text.replace(/^\ufeff/, '').trim() === '' || looksBinary(Buffer.from(text.replace(/^\ufeff/, ''), 'utf8'));
        assert.ok(refusable, `only a text of whitespace or control characters may be refused: ${JSON.stringify(text)}`);
        return;
      }
      // As written to disk (a lone surrogate is written as U+FFFD); exact unless mojibake repair may have applied.
      const written = Buffer.from(text, 'utf8').toString('utf8').replace(/^\ufeff/, '');
      if (!/[\u00c2-\u00f4]/.test(written)) assert.equal(doc.text, written, 'the text is kept exactly as read');
      assertAnalysable(doc);
    }),
    250,
  );
});

const QUOTE_MARKS = ['"', '“', '”', '‘', '’', "'", '«', '»', '„', '‚', '‹', '›', '「', '」', '″', '`'] as const;

test('analyze: pathological quote marks (up to 10,000 marks, alternating styles, unclosed)', () => {
  const marks = fc.record({
    count: fc.constantFrom(1, 2, 3, 31, 500, 2_000, 10_000),
    styles: fc.subarray([...QUOTE_MARKS], { minLength: 1 }),
    filler: fc.constantFrom('', ' ', 'x', ' said ', 'He said ', '. ', '\n', '\n\n', ' word word word word word '),
    lead: fc.constantFrom('', 'The minister said ', 'Officials told Reuters '),
  });
  check(
    fc.property(marks, ({ count, styles, filler, lead }) => {
      let text = lead;
      for (let i = 0; i < count; i++) text += styles[i % styles.length] + filler;
      fc.pre(text.trim() !== '');
      assertAnalysable(docOf(text));
    }),
    20,
  );
});

test('analyze: long lines, long sentences and long tokens', () => {
  const long = fc.oneof(
    // One sentence of thousands of words, no full stop, on one line.
    fc.tuple(fc.integer({ min: 500, max: 3_000 }), fc.constantFrom(' ', ', ', ' and ', '\u00a0')).map(([n, sep]) => Array.from({ length: n }, (_, i) => ['the', 'minister', 'said', 'Biden', 'London', 'on', 'Monday'][i % 7]).join(sep)),
    // One 20,000-character token.
    fc.constantFrom('x', 'A', '😀', 'é', '\u0301', '-', '.').map((c) => c.repeat(20_000 / c.length)),
    // Many sentences on one line (no line break in 30 KB).
    fc.array(sentence, { minLength: 80, maxLength: 200 }).map((s) => s.join(' ').replace(/[\r\n\u2028\u2029\u0085]/g, ' ')),
    // Thousands of short lines with CRLF.
    fc.array(sentence, { minLength: 200, maxLength: 400 }).map((s) => s.join('\r\n')),
  );
  check(
    fc.property(long, (text) => {
      fc.pre(text.trim() !== '');
      assertAnalysable(docOf(text));
    }),
    8,
  );
});

test('a batch on one Analyzer: every record of the run is valid, and cross-document reports point into their document', () => {
  check(
    fc.property(fc.array(scrapedText(8), { minLength: 2, maxLength: 6 }), (texts) => {
      const analyzer = new Analyzer(sharedAnalyzer().pipeline);
      const records: NewsRecord[] = [];
      texts.forEach((text, i) => {
        if (text.trim() === '') return;
        records.push(analyzer.analyze(docOf(text, { id: `d${i}` })));
      });
      const byId = new Map(records.map((r) => [r.id, r]));
      for (const r of records) {
        const found = recordProblems(r);
        assert.deepEqual(found, [], `record ${r.id}:\n${found.slice(0, 10).join('\n')}`);
        for (const x of [...r.events, ...r.claims]) {
          for (const rep of x.reports ?? []) {
            const other = byId.get(rep.doc);
            assert.ok(other, `${x.id}: a report names document ${rep.doc}, not in the run`);
            const [s, e] = rep.offsets;
            assert.ok(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e >= s && e <= other.text.length, `${x.id}: report offsets [${s}, ${e}) outside ${rep.doc}`);
          }
        }
      }
    }),
    40,
  );
});

test('the nasty characters one at a time, alone and between words', () => {
  for (const c of NASTY_CHARS) {
    for (const text of [c, `The minister said ${c} on Monday.`, `${c}${c}${c}\n${c}`]) {
      if (text.trim() === '') continue;
      assertAnalysable(docOf(text));
    }
  }
});
