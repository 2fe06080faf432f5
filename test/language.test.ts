import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../src/language/tokenize.js';
import { detectLanguage } from '../src/language/detect.js';

const root = join(import.meta.dirname, '..');
const texts = [
  ...readdirSync(join(root, 'examples', 'seeds')).map((f) => readFileSync(join(root, 'examples', 'seeds', f), 'utf8')),
  ...readdirSync(join(root, 'test', 'fixtures', 'structure'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(root, 'test', 'fixtures', 'structure', f), 'utf8')),
];

test("a document's tokens, POS and sentences do not depend on the documents read before it", () => {
  const alone = texts.map((t) => JSON.stringify(tokenize(t)));
  // Read every text in reverse order, then each again: the shared wink-nlp instance must give the same analysis.
  for (const t of [...texts].reverse()) tokenize(t);
  texts.forEach((t, i) => assert.equal(JSON.stringify(tokenize(t)), alone[i], `text ${i} changed after others were read`));
});

test('a form first met in an earlier document is split the same way in a later one', () => {
  // wink-nlp learns unseen forms as it reads; a possessive of an unseen name is split only while the name is unseen.
  // (Read raw, wink gives 'Vantablack', '’s' here, but 'Vantablack’s' once it has read 'Vantablack’s,' elsewhere.)
  const later = 'Vantablack’s catch phrase was new.';
  const before = JSON.stringify(tokenize(later));
  assert.ok(before.includes('"text":"’s"'));
  tokenize('Everyone except Vantablack’s, Federal records show.');
  assert.equal(JSON.stringify(tokenize(later)), before);
});

test('token offsets point at the token text, and sentences cover their tokens', () => {
  for (const text of texts) {
    const { tokens, sentences } = tokenize(text);
    for (const tok of tokens) assert.equal(text.slice(tok.start, tok.end), tok.text);
    for (const s of sentences) {
      assert.equal(tokens[s.tokenStart]!.start, s.start);
      assert.equal(tokens[s.tokenEnd - 1]!.end, s.end);
    }
  }
});

test('long texts are read in slices with offsets still right', () => {
  const para = 'The minister said the plan would go ahead. Critics disagreed strongly.\n';
  const text = para.repeat(6000); // ~430,000 characters: more than one slice
  const { tokens } = tokenize(text);
  assert.equal(tokens.length, 6000 * 13);
  const last = tokens[tokens.length - 1]!;
  assert.equal(text.slice(last.start, last.end), '.');
});

test('language detection', () => {
  assert.equal(detectLanguage('The government said on Tuesday that it would not change its policy on migration.'), 'en');
  assert.equal(detectLanguage("Le gouvernement a déclaré mardi qu'il ne changerait pas sa politique migratoire."), 'fr');
  assert.equal(detectLanguage('Hi'), 'und');
});

/** The sentences of `text`, as text. */
const sentencesOf = (text: string): string[] => tokenize(text).sentences.map((s) => text.slice(s.start, s.end));

test('a full stop inside an abbreviation does not end the sentence', () => {
  // Wire style (US): titles wink-nlp does not know, party-state tags, a state's initials.
  assert.deepEqual(sentencesOf('The Rev. Jesse Okafor told the congregation to stay calm. Supt. Hall agreed.'), [
    'The Rev. Jesse Okafor told the congregation to stay calm.',
    'Supt. Hall agreed.',
  ]);
  assert.deepEqual(sentencesOf('Rep. Dana Whitfield (D-Calif.) said on Tuesday the bill was dead. Nobody disagreed.'), [
    'Rep. Dana Whitfield (D-Calif.) said on Tuesday the bill was dead.',
    'Nobody disagreed.',
  ]);
  assert.deepEqual(sentencesOf('Sen. Ruth Ames, R-S.C., now says the deal should change.'), ['Sen. Ruth Ames, R-S.C., now says the deal should change.']);
  // Every token belongs to the sentence that covers it.
  const { tokens, sentences } = tokenize('The Rev. Jesse Okafor spoke. Fr. Tom Reilly listened.');
  sentences.forEach((s, k) => {
    for (let t = s.tokenStart; t < s.tokenEnd; t++) assert.equal(tokens[t]!.sentence, k);
  });
});

test('a stop inside a name does not end the sentence: web addresses, exclamation marks in titles', () => {
  // Trade-press style: a site's name, a magazine and a group whose names hold a stop.
  assert.deepEqual(sentencesOf('Nadia Brett, head of sales at Bargains.com, said demand was up. Others agreed.'), [
    'Nadia Brett, head of sales at Bargains.com, said demand was up.',
    'Others agreed.',
  ]);
  assert.deepEqual(sentencesOf('Hooray! editor Sam Field said the list was bold. Bang!\'s critic said no.'), [
    'Hooray! editor Sam Field said the list was bold.',
    "Bang!'s critic said no.",
  ]);
  // A real exclamation still ends its sentence.
  assert.deepEqual(sentencesOf('Help! Nobody came.'), ['Help!', 'Nobody came.']);
});

test('a quotation ending with a question or exclamation mark does not end its sentence when it goes on in lower case', () => {
  // Tabloid and magazine style: the cue after the quotation, or the sentence going on after a quoted exclamation.
  assert.deepEqual(sentencesOf('“Is it over?” asked Ms Reed. The answer was no.'), ['“Is it over?” asked Ms Reed.', 'The answer was no.']);
  assert.deepEqual(sentencesOf('"Why not?" he asked.'), ['"Why not?" he asked.']);
  assert.deepEqual(sentencesOf('She declared "What a night!" and thanked the crowd.'), ['She declared "What a night!" and thanked the crowd.']);
  // A quotation that ends its sentence before one opening in capitals still does.
  assert.deepEqual(sentencesOf('He asked: "Is it over?" The answer was no.'), ['He asked: "Is it over?"', 'The answer was no.']);
});

test('real sentence ends after abbreviations are kept', () => {
  // Newspaper style (UK): a sentence may end with a state or country abbreviation, and the next opens in capitals.
  assert.deepEqual(sentencesOf('Turnout fell in Wis. Then it rose.'), ['Turnout fell in Wis.', 'Then it rose.']);
  assert.deepEqual(sentencesOf('The car was made in the UK. It sold well.'), ['The car was made in the UK.', 'It sold well.']);
  // A title's letters in lower case are a word.
  assert.deepEqual(sentencesOf('The engine needed a rev. Then it started.'), ['The engine needed a rev.', 'Then it started.']);
});
