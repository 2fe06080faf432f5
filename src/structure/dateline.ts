import { AGENCIES, DATELINE_NOT_PLACES, escapeRegExp } from './data.js';

// A story's dateline: a wire's "KYIV, Aug 20 (Reuters) -", "WASHINGTON (AP) —", "Paris, 20 August (AFP) -", or a
// newspaper's own "WASHINGTON —", "SACRAMENTO, Calif. —", "LONDON -". The dateline is not part of the paragraph's
// prose: read as its first words, "WASHINGTON" became the subject of the sentence and the speaker of its report.

const MONTHS = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const DATE = String.raw`(?:,\s+(?:(?:${MONTHS})\.?\s+\d{1,2}|\d{1,2}\s+(?:${MONTHS})))?`;
const AGENCY = [...AGENCIES.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
const WIRE_DATELINE = new RegExp(
  String.raw`^([A-Z][A-Za-z.'’-]*(?:[ -][A-Z][A-Za-z.'’-]*){0,3}(?:,\s+[A-Z][A-Za-z.'’ -]{1,30})?)` +
    DATE + String.raw`\s+\((${AGENCY})\)\s*[-–—―]+\s*`,
);
/** A newspaper's dateline: one to four upper-case words (the place), an optional region or country of one to three
 * capitalised words with a lower-case letter or a full stop ("Calif.", "Iowa", "N.H."; not a headline's ", BUT
 * ECONOMY FAVORS TRUMP"), an optional date, then a dash set off by spaces (a hyphen only so: "LONDON -"; a dash
 * also right after the place: "WASHINGTON—"). */
const LOCAL_DATELINE = new RegExp(
  String.raw`^([A-Z][A-Z.'’-]*[A-Z.](?: [A-Z][A-Z.'’-]*[A-Z.]){0,3})(,\s+[A-Z](?=[A-Za-z.'’ ]*[a-z.])[A-Za-z.'’]*(?: [A-Z][A-Za-z.'’]*){0,2})?` +
    DATE + String.raw`(?:\s*[–—―]+|\s+-{1,2})\s+`,
);

export interface Dateline {
  /** Length of the dateline, its dash included, the space after it not. */
  length: number;
  place: string;
  /** The wire agency named in it, with its offsets in the paragraph; null in a newspaper's own dateline. */
  agency: { name: string; start: number; end: number } | null;
}

/** The dateline opening a paragraph, or null. */
export function readDateline(paragraph: string): Dateline | null {
  const head = paragraph.slice(0, 120);
  const wire = WIRE_DATELINE.exec(head);
  if (wire) {
    const start = wire[0].lastIndexOf('(' + wire[2]!) + 1;
    return {
      length: wire[0].trimEnd().length,
      place: wire[1]!,
      agency: { name: AGENCIES.get(wire[2]!) ?? wire[2]!, start, end: start + wire[2]!.length },
    };
  }
  const local = LOCAL_DATELINE.exec(head);
  // At least two letters of the place; a label is no place ("BREAKING —").
  if (!local || local[1]!.replace(/[^A-Z]/g, '').length < 2 || DATELINE_NOT_PLACES.has(local[1]!.replace(/’/g, "'"))) return null;
  return { length: local[0].trimEnd().length, place: local[1]!, agency: null };
}
