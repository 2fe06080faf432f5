// A page's metadata from, in order of trust: schema.org JSON-LD, OpenGraph / article: properties, then other meta
// tags and the document itself (<title>, <html lang>, <link rel=canonical>).
import { decodeEntities, type Document, normalizeSpace } from './dom.js';
import { type LdNode, ldNames, ldString, typesOf } from './jsonld.js';

/** schema.org types that describe the page's article (the node whose fields we take), most specific first. */
export const ARTICLE_TYPES = [
  'LiveBlogPosting', 'NewsArticle', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'OpinionNewsArticle',
  'BackgroundNewsArticle', 'ReviewNewsArticle', 'Article', 'BlogPosting', 'Report', 'TechArticle', 'ScholarlyArticle',
  'WebPage',
];

export interface PageMetadata {
  headline: string | null;
  authors: string[];
  /** As the page gives it (ISO 8601 usually, with its offset). */
  published: string | null;
  modified: string | null;
  outlet: string | null;
  language: string | null;
  url: string | null;
  description: string | null;
  /** The JSON-LD node the article fields came from, if any. */
  article: LdNode | null;
  liveBlog: boolean;
}

export function articleNode(nodes: LdNode[]): LdNode | null {
  for (const type of ARTICLE_TYPES) {
    const hit = nodes.find((n) => typesOf(n).includes(type));
    if (hit) return hit;
  }
  return null;
}

/** Every <meta> by its property, name or itemprop (lower case), first non-empty value kept: one pass over the page. */
function metaTable(doc: Document): Map<string, string> {
  const m = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const v = el.getAttribute('content');
    if (!v || !v.trim()) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const k = el.getAttribute(attr)?.toLowerCase();
      if (k && !m.has(k)) m.set(k, normalizeSpace(v));
    }
  }
  return m;
}

/** A value that is a URL (article:author often is a profile link), not a name. */
const looksUrl = (s: string) => /^(https?:)?\/\//i.test(s);

/** "en-GB", "en_GB" → "en". */
function languageCode(v: string | null): string | null {
  if (!v) return null;
  const m = /^([a-z]{2,3})(?:[-_]|$)/i.exec(v.trim());
  return m ? m[1]!.toLowerCase() : null;
}

function splitAuthors(s: string | null): string[] {
  if (!s || looksUrl(s)) return [];
  return s.split(/\s*(?:,|;|\band\b|&)\s*/).map(normalizeSpace).filter((x) => x && !looksUrl(x));
}

const clean = (s: string | null) => (s === null ? null : normalizeSpace(decodeEntities(s)) || null);

export function readMetadata(doc: Document, nodes: LdNode[]): PageMetadata {
  const table = metaTable(doc);
  const meta = (_doc: Document, ...keys: string[]): string | null => {
    for (const k of keys) {
      const v = table.get(k);
      if (v) return v;
    }
    return null;
  };
  const art = articleNode(nodes);
  const pub = art ? ldString((art.publisher as LdNode | undefined)?.name ?? null) : null;
  const org = nodes.find((n) => typesOf(n).some((t) => t === 'NewsMediaOrganization' || t === 'Organization'));
  const site = nodes.find((n) => typesOf(n).includes('WebSite'));
  const canonical = doc.querySelector('link[rel="canonical" i]')?.getAttribute('href') ?? null;
  const ldAuthors = art ? ldNames(art.author).filter((a) => !looksUrl(a)) : [];
  const title = normalizeSpace(doc.title ?? '') || null;
  return {
    headline: clean((art && ldString(art.headline)) ?? meta(doc, 'og:title', 'twitter:title', 'headline') ?? title),
    authors: (ldAuthors.length ? ldAuthors : splitAuthors(meta(doc, 'article:author', 'author', 'byl', 'parsely-author', 'dc.creator', 'sailthru.author'))).map((a) => clean(a)).filter((a): a is string => a !== null),
    published: (art && ldString(art.datePublished)) ?? meta(doc, 'article:published_time', 'og:article:published_time', 'datePublished', 'pubdate', 'publish-date', 'parsely-pub-date', 'sailthru.date', 'dc.date', 'dcterms.created', 'date'),
    modified: (art && ldString(art.dateModified)) ?? meta(doc, 'article:modified_time', 'og:updated_time', 'dateModified', 'last-modified', 'dcterms.modified'),
    outlet: clean(pub ?? meta(doc, 'og:site_name', 'application-name', 'publisher') ?? (org ? ldString(org.name) : null) ?? (site ? ldString(site.name) : null)),
    language: languageCode(doc.documentElement?.getAttribute('lang') ?? null) ?? languageCode(art ? ldString(art.inLanguage) : null) ?? languageCode(meta(doc, 'og:locale', 'content-language', 'language', 'dc.language')),
    url: (canonical && looksUrl(canonical) ? canonical : null) ?? meta(doc, 'og:url') ?? (art ? ldString(art.url ?? null) : null),
    description: clean((art && ldString(art.description)) ?? meta(doc, 'og:description', 'description', 'twitter:description')),
    article: art,
    liveBlog: art !== null && typesOf(art).includes('LiveBlogPosting'),
  };
}

/** A page time to the record's form: ISO 8601 UTC, or YYYY-MM-DD when only the day is given; with the offset stated. */
export function normalizeTime(v: string | null): { utc: string; offset: string | null } | null {
  if (!v) return null;
  const s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return { utc: s, offset: null };
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const zone = m[3] ? (m[3].toUpperCase() === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : null;
    const t = Date.parse(`${m[1]}T${m[2]}${zone ?? 'Z'}`);
    if (Number.isNaN(t)) return null;
    return { utc: new Date(t).toISOString().replace('.000Z', 'Z'), offset: zone === 'Z' ? '+00:00' : zone };
  }
  // Other forms (RFC 822 in feeds: "Tue, 19 Nov 2019 08:00:00 GMT") through Date.parse, which reads them as stated.
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const off = /(?:GMT|UTC|Z)\s*$/i.test(s) ? '+00:00' : /([+-]\d{2}):?(\d{2})\s*$/.exec(s);
  return { utc: new Date(t).toISOString().replace('.000Z', 'Z'), offset: off === null ? null : typeof off === 'string' ? off : `${off[1]}:${off[2]}` };
}
