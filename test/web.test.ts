// The page in a real browser (Debian's Chromium driven by playwright-core): `newsledger serve --ingest` on the
// bundled sample coverage in a temporary store, then search, a speaker, a statement, the timeline, the claims board
// and a document, a correction that persists across a reload, escaping of hostile text, the keyboard and phone width.
// Skips with a message when /usr/bin/chromium is missing (scripts/ci-chromium.sh installs it); fails then in CI.
// UPDATE_SCREENSHOTS=1 also writes the screenshots to docs/screenshots/ for the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-quic', '--no-first-run', '--disable-sync'];
const inCi = process.env.CI === 'true';
const missing = !existsSync(CHROMIUM);
const skip = missing && !inCi ? `${CHROMIUM} is missing: run scripts/ci-chromium.sh to install it (these tests fail without it in CI)` : false;

/** Starts `newsledger serve --ingest examples/seeds` on a free port; resolves to the page address it prints. */
function startServer(db: string): Promise<{ proc: ChildProcess; address: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--db', db, '--port', '0', '--ingest', 'examples/seeds'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start in time:\n${err}`)), 45_000);
    proc.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /the page: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, address: m[1]! });
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${err}`));
    });
  });
}

test('the page in Chromium: search, speaker, statement, timeline, claims, document, corrections', { skip, timeout: 120_000 }, async (t) => {
  if (missing) assert.fail(`${CHROMIUM} is missing in CI: .ci/run should have installed it with scripts/ci-chromium.sh`);
  // The page as it is in src/web now, not as the last full build left it.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-web.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const { chromium } = await import('playwright-core');
  const tmp = mkdtempSync(join(tmpdir(), 'newsledger-web-'));
  const shots = join(tmp, 'shots');
  mkdirSync(shots);
  const { proc, address } = await startServer(join(tmp, 'ledger.db'));
  const origin = new URL(address).origin;
  let context: BrowserContext | null = null;
  t.after(() => {
    proc.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  });
  try {
    context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
      executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1100, height: 760 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    const rendered = () => page.waitForFunction(() => document.querySelector('main .view') !== null);
    const shot = async (name: string, top = true) => {
      // Navigation focuses the view, which may scroll; the README's pictures start at the top of the page.
      if (top) await page.evaluate(() => scrollTo(0, 0));
      await page.screenshot({ path: join(shots, `${name}.png`) });
    };

    // The printed address carries the run's write token in its fragment; the page keeps it and drops it from the bar.
    const first = await page.goto(address);
    const csp = first!.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(first!.headers()['x-content-type-options'], 'nosniff');
    await rendered();
    assert.equal(new URL(page.url()).hash, '', 'the token is removed from the address');

    // Search, with the query's words highlighted in the hits.
    await page.fill('input[name=q]', 'utopia');
    await page.press('input[name=q]', 'Enter');
    await page.waitForURL(/\/search\?q=utopia/);
    await page.waitForSelector('.hit mark.hl-hit');
    const hitWords = await page.$$eval('.hit mark.hl-hit', (ms) => ms.map((m) => m.textContent!.toLowerCase()));
    assert.ok(hitWords.length >= 3 && hitWords.every((w) => w === 'utopia'), `highlighted hits: ${hitWords}`);
    await shot('search');

    // Lavrov's page: his statements, newest first, with the number of independent outlets for each.
    await page.click('.hit a[href^="/speaker/"]');
    await page.waitForSelector('h1:has-text("Lavrov")');
    const utopia = page.locator('li.statement', { hasText: 'utopia' }).first();
    assert.match(await utopia.locator('.outlets').innerText(), /^2 independent outlets$/);
    assert.ok((await page.$$('li.statement')).length >= 5);
    await shot('speaker');

    // The statement: each report in its source paragraph with quote, cue and speaker marked; wordings compared.
    await utopia.locator('a', { hasText: 'Every report' }).click();
    await page.waitForSelector('.report');
    const reports = await page.$$('.report');
    assert.ok(reports.length >= 3, `${reports.length} reports`);
    assert.equal(await page.locator('.report .source mark.hl-quote').count() >= reports.length, true);
    assert.ok((await page.locator('.report .source mark.hl-cue').count()) >= 1);
    assert.ok((await page.locator('.report .source mark.hl-speaker').count()) >= 1);
    assert.ok((await page.locator('.wordings mark.diff').count()) >= 1, 'differences between wordings are marked');
    assert.match(await page.locator('code.citation').first().innerText(), /^Sergei Lavrov: “.*utopia/);
    await shot('statement');

    // The document of one report, with that quote selected; fix its speaker, then reload: the fix persists.
    await page.locator('.report a', { hasText: 'Open the document' }).first().click();
    await page.waitForSelector('.detail form.correction');
    assert.ok((await page.locator('.doc-text mark.hl-entity').count()) > 0);
    assert.ok((await page.locator('.doc-text mark.sel').count()) > 0, 'the selected quote is marked in the text');
    await page.fill('input[name=who]', 'Test Desk');
    const fix = page.locator('form.correction', { hasText: 'Fix the speaker' });
    await fix.locator('input[name=name]').fill('Maria Zakharova');
    await fix.locator('input[name=why]').fill('checked against the briefing transcript');
    await fix.locator('button[type=submit]').click();
    await page.waitForSelector('.history li:has-text("Maria Zakharova")');
    await page.reload();
    await rendered();
    await page.waitForSelector('.history li:has-text("Test Desk")');
    assert.match(await page.locator('.detail h2').innerText(), /Maria Zakharova/);
    await shot('document', false);

    // The live blog: posts with their times, boilerplate apart.
    await page.goto(`${origin}/document/000_24fc0c8c87d24407`);
    await rendered();
    assert.ok((await page.locator('.doc-text .post-head time').count()) >= 3, 'posts are headed with their times');
    assert.ok((await page.locator('.doc-text .blk-boilerplate').count()) > 0, 'boilerplate is shown apart');
    await shot('liveblog');

    // Timeline: one dot per dated event, the type filter narrows them.
    await page.click('header nav a[href="/timeline"]');
    await page.waitForSelector('svg.plot circle');
    const dots = await page.locator('svg.plot circle').count();
    const type = await page.locator('select[name=type] option').nth(1).getAttribute('value');
    await shot('timeline');
    await page.selectOption('select[name=type]', type!);
    await page.click('form.inline button');
    await page.waitForURL(/type=/);
    await page.waitForFunction((n) => document.querySelectorAll('svg.plot circle').length < n, dots);

    // Claims board, grouped by status, each with its evidence.
    await page.click('header nav a[href="/claims"]');
    await page.waitForSelector('.board .column');
    assert.ok((await page.locator('.board .claim').count()) > 0);
    await shot('claims');

    // Hostile text is shown as text: nothing in it runs.
    const hostile = 'Attack claim. <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> "We will prevail," he said.';
    const token = await page.evaluate(() => sessionStorage.getItem('newsledger.token'));
    const posted = await page.request.post(`${origin}/api/documents`, { data: { id: 'hostile', text: hostile }, headers: { authorization: `Bearer ${token}` } });
    assert.equal(posted.status(), 201);
    await page.goto(`${origin}/document/hostile`);
    await rendered();
    assert.match(await page.locator('.doc-text').innerText(), /<script>window.__pwned = 1<\/script>/);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);

    // Keyboard: the first Tab reaches the skip link; "/" goes to the search box from anywhere.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip');
    await page.locator('body').press('/');
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'q' || location.pathname === '/search');

    // Phone width: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${origin}/speaker/Lavrov`);
    await rendered();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling at phone width');
    await shot('speaker-phone');

    assert.deepEqual(problems, [], 'no script errors or policy violations in the console');
  } finally {
    await context?.close();
    if (process.env.KEEP_SHOTS) for (const f of ['search', 'speaker', 'statement', 'document', 'liveblog', 'timeline', 'claims', 'speaker-phone']) if (existsSync(join(shots, `${f}.png`))) copyFileSync(join(shots, `${f}.png`), join(process.env.KEEP_SHOTS, `${f}.png`));
  }
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    const out = join(ROOT, 'docs', 'screenshots');
    mkdirSync(out, { recursive: true });
    for (const name of ['search', 'speaker', 'statement', 'document', 'liveblog', 'timeline', 'claims', 'speaker-phone']) copyFileSync(join(shots, `${name}.png`), join(out, `${name}.png`));
  }
});
