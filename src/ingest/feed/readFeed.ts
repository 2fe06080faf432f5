// RSS 2.0, RSS 1.0 (RDF) and Atom feeds to documents: one per item, with its link, time, author and text. An item
// that carries only a summary (no content:encoded / Atom content) is read, and its record says so in its notes.
import { InputError } from '../decode.js';
import type { IngestedDoc, IngestFailure } from '../document.js';
import { blocksOf, type DraftBlock } from '../html/blocks.js';
import { decodeMarkup } from '../html/charset.js';
import { normalizeSpace, parseDocument } from '../html/dom.js';
import { layOut } from '../html/layout.js';
import { normalizeTime } from '../html/metadata.js';
import { decodeXmlText, parseFeedXml } from './parse.js';

type Obj = Record<string, unknown>;

export const SUMMARY_ONLY_NOTE = 'ingest: the feed item carries only a summary, not the full article';

/** True when the text looks like a feed: an <rss>, <rdf:RDF> or Atom <feed> root near the start. */
export function looksLikeFeed(head: string): boolean {
  const start = head.replace(/^\uFEFF/, '').slice(0, 4096);
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*<(rss|(?:[\w-]+:)?RDF|feed)\b/i.test(start);
}

const asObj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** The text of an element value: a string, or an object's #text (when it has attributes). */
function textOf(v: unknown): string | null {
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'string') return decodeXmlText(v).trim() || null;
  if (typeof v === 'number') return String(v);
  const o = asObj(v);
  if (o && o['#text'] !== undefined) return textOf(o['#text']);
  return null;
}

/** Atom <link rel="alternate" href>, or RSS <link>text</link>. */
function linkOf(v: unknown): string | null {
  const links = asList(v);
  for (const l of links) {
    const o = asObj(l);
    if (o && typeof o['@_href'] === 'string' && (o['@_rel'] === undefined || o['@_rel'] === 'alternate')) return decodeXmlText(o['@_href']);
  }
  for (const l of links) {
    const t = textOf(l);
    if (t) return t;
  }
  return null;
}

function authorsOf(item: Obj): string[] {
  const out: string[] = [];
  for (const a of [...asList(item.author), ...asList(item.creator), ...asList(item.contributor)]) {
    const o = asObj(a);
    let name = o && o.name !== undefined ? textOf(o.name) : textOf(a);
    if (!name) continue;
    // RSS 2.0 <author> is "email (Name)".
    const m = /^\S+@\S+\s*\((.+)\)$/.exec(name);
    if (m) name = m[1]!;
    else if (/^\S+@\S+$/.test(name)) continue;
    name = normalizeSpace(name);
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** An item's text (HTML or plain) as blocks. */
function blocksOfContent(s: string, isHtml: boolean): DraftBlock[] {
  if (!isHtml && !/<[a-z!/]/i.test(s)) {
    return s.split(/\n\s*\n/).map(normalizeSpace).filter(Boolean).map((text) => ({ type: 'paragraph' as const, text }));
  }
  const doc = parseDocument(`<!doctype html><html><body>${s}</body></html>`);
  return doc.body ? blocksOf(doc.body) : [];
}

function contentOf(item: Obj): { text: string; html: boolean; full: boolean } | null {
  const encoded = textOf(item.encoded);
  if (encoded) return { text: encoded, html: true, full: true };
  const content = item.content;
  const c = textOf(content);
  if (c) {
    const type = String(asObj(content)?.['@_type'] ?? 'text');
    return { text: c, html: /html/i.test(type), full: true };
  }
  const summary = textOf(item.description) ?? textOf(item.summary);
  if (summary) {
    const type = String(asObj(item.summary)?.['@_type'] ?? 'html');
    return { text: summary, html: item.description !== undefined || /html/i.test(type), full: false };
  }
  return null;
}

/** Reads a feed's bytes: documents for its items, failures for items that cannot be read (and for items dropped). */
export function readFeedBytes(bytes: Uint8Array, sourceName: string): Array<IngestedDoc | IngestFailure> {
  const decoded = decodeMarkup(bytes);
  return readFeedString(decoded.text, sourceName);
}

export function readFeedString(xml: string, sourceName: string): Array<IngestedDoc | IngestFailure> {
  const { tree, dropped } = parseFeedXml(xml);
  const rss = asObj(tree.rss);
  const rdf = asObj(tree.RDF);
  const atom = asObj(tree.feed);
  const channel = asObj(rss?.channel) ?? asObj(rdf?.channel) ?? atom;
  if (!channel) throw new InputError('is XML but not an RSS or Atom feed');
  const items = asList(rss ? asObj(rss.channel)?.item : rdf ? rdf.item : atom?.entry);
  const outlet = textOf(channel.title);
  // RSS <language>en-us</language>, Atom xml:lang (the parser drops the xml: prefix).
  const language = /^([a-z]{2,3})(?:[-_]|$)/i.exec(textOf(channel.language) ?? String(channel['@_lang'] ?? ''))?.[1]?.toLowerCase() ?? null;
  const out: Array<IngestedDoc | IngestFailure> = [];
  items.forEach((raw, i) => {
    const where = `${sourceName}#${i + 1}`;
    const item = asObj(raw);
    if (!item) {
      out.push({ source: where, error: 'an empty feed item' });
      return;
    }
    try {
      out.push(readItem(item, where, outlet, language));
    } catch (e) {
      out.push({ source: where, error: e instanceof InputError ? e.message : String(e) });
    }
  });
  if (dropped > 0) out.push({ source: sourceName, error: `has ${dropped} more items beyond the first ${items.length}; they were not read` });
  if (!items.length) out.push({ source: sourceName, error: 'is a feed with no items' });
  return out;
}

function readItem(item: Obj, where: string, outlet: string | null, language: string | null): IngestedDoc {
  const title = textOf(item.title);
  const link = linkOf(item.link) ?? (typeof item.guid === 'string' ? textOf(item.guid) : null) ?? textOf(asObj(item)?.['@_about']);
  const time = normalizeTime(textOf(item.pubDate) ?? textOf(item.date) ?? textOf(item.published) ?? textOf(item.issued) ?? textOf(item.updated) ?? textOf(item.modified));
  const content = contentOf(item);
  const body = content ? blocksOfContent(content.text, content.html) : [];
  if (!title && !body.length) throw new InputError('a feed item with neither title nor text');
  const notes: string[] = [];
  if (!content) notes.push('ingest: the feed item carries no text, only its title');
  else if (!content.full) notes.push(SUMMARY_ONLY_NOTE);
  const { text, hints } = layOut({
    headline: title ? normalizeSpace(title.replace(/<[^>]*>/g, '')) : null,
    authors: authorsOf(item),
    standfirst: null,
    published: time?.utc ?? null,
    modified: null,
    timezone: time?.offset ? { name: time.offset, assumed: false } : null,
    outlet,
    language,
    url: link,
    body,
    posts: [],
  });
  const id = textOf(item.guid) ?? textOf(item.id) ?? link ?? where;
  return {
    id,
    source: link ? { url: link } : { corpus: where },
    text,
    date: time ? time.utc.slice(0, 10) : null,
    outlet,
    url: link,
    notes,
    structureHints: hints,
  };
}
