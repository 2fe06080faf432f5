import { AGENCIES, escapeRegExp } from './data.js';

// A wire story's dateline: "KYIV, Aug 20 (Reuters) -", "WASHINGTON (AP) —", "Paris, 20 August (AFP) -".

const MONTHS = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const AGENCY = [...AGENCIES.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
const WIRE_DATELINE = new RegExp(
  String.raw`^([A-Z][A-Za-z.'’-]*(?:[ -][A-Z][A-Za-z.'’-]*){0,3}(?:,\s+[A-Z][A-Za-z.'’ -]{1,30})?)` +
    String.raw`(?:,\s+(?:(?:${MONTHS})\.?\s+\d{1,2}|\d{1,2}\s+(?:${MONTHS})))?\s+\((${AGENCY})\)\s*[-–—]+\s*`,
);

export interface WireDateline {
  /** Length of the dateline, its dash included, the space after it not. */
  length: number;
  place: string;
  agency: string;
  agencyStart: number;
  agencyEnd: number;
}

export function readWireDateline(paragraph: string): WireDateline | null {
  const m = WIRE_DATELINE.exec(paragraph.slice(0, 120));
  if (!m) return null;
  const agencyStart = m[0].lastIndexOf('(' + m[2]!) + 1;
  return {
    length: m[0].trimEnd().length,
    place: m[1]!,
    agency: AGENCIES.get(m[2]!) ?? m[2]!,
    agencyStart,
    agencyEnd: agencyStart + m[2]!.length,
  };
}
