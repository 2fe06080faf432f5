// Feed XML to a plain tree with fast-xml-parser, safely: entities are never expanded (processEntities off) and a
// DOCTYPE that declares entities is refused outright, which is where entity-expansion bombs ("billion laughs") and
// external entities (file:// or http:// reads) live. Only the five XML entities and character references are decoded,
// by us, per value.
import { XMLParser } from 'fast-xml-parser';
import { InputError } from '../decode.js';

/** Items read from one feed at most; the rest are reported, not read (bounded time and memory on huge feeds). */
export const MAX_FEED_ITEMS = 10_000;
/** Characters scanned for a DOCTYPE at the start of a feed (it must precede the root element). */
const DOCTYPE_SCAN_CHARS = 65_536;

const ARRAY_TAGS = new Set(['item', 'entry', 'link', 'author', 'contributor', 'creator', 'category']);

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // rdf:RDF, dc:creator, content:encoded, atom:link → RDF, creator, encoded, link.
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAY_TAGS.has(name),
});

export interface ParsedFeed {
  tree: Record<string, unknown>;
  /** Items beyond MAX_FEED_ITEMS that were not read. */
  dropped: number;
}

const ITEM_START = /<(?:[\w.-]+:)?(?:item|entry)[\s>/]/g;

export function parseFeedXml(xml: string): ParsedFeed {
  const head = xml.slice(0, DOCTYPE_SCAN_CHARS);
  const doctype = /<!DOCTYPE[\s\S]*?(?:\]\s*>|>)/i.exec(head);
  if (doctype && /<!ENTITY/i.test(doctype[0])) {
    throw new InputError('declares XML entities in its DOCTYPE; refused (entities are never expanded or fetched)');
  }
  // Cut the text before the item past the limit: the parser then sees a bounded document (it closes what is open).
  let count = 0;
  let cut = -1;
  let dropped = 0;
  ITEM_START.lastIndex = 0;
  for (let m = ITEM_START.exec(xml); m; m = ITEM_START.exec(xml)) {
    count++;
    if (count === MAX_FEED_ITEMS + 1) cut = m.index;
    if (count > MAX_FEED_ITEMS) dropped++;
  }
  const source = cut >= 0 ? xml.slice(0, cut) : xml;
  let tree: unknown;
  try {
    tree = parser.parse(source);
  } catch (e) {
    throw new InputError(`is not readable XML (${(e as Error).message})`);
  }
  if (typeof tree !== 'object' || tree === null) throw new InputError('is not a feed');
  return { tree: tree as Record<string, unknown>, dropped };
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references; anything else is left as written. */
export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(lt|gt|amp|quot|apos));/gi, (all, dec: string, hex: string, name: string) => {
    if (name) return XML_ENTITIES[name.toLowerCase()]!;
    const cp = dec ? Number(dec) : parseInt(hex, 16);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : all;
  });
}
