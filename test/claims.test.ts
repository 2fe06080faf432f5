import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Analyzer, analyzeText } from '../src/analyze.js';
import { readTextFile } from '../src/ingest/textFile.js';

const FIX = join(import.meta.dirname, 'fixtures', 'events');

test('claims with the status the coverage gives them (a wire story in another style)', () => {
  const r = new Analyzer().analyze(readTextFile(join(FIX, 'wire-kharkiv.txt')));
  const captured = r.claims.find((c) => /Ocheretyne/.test(c.claim.text));
  assert.equal(captured?.status, 'denied');
  assert.match(captured?.claimant?.name ?? '', /defence ministry/);
  assert.ok(captured?.evidence.some((e) => /denied/.test(e.text)));
  const repelled = r.claims.find((c) => /Vovchansk/.test(c.claim.text));
  assert.equal(repelled?.status, 'unconfirmed');
  for (const c of r.claims) for (const s of [c.claim, ...c.evidence]) assert.equal(r.text.slice(s.start, s.end), s.text);
});

test('confirmed by an independent source; asserted in the outlet\'s voice', () => {
  const r = analyzeText(
    ' date 2024-02-10 x\nA missile hit a school in Kramatorsk on Friday, the mayor said.\nThe regional police confirmed that two people were injured in the attack.\nUnemployment stands at 12 per cent in the region.\n',
  );
  const hit = r.claims.find((c) => /school/.test(c.claim.text));
  assert.equal(hit?.status, 'confirmed');
  assert.equal(r.claims.find((c) => /per cent/.test(c.claim.text))?.status, 'asserted');
});

test('a claim left unconfirmed in the same sentence', () => {
  const r = analyzeText(' date 2024-02-10 x\nWhile the minister said the border had been closed, Hungary has not confirmed this.\n');
  const c = r.claims[0];
  assert.equal(c?.status, 'unconfirmed');
  assert.match(c?.claim.text ?? '', /border had been closed/);
});

test('a claim made in one document and denied in another is linked across them', () => {
  const a = new Analyzer();
  const first = a.analyze(readTextFile(join(FIX, 'paper-claim.txt')));
  const second = a.analyze(readTextFile(join(FIX, 'paper-denial.txt')));
  const claim = first.claims.find((c) => /Novomykhailivka/.test(c.claim.text))!;
  assert.equal(claim.status, 'claimed');
  const answer = second.claims.find((c) => c.id === claim.id);
  assert.ok(answer, 'the denial takes the claim\'s id');
  assert.equal(answer.status, 'denied');
  assert.match(answer.claimant?.name ?? '', /defence ministry/);
  assert.deepEqual(answer.reports?.map((r) => [r.doc, r.status]), [[first.id, 'claimed'], [second.id, 'denied']]);
  for (const c of second.claims) for (const s of [c.claim, ...c.evidence]) assert.equal(second.text.slice(s.start, s.end), s.text);
  // Alone, the denial links to nothing.
  const alone = new Analyzer().analyze(readTextFile(join(FIX, 'paper-denial.txt')));
  assert.ok(!alone.claims.some((c) => c.id === claim.id));
});

test('the answer read first, the claim later: the claim takes the status', () => {
  const a = new Analyzer();
  a.analyze(readTextFile(join(FIX, 'paper-denial.txt')));
  const later = a.analyze(readTextFile(join(FIX, 'paper-claim.txt')));
  const claim = later.claims.find((c) => /Novomykhailivka/.test(c.claim.text));
  assert.equal(claim?.status, 'denied');
  assert.equal(claim?.reports?.[0]?.status, 'denied');
});

test('stances and plans said by someone are not claims; reported events and figures are', () => {
  const r = analyzeText(' date 2024-02-10 x\nRussia has long said it will never tolerate foreign troops in the region.\nThe ministry said its forces had shelled Avdiivka on Friday.\n');
  assert.ok(!r.claims.some((c) => /tolerate/.test(c.claim.text)));
  assert.ok(r.claims.some((c) => /shelled/.test(c.claim.text)));
});
