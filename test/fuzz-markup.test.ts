// Property-based tests (fast-check, fixed seed: see test/tools/fuzz.ts) of the structured readers: HTML pages and
// RSS/Atom/RDF feeds built as random element trees (fc.letrec, serialised, now and then unclosed or truncated), JSON
// lines, and readAny on random files (bytes, pages, feeds, text, gzip, under any name). Every property asserts that a
// reader throws nothing but InputError, that the structure hints it gives are spans of the text it made, and that the
// record `analyze` makes of each document validates and has every span equal to its slice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { InputError } from '../src/ingest/decode.js';
import type { IngestedDoc, IngestFailure } from '../src/ingest/document.js';
import { readFeedString } from '../src/ingest/feed/readFeed.js';
import { readHtmlBytes, readHtmlString } from '../src/ingest/html/readHtml.js';
import { isFailure, readJsonlBytes } from '../src/ingest/jsonl.js';
import { readAnyItems } from '../src/ingest/readAny.js';
import {
  assertAnalysable,
  assertHintsValid,
  check,
  feedXml,
  htmlPage,
  htmlTree,
  nastyText,
  readOrRefuse,
  scrapedText,
  serialize,
  sharedAnalyzer,
} from './tools/fuzz.js';

const tmp = mkdtempSync(join(tmpdir(), 'newsledger-fuzz-markup-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
let fileNo = 0;
const where = { id: 'fuzz', source: { corpus: 'fuzz' } };

// Load the models once, outside any property's time.
sharedAnalyzer();

/** Every document a reader gave: its hints are spans of its text, and it analyses into a valid record. */
function assertDocs(items: Array<IngestedDoc | IngestFailure>): void {
  for (const item of items) {
    if ((item as IngestFailure).error !== undefined) {
      const f = item as IngestFailure;
      assert.equal(typeof f.error, 'string');
      assert.ok(f.error.length > 0, `a failure with no reason: ${f.source}`);
      continue;
    }
    const doc = item as IngestedDoc;
    assert.equal(typeof doc.text, 'string');
    assertHintsValid(doc);
    assertAnalysable(doc);
  }
}

test('readHtmlString: random pages (element trees, head metadata, JSON-LD, unclosed and truncated markup)', () => {
  check(
    fc.property(htmlPage(4), (html) => {
      const doc = readOrRefuse(() => readHtmlString(html, where));
      if (doc !== null) assertDocs([doc]);
    }),
    150,
  );
});

test('readHtmlString: bare fragments of random elements, with no html, head or body', () => {
  check(
    fc.property(fc.array(htmlTree(5), { minLength: 1, maxLength: 5 }), (trees) => {
      const doc = readOrRefuse(() => readHtmlString(trees.map(serialize).join(''), where));
      if (doc !== null) assertDocs([doc]);
    }),
    100,
  );
});

test('readHtmlBytes: random bytes and random charsets behind an HTML head', () => {
  const charset = fc.constantFrom('utf-8', 'windows-1252', 'iso-8859-1', 'shift_jis', 'utf-16', 'x-nonsense', '', 'utf-7', 'gb2312', 'koi8-r');
  const bom = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);
  check(
    fc.property(bom, charset, fc.uint8Array({ maxLength: 300 }), nastyText(20), (prefix, cs, body, text) => {
      const head = Buffer.from(`<html><head><meta charset="${cs}"><title>T</title></head><body><p>`, 'latin1');
      const bytes = Buffer.concat([Buffer.from(prefix), head, Buffer.from(body), Buffer.from(text, 'utf8'), Buffer.from('</p></body></html>')]);
      const doc = readOrRefuse(() => readHtmlBytes(bytes, where));
      if (doc !== null) assertDocs([doc]);
    }),
    100,
  );
});

test('readFeedString: random RSS 2.0, Atom and RDF feeds (items with HTML, CDATA, odd times and authors, truncated)', () => {
  check(
    fc.property(feedXml, (xml) => {
      const items = readOrRefuse(() => readFeedString(xml, 'feed.xml'));
      if (items !== null) assertDocs(items);
    }),
    150,
  );
});

test('readJsonlBytes: random lines (valid, invalid, not objects, bad dates, CRLF, invalid UTF-8) never throw', () => {
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.record({ id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), text: fc.oneof(scrapedText(4), nastyText(20)), date: fc.constantFrom('2025-08-21', '2025-08-21T10:00:00Z', 'yesterday', '', '2025-99-99') }, { requiredKeys: ['text'] }).map((o) => JSON.stringify(o)) },
    { weight: 1, arbitrary: fc.json() },
    { weight: 1, arbitrary: nastyText(10) },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', '{', '[]', 'null', '{"text": ""}', '{"text": "  "}', '{"text": 5}', '\ufeff{"text": "x"}') },
  );
  const line = fc.tuple(value, fc.constantFrom('\n', '\r\n', '\n\n'), fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 3 }) }));
  check(
    fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
      const parts: Buffer[] = [];
      for (const [l, end, junk] of lines) {
        parts.push(Buffer.from(l, 'utf8'));
        if (junk) parts.push(Buffer.from(junk));
        parts.push(Buffer.from(end));
      }
      const items = [...readJsonlBytes(Buffer.concat(parts), 'corpus.jsonl')];
      for (const item of items) {
        if (isFailure(item)) continue;
        assert.ok(item.text.trim() !== '', 'a document with no text was read');
      }
      assertDocs(items);
    }),
    150,
  );
});

test('readJsonlBytes: the text of a well-formed line is kept exactly', () => {
  check(
    fc.property(fc.array(fc.tuple(nastyText(20), fc.constantFrom('\n', '\r\n')), { minLength: 1, maxLength: 5 }), (lines) => {
      const content = lines.map(([t, end], i) => JSON.stringify({ id: `d${i}`, text: t }) + end).join('');
      const items = [...readJsonlBytes(Buffer.from(content, 'utf8'), 'c.jsonl')];
      const docs = items.filter((x): x is IngestedDoc => !isFailure(x));
      // JSON escapes lone surrogates, so even those come back exactly.
      const wanted = lines.map(([t]) => t).filter((t) => t.trim() !== '');
      assert.deepEqual(docs.map((d) => d.text), wanted);
    }),
    150,
  );
});

test('readAnyItems: random files (bytes, pages, feeds, text, gzip, truncated gzip) under any name', () => {
  const content = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    htmlPage(3).map((s) => Buffer.from(s, 'utf8')),
    feedXml.map((s) => Buffer.from(s, 'utf8')),
    scrapedText(6).map((s) => Buffer.from(s, 'utf8')),
  );
  const packed = fc.tuple(content, fc.constantFrom('plain', 'plain', 'gzip', 'truncated-gzip', 'utf16')).map(([b, how]) => {
    if (how === 'gzip') return gzipSync(b);
    if (how === 'truncated-gzip') return gzipSync(b).subarray(0, 12);
    if (how === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]);
    return b;
  });
  const name = fc.constantFrom('a.txt', 'a.html', 'a.htm', 'a.xml', 'a.rss', 'a', 'a.json', 'a.html.gz', 'a.gz', 'a.php', 'a.TXT');
  check(
    fc.property(packed, name, (bytes, n) => {
      const p = join(tmp, `f${fileNo++}-${n}`);
      writeFileSync(p, bytes);
      const items = readOrRefuse(() => readAnyItems(p));
      if (items !== null) assertDocs(items);
    }),
    120,
  );
});

// Regressions found by the properties above (shrunk counterexamples), fixed in src/ingest/html/dom.ts: markup with no
// <html> root made linkedom leave the document without a root (or make the first element the root), and reading
// doc.title or doc.body then threw a TypeError instead of the page being read or refused with a reason.
test('regression: an empty page, a lone <img> and a bare doctype are refused with InputError, not a TypeError', () => {
  for (const html of ['', '<img>', '<!doctype html>']) {
    assert.throws(() => readHtmlString(html, where), (e: Error) => e instanceof InputError && /no readable text/.test(e.message), JSON.stringify(html));
  }
});

test('regression: UTF-16BE BOM bytes before ASCII markup (decoded to text with no tags) are refused, not a TypeError', () => {
  const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('<html><head><meta charset="utf-8"><title>T</title></head><body><p></p></body></html>', 'latin1')]);
  const doc = readOrRefuse(() => readHtmlBytes(bytes, where));
  if (doc !== null) assertDocs([doc]);
});

test('regression: a fragment with no <html> root is read as the body of a page', () => {
  const para = 'The committee met on Thursday to discuss the budget for the coming year, and most members agreed.';
  for (const html of [para, `<p>${para}</p>`, `<title>Budget</title><p>${para}</p>`, `<body><p>${para}</p></body>`, `<div><p>${para}</p><p>${para}</p></div>`]) {
    const doc = readHtmlString(html, where);
    assert.match(doc.text, /committee met on Thursday/, html);
    assertDocs([doc]);
  }
});
