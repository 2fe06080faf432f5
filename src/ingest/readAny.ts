// Picks the reader by content, not only by extension: gzip is unpacked, then an RSS/RDF/Atom root means a feed,
// HTML markup (or an .html name with markup in it) means a web page, and anything else is scraped plain text.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputError, looksBinary } from './decode.js';
import type { IngestedDoc, IngestFailure } from './document.js';
import { looksLikeFeed, readFeedBytes } from './feed/readFeed.js';
import { readHtmlBytes } from './html/readHtml.js';
import { checkedFileSize, MAX_FILE_BYTES, readTextFile } from './textFile.js';

/** Pages and feeds larger than this on disk are refused (a news page is rarely over 5 MB; 20 MB pages are read). */
export const MAX_MARKUP_BYTES = 64 * 1024 * 1024;
/** A gzip file may unpack to this at most: guards against decompression bombs. */
export const MAX_GUNZIP_BYTES = 128 * 1024 * 1024;
/** Bytes looked at to tell HTML or a feed from plain text. */
const SNIFF_BYTES = 4096;

export type InputKind = 'html' | 'feed' | 'text';

/** What the bytes are. Markup is recognised by its first tag, or by an .htm(l) name with a tag near the start. */
export function sniffKind(bytes: Uint8Array, name: string): InputKind {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString('latin1')
    .replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '')
    .replace(/\x00/g, '');
  if (looksLikeFeed(head)) return 'feed';
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b/i.test(head)) return 'html';
  if (/\.(x?html?|shtml|php|aspx?)(\.gz)?$/i.test(name) && /<[a-z!][^>]*>/i.test(head)) return 'html';
  return 'text';
}

function idOf(path: string): string {
  return basename(path).replace(/\.gz$/i, '').replace(/\.[^.]+$/, '');
}

function readBytes(path: string): Buffer {
  // Plain text may be as large as the text reader allows; pages and feeds are parsed whole, so they get less.
  const text = /\.(txt|text)$/i.test(path);
  checkedFileSize(path, text ? MAX_FILE_BYTES : MAX_MARKUP_BYTES, text ? 'the' : 'the pages-and-feeds');
  return readFileSync(path);
}

function gunzip(bytes: Buffer): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_GUNZIP_BYTES });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new InputError(`unpacks to more than ${MAX_GUNZIP_BYTES} bytes; refused`);
    throw new InputError(`is not valid gzip (${(e as Error).message})`);
  }
}

/** Every document in the file (a feed gives many), and a failure for each part that could not be read. Throws
 * InputError when the file as a whole cannot be read. */
export function readAnyItems(path: string): Array<IngestedDoc | IngestFailure> {
  // Plain text by name goes straight to the text reader (it has its own size bound and checks).
  if (/\.(txt|text)$/i.test(path)) return [readTextFile(path)];
  let bytes = readBytes(path);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzip(bytes);
  else if (/\.gz$/i.test(path)) throw new InputError('is named .gz but is not gzip');
  if (bytes.length === 0) throw new InputError('the file is empty');
  if (looksBinary(bytes)) throw new InputError('the file looks binary, not a web page, feed or text');
  const kind = sniffKind(bytes, path);
  if (kind === 'feed') return readFeedBytes(bytes, path);
  if (kind === 'html') return [readHtmlBytes(bytes, { id: idOf(path), source: { path } })];
  return [readTextFile(path)];
}

/** The documents in a file; throws InputError when none could be read. */
export function readAny(path: string): IngestedDoc[] {
  const items = readAnyItems(path);
  const docs = items.filter((x): x is IngestedDoc => (x as IngestFailure).error === undefined);
  if (!docs.length) throw new InputError((items[0] as IngestFailure | undefined)?.error ?? 'has no documents');
  return docs;
}
