// The HTML reader on small pages written in several outlets' styles: metadata in order of trust (JSON-LD, OpenGraph,
// meta tags), main text without boilerplate, typed blocks, character sets, and the record the pipeline makes of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { Analyzer } from '../src/analyze.js';
import type { IngestedDoc } from '../src/ingest/document.js';
import { readHtmlBytes, readHtmlString } from '../src/ingest/html/readHtml.js';
import { readAny, sniffKind } from '../src/ingest/readAny.js';
import type { Span } from '../src/model/record.js';
import { spanIsValid } from '../src/model/span.js';

const FIX = join(import.meta.dirname, 'fixtures', 'html');
const tmp = mkdtempSync(join(tmpdir(), 'newsledger-html-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

function typesOf(doc: IngestedDoc, type: string): string[] {
  return doc.structureHints!.blocks.filter((b) => b.type === type).map((b) => b.span.text);
}

/** Every span the hints carry points into the text. */
function assertSpansValid(doc: IngestedDoc): void {
  const h = doc.structureHints!;
  const spans: Span[] = [...h.blocks.map((b) => b.span), ...h.byline.map((n) => n.span), ...h.posts.flatMap((p) => [p.span, ...(p.title ? [p.title] : []), ...p.authors.map((a) => a.span)])];
  if (h.headline) spans.push(h.headline);
  for (const s of spans) assert.ok(spanIsValid(doc.text, s), `span ${JSON.stringify(s)} is not a slice of the text`);
}

test('a wire-style article: JSON-LD wins over OpenGraph and <title>; times to UTC with the stated offset', () => {
  const [doc] = readAny(join(FIX, 'wire-article.html'));
  const h = doc!.structureHints!;
  assert.equal(h.headline?.text, 'Harbour bridge reopens after storm repairs – officials');
  assert.ok(doc!.text.startsWith(h.headline!.text), 'headline first');
  assert.deepEqual(h.byline.map((b) => b.name), ['Mara Lindqvist', 'Tomas Reyes']);
  assert.equal(h.published, '2024-03-05T07:30:00Z');
  assert.equal(h.modified, '2024-03-05T10:15:00Z');
  assert.deepEqual(h.timezone, { name: '+01:00', assumed: false });
  assert.equal(h.outlet, 'The Coastal Ledger');
  assert.equal(h.language, 'en');
  assert.equal(h.url, 'https://coastal-ledger.example/news/harbour-bridge-reopens');
  assertSpansValid(doc!);
});

test('a wire-style article: main text in paragraphs; captions, embeds, ads typed; no markup, scripts or chrome', () => {
  const [doc] = readAny(join(FIX, 'wire-article.html'));
  const text = doc!.text;
  assert.doesNotMatch(text, /[<>]|tracking|color:red|Home News Sport|newsletter/);
  assert.deepEqual(typesOf(doc!, 'caption'), ['Workers finish the deck of the harbour bridge on Monday evening.']);
  assert.ok(typesOf(doc!, 'related').some((t) => t.startsWith('The bridge is open again.')), 'the embedded tweet is its own block');
  assert.deepEqual(typesOf(doc!, 'boilerplate'), ['Advertisement']);
  assert.ok(typesOf(doc!, 'heading').includes('Traffic limits remain'));
  const paras = typesOf(doc!, 'paragraph');
  assert.equal(paras.length, 5);
  assert.ok(paras[0]!.startsWith('The harbour bridge reopened'));
  assert.ok(!paras.some((p) => /Storm damage closes/.test(p)), 'related-article cards are not paragraphs');
  // Paragraphs are separated by blank lines in the text.
  assert.match(text, /six weeks after a winter storm[^\n]*\n\nEngineers replaced/);
});

test('an opinion page with only OpenGraph and meta tags: headline, author, date-only published, language', () => {
  const [doc] = readAny(join(FIX, 'opinion-og.html'));
  const h = doc!.structureHints!;
  assert.equal(h.headline?.text, 'Why the town square needs trees');
  assert.deepEqual(h.byline.map((b) => b.name), ['Camille Roussel']);
  assert.equal(h.published, '2023-07-14');
  assert.equal(h.timezone, null);
  assert.equal(h.outlet, 'Le Quotidien Vert');
  assert.equal(h.language, 'fr');
  assert.deepEqual(typesOf(doc!, 'caption'), ['The square at noon in July. Photo: Camille Roussel']);
  assert.equal(typesOf(doc!, 'paragraph').length, 4);
  assertSpansValid(doc!);
});

const PAGE = (charsetTag: string, body: string) => `<!DOCTYPE html><html><head>${charsetTag}<title>Caf\u00e9 prices</title></head><body><article>
<p>${body} The price of a coffee in the old town rose again this spring, owners said, blaming rents.</p>
<p>\u201cWe cannot absorb another increase,\u201d said the owner of a caf\u00e9 near the cathedral, where an espresso now costs \u00a32.</p>
<p>Several owners said they would rather close on Mondays than raise prices a second time this year.</p></article></body></html>`;

test('character sets: declared latin-1 read as windows-1252 (curly quotes survive), undeclared cp1252, BOM, mojibake', () => {
  const want = '\u201cWe cannot absorb another increase,\u201d said the owner of a caf\u00e9';
  const cases: Array<[string, Uint8Array, string | null]> = [
    ['latin-1 declared', iconv.encode(PAGE('<meta charset="iso-8859-1">', 'Na\u00efve.'), 'win1252'), 'windows-1252'],
    ['http-equiv windows-1252', iconv.encode(PAGE('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', 'Na\u00efve.'), 'win1252'), 'windows-1252'],
    ['undeclared cp1252', iconv.encode(PAGE('', 'Na\u00efve.'), 'win1252'), 'windows-1252'],
    ['utf-8 declared latin-1', Buffer.from(PAGE('<meta charset="iso-8859-1">', 'Na\u00efve.'), 'utf8'), null],
    ['utf-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PAGE('', 'Na\u00efve.'), 'utf8')]), null],
    ['mojibake', Buffer.from(PAGE('<meta charset="utf-8">', 'Na\u00c3\u00afve.'), 'utf8'), null],
  ];
  for (const [name, bytes, note] of cases) {
    const doc = readHtmlBytes(bytes, { id: name, source: { corpus: name } });
    assert.ok(doc.text.includes(want), `${name}: ${doc.text.slice(0, 200)}`);
    assert.ok(doc.text.includes('Na\u00efve.'), `${name}: accented letter`);
    if (note) assert.ok(doc.notes.includes(`ingest: decoded as ${note}`), `${name}: ${doc.notes}`);
  }
});

test('readAny picks the reader by content: .html.gz, HTML without an extension, plain text named .html', () => {
  const html = readFileSync(join(FIX, 'wire-article.html'));
  const gz = join(tmp, 'page.html.gz');
  writeFileSync(gz, gzipSync(html));
  const bare = join(tmp, 'page-without-extension');
  writeFileSync(bare, html);
  const [a] = readAny(gz);
  const [b] = readAny(bare);
  assert.equal(a!.id, 'page');
  assert.equal(a!.text, b!.text);
  assert.ok(a!.structureHints);
  assert.equal(sniffKind(Buffer.from('Headline\n\nBy Jane Doe\n\nA paragraph <b>with</b> a tag.'), 'x.txt'), 'text');
  assert.equal(sniffKind(Buffer.from('<p>Just a paragraph.</p>'), 'x.html'), 'html');
  assert.equal(sniffKind(Buffer.from('<?xml version="1.0"?>\n<rss version="2.0"><channel>'), 'x.html'), 'feed');
});

test('the pipeline takes headline, byline, published, outlet and blocks from the page, spans into record.text', () => {
  const [doc] = readAny(join(FIX, 'wire-article.html'));
  const r = new Analyzer().analyze(doc!);
  assert.equal(r.text, doc!.text);
  assert.equal(r.headline?.text, 'Harbour bridge reopens after storm repairs – officials');
  assert.deepEqual(r.byline.map((b) => b.name), ['Mara Lindqvist', 'Tomas Reyes']);
  assert.equal(r.published, '2024-03-05T07:30:00Z');
  assert.deepEqual(r.timezone, { name: '+01:00', assumed: false });
  assert.equal(r.outlet, 'The Coastal Ledger');
  assert.deepEqual(r.blocks, doc!.structureHints!.blocks);
  assert.ok(!JSON.stringify(r).includes('<script'), 'no raw HTML in the record');
});

test('readHtmlString: a page without structure hints for headline still has spans that hold', () => {
  const doc = readHtmlString('<html><body><p>One short paragraph of text that is the whole page, with nothing else on it.</p></body></html>', { id: 'x', source: { corpus: 'x' } });
  assert.match(doc.text, /One short paragraph/);
  assertSpansValid(doc);
});
