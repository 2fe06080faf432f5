// Bytes to text: BOM, UTF-8 validation, a windows-1252 fallback, and repair of double-encoded UTF-8 (mojibake).
import iconv from 'iconv-lite';

export class InputError extends Error {}

/** Share of control characters (other than tab, CR, LF, FF) above which bytes are taken for a binary file. */
export const BINARY_CONTROL_SHARE = 0.02;
/** Bytes sampled to tell binary from text. */
export const BINARY_SAMPLE_BYTES = 8192;

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** Number of mojibake runs repaired. */
  repaired: number;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// Node's own TextDecoder('windows-1252') decodes as ISO-8859-1 (0x93 stays U+0093), so iconv-lite does this one.
const decodeCp1252 = (bytes: Uint8Array): string => iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), 'win1252');

export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SAMPLE_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return n > 0 && control / n > BINARY_CONTROL_SHARE;
}

/** Decodes a file's bytes. Throws InputError for empty or binary input. */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new InputError('the file is empty');
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', repaired: 0 };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', repaired: 0 };
  }
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  if (looksBinary(body)) throw new InputError('the file looks binary, not text');
  let text: string;
  let encoding: Decoded['encoding'] = 'utf-8';
  try {
    text = utf8Strict.decode(body);
  } catch {
    text = decodeCp1252(body);
    encoding = 'windows-1252';
  }
  const fixed = repairMojibake(text);
  return { text: fixed.text, encoding, repaired: fixed.repaired };
}

// A run of characters that windows-1252 maps single bytes to, starting with a UTF-8 lead byte's character
// (Â..ô = 0xC2..0xF4) and followed by continuation-byte characters: the shape UTF-8 takes when decoded as cp1252.
const CP1252_HIGH = '\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122';
const MOJIBAKE_RUN = new RegExp(`[\u00c2-\u00f4][${CP1252_HIGH}]+`, 'g');

// Character → byte for both ways mojibake is made: decoding UTF-8 bytes as windows-1252 (0x80 → €) and as Latin-1,
// whose C1 controls (U+0080..U+009F) also stand for the bytes windows-1252 leaves undefined.
const encodeTable: Map<string, number> = (() => {
  const m = new Map<string, number>();
  for (let b = 0x80; b <= 0xff; b++) {
    m.set(String.fromCharCode(b), b);
    const ch = decodeCp1252(Uint8Array.of(b));
    if (ch !== '\ufffd') m.set(ch, b);
  }
  return m;
})();

/**
 * Repairs runs of double-encoded UTF-8 ("Â£" → "£", "â€™" → "’"): each candidate run is turned back into the bytes
 * windows-1252 would give, and every UTF-8 sequence in them that is valid is decoded; the characters of the run that
 * do not form one are left as they are. So genuine Latin-1 text ("Âge", "São") is left alone, and a genuine accented
 * letter right before mojibake ("éâ€™") does not stop the mojibake being repaired.
 */
export function repairMojibake(text: string): { text: string; repaired: number } {
  let repaired = 0;
  const out = text.replace(MOJIBAKE_RUN, (run) => {
    const bytes: number[] = [];
    for (const ch of run) {
      const b = encodeTable.get(ch);
      if (b === undefined) return run;
      bytes.push(b);
    }
    // Every character of the run is one byte here (the class holds only BMP characters), so byte i is run[i].
    let result = '';
    let i = 0;
    while (i < bytes.length) {
      const n = utf8Length(bytes[i]!);
      let decoded: string | null = null;
      if (n > 1 && i + n <= bytes.length) {
        try {
          decoded = utf8Strict.decode(Uint8Array.from(bytes.slice(i, i + n)));
        } catch {
          decoded = null;
        }
      }
      if (decoded !== null && plausibleRepair(decoded, bytes, i, n)) {
        result += decoded;
        repaired++;
        i += n;
      } else {
        result += run[i];
        i++;
      }
    }
    return result;
  });
  return { text: out, repaired };
}

// A repair that yields a combining mark, an unassigned or private-use code point or a control character is a
// coincidence of genuine text (e.g. "Ö" + en dash, bytes D6 96, is a Hebrew accent), not mojibake.
const IMPLAUSIBLE_REPAIR = /[\p{M}\p{Cn}\p{Co}\p{Cc}]/u;
/** No-break space as the 2nd..4th byte of a 3- or 4-byte sequence: French typography puts it between an accented
 * letter and a guillemet ("marché\u00a0»", bytes E9 A0 BB), which would otherwise "repair" into a CJK character. */
const NBSP_BYTE = 0xa0;

function plausibleRepair(decoded: string, bytes: number[], at: number, n: number): boolean {
  if (IMPLAUSIBLE_REPAIR.test(decoded)) return false;
  for (let k = at + 1; n > 2 && k < at + n; k++) if (bytes[k] === NBSP_BYTE) return false;
  return true;
}

/** Length of the UTF-8 sequence a lead byte starts (0xC2..0xF4), or 1 for any other byte. */
function utf8Length(b: number): number {
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 1;
}
