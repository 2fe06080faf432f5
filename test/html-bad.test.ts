// Bad web input: malformed and unclosed HTML, a 20 MB page, 10,000-deep nesting, pages of only scripts, binary files
// named .html, gzip that is not gzip. Each is read in bounded time or refused with a clear reason, and a batch goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCommand } from '../src/cli/commands/analyze.js';
import { InputError } from '../src/ingest/decode.js';
import { readHtmlString } from '../src/ingest/html/readHtml.js';
import { readAny } from '../src/ingest/readAny.js';

const tmp = mkdtempSync(join(tmpdir(), 'newsledger-htmlbad-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const where = { id: 'x', source: { corpus: 'x' } };
const PARA = '<p>The committee met on Thursday to discuss the budget for the coming year, and most members agreed.</p>';

function timed<T>(limitMs: number, f: () => T): T {
  const t0 = Date.now();
  const r = f();
  assert.ok(Date.now() - t0 < limitMs, `took ${Date.now() - t0} ms, over ${limitMs}`);
  return r;
}

test('malformed and unclosed HTML is read', () => {
  const doc = readHtmlString('<html><body><p>First para of a broken <b>page <i>with</b> crossed tags</i><p>Second <div>para<table><tr><td>cell text', where);
  assert.match(doc.text, /First para of a broken page with crossed tags/);
  assert.match(doc.text, /cell text$/);
});

test('a 20 MB page: bounded time and memory, the cut is noted', () => {
  const parts: string[] = ['<html><head><title>Big page</title><script>', 'x'.repeat(1_000_000), '</script></head><body><article>'];
  let n = 0;
  while (n < 20_000_000) {
    parts.push(`<div class="c">${PARA}<a href="/x">link</a></div>`);
    n += PARA.length + 40;
  }
  const html = parts.join('') + '</article></body></html>';
  const before = process.memoryUsage().rss;
  const doc = timed(20_000, () => readHtmlString(html, where));
  assert.ok(process.memoryUsage().rss - before < 1_500_000_000);
  assert.ok(doc.notes.some((x) => /markup was cut/.test(x)), doc.notes.join('; '));
  assert.match(doc.text, /committee met on Thursday/);
});

test('10,000-deep nesting (closed and unclosed) is flattened, not a stack overflow', () => {
  for (const html of [`<html><body>${'<div>'.repeat(10_000)}${PARA}${'</div>'.repeat(10_000)}</body></html>`, `<html><body>${'<div><span><b>'.repeat(10_000)}${PARA}`]) {
    const doc = timed(5_000, () => readHtmlString(html, where));
    assert.match(doc.text, /committee met/);
    assert.ok(doc.notes.some((x) => /flattened/.test(x)));
  }
  assert.throws(() => readHtmlString(`<html><body>${'<ul><li>'.repeat(10_000)}x`, where), (e: Error) => e instanceof InputError && /levels deep/.test(e.message));
});

test('a page of only scripts and styles has no readable text: a clear error', () => {
  assert.throws(() => readHtmlString('<html><head><script>var a = "<p>not text</p>";</script><style>p{}</style></head><body><script>document.write(1)</script></body></html>', where), (e: Error) => e instanceof InputError && /no readable text/.test(e.message));
});

test('a batch with bad inputs: each named with its reason, the good page analysed', async () => {
  const bin = join(tmp, 'photo.html');
  writeFileSync(bin, Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0, 0, 0]));
  const notGz = join(tmp, 'page.html.gz');
  writeFileSync(notGz, '<html><body><p>plain</p></body></html>');
  const scripts = join(tmp, 'scripts.html');
  writeFileSync(scripts, '<html><body><script>1</script></body></html>');
  const empty = join(tmp, 'empty.html');
  writeFileSync(empty, '');
  const good = join(import.meta.dirname, 'fixtures', 'html', 'opinion-og.html');
  const out = join(tmp, 'out.jsonl');
  const err: string[] = [];
  const code = await analyzeCommand.run([bin, notGz, scripts, empty, good, '--out', out], { out: () => {}, err: (l) => err.push(l) });
  assert.equal(code, 0);
  const records = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string });
  assert.deepEqual(records.map((r) => r.id), ['opinion-og']);
  assert.match(err.find((l) => l.includes('photo.html'))!, /looks binary/);
  assert.match(err.find((l) => l.includes('page.html.gz'))!, /not gzip/);
  assert.match(err.find((l) => l.includes('scripts.html'))!, /no readable text/);
  assert.match(err.find((l) => l.includes('empty.html'))!, /empty/);
  assert.throws(() => readAny(bin), InputError);
});
