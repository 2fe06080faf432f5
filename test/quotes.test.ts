import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NewsRecord, Quote } from '../src/model/record.js';
import { spanIsValid } from '../src/model/span.js';
import { QuoteTestRun } from './fixtures/quotes/pipeline.js';
import { ATTRIBUTION_SETTINGS, SPEECH_SETTINGS, useQuoteSettings } from '../src/quotes/settings.js';
import { analyzeWith } from '../src/eval/quotes.js';
import { tokenize } from '../src/language/tokenize.js';
import { layoutOf } from '../src/quotes/tagging.js';
import { withoutEdgeMarks } from '../src/quotes/attributionRules.js';
import { nounPhraseObject, npFrom } from '../src/quotes/runs.js';
import { withoutLeadingComma } from '../src/quotes/speechReadings.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'quotes', name), 'utf8');

/** The quote whose content overlaps most of `words` (a phrase of the expected content). */
function find(record: Pick<NewsRecord, 'text' | 'quotes'>, words: string): Quote | undefined {
  const at = record.text.indexOf(words);
  assert.ok(at >= 0, `fixture lacks "${words}"`);
  return record.quotes.find((q) => q.content.start <= at + 2 && q.content.end >= at + words.length - 2);
}

/** The whole pipeline in the speech profile (the entity layer resolves the speakers): the text and its quotes. */
const analyzeSpeech = analyzeWith(SPEECH_SETTINGS);
function speechRecord(text: string, id: string): Pick<NewsRecord, 'text' | 'quotes'> {
  return { text, quotes: analyzeSpeech(text, id).quotes };
}

/** The quotes of a record as [kind, speaker name, words], for assertion messages. */
function listedQuotes(record: Pick<NewsRecord, 'quotes'>): string {
  return JSON.stringify(record.quotes.map((q) => [q.kind, q.speaker.name, q.content.text]));
}

function checkSpans(record: NewsRecord): void {
  for (const q of record.quotes) {
    assert.ok(spanIsValid(record.text, q.content));
    if (q.cue) assert.ok(spanIsValid(record.text, q.cue));
    if (q.speaker.mention) assert.ok(spanIsValid(record.text, q.speaker.mention));
  }
}

test('wire-style article: direct, continued, indirect, anonymous and mixed quotes with their speakers', () => {
  const r = new QuoteTestRun().analyze(fixture('wire-style.txt'), 'wire');
  checkSpans(r);
  const direct = find(r, 'We came to the table in good faith');
  assert.ok(direct, 'direct quote');
  assert.equal(direct.kind, 'direct');
  assert.match(direct.content.text, /^"We came.*did not,"$/);
  assert.match(direct.speaker.name ?? '', /de Vries/);
  assert.equal(direct.cue?.text, 'said');
  const continued = find(r, 'They offered less than inflation');
  assert.ok(continued, 'a paragraph that is only a quotation');
  assert.equal(continued.kind, 'direct');
  assert.equal(continued.speaker.mention, null);
  assert.match(continued.speaker.name ?? '', /de Vries/);
  const statement = find(r, 'it regretted the decision');
  assert.ok(statement, 'indirect with "said in a statement"');
  assert.equal(statement.kind, 'indirect');
  assert.match(statement.speaker.mention?.text ?? '', /Havenbedrijf/);
  const anonymous = find(r, 'a new offer could come');
  assert.ok(anonymous, 'anonymous source');
  assert.equal(anonymous.speaker.anonymous, true);
  assert.match(anonymous.speaker.mention?.text ?? '', /^A source familiar/);
  const inverted = find(r, 'will stay on strike after talks');
  assert.ok(inverted, 'cue after the content');
  assert.match(inverted.speaker.mention?.text ?? '', /FNV union/);
  // a film title in quotation marks is not speech
  assert.equal(find(r, 'On the Waterfront'), undefined);
});

test('live-blog style: pronoun speakers, a quote resumed after the cue, and a scare-quoted phrase as mixed', () => {
  const r = new QuoteTestRun().analyze(fixture('liveblog-style.txt'), 'blog');
  checkSpans(r);
  const first = find(r, 'This is the highest figure in twenty years');
  assert.ok(first);
  assert.equal(first.kind, 'direct');
  assert.match(first.speaker.name ?? '', /Helena Ruiz/);
  const mixed = find(r, 'cautiously optimistic');
  assert.ok(mixed);
  assert.equal(mixed.kind, 'mixed');
  assert.match(mixed.speaker.name ?? '', /Tomas Berg/);
});

test('a quotation over two paragraphs is one direct quote with the speaker named at its end', () => {
  const text =
    'The council met on Tuesday.\n\n“We have waited three years for this bridge and the people of the valley deserve it.\n\n' +
    '“Nobody should have to drive forty minutes to reach the hospital,” said councillor Priya Shah.\n\nThe vote is next week.';
  const r = new QuoteTestRun().analyze(text, 'two-paragraphs');
  checkSpans(r);
  const q = find(r, 'We have waited three years');
  assert.ok(q);
  assert.equal(q.kind, 'direct');
  assert.ok(q.content.text.endsWith('hospital,”'), q.content.text);
  assert.match(q.speaker.name ?? '', /Priya Shah/);
  assert.equal(r.quotes.filter((x) => x.content.text.includes('Nobody should')).length, 1);
});

test('bad input: linear time, no crash, no quote past its paragraph unless the marks say so', () => {
  const run = new QuoteTestRun();
  const cases: Array<[string, string]> = [
    ['marks in a row', 'He said ' + '"'.repeat(10_000) + ' and left.\n\n' + '“”'.repeat(5_000)],
    ['never closed', '"This quote opens in the first line and never closes, the official said\n\n' + 'Plain paragraph. '.repeat(2_000)],
    ['unbalanced', 'He said ”this” and “that and ‘the other.\n\nShe said: "yes.'.repeat(300)],
    ['one long quote', '"' + 'We will keep working on this, she said, and we will not stop. '.repeat(3_000) + '"'],
    ['long sentence', 'word '.repeat(100_000)],
    ['typewriter doubles', "He said ''" + "'".repeat(10_000) + " and ``".repeat(2_000)],
    ['one sentence of asides', 'Prices rose, the minister said, and wages fell, a union leader said, '.repeat(3_000) + 'in the end.'],
    ['quotations around attributions', '“We will win,” said Ana Lopes, the captain. “We always do.” '.repeat(3_000)],
    ['one attribution between two quotations, repeated', '“We will win,” said Ana Lopes, “and we always do. '.repeat(3_000)],
    ['a company and "the company"', 'Acme Holdings said prices rose. The company said wages fell. Acme Holdings added more. '.repeat(2_000)],
    ['quoted as saying, in one sentence', 'KTV quoted the minister, Ana Lopes, as saying that '.repeat(3_000) + 'prices rose.'],
    ['anonymity asides in a row', 'A source, who asked not to be named, '.repeat(3_000) + 'said prices rose.'],
    ['descriptions in a row', 'Ada Lind said the 34-year-old Wasps wing and the Scot and the double Olympic champion '.repeat(2_000) + 'agreed.'],
    ['narration and reports in one paragraph', 'The plant will close. Acme said it would cut jobs. "It is hard," the firm said. Sources said more would go. '.repeat(1_500)],
  ];
  // Both profiles: the 'speech' profile reads more around each cue (next-sentence cues, outer reports, groups).
  const speech = new QuoteTestRun();
  useQuoteSettings(speech.run, SPEECH_SETTINGS);
  for (const [name, text] of cases) {
    for (const profile of [run, speech]) {
      const t0 = performance.now();
      const r = profile.analyze(text, name);
      const ms = performance.now() - t0;
      assert.ok(ms < 20_000, `${name}: ${ms.toFixed(0)} ms`);
      checkSpans(r);
      for (const q of r.quotes) {
        const crosses = r.text.slice(q.content.start, q.content.end).includes('\n\n');
        if (crosses) assert.ok(/^["“‘']/.test(q.content.text), `${name}: a quote ran past its paragraph`);
      }
    }
  }
});

test('the same utterance in two documents of one run shares a statement; summaries list both reports', async () => {
  const { statementSummaries } = await import('../src/statements/component.js');
  const run = new QuoteTestRun();
  const a = run.analyze('"We will not sign any agreement that leaves the fishing fleet without a future," the minister, Lena Holm, said on Tuesday.', 'a');
  const b = run.analyze('Lena Holm said: "We will not sign any agreement that leaves the fishing fleet without a future."', 'b');
  const qa = a.quotes.find((q) => q.kind === 'direct');
  const qb = b.quotes.find((q) => q.kind === 'direct');
  assert.ok(qa && qb);
  assert.ok(qa.statement);
  assert.equal(qb.statement, qa.statement);
  const s = statementSummaries(run.run).find((x) => x.id === qa.statement);
  assert.deepEqual(s?.reports.map((r) => r.document), ['a', 'b']);
});

test('a paragraph that ends "… wrote:" attributes the next paragraph, with the colon in the cue', () => {
  const run = new QuoteTestRun();
  const text =
    'Flooding closed the main road into the town on Sunday.\n\n' +
    'In a letter to residents, the council leader, Mary Okafor, wrote:\n\n' +
    '“We know how hard this week has been and we will reopen the bridge as soon as engineers say it is safe.”\n';
  const rec = run.analyze(text, 'colon');
  const q = rec.quotes.find((x) => x.content.text.startsWith('“We know'));
  assert.ok(q, JSON.stringify(rec.quotes.map((x) => x.content.text)));
  assert.equal(q.cue?.text, 'wrote:');
  assert.equal(q.kind, 'direct');
  assert.match(q.speaker.mention?.text ?? '', /Mary Okafor/);
});

test('a section label before a colon ("Update:", "Watch:") names no speaker; a transcript name does', () => {
  const run = new QuoteTestRun();
  const text =
    'UPDATE: The ferry operator has cancelled every crossing from Dover until the storm has passed the Channel.\n\n' +
    'Correction: An earlier version of this post gave the wrong time for the last crossing from Calais.\n\n' +
    'HARRIS: We are asking everyone to stay away from the seafront until the warning is lifted.\n';
  const rec = run.analyze(text, 'labels');
  const names = rec.quotes.map((q) => q.speaker.mention?.text ?? null);
  assert.ok(!names.includes('UPDATE') && !names.includes('Correction'), JSON.stringify(names));
  const harris = rec.quotes.find((q) => q.speaker.mention?.text === 'HARRIS');
  assert.ok(harris, JSON.stringify(rec.quotes.map((q) => [q.speaker.mention?.text, q.content.text])));
  assert.equal(harris.cue?.text, ':');
});

test('a dash and a name after a quotation sign it ("“…” ― Name"); a dash opening an aside does not', () => {
  const run = new QuoteTestRun();
  const text =
    'We asked readers in Leeds what the new tram line means for them.\n\n' +
    '“I have waited twenty years for a tram that stops at the end of my street and I still cannot quite believe it.” ― Priya Natarajan\n' +
    '“The roadworks closed my café for a month, so forgive me if I do not celebrate just yet.” — Tom O’Reilly, Headingley\n\n' +
    '“We will run the first trams in the spring,” the transport authority said — a date it has already missed twice.\n';
  const rec = run.analyze(text, 'signed');
  checkSpans(rec);
  const priya = find(rec, 'I have waited twenty years');
  assert.ok(priya, JSON.stringify(rec.quotes.map((q) => q.content.text)));
  assert.equal(priya.cue?.text, '―');
  assert.equal(priya.speaker.mention?.text, 'Priya Natarajan');
  assert.equal(priya.kind, 'direct');
  const tom = find(rec, 'The roadworks closed my café');
  assert.equal(tom?.speaker.mention?.text, 'Tom O’Reilly');
  const authority = find(rec, 'We will run the first trams');
  assert.equal(authority?.cue?.text, 'said');
});

test('"according to" takes the phrase after it as the source and the clause beside it as the content', () => {
  const run = new QuoteTestRun();
  const text =
    'Ticket sales for the festival fell by a third this summer, according to the organisers, and the town council has cut its grant.\n\n' +
    'According to figures released by the regional health board, waiting times for hip operations have doubled since 2019.\n';
  const rec = run.analyze(text, 'according');
  checkSpans(rec);
  const sales = rec.quotes.find((q) => q.cue?.text.toLowerCase() === 'according to' && q.speaker.mention?.text === 'the organisers');
  assert.ok(sales, JSON.stringify(rec.quotes.map((q) => [q.cue?.text, q.speaker.mention?.text, q.content.text])));
  assert.equal(sales.content.text, 'Ticket sales for the festival fell by a third this summer');
  const waits = find(rec, 'waiting times for hip operations');
  assert.equal(waits?.speaker.mention?.text, 'figures released by the regional health board');
  assert.equal(waits?.content.text, 'waiting times for hip operations have doubled since 2019');
});

test('a naming verb names rather than reports: "…, called botnets, used by …", "a venture, called Streamly, is to …"', () => {
  // Technology-desk style.
  const text =
    'Fraud on the rise\n\n' +
    'Also on the increase is the number of networks of hijacked home computers, called botnets, used by fraudsters to send spam.\n\n' +
    'Their new venture, called Streamly, is to help bands sell music directly to fans.\n\n' +
    'Some are combining the syncing functions of players with other net functions to distribute home-made radio shows, called podcasts.\n';
  const rec = speechRecord(text, 'naming');
  assert.ok(!rec.quotes.some((q) => /^call/.test(q.cue?.text ?? '')), listedQuotes(rec));
});

test('a paragraph ending in a cue, its short object and a colon attributes the quotation paragraph after it', () => {
  // Opinion-column style.
  const text =
    'Debate night\n\n' +
    'When the moderators tried to bait him, Senator Raul Ortega called them on it:\n\n' +
    '"Nobody watching tonight believes these questions were asked in good faith."\n';
  const rec = speechRecord(text, 'colon-object');
  const q = find(rec, 'Nobody watching tonight');
  assert.equal(q?.speaker.name, 'Raul Ortega', listedQuotes(rec));
  assert.equal(q?.cue?.text, 'called them on it:');
});

test('paragraphs joined into one line: a quotation after a mixed quote goes on with its speaker, also when its full stop stands after the mark', () => {
  // British political-desk style: the full stop outside the closing mark.
  const text =
    'Welfare reform back on the agenda\n\n' +
    'Pressed on benefits, Health Secretary Dana Ruiz said the system must "give people the right incentives". ' +
    '"Nobody is talking about forcing anyone into work, but many people on benefits want the chance to work". ' +
    'Opposition MPs were unconvinced.\n';
  const rec = speechRecord(text, 'stop-after-mark');
  assert.equal(find(rec, 'Nobody is talking about forcing')?.speaker.name, 'Dana Ruiz', listedQuotes(rec));
});

test('paragraphs joined into one line: the quotations after an attributed one continue its speaker', () => {
  const run = new QuoteTestRun();
  // A sports report whose paragraphs were flattened by the scraper: continuation paragraphs open a mark and never
  // close it, as newspapers print them.
  const text =
    'Harriers manager Dean Colley was delighted with the win. "We defended for our lives in the second half," Colley told ' +
    'Radio Kent. "The lads have been written off all season. "Nobody gave us a chance at this ground and we came away with ' +
    'three points." The club remain in 14th place.';
  const rec = run.analyze(text, 'joined');
  checkSpans(rec);
  const first = find(rec, 'We defended for our lives');
  assert.match(first?.speaker.name ?? '', /Colley/);
  for (const words of ['The lads have been written off', 'Nobody gave us a chance']) {
    const q = find(rec, words);
    assert.ok(q, `${words}: ${JSON.stringify(rec.quotes.map((x) => x.content.text))}`);
    assert.equal(q.kind, 'direct');
    assert.equal(q.speaker.name, first?.speaker.name, words);
  }
});

test('a passive reporting verb inside a report is no nested quote; an apposition names the person before it', () => {
  const run = new QuoteTestRun();
  const text =
    'Marta Lindqvist, a former coach of the Swedish and Norwegian relay teams, said she was denied a visa for the trip.\n';
  const rec = run.analyze(text, 'passive');
  checkSpans(rec);
  assert.equal(rec.quotes.filter((q) => q.via !== null).length, 0, JSON.stringify(rec.quotes.map((q) => [q.cue?.text, q.content.text])));
  const q = find(rec, 'she was denied a visa');
  assert.equal(q?.speaker.name, 'Marta Lindqvist');
});

test('"said Name, a description": the speaker is the name, not the organisation in the description', () => {
  const run = new QuoteTestRun();
  const text =
    '"We expect the new line to carry twice as many passengers by the end of the decade," said Ines Carvalho, head of ' +
    'planning at Lisbon Metro.\n\n"The tunnels are finished and the trains are on order," said Rui Matos, the company\'s engineer.\n';
  const rec = run.analyze(text, 'apposition');
  checkSpans(rec);
  assert.equal(find(rec, 'We expect the new line')?.speaker.mention?.text, 'Ines Carvalho');
  assert.equal(find(rec, 'The tunnels are finished')?.speaker.mention?.text, 'Rui Matos');
});

test('"described by X as “…”": X speaks and the content is what follows "as"', () => {
  const run = new QuoteTestRun();
  const text =
    'He later joined a call with the committee, described by its chairman Admiral Lars Berg as "constructive".\n\n' +
    'The visit was described by the mayor as "historic".\n';
  const rec = run.analyze(text, 'passive-as');
  checkSpans(rec);
  for (const [words, speaker] of [['"constructive"', /Lars Berg$/], ['"historic"', /^the mayor$/]] as const) {
    const q = rec.quotes.find((x) => x.content.text.includes(words));
    assert.ok(q, JSON.stringify(rec.quotes.map((x) => x.content.text)));
    assert.equal(q.content.text, words);
    assert.equal(q.kind, 'mixed');
    assert.equal(q.cue?.text, 'described');
    assert.match(q.speaker.mention?.text ?? '', speaker);
  }
});

test('"“A,” he said. “B,” he added": B takes the cue of its own sentence, once; "X, said Y" is not also read backwards', () => {
  const run = new QuoteTestRun();
  const text =
    'Broadband firms face a surge in demand. "The rise in streaming over the holidays should be a wake-up call," he said. ' +
    '"Operators need to invest in their networks before the next peak arrives," he added. Prices are expected to rise.\n\n' +
    'Extra funding will be given to rural schools to keep small classes open, said education minister Aoife Brennan.\n';
  const rec = run.analyze(text, 'cues');
  checkSpans(rec);
  const invest = rec.quotes.filter((q) => q.content.text.includes('Operators need to invest'));
  assert.equal(invest.length, 1, JSON.stringify(invest.map((q) => q.cue?.text)));
  assert.equal(invest[0]!.cue?.text, 'added');
  assert.ok(!rec.quotes.some((q) => q.content.text.includes('Aoife Brennan')), JSON.stringify(rec.quotes.map((q) => q.content.text)));
  assert.match(find(rec, 'Extra funding will be given')?.speaker.mention?.text ?? '', /Aoife Brennan$/);
});

test('"Surveys suggest X, she said": the said-report holds the whole sentence, the nested one is reached via it, "she" is a person', () => {
  const run = new QuoteTestRun();
  const text =
    'Regional business surveys point to a stronger recovery than official estimates, Dr Helen Marsh said. ' +
    'Other indicators show a sharp slowdown in house building, she pointed out.\n';
  const rec = run.analyze(text, 'nested-tail');
  checkSpans(rec);
  const outer = rec.quotes.find((q) => q.cue?.text === 'said');
  assert.ok(outer, JSON.stringify(rec.quotes.map((q) => [q.cue?.text, q.content.text])));
  assert.equal(outer.content.text, 'Regional business surveys point to a stronger recovery than official estimates');
  assert.ok(!rec.quotes.some((q) => q.content.text.includes('Marsh said')), JSON.stringify(rec.quotes.map((q) => q.content.text)));
  const contents = rec.quotes.map((q) => q.content.text);
  assert.equal(new Set(contents).size, contents.length, 'no quote twice');
  const pointed = rec.quotes.find((q) => q.cue?.text === 'pointed out');
  assert.match(pointed?.speaker.name ?? '', /Marsh/);
});

test('attribution profile: a report interrupted by ", X said," is one content over the whole sentence; so are two quotations around "said X."', () => {
  const run = new QuoteTestRun();
  useQuoteSettings(run.run, ATTRIBUTION_SETTINGS);
  const text =
    'The old steelworks, Mayor Ines Duarte said, will reopen as a museum next spring.\n\n' +
    '“We owe the town this,” said Paulo Reis, who ran the rolling mill for twenty years. “Most of us started there at sixteen.”\n';
  const rec = run.analyze(text, 'interrupted');
  checkSpans(rec);
  const works = find(rec, 'will reopen as a museum');
  assert.equal(works?.content.text, 'The old steelworks, Mayor Ines Duarte said, will reopen as a museum next spring');
  const owe = find(rec, 'We owe the town this');
  assert.equal(owe?.content.text, '“We owe the town this,” said Paulo Reis, who ran the rolling mill for twenty years. “Most of us started there at sixteen.”');
  assert.match(owe?.speaker.mention?.text ?? '', /^Paulo Reis/);
});

test('attribution profile: a quotation run on over its attribution into narration is the quotation alone', () => {
  const run = new QuoteTestRun();
  useQuoteSettings(run.run, ATTRIBUTION_SETTINGS);
  const text =
    'The council met late into the night.\n\n' +
    '"The budget is simply not enough for a city of this size," said Councillor Ama Boateng, chair of the finance committee.\n\n' +
    '"We will not raise rents this year," the housing minister said, cutting short a reporter who asked about repairs.\n';
  const rec = run.analyze(text, 'into-narration');
  checkSpans(rec);
  const budget = find(rec, 'The budget is simply not enough');
  assert.equal(budget?.content.text, '"The budget is simply not enough for a city of this size,"');
  assert.match(budget?.speaker.mention?.text ?? '', /^Councillor Ama Boateng/);
  const rents = find(rec, 'We will not raise rents');
  assert.equal(rents?.content.text, '"We will not raise rents this year,"');
  assert.equal(rents?.speaker.mention?.text, 'the housing minister');
});

test('attribution profile: a name before a relative aside speaks when the taggers found no source ("Dr. Lena Marsh, who …, said that")', () => {
  const run = new QuoteTestRun();
  useQuoteSettings(run.run, ATTRIBUTION_SETTINGS);
  const text =
    'Dr. Lena Marsh, who as a Navy captain was the White House physician in the 1990s, said that in 1998 the doctors ' +
    'had misled the public about the clot.\n';
  const rec = run.analyze(text, 'relative-aside-source');
  checkSpans(rec);
  const q = rec.quotes.find((x) => x.cue?.text === 'said');
  assert.equal(q?.speaker.mention?.text, 'Dr. Lena Marsh', JSON.stringify(rec.quotes.map((x) => [x.cue?.text, x.speaker.mention?.text, x.content.text])));
});

test('a coordinated subject speaks as a whole: "Germany, Italy and Spain said", "a pair of …"', () => {
  const run = new QuoteTestRun();
  const text = 'Germany, Italy and Spain said on Monday they would send more aid to the flooded region.\n';
  const rec = run.analyze(text, 'coordinated');
  checkSpans(rec);
  const q = find(rec, 'they would send more aid');
  assert.equal(q?.speaker.mention?.text, 'Germany, Italy and Spain');
  assert.equal(q?.speaker.name, 'Germany, Italy and Spain');
});

test('"an architect who said …": the speech profile names the person, the attribution profile marks the pronoun', () => {
  const text = 'The firm refused to pay a bricklayer who said he was owed three months of wages for the work.\n';
  const speech = new QuoteTestRun().analyze(text, 'relative');
  assert.equal(find(speech, 'he was owed three months')?.speaker.mention?.text, 'a bricklayer');
  const run = new QuoteTestRun();
  useQuoteSettings(run.run, ATTRIBUTION_SETTINGS);
  assert.equal(find(run.analyze(text, 'relative'), 'he was owed three months')?.speaker.mention?.text, 'who');
  // After a comma ("X, who said"): the speech profile names the phrase before the comma.
  const comma = 'The ban was welcomed by Lisbon, which described it as overdue. It was opposed by Mayor Rui Costa, who told reporters that it would cost jobs.\n';
  const rec = new QuoteTestRun().analyze(comma, 'relative-comma');
  assert.equal(find(rec, 'it would cost jobs')?.speaker.mention?.text, 'Mayor Rui Costa');
  assert.equal(rec.quotes.find((q) => q.cue?.text === 'described')?.speaker.mention?.text, 'Lisbon');
});

test('a quotation after "He is prepared to go this far:" is his, and "he" with no earlier speaker is the person last named', () => {
  // The full pipeline: the pronoun is resolved through the entities layer.
  const text =
    'Mayor Tom Reilly is far too careful to promise a date. But would the council back him? He is prepared to go this ' +
    'far: "The first trams will run before the next election, whatever the council decides about the depot."';
  const rec = speechRecord(text, 'colon-lead');
  const q = find(rec, 'The first trams will run');
  assert.ok(q, JSON.stringify(rec.quotes.map((x) => x.content.text)));
  assert.equal(q.cue?.text, ':');
  assert.equal(q.speaker.mention?.text, 'He');
  assert.equal(q.speaker.name, 'Tom Reilly');
});

test('a name before the head noun is not the speaker; a spokesman or report speaks for the name it holds; "he" after a company\'s chief', () => {
  // The full pipeline, business-wire style: the company and its chairman share a name.
  const text =
    'Porsche, the German carmaker, reported higher profits on Thursday. Porsche said orders rose by 12%. ' +
    'Porsche expects a better year, and Porsche shares rose.\n\n' +
    '"We built more cars than in any year since 1998," said chairman Wolfgang Porsche. "We also cut our costs," he added.\n\n' +
    'The Labour leader said the plant had been saved by public money. A Porsche spokeswoman said the company had repaid every loan.\n\n' +
    'The Swedish company said it would bid for the contract.\n';
  const rec = speechRecord(text, 'voice');
  const speaker = (words: string) => find(rec, words)?.speaker;
  assert.equal(speaker('We built more cars')?.name, 'Wolfgang Porsche');
  // "Porsche" used for the company four times does not make the chairman an organisation, so "he" finds him.
  assert.equal(speaker('We also cut our costs')?.name, 'Wolfgang Porsche');
  assert.notEqual(speaker('the plant had been saved')?.name, 'Labour');
  assert.equal(speaker('the company had repaid every loan')?.name, 'Porsche');
  assert.notEqual(speaker('it would bid for the contract')?.name, 'Sweden');
});

test('"the Labour peer" is the peer named just before, by honorific alone; so is "the Labour peer and former minister"', () => {
  // Parliamentary-sketch style: a peer named as "Lord X" only.
  const text =
    'Succession bill withdrawn\n\n' +
    'Lord Harlow agreed to withdraw his bill after its second reading. The Labour peer said the government should think again.\n\n' +
    'Baroness Okafor opened the debate on Tuesday. During the debate, the crossbench peer and former minister said: ' +
    '"The monarchy should reflect the values of the country."\n';
  const rec = speechRecord(text, 'peer');
  assert.equal(find(rec, 'the government should think again')?.speaker.name, 'Harlow', listedQuotes(rec));
  assert.equal(find(rec, 'The monarchy should reflect')?.speaker.name, 'Okafor', listedQuotes(rec));
});

test('a speaker phrase carried over its verb and object is the subject: "Singer Mara Quinn introduced Otis Lane, citing …"', () => {
  // Awards-night style.
  const text =
    'Hall of fame night\n\n' +
    'Singer Mara Quinn introduced Otis Lane, citing his best-known song as "one of the finest recordings ever made".\n';
  const rec = speechRecord(text, 'subject-verb-object');
  assert.equal(find(rec, 'his best-known song')?.speaker.name, 'Mara Quinn', listedQuotes(rec));
});

test('a time that ends a speaker phrase is cut from it; a participle keeps its time; "USA Today" is a name', () => {
  const text =
    'The Herald on Saturday wrote that the bridge would close. Northwind Bank last month warned that rates would rise. ' +
    'A survey released last week found that rents had doubled. A reporter for USA Today said the mayor had resigned.\n';
  // The attribution profile: PolNeAR's sources leave the time out, and it reads "found" as a cue.
  const run = new QuoteTestRun();
  useQuoteSettings(run.run, ATTRIBUTION_SETTINGS);
  const rec = run.analyze(text, 'times');
  const mention = (words: string) => find(rec, words)?.speaker.mention?.text;
  assert.equal(mention('the bridge would close'), 'The Herald');
  assert.equal(mention('rates would rise'), 'Northwind Bank');
  assert.equal(mention('rents had doubled'), 'A survey released last week');
  assert.equal(mention('the mayor had resigned'), 'A reporter for USA Today');
});

test('"…," X, from the Y Association (YA) told the BBC: X speaks, not Y or the BBC; the next quotation goes on with X', () => {
  // Trade-show style: a bracketed acronym and no comma before the cue.
  const text =
    'Gadget show opens\n\n' +
    '"The story this year remains all about digital," Lena Holm, from the Consumer Technology Association (CTA) told the BBC News website. ' +
    '"It is about personalisation - taking your music player and creating your own playlist."\n';
  const rec = speechRecord(text, 'from-acronym');
  assert.equal(find(rec, 'The story this year')?.speaker.name, 'Lena Holm', listedQuotes(rec));
  assert.equal(find(rec, 'It is about personalisation')?.speaker.name, 'Lena Holm', listedQuotes(rec));
});

test('a name before a prepositional phrase or an aside is the speaker; a message speaks for its writer; a date is no one', () => {
  const text =
    '"We wanted to show how it fits into a kitchen," said Marta Oliveira from the magazine.\n\n' +
    '"The water rose to the first floor within minutes," Tomas Lindgren\'s message read.\n\n' +
    'The lawsuit, filed in Madrid on Friday, says the contract was broken.\n\n' +
    '"Rates will fall before the summer," said analyst Priya Nair of Deutsche Bank in Frankfurt.\n\n' +
    'The Arts Council of Wales said the grant would be paid in June.\n';
  const rec = speechRecord(text, 'postmodifiers');
  assert.equal(find(rec, 'Rates will fall before the summer')?.speaker.name, 'Priya Nair');
  assert.notEqual(find(rec, 'the grant would be paid')?.speaker.name, 'Wales');
  assert.equal(find(rec, 'We wanted to show how it fits')?.speaker.name, 'Marta Oliveira');
  assert.equal(find(rec, 'The water rose to the first floor')?.speaker.name, 'Tomas Lindgren');
  const lawsuit = find(rec, 'the contract was broken');
  assert.ok(lawsuit, JSON.stringify(rec.quotes.map((q) => q.content.text)));
  assert.ok(!['Friday', 'Madrid'].includes(lawsuit.speaker.name ?? ''), lawsuit.speaker.name ?? 'null');
});

test('"the company said", "the club said": the organisation that spoke last, else the one the article names most', () => {
  const text =
    'Leeds United have sacked their manager after six defeats in a row. Leeds United, who are 20th in the table, ' +
    'lost 3-0 to Burnley on Saturday. Supporters protested outside Elland Road.\n\n' +
    'The club said a replacement would be named within a week.\n\n' +
    'Burnley manager Sean Dyche declined to comment.\n';
  const rec = speechRecord(text, 'club');
  assert.equal(find(rec, 'a replacement would be named')?.speaker.name, 'Leeds United');
});

test('speech profile: "“A,” said X, “B.”" gives both quotations to X; an open quotation running into an attributed one takes its speaker', () => {
  // Paragraphs joined into one line, as scraped sports reports come: each opens with a mark, only the last closes.
  const text =
    'Okafor ran the last lap in 58 seconds. "I knew the pace was slow," said Okafor, "so I waited until the bell. It ' +
    'worked out. "The crowd carried me home." Her coach was less pleased. "She left it very late. It could have gone ' +
    'wrong. "We will talk about it before the final," said Dana Price.\n';
  const rec = new QuoteTestRun().analyze(text, 'joined-sport');
  checkSpans(rec);
  const q = (words: string) => find(rec, words);
  assert.equal(q('I knew the pace was slow')?.speaker.name, 'Okafor');
  assert.equal(q('so I waited until the bell')?.speaker.name, 'Okafor');
  assert.equal(q('so I waited until the bell')?.kind, 'direct');
  assert.equal(q('The crowd carried me home')?.speaker.name, 'Okafor');
  assert.equal(q('She left it very late')?.speaker.name, 'Dana Price');
  assert.equal(q('We will talk about it')?.speaker.name, 'Dana Price');
});

test('a speaker phrase holds words joined by hyphens: "said the 22-year-old", "said the vice-chairman"', () => {
  const text = '"I have not trained since April," said the 22-year-old. "We expect a bid this week," said the vice-chairman.\n';
  const rec = new QuoteTestRun().analyze(text, 'hyphens');
  assert.equal(find(rec, 'I have not trained since April')?.speaker.mention?.text, 'the 22-year-old');
  assert.equal(find(rec, 'We expect a bid this week')?.speaker.mention?.text, 'the vice-chairman');
});

test('an interview transcript: a question is no one\'s statement, an answer is the interviewee\'s words; elsewhere "you" is nobody', () => {
  const text =
    'Mayor Ines Duarte spoke to us on Thursday about the budget. Duarte said the city would not raise taxes.\n\n' +
    'Q: Your critics say the budget is too small. Is it?\n\n' +
    'A: I think the budget is exactly the right size, and I said so at the council meeting.\n\n' +
    'Q: Do you think voters agree?\n\n' +
    'A: You think the voters want more spending, but the voters I meet want lower bills.\n';
  const rec = speechRecord(text, 'q-and-a');
  for (const q of rec.quotes) {
    assert.notEqual(q.speaker.name, 'Q', q.content.text);
    assert.notEqual(q.speaker.name, 'A', q.content.text);
  }
  assert.equal(find(rec, 'Your critics say'), undefined);
  assert.equal(find(rec, 'voters agree'), undefined);
  const answer = find(rec, 'the budget is exactly the right size');
  assert.equal(answer?.speaker.name, 'Ines Duarte');
  assert.equal(answer?.kind, 'direct');
  assert.equal(answer?.content.text, 'I think the budget is exactly the right size, and I said so at the council meeting.');
  assert.equal(answer?.cue?.text, ':');
  assert.equal(find(rec, 'the voters want more spending')?.speaker.name, 'Ines Duarte');
  // Outside an interview, "you" names no speaker.
  const plain = speechRecord('Mayor Ines Duarte spoke on Thursday. You said the budget was too small, a reader wrote to her.\n', 'you');
  const you = plain.quotes.find((q) => q.speaker.mention?.text === 'You');
  assert.ok(you, JSON.stringify(plain.quotes.map((q) => q.content.text)));
  assert.equal(you.speaker.name, null);
});

test('"they" is never one person; "she" is not a man the text calls "Mr"', () => {
  const text =
    'Mr Tomas Berg, the head of the dock workers\' union, said the strike would go ahead. ' +
    'Ms Ana Costa, who runs the port, said the talks had failed.\n\n' +
    '"We will not move," she said.\n\n' +
    'The union members met on Monday. They said the offer was too small.\n';
  const rec = speechRecord(text, 'pronouns');
  assert.equal(find(rec, 'We will not move')?.speaker.name, 'Ana Costa');
  assert.notEqual(find(rec, 'the offer was too small')?.speaker.name, 'Ana Costa');
  assert.notEqual(find(rec, 'the offer was too small')?.speaker.name, 'Tomas Berg');
});

test('"he" and "she" skip a person the text has called the other, or whose given name gives the other gender', () => {
  const text =
    'Sprinter Marta Lindqvist has withdrawn from the indoor championships with a hamstring strain. She had hoped to ' +
    'race in Glasgow next month. Her coach, Piotr Nowak, told reporters the injury was not serious. Nowak said ' +
    'Lindqvist would be back on the track by the summer. "The scan showed a small tear and we will not take any ' +
    'risks with her," he said.\n\n' +
    "Helen Marsh, the council's finance chief, set out the budget on Monday. Daniel Okoro, who owns a bakery on the " +
    'high street, called it unfair. "We had no other choice," she said.\n';
  const rec = speechRecord(text, 'genders');
  // "Lindqvist would be back" makes her the nearest subject, but the text called her "she" before.
  assert.equal(find(rec, 'The scan showed a small tear')?.speaker.name, 'Piotr Nowak');
  // Neither has a title: "Helen" is a woman's given name (data/entities/given-names.txt).
  assert.equal(find(rec, 'We had no other choice')?.speaker.name, 'Helen Marsh');
});

test('"he" and "she" stand for a spokesperson who spoke last; "the spokesman" for the one introduced as one', () => {
  const text =
    'A spokeswoman for the Harbour Authority said the berth would reopen on Friday. "We are confident the repairs ' +
    'will hold," she said.\n\n' +
    "A spokesman for the Ferry Operators' Association said members had lost bookings over the closure. \"Some of our " +
    'smaller members may not survive another month like this," he said. The spokesman said compensation claims ' +
    'would be filed next week.\n';
  const rec = speechRecord(text, 'spokespeople');
  assert.equal(find(rec, 'the repairs will hold')?.speaker.name, 'Harbour Authority');
  assert.equal(find(rec, 'smaller members may not survive')?.speaker.name, "Ferry Operators' Association");
  // "for" ends the head noun: "a spokesman for …" is a spokesman, whom "The spokesman" continues.
  assert.equal(find(rec, 'compensation claims would be filed')?.speaker.name, "Ferry Operators' Association");
  // A name holding "for" before the role noun: the last word is the role.
  const ministry = speechRecord(
    'The minister wanted to establish the principle. A Ministry for Rural Affairs spokeswoman said the two ' +
      'agencies agreed in practice. "Their disagreement is narrow," she said.\n',
    'spokeswoman-after-name',
  );
  assert.equal(find(ministry, 'Their disagreement is narrow')?.speaker.name, 'Ministry for Rural Affairs', listedQuotes(ministry));
});

test('a participle or second verb after "and" goes to the sentence\'s subject also after a sentence adverb with no comma ("Now the firm … and insists", "Then he …, calling him")', () => {
  // Technology-business style.
  const text =
    'Search pioneer at ten\n\n' +
    'Lumen Corp was founded in a garage in 1995. Now the firm employs 7,600 workers and insists its culture of "work hard, play hard" still remains. ' +
    'Then its chief executive Dana Orr cut into rivals, calling them "slow giants".\n';
  const rec = speechRecord(text, 'adverb-subject');
  assert.equal(find(rec, 'work hard, play hard')?.speaker.name, 'Lumen Corp', listedQuotes(rec));
  assert.equal(find(rec, 'slow giants')?.speaker.name, 'Dana Orr', listedQuotes(rec));
});

test('"…, adding that …" goes to the sentence\'s subject after a long opening participle phrase ("Speaking to supporters in …, Cole said …")', () => {
  // Campaign-trail style.
  const text =
    'Primary night\n\n' +
    'Speaking to supporters in South Carolina following the state\'s Republican primary, Cole said that there is "only one ' +
    'strong conservative in a position to win this race," adding that it is why his rival "relentlessly attacks us and ' +
    'ignores the other candidates."\n';
  const rec = speechRecord(text, 'participle-opener');
  assert.equal(find(rec, 'relentlessly attacks us')?.speaker.name, 'Cole', listedQuotes(rec));
});

test('"A BBC spokeswoman said Robin Vale would stay. She said …": "she" goes on with the spokeswoman, not the person she named', () => {
  // Broadcasting-desk style; the entity layer links "She" to the person just named.
  const text =
    'Chart show moves channel\n\n' +
    'A Northwave spokeswoman said Robin Vale would continue as executive producer on the show. ' +
    'She said that issues over the exact format of the programme were still to be decided.\n';
  const rec = speechRecord(text, 'spokeswoman-going-on');
  assert.equal(find(rec, 'the exact format of the programme')?.speaker.name, 'Northwave', listedQuotes(rec));
});

test('a name that only qualifies a common noun is not whom a spokesman speaks for', () => {
  const text =
    'The console sold out within hours of its launch. A spokesman for one Toronto retailer said more stock was due ' +
    'on Friday. A Nintendo spokeswoman said production had been doubled.\n';
  const rec = speechRecord(text, 'qualifier');
  const shop = find(rec, 'more stock was due');
  assert.ok(shop, JSON.stringify(rec.quotes.map((q) => q.content.text)));
  assert.equal(shop.speaker.entity, null);
  assert.equal(shop.speaker.anonymous, true);
  assert.equal(find(rec, 'production had been doubled')?.speaker.name, 'Nintendo');
});

test('a speaker phrase the tagger carried over a sentence end keeps the part in its cue\'s sentence', () => {
  const text =
    'Shares in Northway rose 4% by midday. "We now have absolute freedom to plan our own future," said Northway chief ' +
    'executive Lena Ortiz. Analysts said the carmaker seemed to have done well out of the deal.\n';
  const rec = speechRecord(text, 'sentence-end');
  const ortiz = find(rec, 'absolute freedom');
  assert.equal(ortiz?.speaker.mention?.text, 'Northway chief executive Lena Ortiz');
  assert.equal(ortiz?.speaker.name, 'Lena Ortiz');
  assert.equal(find(rec, 'seemed to have done well')?.speaker.mention?.text, 'Analysts');
});

test('a source run never starts or ends with a quotation mark', () => {
  const text = '“We will appeal,” she said on the steps of the court.';
  const { tokens } = tokenize(text);
  const unit = layoutOf(text, tokens, []).units[0]!;
  const n = unit.tokens.length;
  const tu = { unit, cue: new Uint8Array(n), content: new Uint8Array(n), source: new Uint8Array(n) };
  const close = unit.tokens.findIndex((t) => t.text === '”');
  const [a, b] = withoutEdgeMarks(tu, [close, close + 2]);
  assert.equal(text.slice(unit.tokens[a]!.start, unit.tokens[b - 1]!.end), 'she');
});

test('"X quoted Y as saying": Y\'s words, reached via X\'s report, in all three word orders', () => {
  // Regional-wire style.
  const text =
    'The state broadcaster KTV quoted the energy minister, Lina Varga, as saying that the pipeline would reopen "within ' +
    'days".\n\n' +
    '"We have enough gas for the winter," the Morning Ledger quoted grid operator Tom Reyes as saying.\n\n' +
    'Mayor Ana Duarte was quoted by local radio as saying the shelters would stay open.\n';
  const rec = speechRecord(text, 'quoted-as');
  for (const [words, speaker, via] of [
    ['the pipeline would reopen', 'Lina Varga', 'KTV'],
    ['enough gas for the winter', 'Tom Reyes', 'Morning Ledger'],
    ['the shelters would stay open', 'Ana Duarte', 'local radio'],
  ] as const) {
    const at = rec.text.indexOf(words);
    const inner = rec.quotes.find((q) => q.speaker.name === speaker && q.content.start <= at && q.content.end >= at + words.length);
    assert.ok(inner, `${speaker}: ${JSON.stringify(rec.quotes.map((q) => [q.speaker.name, q.content.text]))}`);
    const outer = rec.quotes.find((q) => q.id === inner.via);
    assert.ok(outer && outer.speaker.mention?.text.includes(via), `${speaker} via ${outer?.speaker.mention?.text}`);
  }
});

test('an aside that a source asked not to be named reports nothing, and leaves the source before it anonymous', () => {
  const text =
    'A person familiar with the negotiations, who asked not to be named, said a deal could be signed on Friday. ' +
    'A senior European diplomat, speaking on condition of anonymity, said: "Nobody is celebrating yet."\n';
  const rec = speechRecord(text, 'asides');
  assert.equal(rec.quotes.length, 2, JSON.stringify(rec.quotes.map((q) => q.content.text)));
  const deal = find(rec, 'a deal could be signed');
  assert.equal(deal?.speaker.mention?.text, 'A person familiar with the negotiations');
  assert.equal(deal?.speaker.anonymous, true);
  const celebrating = find(rec, 'Nobody is celebrating yet');
  assert.equal(celebrating?.speaker.mention?.text, 'A senior European diplomat');
  assert.equal(celebrating?.speaker.anonymous, true);
});

test('a short quotation that is a sentence of its own stays direct speech', () => {
  const rec = speechRecord('Asked whether she would run again, the senator smiled. "Never say never," she said.\n', 'short-direct');
  assert.equal(find(rec, 'Never say never')?.kind, 'direct');
  const called = speechRecord('The coach called the performance "outstanding" after the match.\n', 'scare');
  for (const q of called.quotes) assert.notEqual(q.kind, 'direct');
});

test('"When asked …, X said: “…”": the question and the answer are two reports, and the answer is X\'s', () => {
  // Paragraphs joined into one line, as some feeds deliver them.
  const text =
    'When asked whether she would stand again next year Mayor Ana Duarte said: "I have not decided yet. ' +
    '"I will talk to my family over the summer and then we will see."\n';
  const rec = speechRecord(text, 'asked-said');
  const answer = find(rec, 'I have not decided yet');
  assert.ok(answer, JSON.stringify(rec.quotes.map((q) => q.content.text)));
  assert.equal(answer.kind, 'direct');
  assert.equal(answer.speaker.name, 'Ana Duarte');
  assert.ok(!answer.content.text.includes('When asked'));
  assert.equal(find(rec, 'talk to my family')?.speaker.name, 'Ana Duarte');
});

test('"The problem, said X, is …": a report interrupted by its inverted attribution is X\'s, over the whole sentence', () => {
  // Technology-magazine style.
  const text =
    'Phone makers are keen to sell more handsets. The problem they face, said Lena Ortiz, head of research at ' +
    'Mobilytics, is teaching people how to use them. By contrast, says Dr Omar Haddad, tablets sell themselves. ' +
    "Ortiz's new venture, called Handset Hub, is to help shops train staff.\n";
  const rec = speechRecord(text, 'inverted-aside');
  const problem = find(rec, 'is teaching people how to use them');
  assert.equal(problem?.speaker.name, 'Lena Ortiz');
  assert.ok(problem?.content.text.startsWith('The problem they face'), problem?.content.text);
  assert.equal(find(rec, 'tablets sell themselves')?.speaker.name, 'Omar Haddad');
  // Naming is not reporting.
  assert.ok(!rec.quotes.some((q) => q.speaker.name === 'Handset Hub'), JSON.stringify(rec.quotes.map((q) => q.speaker.name)));
});

test('", says the watchdog, …": an inverted attribution to a described speaker, not only to a name, is theirs', () => {
  // Consumer-affairs style: speakers named by a noun phrase after the inverted cue; an apposition to the subject is not one.
  const text =
    'Energy bills rose again in the spring. As a result, says the regulator, many households will cut back on heating this winter. ' +
    'Meter readings went up too, said the operators of the network, with demand peaking in January. ' +
    'But Maria Lindqvist, chair of the consumer panel, said the rises in standing charges, which fall on every home, were unfair. ' +
    'But Oliver Grant, for the Greens, attacked government red tape and waste, dubbing the minister "Sir Spendalot".\n';
  const rec = speechRecord(text, 'inverted-described');
  const regulator = find(rec, 'many households will cut back on heating');
  assert.equal(regulator?.speaker.mention?.text, 'the regulator', listedQuotes(rec));
  assert.ok(!regulator?.content.text.startsWith('the regulator'), regulator?.content.text);
  const operators = find(rec, 'Meter readings went up too');
  assert.match(operators?.speaker.mention?.text ?? '', /operators of the network/, listedQuotes(rec));
  // The noun phrase after "said" is what the chair said, not who said it.
  const chair = find(rec, 'were unfair');
  assert.equal(chair?.speaker.name, 'Maria Lindqvist', listedQuotes(rec));
  assert.ok(!rec.quotes.some((q) => /red tape|rises in standing/.test(q.speaker.name ?? '')), listedQuotes(rec));
});

test('a cue with a reported clause of its own does not also report the narration sentence before it', () => {
  // Trade-wire style, one paragraph.
  const text =
    'The finance minister flies to Nairobi on Monday for talks on debt relief. Officials hope for a deal by March. ' +
    'There he is expected to strike a similar trade pact. The minister said he hoped other members would follow the lead.\n';
  const rec = speechRecord(text, 'own-clause');
  assert.ok(!find(rec, 'strike a similar trade pact'), JSON.stringify(rec.quotes.map((q) => q.content.text)));
  const own = find(rec, 'he hoped other members would follow');
  assert.equal(own?.cue?.text, 'said');
  assert.equal(own?.speaker.mention?.text, 'The minister');
  // Nor the sentence after it (a music-press story).
  const after =
    'The archive was found in a garage in Leeds last spring. The producer recorded every session on spare reels. ' +
    '"He called them his safety tapes," his daughter said. The sound is said to be noticeably warmer than that of the ' +
    'released albums. The family plans to sell the reels at auction.\n';
  const rec2 = speechRecord(after, 'own-clause-after');
  assert.ok(!find(rec2, 'noticeably warmer'), JSON.stringify(rec2.quotes.map((q) => q.content.text)));
  assert.equal(find(rec2, 'He called them his safety tapes')?.speaker.mention?.text, 'his daughter');
});

test('a cue no quote used is an outer report only of somebody else\'s words, and not a quotation\'s own attribution', () => {
  // Markets-desk and council-report styles.
  const own = speechRecord('Shares in Corvane fell 4% on Tuesday. The firm declined to comment, saying it did not respond to market speculation. Analysts expect a bid within weeks.\n', 'own-outer');
  assert.equal(own.quotes.length, 1, JSON.stringify(own.quotes.map((q) => q.content.text)));
  assert.equal(own.quotes[0]!.content.text, 'it did not respond to market speculation');
  const trailing = speechRecord('Ms Kaur, for the Greens, added: "If the policy is going to continue, then changing the minister will serve no purpose," she said. The council meets again on Friday.\n', 'trailing-own');
  assert.equal(trailing.quotes.length, 1, JSON.stringify(trailing.quotes.map((q) => q.content.text)));
  assert.equal(trailing.quotes[0]!.speaker.name, 'Kaur');
  // Somebody else's report inside is still reached via the outer one.
  const nested = speechRecord('The ministry said Mr Ortega had told officials that the plan was "dead", a state agency reported.\n', 'nested-outer');
  const agency = nested.quotes.find((q) => q.cue?.text === 'reported');
  assert.ok(agency, JSON.stringify(nested.quotes.map((q) => q.content.text)));
  assert.equal(nested.quotes.find((q) => q.cue?.text === 'said')?.via, agency.id);
  // Nor does the subject of a passive cue report the clause after it.
  const passive = speechRecord('Traders sold bonds worth billions in a few minutes in August. The move was widely criticised at the time, and now the German regulator has said it has found evidence of possible market manipulation.\n', 'passive-outer');
  assert.ok(!passive.quotes.some((q) => q.speaker.name === 'move'), JSON.stringify(passive.quotes.map((q) => q.speaker.name)));
  assert.equal(find(passive, 'found evidence of possible market manipulation')?.via, null);
});

test('a group named by a common noun speaks for itself: "they" continues it, and a place after its preposition is not the speaker', () => {
  // Currency-desk style.
  const text =
    'The dollar fell to a new low against the euro on Friday. Currency analysts at several banks said the slide had ' +
    'further to run. Washington, they predicted, would tolerate a weaker currency until the election. A group of ' +
    'farmers from Iowa said prices were hurting exports.\n';
  const rec = speechRecord(text, 'groups');
  const predicted = rec.quotes.find((q) => q.speaker.mention?.text === 'they');
  assert.equal(predicted?.speaker.name, 'Currency analysts at several banks');
  assert.equal(predicted?.speaker.entity, null);
  const farmers = find(rec, 'prices were hurting exports');
  assert.equal(farmers?.speaker.entity, null);
  assert.equal(farmers?.speaker.name, 'A group of farmers from Iowa');
  // Where a source is, and the place in a peer's title, are not who speaks; a government is its country's.
  const places = speechRecord(
    'Lord Ames of Hexham, in his ruling, said: "Detention without trial is anathema." A spokesman for the Chilean ' +
      'embassy in Oslo said it had not been told of the plan. The government in Santiago said it would protest.\n',
    'places',
  );
  assert.equal(find(places, 'Detention without trial')?.speaker.mention?.text, 'Lord Ames of Hexham');
  assert.equal(find(places, 'Detention without trial')?.speaker.name, 'Ames');
  assert.equal(find(places, 'it had not been told of the plan')?.speaker.entity, null);
  assert.equal(find(places, 'it would protest')?.speaker.name, 'Chile');
});

test('a quotation before a sentence with its own speaker and cue continues the speaker before it', () => {
  // Sports-desk style, paragraphs joined into one line.
  const text =
    'Rovers have named Alan Marsh as their new manager. "I am delighted to be here," said Marsh. "The club has huge ' +
    'potential. "The coaching staff have done a fine job and I look forward to working with them." Club chief ' +
    'executive Tom Okoro defended the decision to give Marsh a short contract. "We hope it works out for both of us," he said.\n';
  const rec = speechRecord(text, 'next-sentence-speaker');
  const staff = find(rec, 'The coaching staff have done a fine job');
  assert.equal(staff?.speaker.name, 'Alan Marsh');
  assert.equal(staff?.speaker.mention, null);
  assert.equal(find(rec, 'We hope it works out')?.speaker.name, 'Tom Okoro');
});

test('a speaker named before a chain of asides ("Mr Osei, 41, from Croydon, south London, said") is the person, not the place', () => {
  // Home-news style.
  const text =
    'Kwame Osei was released from detention last month. Mr Osei, 41, from Croydon, south London, said he had been ' +
    'questioned for days without a lawyer. Tessa Lund, of Omaha, Nebraska, said the case was unusual.\n';
  const rec = speechRecord(text, 'aside-chain');
  assert.equal(find(rec, 'questioned for days without a lawyer')?.speaker.name, 'Kwame Osei');
  assert.equal(find(rec, 'the case was unusual')?.speaker.name, 'Tessa Lund');
  // An aside set off by dashes, as by commas (a business-desk sentence).
  const dashed = speechRecord('Responding to the rebuff, Nordbank - whose market value is more than £3bn - said it could still make a cash bid.\n', 'dash-aside');
  assert.equal(find(dashed, 'it could still make a cash bid')?.speaker.mention?.text, 'Nordbank');
  // A title after the cue runs on to the person's name.
  const titled = speechRecord('"The US is not convinced that is the way to do it," said Treasury Under Secretary Joan Tolliver.\n', 'titled');
  assert.equal(find(titled, 'not convinced')?.speaker.name, 'Joan Tolliver');
});

test('a quotation before a sentence whose cue has its own quotation continues the speaker before, not that cue\'s', () => {
  // Political-wire style, paragraphs joined into one line.
  const text =
    'Ms Adeyemi is to become the new envoy to Ghana. Foreign Secretary Helen Marsh said: "She has made an immense ' +
    'contribution to public life. "I look forward to working with Nia on this vital agenda." Ms Adeyemi said: "I am ' +
    'honoured to be asked to take on this role."\n';
  const rec = speechRecord(text, 'quotation-before-cue');
  const agenda = find(rec, 'I look forward to working with Nia');
  assert.equal(agenda?.speaker.name, 'Helen Marsh');
  assert.equal(agenda?.cue, null);
  assert.equal(find(rec, 'I am honoured to be asked')?.speaker.name, 'Adeyemi');
});

test('unnamed sources stay anonymous however they are written: "party sources", "Pentagon officials", "the source", "the unidentified X source"', () => {
  // Political and defence desks.
  const text =
    'Labour is preparing a new poster campaign, party sources said. Pentagon officials said the review would take a ' +
    'year. "It was never going to work," the source told the paper. The unidentified Veltro source also said the firm ' +
    'would sue. His aide said the minister was in good health.\n';
  const rec = speechRecord(text, 'unnamed-sources');
  const by = (words: string) => find(rec, words)?.speaker;
  assert.equal(by('preparing a new poster campaign')?.anonymous, true);
  assert.equal(by('the review would take a year')?.anonymous, true);
  assert.equal(by('It was never going to work')?.name, 'party sources');
  assert.equal(by('the firm would sue')?.name, 'unidentified Veltro source');
  assert.equal(by('the firm would sue')?.anonymous, true);
  assert.equal(by('the minister was in good health')?.anonymous, false);
  // Sources speak for the organisation they are in, unnamed; a spokesman for a party speaks for it openly.
  const party = speechRecord('Sources within the Conservative Party told the BBC the leader has always been in favour. The party had now decided to come off the fence, the Tory source said. A Labour Party spokesman said it was nonsense.\n', 'sources-within');
  assert.deepEqual([find(party, 'always been in favour')?.speaker.name, find(party, 'always been in favour')?.speaker.anonymous], ['Conservative Party', true]);
  assert.deepEqual([find(party, 'come off the fence')?.speaker.name, find(party, 'come off the fence')?.speaker.anonymous], ['Conservative Party', true]);
  assert.equal(find(party, 'it was nonsense')?.speaker.anonymous, false);
});

test('a poll share speaks with its per cent sign: "70% said"', () => {
  // Polling-story style.
  const rec = speechRecord('Among the over-65s, 70% said they would be certain to vote in an immediate election.\n', 'percent');
  assert.equal(find(rec, 'certain to vote')?.speaker.mention?.text, '70%');
});

test('a "we" quotation one narration sentence after a quote goes on with its speaker, unless that sentence names someone', () => {
  // Technology-business style, paragraphs joined into one line.
  const text =
    '"It is important we only use a small part of the processor," explained Mr Osei of Sonara. The company is now ' +
    'looking to the US and European markets. "We have focused first on Japan because it has a very advanced phone ' +
    'market." Sonara shares rose. Try scorer Martyn Hale was keen not to talk about a title. "We have got more self-belief these days."\n';
  const rec = speechRecord(text, 'we-after-narration');
  assert.equal(find(rec, 'We have focused first on Japan')?.speaker.name, 'Osei');
  assert.notEqual(find(rec, 'We have got more self-belief')?.speaker.name, 'Osei');
});

test('a speaker phrase read as the words said on the same cue is dropped, not kept as a quote without a speaker', () => {
  const text =
    '"Rough maps are good enough for the villages," said Lena Ortiz from Mapwise, the satellite mapping charity that ' +
    'is part of the relief consortium.\n';
  const rec = speechRecord(text, 'speaker-as-words');
  assert.ok(!rec.quotes.some((q) => q.speaker.name === null), JSON.stringify(rec.quotes.map((q) => [q.speaker.name, q.content.text])));
  assert.equal(find(rec, 'Rough maps are good enough')?.speaker.name, 'Lena Ortiz');
});

test('the subject of a passive cue is not who spoke: "X has been called …", "It was announced that …"', () => {
  const text =
    'Mayor Ana Duarte has been called "the builder of the north" for her housing drive. Last month it was ' +
    'announced that the depot would close.\n';
  const rec = speechRecord(text, 'passive');
  for (const q of rec.quotes) assert.notEqual(q.speaker.name, 'Ana Duarte', q.content.text);
});

test('speech profile: quoted words nobody is said to say are no quote, unless a report opens them', () => {
  // Technology-news style: labels, game terms and a menu name in quotation marks; then a report inside an agency's.
  const text =
    'When it infects a computer, the Rovel worm turns off the firewall. The new strain is called Rovel.C and the ' +
    'attachment carrying the worm is labelled as either "invoice" or "photo". Racing titles let you race against a ' +
    '"ghost" or "shadow" to see if you can beat them. Users can upgrade by opening the "check for updates" window. ' +
    'A third defendant was acquitted. Inspectors said the ferry operator was "a danger to passengers", leaving crews ' +
    'without training, the Harbour Gazette reported. A "safety pledge" was promised last year.\n';
  const rec = speechRecord(text, 'unspoken-mixed');
  const listed = listedQuotes(rec);
  for (const words of ['"invoice" or "photo"', '"ghost" or "shadow"', '"check for updates"']) assert.equal(find(rec, words), undefined, listed);
  const inspectors = rec.quotes.find((q) => q.speaker.name === 'Inspectors');
  assert.ok(inspectors?.content.text.startsWith('the ferry operator was "a danger'), listed);
});

test('"“…,” the company said, adding …": the participle\'s speaker is the company, not a name inside the quotation', () => {
  // Business-wire style.
  const text =
    'Harbor Motors cut its forecast. "Reaching margins of 8% remains Harbor\'s target," the company said, adding it ' +
    'expects to get there by 2027.\n';
  const rec = speechRecord(text, 'adding-after-quotation');
  const adding = find(rec, 'expects to get there by 2027');
  assert.equal(adding?.speaker.mention?.text, 'the company');
});

test('"the former X", "the N-year-old Austrian", "the former X for Y": the person just written about speaks', () => {
  // Tennis-wire and broadsheet-politics styles: a second reference by a former office, an age and a nationality.
  const text =
    'Selma Ravnik has said the ruling must be respected. The former UN commissioner for human rights told the BBC ' +
    'the response would be scrutinised.\n\nKlaus Wendler won in Vienna on Sunday. The 27-year-old Austrian said he ' +
    'was delighted with his serve.\n\nRobert Ashcombe criticised the plan. The former cabinet secretary said it was ' +
    'unworkable.\n';
  const rec = speechRecord(text, 'former-and-aged');
  assert.equal(find(rec, 'the response would be scrutinised')?.speaker.name, 'Selma Ravnik');
  assert.equal(find(rec, 'he was delighted')?.speaker.name, 'Klaus Wendler');
  assert.equal(find(rec, 'it was unworkable')?.speaker.name, 'Robert Ashcombe');
});

test('speech profile: a noun phrase object with a clause inside it is not a reported clause; a clause whose subject holds one is', () => {
  // Regional business-and-courts style.
  const text =
    'Harbor Telecom has yet to reveal pricing for the new router or if it will charge a monthly fee. Mayor Ines ' +
    'Cardell recalls the flood which swept through the valley days before she was sworn in. Analysts said the ' +
    'coastal region, which relies on tourism, had suffered most. The Rail Office said the waves which flooded the ' +
    'line also washed away two bridges. Police said the man who fired the shots had fled on foot.\n';
  const rec = speechRecord(text, 'noun-phrase-object');
  const listed = listedQuotes(rec);
  assert.equal(find(rec, 'pricing for the new router'), undefined, listed);
  assert.equal(find(rec, 'the flood which swept'), undefined, listed);
  assert.ok(find(rec, 'coastal region, which relies on tourism, had suffered'), listed);
  assert.ok(find(rec, 'the waves which flooded the line also washed'), listed);
  assert.ok(find(rec, 'the man who fired the shots had fled'), listed);
});

test('"…, with X saying …": the participle\'s subject after "with" speaks, not the sentence\'s subject', () => {
  // Continental-markets and club-football styles.
  const text =
    'Vienna welcomed the ruling, with finance minister Karl Brandauer saying it proved the budget was "on the right ' +
    'track". Dunmore will rest Leon Carver against Ashby on Saturday, with Rovers boss Neil Tarrant claiming it had ' +
    'been an "emotional and difficult week" for the player.\n';
  const rec = speechRecord(text, 'with-participle');
  assert.equal(find(rec, 'it proved the budget was')?.speaker.name, 'Karl Brandauer');
  assert.equal(find(rec, 'it had been an "emotional')?.speaker.name, 'Neil Tarrant');
});

test('a passive with no agent ("It is predicted that …", "He is said to …") reports no one\'s speech, unless another cue names the source', () => {
  // Technology-desk style.
  const text =
    'Robots at home\n\n' +
    'It is predicted that there will be two million household robots in Europe by 2030. The chairman is said to favour a merger. ' +
    'By 2032, it is predicted that there will be three million, according to the Robotics Federation.\n';
  const rec = speechRecord(text, 'agentless-passive');
  assert.equal(find(rec, 'two million household robots'), undefined, listedQuotes(rec));
  assert.equal(find(rec, 'favour a merger'), undefined, listedQuotes(rec));
  assert.ok(rec.quotes.some((q) => q.content.text.includes('three million') && q.speaker.name === 'Robotics Federation'), listedQuotes(rec));
});

test('"Asked if X could return, he replied": the question is the unnamed interviewer\'s and no quote, and "he" is the one asked, not X', () => {
  // Political-interview style; and an inverted attribution after a question mark, which is no passive "asked".
  const text =
    'Prime Minister Ivan Kovac told reporters he had not yet read the report. Asked if Mr Dellow could return to the ' +
    'cabinet, he replied: "I have made my admiration for Tom very clear." "Who could forget the sound of that first ' +
    'record?" asked the magazine.\n';
  const rec = speechRecord(text, 'asked-if');
  assert.equal(find(rec, 'if Mr Dellow could return'), undefined, listedQuotes(rec));
  assert.equal(find(rec, 'I have made my admiration')?.speaker.name, 'Ivan Kovac');
  assert.equal(find(rec, 'Who could forget')?.speaker.mention?.text, 'the magazine');
});

test('"X has been cautious but Y said Z": the narration before the joined report is not Y\'s', () => {
  // Industry-news style.
  const text =
    'Kestrel Motors will build a second plant near Pune. Kestrel Motors says it will hire 2,000 workers. The company ' +
    'did not give details of its investment but it said the new plant would produce 150,000 cars a year.\n';
  const rec = speechRecord(text, 'narration-but-report');
  const listed = listedQuotes(rec);
  assert.equal(find(rec, 'did not give details'), undefined, listed);
  assert.ok(find(rec, 'the new plant would produce'), listed);
});

test('paragraphs joined into one line: each quotation the next one\'s mark leaves open goes on with the speaker', () => {
  // Club-rugby style, paragraph breaks lost as some scrapers lose them.
  const text =
    'On Saturday Kerr takes charge of his first match since replacing Dowd, and Tomas Varga said: "It\'s my 40th cap ' +
    'and I am looking forward to it, and I hope to play a lot more times from here on in. "It\'s important to be ' +
    'here, all the players feel the same. It\'s a new start for all of us. "I see myself leading by example, it is ' +
    'something I have taken on for the club as well. "A lot can happen, but I\'m hoping to be around."\n';
  const rec = speechRecord(text, 'joined-paragraphs');
  const listed = listedQuotes(rec);
  for (const words of ['It\'s my 40th cap', 'It\'s important to be here', 'I see myself leading', 'A lot can happen']) {
    assert.equal(find(rec, words)?.speaker.name, 'Tomas Varga', `${words}: ${listed}`);
  }
});

test('"the England captain said" is the player the report is about', () => {
  // Football-interview style.
  const text =
    'Real Madrid midfielder Daniel Okoro has no plans to become a manager. "I am not interested in being a coach," ' +
    'the England captain said on television.\n';
  const rec = speechRecord(text, 'captain');
  assert.equal(find(rec, 'I am not interested in being a coach')?.speaker.name, 'Daniel Okoro');
});

test('a quotation after a sentence about a person goes to that person also when a phrase comes before the name', () => {
  // Athletics-report style.
  const text =
    'The Ulsterman had withdrawn with a cold. After three straight wins over the past fortnight, Conor Keady is ' +
    'brimming with confidence. "I\'ve been waiting six years for this to happen."\n';
  const rec = speechRecord(text, 'fronted-phrase');
  assert.equal(find(rec, 'waiting six years')?.speaker.name, 'Conor Keady');
});

test('a quotation after a sentence about a person: over a sentence adverb or a subordinate clause before the name; not when an attribution follows it', () => {
  // Regional-paper style: paragraphs joined, as scraped.
  const text =
    'Harbour ferry strike called off\n\n' +
    'The ferry union had threatened a week of stoppages. However Captain Ines Duarte urged her crews to return. ' +
    '"Nobody wins when the boats stay tied up in the harbour."\n\n' +
    'When the talks collapsed in March, council leader Tomas Berg released the following statement:\n\n' +
    '"The island cannot be cut off from the mainland for a single day."\n\n' +
    'The ferry company chairman Paulo Reis faced questions at the depot. "Will fares rise again this winter?" a ' +
    'passenger could be heard asking him.\n';
  const rec = speechRecord(text, 'implied-openers');
  assert.equal(find(rec, 'Nobody wins when the boats')?.speaker.name, 'Ines Duarte', listedQuotes(rec));
  assert.equal(find(rec, 'The island cannot be cut off')?.speaker.name, 'Tomas Berg', listedQuotes(rec));
  assert.notEqual(find(rec, 'Will fares rise again')?.speaker.name ?? null, 'Paulo Reis', listedQuotes(rec));
});

test('a quotation after a sentence opening "His friend, Saxon Spence, …" goes to the person named after the possessive; "Her agent …" alone names no one', () => {
  // Political-feature style.
  const text =
    'Campaign mood in the shires\n\n' +
    'His friend, Mara Quist, leader of the county Labour group, lays the blame on one issue above all others. ' +
    '"You cannot underestimate the impact of the war."\n\n' +
    'Her agent lays the blame on the studio. "It was never going to work."\n';
  const rec = speechRecord(text, 'possessive-apposition');
  assert.equal(find(rec, 'You cannot underestimate')?.speaker.name, 'Mara Quist', listedQuotes(rec));
  assert.equal(find(rec, 'It was never going to work')?.speaker.name ?? null, null, listedQuotes(rec));
});

test('"“…,” said X. He added: …": "he" is the one named after the inverted "said", not the subject before', () => {
  // Club-statement style.
  const text =
    'Rovers striker Dean Holloway has been declared fit for training. Holloway, 27, was on a night out with friends ' +
    'after the win over Ashby. "He was shaken but not badly injured," said Rovers spokesman Colin Mercer. He added: ' +
    '"He did speak to the police but will not be pressing charges."\n';
  const rec = speechRecord(text, 'inverted-then-he');
  assert.equal(find(rec, 'He did speak to the police')?.speaker.name, 'Colin Mercer');
});

test('"The report said … It also argues …": "it" goes on with the document that just spoke, not a person it named', () => {
  // Charity-report style.
  const text =
    'Aid budgets are half their 1960 levels, Hopewell says in a report. "As rich countries get richer, they are ' +
    'giving less," Hopewell\'s Maria Lindqvist said. "The year will end in failure," the charity\'s director added. ' +
    'The report said: "For rich countries, aid is an obligation." It also points out that in 1970 the richest ' +
    'nations agreed to spend 0.7% of their incomes on aid.\n';
  const rec = speechRecord(text, 'it-after-report');
  const listed = listedQuotes(rec);
  assert.equal(find(rec, 'in 1970 the richest nations agreed')?.speaker.name, 'report', listed);
});

test('"X, a host and manager at …, said": the "and" inside the description after a name is not a second speaker', () => {
  // US-local-news style: a long apposition with a coordination between the name and the cue.
  const text =
    'Mary Collins, a radio host and station manager at the largest community radio station in Ohio, said that she ' +
    'noticed a change in callers after the debate. "People started calling in," Collins said.\n';
  const rec = speechRecord(text, 'apposition-and');
  assert.equal(find(rec, 'she noticed a change in callers')?.speaker.name, 'Mary Collins', listedQuotes(rec));
});

test('"X, director of … and …, said": a description opening in lower case after a name is no list of speakers', () => {
  // Business-news style: a role without an article, with names joined inside it.
  const text =
    'Dan Grey, director of the Centre for Trade and Industry and an independent analyst in Leeds, said exports ' +
    'would fall. "It is a difficult year," Mr Grey said. Matthews, Ofcom\'s Anna Reid and Bupa\'s Tom Hale all said ' +
    'the rules were unclear.\n';
  const rec = speechRecord(text, 'apposition-lower');
  assert.equal(find(rec, 'exports would fall')?.speaker.name, 'Dan Grey', listedQuotes(rec));
  // Names joined after a comma are several speakers, not the first one.
  assert.notEqual(find(rec, 'the rules were unclear')?.speaker.name, 'Matthews', listedQuotes(rec));
});

test('"announced his engagement to X, who is …": a possessive noun phrase object is not a reported clause', () => {
  // Celebrity-news style.
  const text =
    'Publisher Arthur Penrose announced his engagement to former actress Lena Voss, who is the widow of a racing ' +
    'driver. Penrose said the wedding would be held in Monaco.\n';
  const rec = speechRecord(text, 'possessive-object');
  assert.equal(find(rec, 'his engagement'), undefined, listedQuotes(rec));
  assert.equal(find(rec, 'the wedding would be held')?.speaker.name, 'Arthur Penrose', listedQuotes(rec));
});

test('a quotation after a sentence that opens with a participle phrase goes to the subject after it', () => {
  // Football-feature style: "Speaking on …, X outlined …" then the quotation with no cue.
  const text =
    'Rovers defender Tom Achterberg has signed a new deal. Speaking on his long-term plans, Achterberg outlined his ' +
    'hope of a move to Spain. "I am 29 now and I would love to try a different league before I finish."\n';
  const rec = speechRecord(text, 'participle-fronted');
  assert.equal(find(rec, 'I am 29 now')?.speaker.name, 'Tom Achterberg', listedQuotes(rec));
});

test('"it said" never goes on with a person named in full', () => {
  // Technology-business style: the executive speaks last, then "it" (the company) does.
  const text =
    'Harbor Systems offers computing by the hour. Users pay $1 for an hour of processing. Grid computing is the ' +
    'latest buzz phrase. Analysts liken it to the arrival of electricity. The system could grow in the same way as ' +
    'water supply did, said chief operating officer Dana Whitfield. "Why build your own grid when you can rent ' +
    'ours?" she asked in a webcast. The company will have to persuade data centre managers to adopt a new model but ' +
    'it said it already had interest from customers in banking.\n';
  const rec = speechRecord(text, 'it-not-person');
  const q = find(rec, 'it already had interest from customers');
  assert.ok(q, listedQuotes(rec));
  assert.notEqual(q.speaker.name, 'Dana Whitfield', listedQuotes(rec));
});

test('"X said by telephone": a bare noun after "by" is the means of speaking, not a passive\'s agent', () => {
  // US-newspaper style with doubled single quotes.
  const text =
    'Li Mei, a teacher from Hebei, was worried about her son, a student in Ohio.\n\n' +
    "''I think the government should tighten its rules,'' Ms. Li said by telephone. ''Yes, it is a free country, but " +
    "not everyone can control themselves.''\n\n" +
    "The senator was asked by host Tom Reyes whether he would run again.\n";
  const rec = speechRecord(text, 'by-telephone');
  assert.notEqual(find(rec, 'tighten its rules')?.speaker.name, 'telephone', listedQuotes(rec));
  assert.match(find(rec, 'tighten its rules')?.speaker.mention?.text ?? '', /Li/, listedQuotes(rec));
});

test('"X, who …, has said …": who speaks is the one the relative clause describes, not a word inside it', () => {
  // US-politics style: a long relative clause between the subject and the cue.
  const text =
    'Mrs. Alvarez, who doggedly remained in the 2010 race against Tom Brandt until June despite his huge lead and ' +
    'party calls for her to quit, has said she will not call on Mr. Reyes to withdraw.\n\n' +
    'Arsenal boss Arsene Wenger, whose side play on Sunday, believes the punishment was too lenient.\n';
  const rec = speechRecord(text, 'relative-aside');
  assert.equal(find(rec, 'she will not call on Mr. Reyes')?.speaker.name, 'Alvarez', listedQuotes(rec));
  assert.equal(find(rec, 'the punishment was too lenient')?.speaker.name, 'Arsene Wenger', listedQuotes(rec));
});

test('"X had served in Korea - a quotation - and said …": a cue after "and" shares the subject of the verb before it', () => {
  // US-feature style: the quoted aside puts the subject out of the usual reach of the cue.
  const text =
    "One of the men, Jim Harlow, 70, had served in Korea - ''two years of misery'' - and said he was sure that the " +
    "senator's temper would lead the country into war.\n\n" +
    'Council Democrats, hoping to shake up the budget debate, took the floor from Republicans on Monday and said ' +
    'they would not leave until a vote was held.\n';
  const rec = speechRecord(text, 'and-said');
  assert.equal(find(rec, "senator's temper would lead")?.speaker.name, 'Jim Harlow', listedQuotes(rec));
  assert.match(find(rec, 'they would not leave')?.speaker.name ?? '', /Democrats/, listedQuotes(rec));
});

test('quoted words right after "titled", "entitled" or "named" are a title, not a quote', () => {
  // Campaign-news style.
  const text =
    'Campaign manager Rosa Lind released a memo titled "The Facts on Where We Stand." The new advert, entitled ' +
    '"Our Town," runs in three states. "We are winning," Lind said.\n';
  const rec = speechRecord(text, 'titled');
  assert.equal(find(rec, 'The Facts on Where We Stand'), undefined, listedQuotes(rec));
  assert.equal(find(rec, 'Our Town'), undefined, listedQuotes(rec));
  assert.equal(find(rec, 'We are winning')?.speaker.name, 'Rosa Lind', listedQuotes(rec));
});

test('a time is never the speaker: "On Monday Tony Reyes insisted", "Thursday Rangers said" name no "Monday"', () => {
  // Wire and football-news styles: a day written before the name.
  const text =
    'On Monday Tony Reyes insisted closer co-operation did not mean losing control of borders.\n\n' +
    'Mr Reyes criticised the plan. Thursday Rangers said they would not be increasing their offer of £4m.\n';
  const rec = speechRecord(text, 'time-source');
  assert.equal(find(rec, 'closer co-operation')?.speaker.mention?.text, 'Tony Reyes', listedQuotes(rec));
  assert.equal(find(rec, 'would not be increasing their offer')?.speaker.name, 'Rangers', listedQuotes(rec));
});

test('a source "familiar with" or "close to" someone is an unnamed source, not that person', () => {
  // US-politics and UK-politics styles: who knows about someone does not speak for them.
  const text =
    'Senator Ana Reyes won the primary. "If she wins Ohio, the money is going to follow," said one well-connected ' +
    "Democrat familiar with the Reyes campaign's organization, who requested anonymity to share private worries.\n\n" +
    'Councillor Damian Hale faces a vote. Sources close to Mr Hale said eight other members were planning to leave.\n';
  const rec = speechRecord(text, 'familiar-with');
  const money = find(rec, 'the money is going to follow');
  assert.notEqual(money?.speaker.name, 'Ana Reyes', listedQuotes(rec));
  assert.equal(money?.speaker.anonymous, true, listedQuotes(rec));
  const members = find(rec, 'eight other members were planning');
  assert.notEqual(members?.speaker.name, 'Damian Hale', listedQuotes(rec));
  assert.equal(members?.speaker.anonymous, true, listedQuotes(rec));
});

test('a participle\'s subject is the sentence\'s, after a conjunction or adverb that opens the sentence', () => {
  // Crime-news style: "But police …, pointing out …".
  const text =
    'The singer claimed the producer had snubbed him. But Los Angeles police discounted the rumours, pointing out ' +
    'the producer had moved to Malibu.\n';
  const rec = speechRecord(text, 'participle-after-but');
  assert.match(find(rec, 'had moved to Malibu')?.speaker.name ?? '', /police/, listedQuotes(rec));
});

test('a cue whose own clause follows after a short time ("has said for years that …") does not report the sentence before', () => {
  // Financial-news style. An inverted speaker and a comma between the cue and a relative clause are no such gap.
  const text =
    'The regulator is expected to publish the files in the next few weeks. The bank has said for years that it would ' +
    'welcome their release.\n\n“How tall will the fence be?” asked the girl, who was wearing a “Save Our Parks” badge and ' +
    'said her name was Ruby, as the crowd laughed and clapped.\n';
  const rec = speechRecord(text, 'own-clause-gap');
  assert.ok(!find(rec, 'expected to publish the files'), listedQuotes(rec));
  assert.equal(find(rec, 'it would welcome their release')?.speaker.mention?.text, 'The bank');
  const asked = find(rec, 'How tall will the fence be');
  assert.equal(asked?.cue?.text, 'asked', listedQuotes(rec));
  assert.equal(asked?.speaker.mention?.text, 'the girl');
});

test('"that" before a finite verb is the reported clause\'s subject, kept in the content', () => {
  // Labour-relations style: "suggesting that might not be enough", "said that was unfair"; a gerund after "that" opens
  // the clause and "that" is dropped as before.
  const text =
    'The union leader praised the offer, saying it was generous but suggesting that might not be enough. Ministers said ' +
    'that was unfair. Critics said that having a strategy was not the same as having a plan.\n';
  const rec = speechRecord(text, 'that-pronoun');
  assert.ok(rec.quotes.some((q) => q.content.text === 'that might not be enough'), listedQuotes(rec));
  assert.ok(rec.quotes.some((q) => q.content.text === 'that was unfair'), listedQuotes(rec));
  assert.ok(rec.quotes.some((q) => q.content.text === 'having a strategy was not the same as having a plan'), listedQuotes(rec));
});

test('a cue takes a speaker from its own sentence before a nearer one in the next sentence', () => {
  // Labour-relations style: the participle's subject opens the sentence; the next sentence's subject has its own cue.
  const text =
    'The union leader praised the offer, saying it was generous but suggesting that might not be enough. Ministers ' +
    'said that was unfair.\n';
  const rec = speechRecord(text, 'own-sentence-source');
  assert.equal(find(rec, 'that might not be enough')?.speaker.mention?.text, 'The union leader', listedQuotes(rec));
  assert.equal(find(rec, 'that was unfair')?.speaker.mention?.text, 'Ministers', listedQuotes(rec));
});

test('an "and" inside a title before a name joins no two speakers ("Culture and Media Secretary Anna Lindgren")', () => {
  // Arts-policy style; two people named on either side of "and" still speak together (guard).
  const text =
    'Culture and Media Secretary Anna Lindgren said the licence fee would stay. Singer Ann Roe and drummer Jo Pike said ' +
    'the tour would go ahead.\n';
  const rec = speechRecord(text, 'title-with-and');
  assert.equal(find(rec, 'the licence fee would stay')?.speaker.name, 'Anna Lindgren', listedQuotes(rec));
  assert.equal(find(rec, 'the tour would go ahead')?.speaker.name, 'Singer Ann Roe and drummer Jo Pike', listedQuotes(rec));
});

test('a relative clause after a speaker\'s name without a comma is not part of the name', () => {
  // Local-news style: "said Maria Olsen who runs the project".
  const text = 'The scheme opened last month. "It works better than we hoped," said Maria Olsen who runs the project.\n';
  const rec = speechRecord(text, 'relative-without-comma');
  const q = find(rec, 'It works better than we hoped');
  assert.equal(q?.speaker.name, 'Maria Olsen', listedQuotes(rec));
  assert.ok(q?.speaker.entity, 'linked to the entity');
});

test('a relative pronoun as the source stands for the noun phrase before it, over an age, a bracketed short name or a dash', () => {
  // Radio-industry, consumer-affairs and US-politics styles.
  const text =
    'The new breakfast show starts on Monday, hosted by Jo King, 30, who describes her co-host as "a real joy to work with". ' +
    'The report was written by the Consumer Markets Authority (CMA), which concluded that prices were too high.\n\n' +
    'On Monday, Ramsey—who had previously endorsed Jeb Bush for president and brokered the deal—praised Cruz.\n';
  const rec = speechRecord(text, 'relative-antecedent');
  assert.equal(find(rec, 'a real joy to work with')?.speaker.name, 'Jo King', listedQuotes(rec));
  assert.notEqual(find(rec, 'prices were too high')?.speaker.name ?? 'which', 'which', listedQuotes(rec));
  assert.equal(find(rec, 'Jeb Bush for president')?.speaker.name, 'Ramsey', listedQuotes(rec));
  assert.ok(!rec.quotes.some((q) => q.speaker.name === 'who' || q.speaker.name === 'which'), listedQuotes(rec));
});

test('a participle\'s speaker is the subject after a phrase that opens the sentence, not a time in that phrase', () => {
  // US-politics and regional-police styles: "On Thursday, X …, telling …"; the comma before the participle closes the
  // clause, it opens no aside.
  const text =
    'On Thursday, Senator Ruth Amari hedged on whether she would back the plan, telling reporters it depended on the ' +
    'final text.\n\nIn March this year, Kent Police reopened the case, saying new evidence had emerged.\n';
  const rec = speechRecord(text, 'opening-phrase');
  assert.equal(find(rec, 'it depended on the final text')?.speaker.name, 'Ruth Amari', listedQuotes(rec));
  assert.equal(find(rec, 'new evidence had emerged')?.speaker.mention?.text, 'Kent Police', listedQuotes(rec));
});

test('"saying Mr X had initially said …": the name the tagger read as the outer report is the inner report\'s speaker', () => {
  // Party-politics style: a report of what someone said earlier, nested in another party's criticism.
  const text =
    'The Greens criticised the Labour stance, saying Mr Dunn had initially said he accepted Mr Ward\'s word unless ' +
    'further evidence emerged. But Labour officials say Mr Dunn was speaking when an inquiry was under way.\n';
  const rec = speechRecord(text, 'nested-subject');
  const inner = rec.quotes.find((q) => q.content.text.startsWith('he accepted'));
  assert.equal(inner?.speaker.name, 'Dunn', listedQuotes(rec));
  assert.equal(inner?.cue?.text, 'had initially said');
  const outer = rec.quotes.find((q) => q.content.text.startsWith('Mr Dunn had initially said'));
  assert.equal(outer?.speaker.name, 'Greens', listedQuotes(rec));
  assert.equal(inner?.via, outer?.id);
});

test('a reported clause does not open with the comma after its cue ("said, if in government, he would …")', () => {
  const text = 'Ms Ortiz said, if in government, she would refuse to approve the appointment.';
  const { tokens } = tokenize(text);
  const unit = layoutOf(text, tokens, []).units[0]!;
  const comma = unit.tokens.findIndex((t) => t.text === ',');
  const [a, b] = withoutLeadingComma(unit.tokens, [comma, unit.tokens.length - 1], unit.mark);
  assert.equal(text.slice(unit.tokens[a]!.start, unit.tokens[b - 1]!.end), 'if in government, she would refuse to approve the appointment');
  // A run that is only the comma stays as it is.
  assert.deepEqual(withoutLeadingComma(unit.tokens, [comma, comma + 1], unit.mark), [comma, comma + 1]);
});

test('a quotation after a sentence whose subject is a titled person ("Housing charity director Anna Berg criticised …") is theirs', () => {
  // Social-policy style; a name inside an opening subordinate clause is not the sentence's subject (guard).
  const text =
    'The bill passes through the Commons next week. Housing charity director Anna Berg criticised the existing system. ' +
    '"There is just no logic to a system which pays so little."\n\n' +
    'When singer Ray Hall died in 1998, the mayor released a short statement. "He gave this city its voice."\n';
  const rec = speechRecord(text, 'titled-subject');
  assert.equal(find(rec, 'There is just no logic')?.speaker.name, 'Anna Berg', listedQuotes(rec));
  assert.notEqual(find(rec, 'He gave this city its voice')?.speaker.name, 'Ray Hall', listedQuotes(rec));
});

test('"weeks after the carmaker warned …": a length of time and "after" or "before" in a source run open the clause whose subject speaks', () => {
  // Business-wire style; "Country after country" (a source repeated around "after") is one speaker phrase still.
  const text =
    'Shares in the group fell 9% on Thursday. The recall comes just weeks after the carmaker warned that profits would fall sharply this year.\n\n' +
    'The vote was held hours before the ministry announced that the border would close.\n\n' +
    'Country after country said they would send aid to the region.\n';
  const rec = speechRecord(text, 'time-clause');
  assert.equal(find(rec, 'profits would fall sharply')?.speaker.mention?.text, 'the carmaker', listedQuotes(rec));
  assert.equal(find(rec, 'the border would close')?.speaker.mention?.text, 'the ministry', listedQuotes(rec));
  assert.equal(find(rec, 'they would send aid')?.speaker.mention?.text, 'Country after country', listedQuotes(rec));
});

test('a cue takes its speaker from its own sentence, never from the sentence before or after it (speech profile)', () => {
  // Financial-wire style: the name in the sentence after the cue's is the subject of its own verb. A cue whose
  // speaker stands in its own sentence after a sentence ending in "he said" keeps it (guard).
  const text =
    "The central bank's quarterly review, published last week, had noted that the main risk to growth was weaker household demand. " +
    'However, board member Ann Gray voted for a rise in rates.\n\n' +
    '"It is the first sensible step we have seen from the incumbent," he said. Rival carrier Northline welcomed the cuts but said regulation was still needed.\n';
  const rec = speechRecord(text, 'own-sentence-source');
  assert.notEqual(find(rec, 'the main risk to growth')?.speaker.name, 'Ann Gray', listedQuotes(rec));
  assert.equal(find(rec, 'regulation was still needed')?.speaker.mention?.text, 'Rival carrier Northline', listedQuotes(rec));
});

test('a speaker phrase after an inverted cue takes in an acronym the tagger read as a verb ("said EFF lawyer Kurt Opsahl")', () => {
  const tok = (text: string, pos: string, start: number) => ({ text, pos, start, end: start + text.length, sentence: 0 });
  const toks = [tok('said', 'VERB', 0), tok('NUJ', 'VERB', 5), tok('official', 'NOUN', 9), tok('Rob', 'PROPN', 18), tok('Perry', 'PROPN', 22), tok('.', 'PUNCT', 27)];
  assert.deepEqual(npFrom(toks, 1, 1), [1, 5]);
  // A verb in lower case still ends the phrase.
  assert.equal(npFrom([tok('said', 'VERB', 0), tok('was', 'AUX', 5)], 1, 1), null);
});

test('"Neither the club nor the player would say …", "But neither side would say …": a subject naming no one reports nothing', () => {
  // Sports-desk style; a named subject after a clause opened by "but" still reports (guard).
  const text =
    'Neither the club nor the player would say whether a fee had been agreed. Mr Ellis said the medical was booked. ' +
    'But neither side would say what the deal was worth.\n';
  const rec = speechRecord(text, 'negative-subject');
  assert.equal(find(rec, 'whether a fee had been agreed'), undefined, listedQuotes(rec));
  assert.equal(find(rec, 'what the deal was worth'), undefined, listedQuotes(rec));
  assert.equal(find(rec, 'the medical was booked')?.speaker.name, 'Ellis', listedQuotes(rec));
});

test('"X, she added, saying Y": a report opening right after a parenthetical attribution ends the clause before it', () => {
  // Regional-paper style. A clause interrupted by the attribution still runs over it when no report follows (guard).
  const text =
    'The bypass had to be rebuilt, the council leader added, saying the original contractor had cut corners. ' +
    'The old bridge was safe, Ms Okafor said, until the floods of last winter.\n';
  const rec = speechRecord(text, 'parenthetical-then-report');
  const first = rec.quotes.find((q) => q.cue?.text === 'added');
  assert.equal(first?.content.text, 'The bypass had to be rebuilt', listedQuotes(rec));
  assert.equal(find(rec, 'the original contractor had cut corners')?.cue?.text, 'saying', listedQuotes(rec));
  assert.equal(find(rec, 'The old bridge was safe')?.content.text, 'The old bridge was safe, Ms Okafor said, until the floods of last winter', listedQuotes(rec));
});

test('"has prompted a party donor to say …", "leading several economists to argue …": the object of a verb that makes it act speaks the infinitive cue', () => {
  // Political-desk and markets-desk styles. The tagger's cue holds the verb and its object in the first.
  const text =
    'The row between the two ministers has prompted a party donor to say he will almost certainly stop giving money. ' +
    'The bank held rates for a fourth month, leading several economists to argue that they may have peaked.\n';
  const rec = speechRecord(text, 'object-control');
  const donor = find(rec, 'he will almost certainly stop giving money');
  assert.equal(donor?.speaker.mention?.text, 'a party donor', listedQuotes(rec));
  assert.equal(donor?.cue?.text, 'to say', listedQuotes(rec));
  assert.equal(find(rec, 'they may have peaked')?.speaker.mention?.text, 'several economists', listedQuotes(rec));
});

test('a report inside a relative aside ends with the aside, and the aside\'s subject is not reported by the main cue', () => {
  // Sports-desk and council-reporting styles. A participle after the aside's comma goes on with it (guard).
  const text =
    'The sprinter, who says she is innocent, could lose both of her medals. ' +
    'Cllr Dawn Pryor, who last month denied she planned to stand down, said the budget was "a fair settlement". ' +
    'The campaign was backed by Ms Pryor, who says the change will slow traffic, leading to fewer crashes.\n';
  const rec = speechRecord(text, 'relative-aside');
  assert.equal(find(rec, 'she is innocent')?.content.text, 'she is innocent', listedQuotes(rec));
  assert.equal(find(rec, 'she planned to stand down')?.content.text, 'she planned to stand down', listedQuotes(rec));
  assert.equal(rec.quotes.find((q) => q.content.text.startsWith('Cllr Dawn Pryor')), undefined, listedQuotes(rec));
  assert.equal(find(rec, 'the change will slow traffic')?.content.text, 'the change will slow traffic, leading to fewer crashes', listedQuotes(rec));
});

test('a speaker phrase holding the relative aside after the name is the name ("X, who was to travel to Leeds, Yorkshire, …, said")', () => {
  // Trade-press and political-desk styles: a place inside the aside is not the speaker; an aside after an apposition
  // ("a Republican who described himself as …,") ends its report at the comma before the main verb too.
  const text =
    'Tara Quinlan, head of the Northern Hauliers Association, which ran the survey in Leeds, Yorkshire, last month, said the new rules would cost each firm thousands. ' +
    'Mr Ruiz, a Republican who described himself as a lifelong party member, said he recoiled at the attacks.\n';
  const rec = speechRecord(text, 'own-aside');
  assert.equal(find(rec, 'the new rules would cost each firm thousands')?.speaker.name, 'Tara Quinlan', listedQuotes(rec));
  assert.equal(rec.quotes.find((q) => q.content.text.includes('lifelong party member, said')), undefined, listedQuotes(rec));
  assert.equal(find(rec, 'he recoiled at the attacks')?.speaker.name, 'Ruiz', listedQuotes(rec));
});

test('a speaker phrase that opens with a name keeps it over the place ending its description ("Ann Cole, 52, a nurse from Tampa, Fla.")', () => {
  // Vox-pop style of a US paper and a British one. A description before the name still gives way to it (guard).
  const text =
    '"I never really trusted either of them," said Ann Cole, 52, a nurse from Tampa, Fla. ' +
    '"It is just not accessible," says Dev Mistry, a student from Leicester, England. ' +
    '"We will keep going," said the head of the lifeboat crew, Moira Banks.\n';
  const rec = speechRecord(text, 'vox-pop');
  assert.equal(find(rec, 'I never really trusted either of them')?.speaker.name, 'Ann Cole', listedQuotes(rec));
  assert.equal(find(rec, 'It is just not accessible')?.speaker.name, 'Dev Mistry', listedQuotes(rec));
  assert.equal(find(rec, 'We will keep going')?.speaker.name, 'Moira Banks', listedQuotes(rec));
});

test('a named person right before a cue speaks, whatever the tagger made of the surname ("…," Yelling told BBC Sport)', () => {
  // Athletics-desk style: a surname that is also a word, after a quotation holding a nested one.
  const text =
    'Her training partner Kate Yelling revealed the marathon had been hard. "She just thought, \'let them say what they like,\'" Yelling told the Evening Post. ' +
    '"She is doing what she wants to do."\n';
  const rec = speechRecord(text, 'surname-word');
  assert.equal(find(rec, 'let them say what they like')?.speaker.name, 'Kate Yelling', listedQuotes(rec));
  assert.equal(find(rec, 'She is doing what she wants to do')?.speaker.name, 'Kate Yelling', listedQuotes(rec));
});

test('"Having said that, …" and "That said, …" are connectives: they report nothing, and a quotation beside them keeps its speaker', () => {
  // Football-report and arts-interview styles.
  const text =
    'Rovers have missed their best chance of a trophy. Having said that, the Clarets are yet to concede a goal in this Cup run.\n\n' +
    'The director Ruth Amadi believes short films leave more room to experiment. "You are left to your own devices, without people interfering as much." That said, she is now writing a feature.\n';
  const rec = speechRecord(text, 'connective');
  assert.equal(find(rec, 'the Clarets are yet to concede a goal'), undefined, listedQuotes(rec));
  const quotation = find(rec, 'You are left to your own devices');
  assert.notEqual(quotation?.speaker.name, 'That', listedQuotes(rec));
  assert.equal(quotation?.cue, null, listedQuotes(rec));
});

test('a cue with no subject ("But told the Post: …", \'Adding, "…"\') goes on with the speaker before it; a participle opening a sentence is its main clause\'s', () => {
  // Political-desk and TV-column styles. "And responding to …, Ms Ode told" has its own subject (guard).
  const text =
    'Ms Jowell insisted the rules were working. But told the Evening Post: "We can be proud of our record."\n\n' +
    'Later in the show, Maher said the report "was not good." Adding, "Now, like with all scandals, it is how they handle it."\n\n' +
    'And responding to calls for the agency to be scrapped, Ms Ode told the committee: "I would not rule it out."\n';
  const rec = speechRecord(text, 'subjectless-cue');
  assert.equal(find(rec, 'We can be proud of our record')?.speaker.name, 'Jowell', listedQuotes(rec));
  assert.equal(find(rec, 'it is how they handle it')?.speaker.name, 'Maher', listedQuotes(rec));
  assert.equal(find(rec, 'I would not rule it out')?.speaker.name, 'Ode', listedQuotes(rec));
});

test('an adverbial clause right after a cue ("said as she turned around") is not what was said; a "that" or a quotation after it is', () => {
  // Court-report and campaign-trail styles. A report that opens with "while" and goes on to its own clause stays whole
  // (guard).
  const text =
    '"We will not be moved," Ms Okoro said as she turned to face the crowd.\n\n' +
    'Dana Ruiz said as she left the court that the verdict was a relief.\n\n' +
    'The mayor said as he introduced his wife, "Finally, the campaign is over."\n\n' +
    'Mr Bartlett said while it was an agreement in principle, the unions now had to see how it would work.\n';
  const rec = speechRecord(text, 'adverbial');
  assert.equal(find(rec, 'she turned to face the crowd'), undefined, listedQuotes(rec));
  assert.equal(find(rec, 'the verdict was a relief')?.content.text, 'the verdict was a relief', listedQuotes(rec));
  assert.equal(find(rec, 'Finally, the campaign is over')?.content.text, '"Finally, the campaign is over."', listedQuotes(rec));
  assert.ok(find(rec, 'the unions now had to see')?.content.text.startsWith('while it was an agreement'), listedQuotes(rec));
});

test('a noun phrase whose only verbs are in a "when" clause inside it is an object ("referred to a similar case … when Leeds were playing Bath")', () => {
  const words: Array<[string, string]> = [['a', 'DET'], ['similar', 'ADJ'], ['case', 'NOUN'], ['at', 'ADP'], ['Kingsholm', 'PROPN'], ['when', 'ADV'],
    ['Leeds', 'PROPN'], ['were', 'AUX'], ['playing', 'VERB'], ['Bath', 'PROPN']];
  let at = 0;
  const toks = words.map(([text, pos]) => { const t = { text, pos, start: at, end: at + text.length, sentence: 0 }; at += text.length + 1; return t; });
  assert.equal(nounPhraseObject(toks, [0, toks.length]), true);
  // A reported clause with its own main verb before the "when" is not (guard).
  const clause: Array<[string, string]> = [['the', 'DET'], ['talks', 'NOUN'], ['collapsed', 'VERB'], ['when', 'ADV'], ['he', 'PRON'], ['left', 'VERB']];
  at = 0;
  const ctoks = clause.map(([text, pos]) => { const t = { text, pos, start: at, end: at + text.length, sentence: 0 }; at += text.length + 1; return t; });
  assert.equal(nounPhraseObject(ctoks, [0, ctoks.length]), false);
});

test('a clause that runs straight into the speaker before its cue is part of the subject, not a report ("The Writers\' Guild award winners were announced")', () => {
  // Arts-desk and business styles. Guards: a clause set off by a comma or a closing mark keeps its report, and so does
  // one before an inverted cue whose comma the scrape lost ("… machines said Ann Hale").
  const text =
    "Both the Writers' Guild and the Booksellers' Choice prize winners were announced on Monday.\n\n" +
    'The talks have stalled over pay, a union spokesman said.\n\n' +
    'Lenders are under pressure to replace their ageing machines said Ann Hale, an analyst at Corbel Research.\n';
  const rec = speechRecord(text, 'subject-run');
  assert.equal(rec.quotes.find((q) => q.cue?.text.includes('announced')), undefined, listedQuotes(rec));
  assert.equal(find(rec, 'The talks have stalled')?.content.text, 'The talks have stalled over pay', listedQuotes(rec));
  assert.equal(find(rec, 'replace their ageing machines')?.speaker.name, 'Ann Hale', listedQuotes(rec));
});

test('a report nested in another needs a clause too: "… figures show, US employers added only 90,000 jobs" nests no quote, "… said Ms Lund added that …" does', () => {
  // Wire business style. Guard: a nested report whose words make a clause keeps its nested quote.
  const text =
    'According to Commerce Department figures, US employers added only 90,000 jobs in March.\n\n' +
    'The company said Ms Lund added that the plant would close in May.\n';
  const rec = speechRecord(text, 'nested-clause');
  assert.equal(rec.quotes.find((q) => q.cue?.text === 'added' && q.content.text.startsWith('only 90,000')), undefined, listedQuotes(rec));
  const inner = find(rec, 'the plant would close');
  assert.equal(inner?.content.text, 'the plant would close in May', listedQuotes(rec));
  assert.notEqual(inner?.via, null, listedQuotes(rec));
});

test('a cue whose object is a noun phrase ("will announce his starting line-up") reports nothing, not even a quotation in another sentence', () => {
  // Sports and politics desks. A gerund after a possessive ("his starting line-up", "her handling of") is part of a
  // noun phrase, not a verb. Guard: a question ends its sentence inside the marks, and the cue after it that names who
  // was asked is still its report.
  const text =
    'Coach Alain Fabre will announce his starting line-up on Friday for the match against Samoa.\n\n' +
    'Ruth Kane, the shadow minister, said the plan had failed. "People are being squeezed by extra taxes. The quiet majority are paying the price." The ministry has announced a review of the scheme.\n\n' +
    '"Did you know the quote was his?" Nina Hart asked the senator.\n';
  const rec = speechRecord(text, 'spent-cue');
  assert.equal(rec.quotes.find((q) => q.cue?.text === 'will announce'), undefined, listedQuotes(rec));
  const squeezed = find(rec, 'quiet majority');
  assert.equal(squeezed?.speaker.name, 'Ruth Kane', listedQuotes(rec));
  assert.notEqual(squeezed?.cue?.text, 'has announced', listedQuotes(rec));
  assert.equal(find(rec, 'Did you know')?.speaker.name, 'Nina Hart', listedQuotes(rec));
});

test('capitalised words ending the clause (or before an affiliation) after an inverted cue are the speaker, whatever their part of speech ("…," said Yelling.)', () => {
  // Athletics-report style: surnames that are also English words. Guard: a weekday there is a time, not a speaker.
  const text =
    'Coach Sam Parry named the relay squad on Monday.\n\n' +
    '"There is no chance of the team breaking up before the championships," said Parry. "We stay together."\n\n' +
    '"Winning the county title meant so much to me," said Yelling.\n\n' +
    '"We are thankful for the support," said Friday.\n\n' +
    '"It is not going to take much to move the market either way," said Grant Wilson of Mellon Bank.\n';
  const rec = speechRecord(text, 'inverted-name');
  // "Grant" read as a verb, the affiliation after the name.
  assert.equal(find(rec, 'move the market')?.speaker.name, 'Grant Wilson', listedQuotes(rec));
  assert.equal(find(rec, 'no chance of the team')?.speaker.name, 'Sam Parry', listedQuotes(rec));
  assert.equal(find(rec, 'county title')?.speaker.mention?.text, 'Yelling', listedQuotes(rec));
  assert.equal(find(rec, 'thankful for the support')?.speaker.name ?? null, null, listedQuotes(rec));
});

test('a speaker named before a long aside ("As Dr Dana Whitfield, a senior fellow … at the Hartley Institute for Policy Research, noted, …") is found when the entity layer knows the person', () => {
  // Think-tank and energy-desk styles. Guard: past a long aside, a place is not taken for the speaker.
  const text =
    'Talks on the border resumed on Monday.\n\n' +
    'As Dr Dana Whitfield, a senior fellow in regional security studies at the Hartley Institute for Policy Research, noted, "Everyone in the region is just waiting for the next government."\n\n' +
    'Mr Tom Okafor, co-founder of the Greenfield Trust and a longtime advocate of a national effort to build new reactors, welcomed "the recognition that we do not have all the technology we need."\n\n' +
    'Officials familiar with the server taken from the house in Chappaqua, N.Y., speaking on the condition of anonymity because they were not authorized to discuss the case, said that it had some security features.\n';
  const rec = speechRecord(text, 'long-aside');
  assert.equal(find(rec, 'waiting for the next government')?.speaker.name, 'Dana Whitfield', listedQuotes(rec));
  assert.equal(find(rec, 'all the technology we need')?.speaker.name, 'Tom Okafor', listedQuotes(rec));
  assert.notEqual(find(rec, 'security features')?.speaker.name, 'N.Y.', listedQuotes(rec));
});

test('"According to X Y" with no comma: the source ends where the next noun phrase opens ("According to Ofcom there were …"); a participle or relative in the source keeps the reading whole', () => {
  // Trade-press and wire styles, commas dropped after the source.
  const text =
    'Broadband take-up keeps rising.\n\n' +
    'According to Ofcom there were almost four million broadband users in April, and numbers are climbing fast.\n\n' +
    'According to US research firm Pew Internet & American Life a blog is created every 5.8 seconds.\n\n' +
    "According to the Pensions Commission's report 12 million working people are not saving enough.\n\n" +
    'According to early results of the exit poll conducted by Edison Research for the networks, Clinton led in both states.\n';
  const rec = speechRecord(text, 'according-no-comma');
  const ofcom = find(rec, 'four million broadband users');
  assert.equal(ofcom?.speaker.mention?.text, 'Ofcom', listedQuotes(rec));
  assert.match(ofcom?.content.text ?? '', /^there were almost four million/, listedQuotes(rec));
  const blog = find(rec, 'blog is created');
  assert.equal(blog?.speaker.mention?.text, 'US research firm Pew Internet & American Life', listedQuotes(rec));
  assert.equal(blog?.content.text, 'a blog is created every 5.8 seconds', listedQuotes(rec));
  assert.equal(find(rec, 'not saving enough')?.content.text, '12 million working people are not saving enough', listedQuotes(rec));
  // Guard: "the exit poll" is the object of "of", not the start of what was reported.
  assert.equal(find(rec, 'Clinton led')?.content.text, 'Clinton led in both states', listedQuotes(rec));
});

test('a speaker after an inverted cue that the content tagger ran over ("Instead, said Ms Okafor, the rules were …") speaks, and the report starts after the name', () => {
  // Magazine style. Guard: an apposition after the name ("says Dr Lena Voss, director of …") is no report.
  const text =
    'Regulators met the big networks on Thursday.\n\n' +
    'Instead, said Ms Okafor, filters were intended to control the group that networks have most hold over - customers. "The carriers see a chance to sell you the same service again and again."\n\n' +
    'Fake shops that copy legitimate brands could soon be easier to build for determined fraudsters, says Dr Lena Voss, director of NetSafe. Domain names are the "human" addresses of websites.\n';
  const rec = speechRecord(text, 'inverted-opening');
  const filters = find(rec, 'most hold over');
  assert.equal(filters?.speaker.mention?.text, 'Ms Okafor', listedQuotes(rec));
  assert.doesNotMatch(filters?.content.text ?? '', /^Ms Okafor/, listedQuotes(rec));
  assert.equal(rec.quotes.some((q) => q.content.text.startsWith('director of NetSafe')), false, listedQuotes(rec));
});

test('the subject of a cue after a relative aside keeps its "of" phrase ("The organisers of the festival, which opens on 3 June, said"); a cue inside the aside is the nearer phrase\'s', () => {
  const text =
    'The headline act has pulled out.\n\n' +
    'The organisers of the festival, which opens on 3 June, said the singer has a throat infection.\n\n' +
    "The ministry's appeal was dismissed, according to Wednesday's leak of the report, which concluded that the rules had been broken.\n";
  const rec = speechRecord(text, 'relative-of');
  assert.equal(find(rec, 'throat infection')?.speaker.mention?.text, 'The organisers of the festival', listedQuotes(rec));
  const broken = find(rec, 'rules had been broken');
  assert.notEqual(broken?.speaker.mention?.text, "Wednesday's leak of the report", listedQuotes(rec));
});

test('a place that ends a name after another name is a branch ("eBay UK", "Athletics Ireland"), not the country speaking', () => {
  const text =
    'Robots were the top present this year.\n\n' +
    'According to eBay UK there are now more than 150 toy robots for sale via the site.\n\n' +
    'The US said it would not take part. New York Mayor Jill Brandt said the bridge was safe.\n';
  const rec = speechRecord(text, 'branch-place');
  const robots = find(rec, 'toy robots');
  assert.equal(robots?.speaker.name, 'eBay UK', listedQuotes(rec));
  assert.equal(robots?.speaker.entity ?? null, null, listedQuotes(rec));
  // Guard: a country on its own still speaks as itself.
  assert.match(find(rec, 'would not take part')?.speaker.entity ?? '', /^place:/, listedQuotes(rec));
});

test('"But according to …" still opens its sentence; a source runs on over the close of a list ("friends, aides and allies,"), not into a clause ("Reuters, Google and Yahoo are …")', () => {
  // Broadsheet and politics-desk styles.
  const text =
    'Regulators have moved again.\n\n' +
    'But according to recent reports from Beijing, the authorities have tightened controls over foreign studios.\n\n' +
    "According to interviews with more than a dozen of the senator's friends, aides and allies, she wants to campaign for her colleagues this autumn.\n\n" +
    'According to Reuters, Google and Yahoo are in talks over a merger.\n';
  const rec = speechRecord(text, 'according-opening');
  assert.equal(find(rec, 'tightened controls')?.speaker.mention?.text, 'recent reports from Beijing', listedQuotes(rec));
  const campaign = find(rec, 'campaign for her colleagues');
  assert.equal(campaign?.content.text, 'she wants to campaign for her colleagues this autumn', listedQuotes(rec));
  assert.match(campaign?.speaker.mention?.text ?? '', /aides and allies$/, listedQuotes(rec));
  const talks = find(rec, 'in talks');
  assert.equal(talks?.speaker.mention?.text, 'Reuters', listedQuotes(rec));
  assert.equal(talks?.content.text, 'Google and Yahoo are in talks over a merger', listedQuotes(rec));
});

test('quoted words in a relative aside between the speaker and the cue describe the speaker: \'Mr Herron, who gained fame as one of the "metric martyrs", said …\' reports only what follows', () => {
  // Regional-paper style.
  const text =
    'The referendum campaign opened on Monday.\n\n' +
    'But Mr Herron, who gained fame as one of the "metric martyrs" and now runs his own campaign, said he was not convinced by the arguments.\n';
  const rec = speechRecord(text, 'relative-aside-quote');
  assert.equal(rec.quotes.some((q) => q.content.text.includes('metric martyrs')), false, listedQuotes(rec));
  assert.equal(find(rec, 'not convinced')?.speaker.mention?.text, 'Mr Herron', listedQuotes(rec));
});

test('a relative aside that reports with its own verb is its own report ("Tomas Berg, who said last week that …, issued …"), for whom the pronoun stands', () => {
  // Business-desk style.
  const text =
    'Mill closure row\n\n' +
    'Factory owner Tomas Berg, who said last week that the mill would close by March, issued a statement on Monday denying the report.\n';
  const rec = speechRecord(text, 'relative-aside-own-cue');
  const q = find(rec, 'the mill would close by March');
  assert.equal(q?.cue?.text, 'said', listedQuotes(rec));
  assert.equal(q?.speaker.name, 'Tomas Berg', listedQuotes(rec));
  assert.equal(q?.content.text, 'the mill would close by March');
});

test('a report from a restrictive relative clause ("Economists who say the recovery is fragile have been proved right") ends before the sentence\'s own verb', () => {
  // Analysis-column style. Guard: a participle after a noun in the report ("people injured in the blast were taken")
  // may be a reduced relative clause and is not cut there.
  const text =
    'The figures were published on Friday.\n\n' +
    'Economists who say the recovery is fragile have been proved right.\n\n' +
    'Senators who agree that the camp should be closed were irritated by the lack of detail.\n\n' +
    'Officials who said people injured in the blast were taken to hospital gave no numbers.\n';
  const rec = speechRecord(text, 'restrictive-relative');
  assert.equal(find(rec, 'recovery is fragile')?.content.text, 'the recovery is fragile', listedQuotes(rec));
  assert.equal(find(rec, 'camp should be closed')?.content.text, 'the camp should be closed', listedQuotes(rec));
  assert.match(find(rec, 'injured in the blast')?.content.text ?? '', /^people injured in the blast were taken/, listedQuotes(rec));
});

test('a refusal holds no report even around a nested one ("The agency declined to comment and aides later said …"), and a run after the report and a clause of its own (", it showed …") is not the cue\'s', () => {
  // Capitol-desk style.
  const text =
    'The deportations were paused last week.\n\n' +
    "Although the agency declined to comment and Senate aides later said the leader's remark was not based on his talks with the secretary, it showed how contentious the issue has become.\n";
  const rec = speechRecord(text, 'refusal-outer');
  assert.equal(rec.quotes.some((q) => q.cue?.text === 'declined'), false, listedQuotes(rec));
  assert.equal(find(rec, "leader's remark")?.speaker.mention?.text, 'Senate aides', listedQuotes(rec));
  assert.equal(rec.quotes.some((q) => q.content.text.startsWith('how contentious')), false, listedQuotes(rec));
});

test('a cue in the sentence after a quotation is that sentence\'s own when it reports or does something of its own ("Keegan is expected to be told …", "It looks a …"); a short attribution there still takes the quotation', () => {
  // Football-report style: paragraphs joined into one line.
  const text =
    'Midfielder Sean Ireland signed a new deal at City on Monday.\n\n' +
    'But the 25-year-old Dubliner underlined his intention to stay. He added: "It is nice to be linked with top clubs but the important thing is this one and what we do. "I really enjoy it at City and I want to keep that going." Keegan is expected to be told there will be no funds to bring in fresh faces in the January transfer window.\n\n' +
    'O\'Connor knows that the Munster man will be pushing hard for a recall. "It is a horses for courses selection really," said O\'Connor. "There is a lot of competition here and I cannot just drag my heels around if I do not get picked." It looks a definite head-to-head battle between himself and the 23-year-old.\n\n' +
    'The mayor was delighted. "We have done it at last." Ruiz said on Friday night.\n';
  const rec = speechRecord(text, 'later-sentence-cue');
  const enjoy = find(rec, 'I really enjoy it');
  assert.notEqual(enjoy?.cue?.text, 'is expected', listedQuotes(rec));
  const heels = find(rec, 'drag my heels');
  assert.notEqual(heels?.cue?.text, 'looks', listedQuotes(rec));
  assert.equal(heels?.speaker.name, "O'Connor", listedQuotes(rec));
  assert.equal(find(rec, 'done it at last')?.speaker.mention?.text, 'Ruiz', listedQuotes(rec));
});

test('after a quotation and an inverted cue, the phrase up to the comma is the speaker whatever its first word was tagged ("said Sideways producer Michael London", "said one of their lawyers, Michalis Dimitrakopoulos")', () => {
  // Trade-paper and court-report styles.
  const text =
    'The film won five awards on Sunday.\n\n' +
    '"These awards, for better or worse, mean everything," said Sideways producer Michael London.\n\n' +
    'The sprinters were set to learn their fate by the end of February. "A decision is now expected by around mid-March," said one of their lawyers, Michalis Dimitrakopoulos.\n';
  const rec = speechRecord(text, 'inverted-phrase');
  assert.equal(find(rec, 'mean everything')?.speaker.name, 'Michael London', listedQuotes(rec));
  assert.equal(find(rec, 'mid-March')?.speaker.name, 'Michalis Dimitrakopoulos', listedQuotes(rec));
});

test('a spokeswoman for a body whose name holds "and" speaks for that body, and "she" goes on with it', () => {
  // Whitehall-briefing style.
  const text = 'Officials defended the scheme on Monday. A Department for Culture and Heritage spokeswoman said the venture had been "bold and worthwhile". She added: "The project was not the only one to have lost out."';
  const rec = speechRecord(text, 'and-in-name');
  for (const words of ['bold and worthwhile', 'The project was not']) {
    const q = find(rec, words);
    assert.ok(q, listedQuotes(rec));
    assert.equal(q.speaker.name, 'Department for Culture and Heritage', listedQuotes(rec));
    assert.ok(q.speaker.entity, listedQuotes(rec));
  }
  // Two speakers named together are still no one entity.
  const two = speechRecord('The Queen and Duke of Edinburgh said the news had made them "very happy".', 'two-named');
  assert.notEqual(find(two, 'very happy')?.speaker.name, 'and Duke of Edinburgh', listedQuotes(two));
});

test('a name the POS tagger reads as a verb ("Ford", "Yelling") is read as the entity layer found it', () => {
  // Motoring-business style: "Ford" tagged as a verb left the cue after the relative aside with no subject.
  const car = speechRecord('Sales fell again in March. Meanwhile, Ford, which posted its ninth drop, said it was cutting output by another 10,000 vehicles.', 'ford');
  assert.equal(find(car, 'it was cutting output')?.speaker.name, 'Ford', listedQuotes(car));
});

test('"I think …" opening the next quotation is not the attribution of the quotation before it', () => {
  // Football-report style, paragraphs joined into one line: the next sentence's cue reports its own clause.
  const text = 'Rovers boss Ian Holt was upbeat after the draw at Kettering on Saturday. "We were the better side in the first half and created plenty of chances. "I think we deserved more than a point but we will take it."';
  const rec = speechRecord(text, 'i-think');
  const first = find(rec, 'We were the better side');
  assert.equal(first?.cue, null, listedQuotes(rec));
  assert.equal(first?.speaker.name, 'Ian Holt', listedQuotes(rec));
  assert.equal(find(rec, 'I think we deserved')?.speaker.name, 'Ian Holt', listedQuotes(rec));
});

test('a speaker called unnamed or unidentified is anonymous whatever noun it has', () => {
  // Readers'-letters style.
  const text = 'Readers wrote in their hundreds. One unnamed correspondent wrote: "On the rare nights when my husband comes to bed early, I cannot sleep."';
  const rec = speechRecord(text, 'unnamed-correspondent');
  const q = find(rec, 'On the rare nights');
  assert.equal(q?.speaker.anonymous, true, listedQuotes(rec));
  assert.equal(q?.speaker.entity, null, listedQuotes(rec));
});

test('"she" after an outer report read late goes on with its spokeswoman, never with "Ministers"', () => {
  // Whitehall-briefing style: the spokeswoman's report holds another ("… said Lord Harlow and Lord Penn agreed …") and
  // is read after the paragraph's quotes; "she" is read again once it is, and never stands for a capitalised group.
  const text = 'Ministers say they are in talks. A Department for Transport spokeswoman said Lord Harlow and Lord Penn agreed about what happened in practice. "Their disagreement is about a very narrow point, in Lord Harlow\'s words," she said.';
  const rec = speechRecord(text, 'she-not-ministers');
  assert.equal(find(rec, 'Their disagreement')?.speaker.name, 'Department for Transport', listedQuotes(rec));
});

test('"… Gazprom which authorities have said will go ahead": the noun phrase after an object relative speaks', () => {
  // Energy-business style; the relative pronoun is the object of the report, not its subject.
  const text = 'Further muddying the waters is a merger between Rosneft and Gazprom which authorities have said will go ahead as planned.';
  const rec = speechRecord(text, 'object-relative');
  assert.equal(find(rec, 'will go ahead as planned')?.speaker.name, 'authorities', listedQuotes(rec));
  // A relative clause after an "according to" source describes it: the source stays the person.
  const by = speechRecord('"The UK is the largest display market in Europe," according to Jan Binks, director of Kofa, which monitors consumer markets.', 'according-relative');
  assert.equal(find(by, 'largest display market')?.speaker.name, 'Jan Binks', listedQuotes(by));
});

test('a title-case headline keeps its report when the entity layer reads a name across its verb', () => {
  // US-politics headline style: "Fuel Tax Was A Mistake Of Her Own" is read as one MISC name; its "Was" stays a verb
  // for the quote rules (names of people and organisations the POS tagger misread as verbs are read as names).
  const text = 'Governor Ana Ruiz Says Raising The Fuel Tax Was A Mistake Of Her Own\n\nGovernor Ana Ruiz said on Monday that raising the fuel tax had been a mistake.';
  const rec = speechRecord(text, 'title-case-headline');
  assert.equal(find(rec, 'Raising The Fuel Tax Was A Mistake')?.speaker.name, 'Ana Ruiz', listedQuotes(rec));
});

test('a report set inside a relative clause is its own quote: "which he said were …", "what it says is …"', () => {
  // Regional-business style. The cue has a noun phrase before it and a finite verb after it, and no "that".
  const text =
    'The mill cut 40 jobs last year, which its owner said were needed to keep the business afloat. Union leaders attacked what they described as "panic cuts". Hollins Foods is selling its bakery arm - which the firm says has lost money for a decade - to a rival.';
  const rec = speechRecord(text, 'relative-reports');
  const jobs = find(rec, 'were needed to keep the business afloat');
  assert.equal(jobs?.cue?.text, 'said', listedQuotes(rec));
  assert.equal(jobs?.speaker.mention?.text, 'its owner', listedQuotes(rec));
  // The clause ends at the dash that closes its aside; the speaker is the noun phrase before the cue.
  const bakery = find(rec, 'has lost money for a decade');
  assert.equal(bakery?.content.text, 'which the firm says has lost money for a decade', listedQuotes(rec));
  assert.equal(bakery?.speaker.mention?.text, 'the firm', listedQuotes(rec));
  // PolNeAR's convention: the content is the whole relative clause, its source and cue inside it.
  const attribution = analyzeWith(ATTRIBUTION_SETTINGS)(text, 'relative-reports-attribution').quotes;
  assert.ok(attribution.some((q) => q.content.text === 'which its owner said were needed to keep the business afloat' && q.cue?.text === 'said'), JSON.stringify(attribution.map((q) => q.content.text)));
});

test('a quote that took a relative clause\'s cue for the clause before it reports the relative clause instead', () => {
  // US local-news style: "said" belongs to "which his lawyer said …", not to "whether Reyes had a weapon".
  const text = 'The footage does not show whether Reyes had a weapon, which his lawyer said was never found at the scene.';
  const rec = speechRecord(text, 'relative-takes-cue');
  assert.ok(!rec.quotes.some((q) => q.content.text.startsWith('whether Reyes')), listedQuotes(rec));
  assert.equal(find(rec, 'was never found at the scene')?.speaker.mention?.text, 'his lawyer', listedQuotes(rec));
});

test('the relative aside before a cue is read back to its noun however the source tagger ended its run', () => {
  // Insurance-trade style: a full stop glued to a unit ("$900m.") ends the sentence before the speaker's; a source
  // run that holds the aside's last words and its comma still gives the noun the aside describes.
  const storms = speechRecord('Claims from the storms, which one broker put at $900m. Hanseatic Re, a German reinsurer, said it could not yet estimate its losses.', 'glued-stop');
  assert.equal(find(storms, 'could not yet estimate')?.speaker.name, 'Hanseatic Re', listedQuotes(storms));
  const traders = speechRecord('Local traders, who have seen footfall fall since the Quay Street car park closed, said the rise came at the worst possible time.', 'aside-comma');
  assert.equal(find(traders, 'worst possible time')?.speaker.name, 'Local traders', listedQuotes(traders));
});

test('"they" after a group of people named since the last speaker is that group, not a place or an earlier name', () => {
  // Local-politics style. "they" is the campaigners; Portmouth, a place, is never a "they" that speaks.
  const text = 'Portmouth has frozen its parking charges, a council spokesman said. On Tuesday campaigners handed in a petition, and they say the freeze ignored what they believe is overwhelming opposition.';
  const rec = speechRecord(text, 'group-they');
  assert.equal(find(rec, 'the freeze ignored')?.speaker.name, 'campaigners', listedQuotes(rec));
  assert.equal(find(rec, 'is overwhelming opposition')?.speaker.name, 'campaigners', listedQuotes(rec));
  // A place the entity layer linked "they" to is not who speaks.
  const place = speechRecord('Riverton is giving marchers more room than Lakeport is, and they say the count was rigged.', 'place-they');
  assert.notEqual(find(place, 'the count was rigged')?.speaker.name, 'Riverton', listedQuotes(place));
  // Shares name no people: "they" after them is not read as a group.
  const shares = speechRecord('Analysts at Brook & Lyle said profits would fall. Its shares slipped 3%, and they added that costs were rising.', 'not-a-group');
  assert.notEqual(find(shares, 'costs were rising')?.speaker.name, 'shares', listedQuotes(shares));
});

test('"referring to X" names whom a speaker meant: X never speaks, and only "referred to X as …" reports words', () => {
  // Westminster-sketch style.
  const rec = speechRecord('Grant Lowe, 52, was among them. "It is a disgrace," he said, referring to the council leader, Anne Pike. "She has never visited."', 'reference-cues');
  assert.ok(!rec.quotes.some((q) => q.speaker.name === 'Anne Pike'), listedQuotes(rec));
  assert.ok(!rec.quotes.some((q) => /^referring/.test(q.cue?.text ?? '')), listedQuotes(rec));
  assert.equal(find(rec, 'She has never visited')?.speaker.name, 'Grant Lowe', listedQuotes(rec));
  const as = speechRecord('The mayor referred to the stadium scheme as a "vanity project" on Monday. Aides said she was referring to the closure of two libraries.', 'reference-as');
  assert.equal(find(as, 'vanity project')?.cue?.text, 'referred to', listedQuotes(as));
});

test('a short quotation that is a sentence of its own is direct, its full stop or comma outside the marks', () => {
  // British-tabloid style: punctuation after the closing mark.
  const rec = speechRecord('The striker was asked about his future. He said: "It is over". “Never again”, his agent added. The manager called it “outstanding”.', 'short-direct');
  assert.equal(find(rec, 'It is over')?.kind, 'direct', listedQuotes(rec));
  assert.equal(find(rec, 'Never again')?.kind, 'direct', listedQuotes(rec));
  assert.equal(find(rec, 'outstanding')?.kind, 'mixed', listedQuotes(rec));
});

test('"the general" or "the minister" after an anonymous speaker is someone else; "the official" may be that speaker', () => {
  // Defence-desk style.
  const rec = speechRecord('A senior aide, who asked not to be named, said the talks had failed. "We are ready," said the general. A person familiar with the plan said it would be delayed. "It is not dead," the official added.', 'role-not-anonymous');
  assert.equal(find(rec, 'We are ready')?.speaker.name, 'general', listedQuotes(rec));
  assert.equal(find(rec, 'It is not dead')?.speaker.anonymous, true, listedQuotes(rec));
});

test('an ampersand inside a firm\'s name does not make its employee a list of speakers', () => {
  // Markets-wire style.
  const rec = speechRecord('Economist Dana Oyelaran of Fairweather & Lowe in Chicago said rates would rise.', 'ampersand-name');
  assert.equal(find(rec, 'rates would rise')?.speaker.name, 'Dana Oyelaran', listedQuotes(rec));
});

test('"according to" a source whose first noun the POS tagger read as a verb after "to" still names it', () => {
  // Tech-desk style, no comma after the source.
  const rec = speechRecord('According to blog analysis firm Blogscope the number of new blogs doubles every six months.', 'according-noun-as-verb');
  assert.equal(find(rec, 'doubles every six months')?.speaker.mention?.text, 'blog analysis firm Blogscope', listedQuotes(rec));
});

test('a name the cue tagger took into the cue ("Re said") ends the speaker, not the cue', () => {
  // Insurance-trade style: the POS tagger reads "Re" as an auxiliary.
  const rec = speechRecord('Munich Re said it expected claims of about $1bn. What I\'m asking is that brokers stay calm.', 'name-in-cue');
  const q = find(rec, 'expected claims');
  assert.equal(q?.cue?.text, 'said', listedQuotes(rec));
  assert.equal(q?.speaker.mention?.text, 'Munich Re', listedQuotes(rec));
  assert.ok(!rec.quotes.some((x) => x.speaker.mention?.text === "I'm"), listedQuotes(rec));
});
