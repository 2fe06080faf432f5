import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, analyzeText } from '../src/analyze.js';
import { readTextFile } from '../src/ingest/textFile.js';
import { scoreSeeds } from '../src/eval/seeds/command.js';
import { parseStamp } from '../src/structure/timestamp.js';
import { readDateline } from '../src/structure/dateline.js';
import { parseNames } from '../src/structure/names.js';
import { readStructure } from '../src/structure/reader.js';
import { structureSummary } from './tools/structure-summary.js';
import { gluedHeadlineEnd } from '../src/structure/gluedHeadline.js';
import { splitSentencesAt } from '../src/language/blockSentences.js';
import { tokenize } from '../src/language/tokenize.js';

const root = join(import.meta.dirname, '..');
const fixtures = join(import.meta.dirname, 'fixtures', 'structure');

test('the sample coverage: every structure field of the hand annotation is read right', () => {
  const [result] = scoreSeeds(join(root, 'examples', 'seeds.gold.json'), join(root, 'examples', 'seeds'), 'structure');
  assert.ok(result);
  const posts = result.rows.find((r) => r.name === 'post time');
  assert.equal(posts?.total, 10, 'the sample live blog has 10 posts');
  for (const row of result.rows) assert.equal(row.correct, row.total, `${row.name}: ${result.review.join('; ')}`);
});

for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.txt'))) {
  test(`fixture ${file} reads as expected`, () => {
    const name = file.replace(/\.txt$/, '');
    const expected = JSON.parse(readFileSync(join(fixtures, `${name}.expected.json`), 'utf8'));
    const record = new Analyzer().analyze(readTextFile(join(fixtures, file)));
    assert.deepEqual(structureSummary(record), expected);
  });
}

test('author and time glued together, with an agency credit before them', () => {
  const s = parseStamp('AFP | Maria Rossi and Tom Hale3 March 2024 09:05');
  assert.ok(s);
  assert.equal(s.prefix, 'AFP | Maria Rossi and Tom Hale');
  assert.deepEqual([s.year, s.month, s.day, s.hour, s.minute], [2024, 3, 3, 9, 5]);
});

test('a time written "6:30 PM", and a time before its date, are read', () => {
  const upper = parseStamp('Published March 4, 2025 at 6:30 PM CST');
  assert.ok(upper);
  assert.deepEqual([upper.year, upper.month, upper.day, upper.hour, upper.minute, upper.zoneWord], [2025, 3, 4, 18, 30, 'CST']);
  const timeFirst = parseStamp('Updated 6:30 AM EST, Tue March 4, 2025');
  assert.ok(timeFirst);
  assert.deepEqual([timeFirst.year, timeFirst.month, timeFirst.day, timeFirst.hour, timeFirst.minute, timeFirst.zoneWord], [2025, 3, 4, 6, 30, 'EST']);
  assert.equal(timeFirst.marker, true);
});

test("a newspaper's own dateline is read like a wire's, and a label or a headline in capitals is not one", () => {
  assert.equal(readDateline('DES MOINES, Iowa — The board voted on Tuesday.')?.place, 'DES MOINES');
  assert.equal(readDateline('WASHINGTON ― The administration announced plans.')?.length, 'WASHINGTON ―'.length);
  assert.equal(readDateline('LONDON - Shares rose on Monday.')?.agency, null);
  assert.equal(readDateline('MANCHESTER, N.H. -- The debate starts at eight.')?.place, 'MANCHESTER');
  assert.equal(readDateline('KYIV, Aug 20 (Reuters) - Talks resumed.')?.agency?.name, 'Reuters');
  assert.equal(readDateline('BREAKING — A second hearing has been scheduled.'), null);
  assert.equal(readDateline('INDIANA’S VOTERS FAVOR CRUZ, BUT ECONOMY FAVORS TRUMP - an analyst writes.'), null);
  assert.equal(readDateline('The board voted — narrowly — on Tuesday.'), null);
});

test('a "By" line may describe its one writer before the name; prose after "By" is no byline', () => {
  assert.deepEqual(parseNames('By Former Olympic champion Ruth Adeyemi')?.names.map((n) => n.name), ['Ruth Adeyemi']);
  assert.deepEqual(parseNames('By Jane Doe and John Roe')?.names.map((n) => n.name), ['Jane Doe', 'John Roe']);
  assert.equal(parseNames('By the time the police arrived'), null);
  assert.equal(parseNames('Former Olympic champion Ruth Adeyemi'), null);
});

test('prose ending in a time is not a stamp line', () => {
  const r = readStructure('Talks\n\nThe talks ended at 14:05.\nThey resumed at 16:00 after lunch\n', { headerDate: null, outlet: null, url: null });
  assert.equal(r.posts.length, 0);
});

test('a live blog whose header says BST puts posts in Europe/London, and GMT in winter means +00:00', () => {
  const text = [
    ' date 2025-01-10 Floods live: rivers burst banks',
    'Sam Cole',
    'Friday 10 January 2025 08:00 GMT',
    'Comments',
    'Rescue boats deployed',
    'Fire crews used boats to reach 30 homes.',
    'Sam Cole10 January 2025 08:00',
    'Warnings issued overnight',
    'The agency issued 12 warnings.',
    'Sam Cole9 January 2025 23:50',
  ].join('\n');
  const r = analyzeText(text);
  assert.deepEqual(r.timezone, { name: 'Europe/London', assumed: false });
  assert.deepEqual(r.posts.map((p) => p.published), ['2025-01-10T08:00:00Z', '2025-01-09T23:50:00Z']);
});

test('posts with times only cross midnight backwards in a newest-first blog', () => {
  const text = 'Live: count goes on\n\n00.20 CET\nFinal result\nThe count has finished.\n23.40 CET\nLast ballot boxes arrive\nThe final boxes came in.\n';
  const r = analyzeText(text, { date: '2025-06-02' });
  assert.deepEqual(r.posts.map((p) => p.published), ['2025-06-01T22:20:00Z', '2025-06-01T21:40:00Z']);
  assert.deepEqual(r.timezone, { name: 'Europe/Paris', assumed: false });
});

test("without a stated zone the outlet's zone is used and marked assumed", () => {
  const r = analyzeText('Headline here\nBy Ann Lee\n3 July 2025 10:00\nThe story begins here with a full sentence.\n', {
    outlet: 'The Guardian',
  });
  assert.deepEqual(r.timezone, { name: 'Europe/London', assumed: true });
  assert.equal(r.published, '2025-07-03T09:00:00Z');
  assert.equal(r.outlet, 'The Guardian');
});

test('an article with no headline line and only a header date', () => {
  const r = analyzeText(' date 2025-05-05 The mayor said on Monday that the bridge would reopen next week.\nWork began in March.\n');
  assert.equal(r.headline, null);
  assert.equal(r.published, '2025-05-05');
  assert.equal(r.blocks[0]?.type, 'paragraph');
  assert.equal(r.blocks[0]?.span.start, 17);
});

test('every block span is a slice of the text, in order, never overlapping', () => {
  for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.txt'))) {
    const r = new Analyzer().analyze(readTextFile(join(fixtures, file)));
    let end = 0;
    for (const b of r.blocks) {
      assert.equal(r.text.slice(b.span.start, b.span.end), b.span.text);
      assert.ok(b.span.start >= end, `${file}: blocks overlap at ${b.span.start}`);
      end = b.span.end;
    }
  }
});

test('structure reading is linear: a 200,000-line page is read in bounded time', () => {
  const page = Array.from({ length: 200_000 }, (_, i) => (i % 3 === 0 ? `Heading ${i}` : `Sentence number ${i} of the page.`)).join('\n');
  const t0 = performance.now();
  const r = readStructure(page, { headerDate: null, outlet: null, url: null });
  assert.ok(r.blocks.length === 200_000);
  assert.ok(performance.now() - t0 < 20_000);
});

test('a headline glued to its story in one line is read off by each of its signs, and prose is left whole', () => {
  // Invented local-news stories, each one line as a scraper that lost the line breaks leaves them.
  const story = (first: string) =>
    `${first} ${'The council said the work would take two years and cost more than first planned, and residents were told to expect delays on the main road while it went on. '.repeat(4)}`;
  const cut = (text: string) => {
    const at = gluedHeadlineEnd(text);
    return at === null ? null : text.slice(0, at).trimEnd();
  };
  // An opener ("The"), a word the story uses in lower case ("Heavy"), a name repeated across the cut ("Mercer
  // Mercer"), a name restated after a lead-in noun ("… transport firm Dunmore Freight").
  assert.equal(cut(story('Bridge repairs to close road The bridge will shut in May.')), 'Bridge repairs to close road');
  assert.equal(cut(story('Rain delays harvest again Heavy rain kept farmers off the fields, and heavy rain is forecast.')), 'Rain delays harvest again');
  assert.equal(cut(story('Weak sales hit Mercer Mercer has said profits will fall.')), 'Weak sales hit Mercer');
  assert.equal(cut(story('Dunmore Freight cuts jobs Irish transport firm Dunmore Freight is to cut 40 jobs.')), 'Dunmore Freight cuts jobs');
  // Prose: a full stop before any cut, a quotation after a headline word, a short one-line text.
  assert.equal(cut(story('The council met on Monday. The bridge will shut in May.')), null);
  assert.equal(cut(story('Campaign manager Rosa Lind released a memo titled "The Facts on Where We Stand" last week.')), null);
  assert.equal(cut('Bridge repairs to close road The bridge will shut in May for six weeks.'), null);
});

test('a sentence that wink-nlp ran on out of a heading is cut where the heading ends', () => {
  const text = 'Weak sales hit Mercer Mercer has said profits will fall. Shares fell.';
  const { tokens, sentences } = tokenize(text);
  const cutAt = text.indexOf(' Mercer has');
  const out = splitSentencesAt(tokens, sentences, [cutAt]);
  assert.equal(out.length, sentences.length + 1);
  assert.equal(text.slice(out[0]!.start, out[0]!.end), 'Weak sales hit Mercer');
  assert.equal(text.slice(out[1]!.start, out[1]!.end), 'Mercer has said profits will fall.');
  for (const [i, s] of out.entries()) for (let t = s.tokenStart; t < s.tokenEnd; t++) assert.equal(tokens[t]!.sentence, i);
});
