// Live blogs: posts from schema.org liveBlogUpdate, or from the page's repeated post containers; a pinned post shown
// again is kept once; every post's span, title and authors point into the record's text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Analyzer } from '../src/analyze.js';
import { readHtmlString } from '../src/ingest/html/readHtml.js';
import { readAny } from '../src/ingest/readAny.js';
import { spanIsValid } from '../src/model/span.js';

const FIX = join(import.meta.dirname, 'fixtures', 'html');

test('JSON-LD LiveBlogPosting: title, time (to UTC), author and body per post; the repeated post counted once', () => {
  const [doc] = readAny(join(FIX, 'liveblog-jsonld.html'));
  const posts = doc!.structureHints!.posts;
  assert.deepEqual(posts.map((p) => p.title?.text), ['Turnout up in the north', 'First result declared', 'Polls close']);
  assert.deepEqual(posts.map((p) => p.published), ['2024-06-06T23:10:00Z', '2024-06-06T21:05:00Z', '2024-06-06T21:00:00Z']);
  assert.deepEqual(posts.map((p) => p.authors.map((a) => a.name)), [['Ines Haddad'], ['Ola Berg'], []]);
  for (const p of posts) {
    assert.ok(spanIsValid(doc!.text, p.span));
    for (const a of p.authors) assert.equal(a.span.text, a.name);
  }
  assert.match(posts[1]!.span.text, /reduced majority\.\n\nCounting continues/);
  assert.ok(doc!.notes.some((n) => /3 posts read from its schema.org liveBlogUpdate/.test(n)));
});

test('DOM live blog: repeated post containers with a <time>; pinned copy dropped; page time from the first post', () => {
  const [doc] = readAny(join(FIX, 'liveblog-dom.html'));
  const h = doc!.structureHints!;
  assert.deepEqual(h.posts.map((p) => p.title?.text), ['Evacuation centres open', 'River gauge passes record', 'Trains suspended']);
  assert.deepEqual(h.posts.map((p) => p.published), ['2024-02-10T07:45:00Z', '2024-02-10T09:30:00Z', '2024-02-10T08:15:00Z']);
  assert.deepEqual(h.posts[1]!.authors.map((a) => a.name), ['Pia Novak']);
  assert.equal(h.published, '2024-02-10T07:45:00Z');
  const r = new Analyzer().analyze(doc!);
  assert.equal(r.posts.length, 3);
  assert.deepEqual(r.posts, h.posts);
});

test('repeated boxes with a <time> that are not marked live (comments, teasers) are not posts', () => {
  const comment = (i: number) => `<div class="comment"><time datetime="2024-01-0${i}T10:00:00Z">Jan ${i}</time><p>Reader ${i} says this is a very long comment about the article above.</p></div>`;
  const teaser = (i: number) => `<div class="card"><time datetime="2024-01-0${i}T10:00:00Z">Jan ${i}</time><p>Another story number ${i} with a summary long enough to count.</p></div>`;
  const article = '<article><h1>Title</h1>' + '<p>The article has its own paragraphs of text that say what happened on the day in question.</p>'.repeat(6) + '</article>';
  for (const boxes of [comment, teaser]) {
    const doc = readHtmlString(`<html><body>${article}<section>${[1, 2, 3, 4].map(boxes).join('')}</section></body></html>`, { id: 'x', source: { corpus: 'x' } });
    assert.equal(doc.structureHints!.posts.length, 0);
  }
});
