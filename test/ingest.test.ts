// Ingest on bad and unusual input: every case either reads as text (with the text exactly as it should be) or fails
// with an InputError whose message says what is wrong. Small inputs are committed in test/fixtures/ingest/; empty,
// binary and missing inputs are made in a temp dir at test time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBytes, InputError, repairMojibake } from '../src/ingest/decode.js';
import type { IngestedDoc, IngestFailure } from '../src/ingest/document.js';
import { isFailure, readJsonlBytes, readJsonlCorpus } from '../src/ingest/jsonl.js';
import { readTextFile } from '../src/ingest/textFile.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'ingest');
const fixture = (name: string) => join(FIXTURES, name);
const tmp = mkdtempSync(join(tmpdir(), 'newsledger-ingest-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const tmpFile = (name: string, bytes: Uint8Array | string) => {
  const p = join(tmp, name);
  writeFileSync(p, bytes);
  return p;
};

const inputError = (pattern: RegExp) => (e: unknown) => e instanceof InputError && pattern.test(e.message);

test('an empty file, a whitespace-only file and a lone BOM are refused with a reason', () => {
  assert.throws(() => readTextFile(tmpFile('empty.txt', '')), inputError(/empty/));
  assert.throws(() => readTextFile(tmpFile('blank.txt', ' \r\n\t\n')), inputError(/no text/));
  assert.throws(() => readTextFile(tmpFile('bom-only.txt', Uint8Array.of(0xef, 0xbb, 0xbf))), inputError(/no text/));
});

test('a binary file is refused, not read as text', () => {
  // The start of a PNG: signature, then an IHDR chunk with NUL bytes.
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  assert.throws(() => readTextFile(tmpFile('image.txt', png)), inputError(/binary/));
  // Control characters without NULs (a compressed stream, say) count as binary too.
  const noisy = Buffer.alloc(4000, 'a');
  for (let i = 0; i < noisy.length; i += 20) noisy[i] = 0x01;
  assert.throws(() => readTextFile(tmpFile('noisy.txt', noisy)), inputError(/binary/));
});

test('a directory and a missing file get their own messages', () => {
  const dir = join(tmp, 'a-folder');
  mkdirSync(dir, { recursive: true });
  assert.throws(() => readTextFile(dir), inputError(/is a directory/));
  assert.throws(() => readTextFile(join(tmp, 'nope.txt')), inputError(/no such file/));
});

test('invalid UTF-8 falls back to windows-1252, with a note', () => {
  const doc = readTextFile(fixture('windows-1252.txt'));
  assert.ok(doc.text.includes('\u20ac4m dredging'), 'the euro sign (0x80) is read as €');
  assert.ok(doc.text.includes('\u201cWe cannot wait another winter,\u201d'), 'curly quotes (0x93, 0x94)');
  assert.ok(doc.text.includes('board\u2019s') && doc.text.includes('caf\u00e9'));
  assert.ok(doc.text.includes('\r\n'), 'CRLF is kept: the text is never rewritten');
  assert.equal(doc.date, '2023-11-14');
  assert.deepEqual(doc.notes, ['ingest: decoded as windows-1252']);
});

test('a file of UTF-8 with one stray windows-1252 byte keeps its UTF-8 characters', () => {
  // The whole file falls back to windows-1252, which turns its UTF-8 into mojibake that the repair undoes.
  const bytes = Buffer.concat([Buffer.from('Caf\u00e9 owners\u2019 group says costs rose 8 '), Buffer.from([0x96]), Buffer.from(' 10%.\n')]);
  const doc = readTextFile(tmpFile('mixed.txt', bytes));
  assert.equal(doc.text, 'Caf\u00e9 owners\u2019 group says costs rose 8 \u2013 10%.\n');
});

test('a UTF-8 byte-order mark is dropped and the header after it is read', () => {
  const doc = readTextFile(fixture('utf8-bom.txt'));
  assert.ok(doc.text.startsWith('Parish council'), 'the text starts after the BOM');
  assert.ok(!doc.text.includes('\ufeff'));
  assert.deepEqual(doc.notes, []);
  const withHeader = readTextFile(tmpFile('bom-header.txt', '\ufeff date 2024-01-02 Headline here\n\nBody text.\n'));
  assert.equal(withHeader.date, '2024-01-02');
});

test('UTF-16 with a byte-order mark, little- and big-endian, is decoded', () => {
  const le = readTextFile(fixture('utf16le-bom.txt'));
  const be = readTextFile(fixture('utf16be-bom.txt'));
  assert.equal(le.text, be.text);
  assert.ok(le.text.startsWith('Rail operator fined') && le.text.includes('\u00a31.2m') && le.text.includes('\u201cPassengers'));
  assert.deepEqual(le.notes, ['ingest: decoded as utf-16le']);
  assert.deepEqual(be.notes, ['ingest: decoded as utf-16be']);
});

test('double-encoded UTF-8 (mojibake) is repaired; genuine Latin-1 words are left alone', () => {
  const doc = readTextFile(fixture('mojibake.txt'));
  const expected = (JSON.parse(readFileSync(fixture('mojibake.expected.json'), 'utf8')) as { text: string }).text;
  assert.equal(doc.text, expected);
  assert.match(doc.notes.join(), /repaired \d+ double-encoded/);
  assert.equal(repairMojibake('costs \u00c2\u00a35').text, 'costs \u00a35');
  assert.equal(repairMojibake('it\u00e2\u20ac\u2122s').text, 'it\u2019s');
  // Each sequence of a run is repaired on its own: a genuine accented letter just before mojibake does not block it.
  assert.equal(repairMojibake('caf\u00e9\u00e2\u20ac\u2122s').text, 'caf\u00e9\u2019s');
  assert.equal(repairMojibake('\u00d0\u00bf\u00d1\u20ac\u00d0\u00b8').text, '\u043f\u0440\u0438', 'Cyrillic');
  const genuineTexts = [
    '\u00c2ge', 'S\u00e3o Paulo', 'informa\u00e7\u00f5es', 'na\u00efve', '\u00c0 la carte',
    'le march\u00e9\u00a0\u00bb a dit', // French no-break space before a guillemet
    'SP\u00d6\u2013Chef', // would "decode" to a combining mark
  ];
  for (const genuine of genuineTexts) {
    assert.equal(repairMojibake(genuine).text, genuine);
  }
});

test('decodeBytes stays linear on 10,000 mojibake lead characters in a row', () => {
  const t0 = performance.now();
  const text = '\u00c3'.repeat(10_000) + '\u00c2\u00a3'.repeat(10_000);
  const out = decodeBytes(Buffer.from(text));
  assert.equal(out.text.length > 0, true);
  assert.ok(performance.now() - t0 < 2000);
});

const docs = (items: Array<IngestedDoc | IngestFailure>) => items.filter((x): x is IngestedDoc => !isFailure(x));
const failures = (items: Array<IngestedDoc | IngestFailure>) => items.filter(isFailure);

test('JSONL: bad lines are reported by line number, good ones read, and text is kept exactly as given', () => {
  const path = fixture('corpus.jsonl');
  const items = [...readJsonlBytes(readFileSync(path), path)];
  const good = docs(items);
  assert.deepEqual(good.map((d) => d.id), ['wire-001', `${path}:8`]);
  const raw = readFileSync(path, 'utf8').split('\r\n');
  assert.equal(good[0]!.text, (JSON.parse(raw[0]!) as { text: string }).text, 'leading spaces, CRLF, emoji kept');
  assert.ok(good[0]!.text.startsWith('  Ferry') && good[0]!.text.includes('\r\n\r\n') && good[0]!.text.endsWith('  '));
  assert.equal(good[0]!.date, '2024-02-09');
  assert.equal(good[0]!.outlet, 'Example Wire');
  assert.ok(good[1]!.text.includes('\u00c2\u00a35'), 'JSONL text is not "repaired": it is the caller\'s text');
  assert.deepEqual(good[1]!.source, { url: 'https://news.example.org/storm' });
  const bad = failures(items);
  assert.deepEqual(bad.map((f) => f.source), [2, 3, 4, 5, 6].map((n) => `${path}:${n}`));
  assert.match(bad[0]!.error, /not valid JSON/);
  assert.match(bad[1]!.error, /JSON object/);
  assert.match(bad[2]!.error, /"text"/);
  assert.match(bad[3]!.error, /"text"/);
  assert.match(bad[4]!.error, /"date"/);
});

test('JSONL: an empty, blank or binary file is one message naming it; a BOM is ignored', () => {
  for (const [bytes, pattern] of [
    [new Uint8Array(0), /empty/],
    [Buffer.from('\n\r\n  \n'), /no JSON lines/],
    [Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), /binary/],
  ] as const) {
    const items = [...readJsonlBytes(bytes, 'in.jsonl')];
    assert.equal(items.length, 1);
    assert.equal((items[0] as IngestFailure).source, 'in.jsonl');
    assert.match((items[0] as IngestFailure).error, pattern);
  }
  const bom = [...readJsonlBytes(Buffer.from('\ufeff{"id":"a","text":"Text."}\n'), 'bom.jsonl')];
  assert.deepEqual(docs(bom).map((d) => d.text), ['Text.']);
});

test('JSONL: a line of invalid UTF-8 is reported and the other lines are still read', () => {
  const bytes = Buffer.concat([
    Buffer.from('{"id":"a","text":"Caf\u00e9 opens."}\n{"id":"b","text":"Bad '),
    Buffer.from([0xe9, 0x22]),
    Buffer.from('}\n{"id":"c","text":"Fine \u2019 too."}\n'),
  ]);
  const items = [...readJsonlBytes(bytes, 'mixed.jsonl')];
  assert.deepEqual(docs(items).map((d) => d.text), ['Caf\u00e9 opens.', 'Fine \u2019 too.']);
  assert.deepEqual(failures(items), [{ source: 'mixed.jsonl:2', error: 'not valid UTF-8 (JSON lines must be UTF-8)' }]);
});

test('JSONL from a string: lone surrogates and a 5 MB text survive unchanged', () => {
  const big = 'word '.repeat(1_000_000);
  const content = `{"id":"s","text":"broken \\ud800 pair"}\n${JSON.stringify({ id: 'big', text: big })}\n`;
  const items = docs([...readJsonlCorpus(content, 'x.jsonl')]);
  assert.equal(items[0]!.text, 'broken \ud800 pair');
  assert.equal(items[1]!.text, big);
});
