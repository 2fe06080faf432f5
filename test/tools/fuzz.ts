// Shared pieces of the property-based (fast-check) suites, test/fuzz*.test.ts: a fixed seed, generators of nasty
// text, scraped-text lines, HTML and feed trees, and the check every generated input ends in (no exception but
// InputError escapes a reader; every span of the record, and of the working layers, is its slice; the record
// validates against the JSON Schema).
import fc from 'fast-check';
import { Analyzer } from '../../src/analyze.js';
import { InputError } from '../../src/ingest/decode.js';
import type { IngestedDoc } from '../../src/ingest/document.js';
import type { AnalysisDoc } from '../../src/pipeline/doc.js';
import { recordProblems, spanProblems } from './record-check.js';

/** The seed of every property: fixed so CI is repeatable; FUZZ_SEED=n explores other inputs locally. */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_240_611;

/** fast-check options for a property: the fixed seed, `numRuns` runs, and the seed printed when it fails. */
export function fuzzOptions(numRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns };
}

/** Runs a property, and on failure adds the seed (and how to re-run it) to the error fast-check throws. */
export function check<T>(property: fc.IProperty<T>, numRuns: number): void {
  try {
    fc.assert(property, fuzzOptions(numRuns) as fc.Parameters<T>);
  } catch (e) {
    const err = e as Error;
    err.message = `[fuzz seed ${FUZZ_SEED}; re-run with FUZZ_SEED=${FUZZ_SEED}]\n${err.message}`;
    throw err;
  }
}

/** Calls a reader: its result, or null when it refused the input with an InputError. Any other exception escapes. */
export function readOrRefuse<T>(read: () => T): T | null {
  try {
    return read();
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Text

/** Characters that break naive text handling: astral (surrogate pairs), lone surrogates, combining marks, RTL and
 * bidi controls, NBSP and other spaces, zero-width characters, odd line ends, quote marks of many styles. */
export const NASTY_CHARS = [
  '😀', '𝔘', '👩‍👩‍👧', '🇫🇷', '\ud800', '\udfff', '\udc00\ud800',
  '\u0301', 'e\u0301', '\u0308\u0308\u0308', 'Z\u0351\u0362\u036b',
  'مرحبا', 'שלום', '\u200f', '\u200e', '\u202e', '\u2066', '\u061c',
  '\u00a0', '\u202f', '\u2009', '\u3000', '\u200b', '\u200c', '\u200d', '\ufeff', '\u2060', '\u00ad',
  '\r', '\r\n', '\n', '\n\n', '\t', '\f', '\v', '\u2028', '\u2029', '\u0085', '\u0000', '\u001b',
  '"', "'", '“', '”', '‘', '’', '«', '»', '„', '‚', '‹', '›', '「', '」', '『', '』', '`', '´', '″', '‟', '❝', '❞',
  '—', '–', '-', '…', '.', '?!', ':', ';', '(', ')', '[', ']', '|', '•', '·', '&', '<', '>', '&amp;', '&#0;', '&#xD800;',
  'İ', 'ß', 'ǅ', 'ﬁ', 'Å', 'Ω', '१२३', '٣', 'Ⅻ', '½', '$', '£', '€', '%', '@', '#',
] as const;

/** Words news text is made of: names, titles, cues, times, places, event words. */
export const NEWS_WORDS = [
  'the', 'a', 'of', 'and', 'in', 'to', 'on', 'he', 'she', 'they', 'it', 'his', 'her', 'was', 'is', 'not',
  'said', 'says', 'told', 'added', 'according', 'denied', 'claimed', 'confirmed', 'warned', 'announced',
  'President', 'Joe', 'Biden', 'Donald', 'Trump', 'Angela', 'Merkel', 'Reuters', 'AP', 'BBC', 'Mr', 'Ms', 'Dr.',
  'minister', 'spokesman', 'police', 'officials', 'the', 'White', 'House', 'United', 'Nations', 'NATO', 'Apple',
  'London', 'Kyiv', 'Paris', 'Washington', 'Gaza', 'Monday', 'Tuesday', 'yesterday', 'last', 'week', 'year',
  '2024', '21', 'August', '14:05', '3', 'p.m.', 'BST', 'GMT', 'killed', 'injured', 'attack', 'election', 'won',
  'protest', 'arrested', 'earthquake', 'people', 'at', 'least', '12', 'dozens', 'By', 'Updated', 'Posted',
] as const;

const word = fc.constantFrom(...NEWS_WORDS);
const nasty = fc.constantFrom(...NASTY_CHARS);
const space = fc.constantFrom(' ', ' ', ' ', '  ', '\u00a0', '\t', ' \u200b');

/** A piece of text: mostly news words and spaces, with nasty characters and random strings mixed in. */
export const textPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: word },
  { weight: 6, arbitrary: space },
  { weight: 4, arbitrary: nasty },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 6 }) },
);

/** Random text of up to `maxPieces` pieces. */
export function nastyText(maxPieces = 60): fc.Arbitrary<string> {
  return fc.array(textPiece, { maxLength: maxPieces }).map((a) => a.join(''));
}

/** A sentence of news words, perhaps quoted, with a cue. */
export const sentence: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.oneof({ weight: 5, arbitrary: word }, { weight: 1, arbitrary: nasty }), { minLength: 1, maxLength: 14 }),
    fc.constantFrom('', '"', '“', '«', "'", '‘', '„'),
    fc.constantFrom('', '"', '”', '»', "'", '’', '“'),
    fc.constantFrom('.', '.', '?', '!', '', '...', '."', '.”'),
    fc.constantFrom('', ' he said', ', she said.', ' said Mr Biden.', ', according to Reuters.', ' police said on Monday.'),
  )
  .map(([ws, open, close, end, cue]) => `${open}${ws.join(' ')}${end}${close}${cue}`);

/** Lines scraped pages have: headers, stamps, bylines, datelines, headings, paragraphs, blanks. */
export const scrapedLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' ')) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t', '   \u00a0', '\u200b') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'Jane Doe20 August 2025 21:39', 'Reuters | Jane Doe20 August 2025 19:35', 'Updated at 14.05 BST', 'Posted at 14:05',
      '2h ago 14.05', 'Thursday 21 August 2025 04:42 BST', 'August 20, 2025 at 2:05 p.m. EDT', 'Just now', 'Breaking',
      '7 p.m.', '14:05', '2025-08-21', '31 February 2025 25:99 XYZ', '0 January 0000 00:00', 'Updated', 'Last updated at',
      'By Jane Doe and John Smith', 'By REUTERS', 'By', 'LONDON (Reuters) -', 'KYIV, Ukraine (AP) —', 'PARIS —',
      'Share this article', 'Related:', 'Advertisement', 'Photo: Getty Images', 'Image caption,', 'Key points',
      'Jane Doe\u00a0\u00a021\u00a0August\u00a02025\u00a021:39', 'Updated at 99.99 ZZZZZ', 'Sep 31 9999 at 12:60 a.m.',
    ),
  },
  { weight: 1, arbitrary: fc.tuple(word, word, fc.integer({ min: 0, max: 40 }), fc.constantFrom('January', 'Aug', 'Sept', 'Dec.')).map(([a, b, d, m]) => `${a} ${b}${d} ${m} 2025 ${d % 24}:${String(d).padStart(2, '0')}`) },
  { weight: 1, arbitrary: nastyText(12) },
);

/** A scraped plain-text document: perhaps the scraper's " date YYYY-MM-DD" header, then lines with mixed line ends. */
export function scrapedText(maxLines = 14): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.option(fc.constantFrom(' date 2025-08-21 ', 'date 2025-08-21\n', '\ufeff date 2024-02-30 ', ' date 0000-00-00 ', ' date 2025-08-21'), { nil: '' }),
      fc.array(fc.tuple(scrapedLine, fc.constantFrom('\n', '\n', '\r\n', '\r\n', '\r', '\n\n', ' \n', '\n \n')), { minLength: 1, maxLength: maxLines }),
    )
    .map(([header, lines]) => header + lines.map(([l, e]) => l + e).join(''));
}

// ---------------------------------------------------------------------------------------------------------------
// Analysis

/** The analyzer the suites share between properties: loaded once (its models take a second or two to load). */
let shared: Analyzer | null = null;
export function sharedAnalyzer(): Analyzer {
  return (shared ??= new Analyzer());
}

export function docOf(text: string, extra: Partial<IngestedDoc> = {}): IngestedDoc {
  return { id: 'fuzz', source: { corpus: 'fuzz' }, text, date: null, outlet: null, url: null, notes: [], ...extra };
}

/**
 * Analyses a document on a fresh run (so one property's inputs do not link to another's) and returns what is wrong:
 * schema errors, spans of the record or of the working layers that are not their slice, a changed text.
 */
export function analysisProblems(input: IngestedDoc, analyzer: Analyzer = new Analyzer(sharedAnalyzer().pipeline)): string[] {
  const doc: AnalysisDoc = analyzer.analyzeDoc(input);
  const out = recordProblems(doc.record);
  if (doc.record.text !== input.text) out.push('the text was rewritten by the pipeline');
  out.push(...spanProblems(doc.tokens ?? [], input.text, '$tokens'));
  out.push(...spanProblems(doc.sentences ?? [], input.text, '$sentences', true));
  out.push(...spanProblems(doc.ner ?? [], input.text, '$ner', true));
  out.push(...spanProblems(doc.times ?? [], input.text, '$times'));
  return out;
}

/** Analyses and fails with the problems (the first 10) when there are any. */
export function assertAnalysable(input: IngestedDoc, analyzer?: Analyzer): void {
  const found = analysisProblems(input, analyzer);
  if (found.length) throw new Error(`record problems for text ${JSON.stringify(input.text.slice(0, 300))}:\n${found.slice(0, 10).join('\n')}`);
}

/** The structure hints a reader gave are spans into the text it made. */
export function assertHintsValid(doc: IngestedDoc): void {
  if (!doc.structureHints) return;
  const found = spanProblems(doc.structureHints, doc.text, '$hints');
  if (found.length) throw new Error(`structure hints problems:\n${found.slice(0, 10).join('\n')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Markup

/** Escapes text for an HTML/XML text node, or (half the time, chosen by the generator) leaves it raw. */
export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface MarkupNode {
  tag: string;
  attrs: Array<[string, string]>;
  children: Array<MarkupNode | string>;
  /** Leave the closing tag out (malformed markup). */
  unclosed: boolean;
}

export const HTML_TAGS = [
  'p', 'p', 'p', 'div', 'div', 'span', 'b', 'i', 'em', 'a', 'h1', 'h2', 'h3', 'article', 'section', 'header', 'footer',
  'nav', 'aside', 'figure', 'figcaption', 'blockquote', 'q', 'ul', 'ol', 'li', 'table', 'tr', 'td', 'script', 'style',
  'time', 'main', 'pre', 'noscript', 'template', 'svg', 'iframe', 'form', 'button', 'address', 'cite', 'small', 'title',
] as const;
const HTML_VOID = ['br', 'hr', 'img', 'meta', 'link', 'input', 'wbr'] as const;

const htmlAttr: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fc.constant('class'), fc.constantFrom('byline', 'author', 'headline', 'live-post', 'post', 'timestamp', 'caption', 'related', 'ad', 'share', 'article-body', 'liveblog', 'block-time', 'standfirst', 'dateline')),
  fc.tuple(fc.constantFrom('itemprop', 'rel', 'data-testid', 'role'), fc.constantFrom('author', 'headline', 'datePublished', 'articleBody', 'liveBlogUpdate', 'main', 'complementary', 'navigation')),
  fc.tuple(fc.constantFrom('datetime', 'content', 'href', 'lang', 'id', 'hidden', 'aria-hidden'), fc.oneof(fc.constantFrom('2025-08-21T14:05:00+02:00', '2025-13-45T99:99', 'not a date', '/live/x', 'en', 'fr', 'true', ''), nastyText(4))),
);

/** A leaf: text, sometimes escaped, sometimes raw (with stray '<' and '&'). */
const markupText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => escapeXml(s.join(' '))) },
  { weight: 1, arbitrary: nastyText(10).map(escapeXml) },
  { weight: 1, arbitrary: nastyText(10) },
);

/** Element trees of HTML, built with letrec, depth and width bounded. */
export function htmlTree(maxDepth = 5): fc.Arbitrary<MarkupNode> {
  const { node } = fc.letrec<{ node: MarkupNode; child: MarkupNode | string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      fc.record({ tag: fc.constantFrom(...HTML_VOID), attrs: fc.array(htmlAttr, { maxLength: 2 }), children: fc.constant<Array<MarkupNode | string>>([]), unclosed: fc.constant(true) }),
      fc.record({
        tag: fc.constantFrom(...HTML_TAGS),
        attrs: fc.array(htmlAttr, { maxLength: 2 }),
        children: fc.array(tie('child'), { maxLength: 4 }),
        // One element in six is left unclosed: malformed markup, but most of the tree stays well formed.
        unclosed: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      }),
    ),
    child: fc.oneof({ depthSize: 'small', maxDepth, withCrossShrink: true }, markupText, tie('node')),
  }));
  // An unclosed <script>, <style>, <template>, <title>... swallows the rest of the page (as in a browser): rare, so
  // most pages keep text to read.
  return node.map((n) => (n.unclosed && RAW_TEXT.has(n.tag) ? { ...n, unclosed: false } : n));
}

const RAW_TEXT = new Set(['script', 'style', 'template', 'title', 'noscript', 'iframe', 'svg', 'textarea']);

/** Serialises a markup tree (HTML or XML: the same writer; attributes are escaped, text is as generated). */
export function serialize(n: MarkupNode | string): string {
  if (typeof n === 'string') return n;
  const attrs = n.attrs.map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
  const inner = n.children.map(serialize).join('');
  return `<${n.tag}${attrs}>${inner}${n.unclosed ? '' : `</${n.tag}>`}`;
}

/** A fraction in [0, 1], uniform. (fc.double is uniform over the floats' bit patterns, most of which are tiny, and
 * biased to 0; without noBias nearly every cut would be at the start.) */
export const fraction: fc.Arbitrary<number> = fc.noBias(fc.integer({ min: 0, max: 1000 })).map((k) => k / 1000);

/** Cuts a string at a generated fraction of its length (truncated downloads), or keeps it whole. */
function maybeTruncated(s: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const cut = fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fraction });
  return fc.tuple(s, cut).map(([x, f]) => (f === null ? x : x.slice(0, Math.floor(x.length * f))));
}

const timeText = fc.oneof(
  fc.constantFrom(
    '2025-08-21T14:05:00+02:00', '2025-08-21T14:05:00Z', '2025-08-21', 'Thu, 21 Aug 2025 14:05:00 GMT', 'Thu, 21 Aug 2025 14:05:00 +0200',
    '2025-02-30T25:61:00Z', '21/08/2025', 'yesterday', '', '0', '-1', '99999-01-01T00:00:00Z', '1970-01-01T00:00:00.000000001Z',
  ),
  nastyText(4),
);

const jsonLdAuthor = fc.oneof(
  fc.constantFrom('Jane Doe', 'By Jane Doe', '', 'Reuters'),
  fc.record({ '@type': fc.constantFrom('Person', 'Organization'), name: fc.oneof(fc.constantFrom('Jane Doe', 'John Smith'), nastyText(4)) }),
  fc.array(fc.record({ name: fc.oneof(fc.constantFrom('Jane Doe', 'John Smith'), nastyText(4)) }), { maxLength: 3 }),
  nastyText(4),
);

/** A JSON-LD block: a news article or live blog with random fields, now and then not valid JSON. */
const jsonLd: fc.Arbitrary<string> = fc
  .tuple(
    fc.record(
      {
        '@context': fc.constant('https://schema.org'),
        '@type': fc.constantFrom('NewsArticle', 'LiveBlogPosting', 'ReportageNewsArticle', 'WebPage', 'Article', 'Nonsense'),
        headline: fc.oneof(fc.array(sentence, { minLength: 1, maxLength: 2 }).map((s) => s.join(' ')), nastyText(8)),
        author: jsonLdAuthor,
        datePublished: timeText,
        dateModified: timeText,
        publisher: fc.record({ name: fc.oneof(fc.constantFrom('Reuters', 'BBC News'), nastyText(3)) }),
        inLanguage: fc.constantFrom('en', 'en-GB', 'fr', 'xx', ''),
        articleBody: fc.array(sentence, { maxLength: 4 }).map((s) => s.join(' ')),
        liveBlogUpdate: fc.array(
          fc.record(
            {
              '@type': fc.constant('BlogPosting'),
              headline: fc.oneof(sentence, nastyText(5)),
              articleBody: fc.oneof(fc.array(sentence, { maxLength: 3 }).map((s) => s.join('\n\n')), nastyText(10)),
              datePublished: timeText,
              author: jsonLdAuthor,
            },
            { requiredKeys: [] },
          ),
          { maxLength: 4 },
        ),
      },
      { requiredKeys: ['@type'] },
    ),
    fc.constantFrom('ok', 'ok', 'ok', 'broken', 'graph', 'array'),
  )
  .map(([o, how]) => {
    const json = how === 'graph' ? { '@context': 'https://schema.org', '@graph': [o] } : how === 'array' ? [o] : o;
    const s = JSON.stringify(json).replace(/</g, '\\u003c');
    return how === 'broken' ? s.slice(0, Math.max(1, s.length >> 1)) : s;
  });

const metaTag = fc
  .tuple(
    fc.constantFrom('property="og:title"', 'property="og:site_name"', 'property="article:published_time"', 'name="author"', 'name="description"', 'property="og:url"', 'name="date"', 'itemprop="datePublished"'),
    fc.oneof(timeText, nastyText(5), fc.constantFrom('https://example.com/live/2025/aug/21/x', 'Jane Doe', 'Reuters')),
  )
  .map(([k, v]) => `<meta ${k} content="${escapeXml(v)}">`);

const para = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => `<p>${escapeXml(s.join(' '))}</p>`);

/** An article container with a headline, a byline, a time and paragraphs; the random trees go between them. */
const articleShell: fc.Arbitrary<(trees: string[]) => string> = fc
  .tuple(
    fc.constantFrom('article', 'div class="article-body"', 'main', 'div class="liveblog"', 'section'),
    fc.oneof(sentence, nastyText(6)),
    fc.constantFrom('<p class="byline">By Jane Doe</p>', '<span class="author">Jane Doe and John Smith</span>', '', '<address>Reuters</address>'),
    fc.constantFrom('<time datetime="2025-08-21T14:05:00+02:00">21 August 2025</time>', '<time>yesterday</time>', '', '<p>Updated at 14.05 BST</p>'),
    fc.array(para, { minLength: 2, maxLength: 8 }),
  )
  .map(([tag, h1, by, time, paras]) => (trees: string[]) => {
    const name = tag.split(' ')[0]!;
    const inner = paras.flatMap((p, i) => (i < trees.length ? [p, trees[i]!] : [p]));
    return `<${tag}><h1>${escapeXml(h1)}</h1>${by}${time}${inner.join('')}${trees.slice(paras.length).join('')}</${name}>`;
  });

/** A whole HTML page: perhaps a doctype, a head with title, meta and JSON-LD, then a body of generated trees. */
export function htmlPage(maxDepth = 4): fc.Arbitrary<string> {
  return maybeTruncated(
    fc
      .tuple(
        fc.constantFrom('<!doctype html>', '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">', '', '<?xml version="1.0"?>', '<!-- comment -->'),
        fc.constantFrom('', ' lang="en"', ' lang="fr"', ' lang=""', ' dir="rtl" lang="ar"'),
        fc.option(fc.oneof(sentence, nastyText(5)), { nil: null }),
        fc.array(metaTag, { maxLength: 4 }),
        fc.array(jsonLd, { maxLength: 2 }),
        fc.array(htmlTree(maxDepth), { minLength: 1, maxLength: 4 }),
        fc.option(articleShell, { freq: 3 }),
      )
      .map(([doctype, lang, title, metas, lds, trees, article]) => {
        // Most pages get an article of real paragraphs (so readers get past "no readable text" and the layers
        // run), with the random trees around it and inside it.
        const body = article === null ? trees.map(serialize).join('') : article(trees.map(serialize));
        return (
        `${doctype}<html${lang}><head><meta charset="utf-8">` +
        `${doctype}<html${lang}><head><meta charset="utf-8">` +
        (title === null ? '' : `<title>${escapeXml(title)}</title>`) +
        metas.join('') +
        lds.map((j) => `<script type="application/ld+json">${j}</script>`).join('') +
        `</head><body>${body}</body></html>`
        );
      }),
  );
}

/** Element names feeds are made of, with and without namespace prefixes, for random XML inside items. */
const FEED_NAMES = ['title', 'link', 'description', 'content:encoded', 'dc:creator', 'pubDate', 'guid', 'author', 'category', 'media:content', 'summary', 'p', 'item', 'entry', 'x:y'] as const;

const xmlTree: fc.Arbitrary<MarkupNode> = fc.letrec<{ node: MarkupNode; child: MarkupNode | string }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...FEED_NAMES),
    attrs: fc.array(fc.tuple(fc.constantFrom('href', 'rel', 'type', 'rdf:about', 'isPermaLink'), fc.oneof(fc.constantFrom('alternate', 'html', 'text', 'self'), nastyText(3))), { maxLength: 2 }),
    children: fc.array(tie('child'), { maxLength: 3 }),
    unclosed: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  }),
  // Raw '<' and '&' in text make most feeds unreadable XML (an InputError): kept, but rare.
  child: fc.oneof({ depthSize: 'small', maxDepth: 3, withCrossShrink: true }, fc.oneof({ weight: 6, arbitrary: nastyText(8).map(escapeXml) }, { weight: 1, arbitrary: markupText }), tie('node')),
})).node;

/** Item content: escaped HTML, HTML in CDATA, plain text, or nothing. */
const itemHtml: fc.Arbitrary<string> = fc.oneof(
  fc.array(htmlTree(3), { maxLength: 3 }).map((t) => escapeXml(t.map(serialize).join(''))),
  fc.array(htmlTree(3), { maxLength: 3 }).map((t) => `<![CDATA[${t.map(serialize).join('').replace(/]]>/g, '')}]]>`),
  fc.array(sentence, { maxLength: 4 }).map((s) => escapeXml(s.join('\n\n'))),
  nastyText(10).map(escapeXml),
  nastyText(10).map((t) => `<![CDATA[${t.replace(/]]>/g, '')}]]>`),
);

interface FeedItem {
  title: string | null;
  link: string | null;
  time: string | null;
  author: string | null;
  summary: string | null;
  content: string | null;
  id: string | null;
  extra: MarkupNode[];
}

const feedItem: fc.Arbitrary<FeedItem> = fc.record({
  title: fc.option(fc.oneof(sentence.map(escapeXml), nastyText(5).map(escapeXml), fc.constantFrom('a < b & c', '<b>bold</b> title')), { nil: null }),
  link: fc.option(fc.oneof(fc.constantFrom('https://example.com/a', 'https://example.com/live/x', 'not a url', ''), nastyText(3).map(escapeXml)), { nil: null }),
  time: fc.option(timeText.map(escapeXml), { nil: null }),
  author: fc.option(fc.oneof(fc.constantFrom('jane@example.com (Jane Doe)', 'jane@example.com', 'Jane Doe', ''), nastyText(3).map(escapeXml)), { nil: null }),
  summary: fc.option(itemHtml, { nil: null }),
  content: fc.option(itemHtml, { nil: null }),
  id: fc.option(fc.oneof(fc.constantFrom('urn:x:1', 'urn:x:1', '1'), nastyText(3).map(escapeXml)), { nil: null }),
  extra: fc.array(xmlTree, { maxLength: 2 }),
});

const el = (tag: string, body: string | null, attrs = '') => (body === null ? '' : `<${tag}${attrs}>${body}</${tag}>`);

function rssItem(i: FeedItem): string {
  return `<item>${el('title', i.title)}${el('link', i.link)}${el('pubDate', i.time)}${el('author', i.author)}${el('dc:creator', i.author)}` +
    `${el('description', i.summary)}${el('content:encoded', i.content)}${el('guid', i.id)}${i.extra.map(serialize).join('')}</item>`;
}

function atomEntry(i: FeedItem): string {
  return `<entry>${el('title', i.title, ' type="html"')}${i.link === null ? '' : `<link rel="alternate" href="${escapeXml(i.link)}"/>`}` +
    `${el('updated', i.time)}${i.author === null ? '' : `<author><name>${i.author}</name></author>`}${el('summary', i.summary, ' type="html"')}` +
    `${el('content', i.content, ' type="html"')}${el('id', i.id)}${i.extra.map(serialize).join('')}</entry>`;
}

function rdfItem(i: FeedItem): string {
  return `<item rdf:about="${escapeXml(i.link ?? 'x')}">${el('title', i.title)}${el('link', i.link)}${el('dc:date', i.time)}` +
    `${el('dc:creator', i.author)}${el('description', i.summary)}${i.extra.map(serialize).join('')}</item>`;
}

/** A whole feed: RSS 2.0, Atom or RSS 1.0 (RDF), with generated items, now and then truncated. */
export const feedXml: fc.Arbitrary<string> = maybeTruncated(
  fc
    .tuple(
      fc.constantFrom('rss', 'atom', 'rdf'),
      fc.constantFrom('<?xml version="1.0" encoding="utf-8"?>', '', '<?xml version="1.0"?><!-- c -->', '<?xml-stylesheet href="x.xsl"?>'),
      fc.oneof(fc.constantFrom('BBC News', 'Reuters'), nastyText(3).map(escapeXml)),
      fc.constantFrom('en-us', 'fr', '', 'xx-yy', 'EN'),
      fc.array(feedItem, { minLength: 1, maxLength: 4 }),
    )
    .map(([kind, decl, title, lang, items]) => {
      if (kind === 'rss') {
        return `${decl}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
          `<channel><title>${title}</title><language>${lang}</language>${items.map(rssItem).join('')}</channel></rss>`;
      }
      if (kind === 'atom') {
        return `${decl}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}"><title>${title}</title>${items.map(atomEntry).join('')}</feed>`;
      }
      return `${decl}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
        `<channel rdf:about="x"><title>${title}</title></channel>${items.map(rdfItem).join('')}</rdf:RDF>`;
    }),
);
