// Bytes of a web page (or feed) to text: BOM, then the charset the document declares (<meta charset>, http-equiv
// Content-Type, an XML declaration), then UTF-8 if the bytes are valid UTF-8, else windows-1252; and the text
// reader's mojibake repair (src/ingest/decode.ts) on the result.
import iconv from 'iconv-lite';
import { InputError, looksBinary, repairMojibake } from '../decode.js';

/** Bytes searched for a charset declaration. Browsers look at 1024 (WHATWG prescan); saved pages often carry a
 * "saved from" comment, scripts or long <head>s before the <meta>, so we look further. */
export const CHARSET_PRESCAN_BYTES = 16384;

export interface DecodedMarkup {
  text: string;
  /** The encoding the text was read in (an iconv-lite / WHATWG label, lower case). */
  encoding: string;
  /** Where the encoding came from. */
  from: 'bom' | 'declared' | 'sniffed';
  repaired: number;
}

// WHATWG: these labels mean windows-1252 in every browser (a page declaring latin-1 is read as cp1252).
const WINDOWS_1252_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'cp1252', 'windows-1252', 'x-cp1252', 'cp819', 'ibm819', 'iso-ir-100', 'csisolatin1', 'iso_8859-1']);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'x-unicode20utf8']);

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The charset a page declares in its first bytes, lower-cased, or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, CHARSET_PRESCAN_BYTES)).toString('latin1');
  // <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">, <?xml ... encoding="x"?>
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (meta) return meta[1]!.toLowerCase();
  const xml = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  return null;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding);
}

/** Decodes a page's bytes. Throws InputError for empty or binary input. */
export function decodeMarkup(bytes: Uint8Array): DecodedMarkup {
  if (bytes.length === 0) throw new InputError('the file is empty');
  let from: DecodedMarkup['from'] = 'sniffed';
  let encoding: string | null = null;
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    body = bytes.subarray(3);
    encoding = 'utf-8';
    from = 'bom';
  } else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return finish(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le', 'bom');
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return finish(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be', 'bom');
  }
  if (looksBinary(body)) throw new InputError('the file looks binary, not a web page or feed');
  if (encoding === null) {
    const declared = declaredCharset(body);
    if (declared !== null) {
      from = 'declared';
      if (UTF8_LABELS.has(declared)) encoding = 'utf-8';
      else if (WINDOWS_1252_LABELS.has(declared)) encoding = 'windows-1252';
      // A UTF-16 declaration inside bytes that are readable as ASCII is a lie browsers also ignore.
      else if (!declared.startsWith('utf-16') && iconv.encodingExists(declared)) encoding = declared;
      else from = 'sniffed';
    }
  }
  // Valid UTF-8 with multi-byte sequences is almost never windows-1252 text by chance, while pages that declare
  // latin-1 and are UTF-8 (a CMS template's old <meta>) are common: the bytes win over a single-byte declaration.
  if (encoding === 'windows-1252' && hasNonAscii(body)) {
    try {
      return finish(utf8Strict.decode(body), 'utf-8', 'sniffed');
    } catch {
      // Not UTF-8: the declaration stands.
    }
  }
  if (encoding === null || encoding === 'utf-8') {
    try {
      return finish(utf8Strict.decode(body), 'utf-8', encoding === null ? 'sniffed' : from);
    } catch {
      return finish(decodeWith(body, 'win1252'), 'windows-1252', 'sniffed');
    }
  }
  return finish(decodeWith(body, encoding === 'windows-1252' ? 'win1252' : encoding), encoding, from);
}

function finish(text: string, encoding: string, from: DecodedMarkup['from']): DecodedMarkup {
  const fixed = repairMojibake(text);
  return { text: fixed.text, encoding, from, repaired: fixed.repaired };
}
