import { AGENCIES, BOILERPLATE_PATTERNS, CONTRIBUTOR_PATTERNS, CAPTION_LEAD_INS, escapeRegExp, PICTURE_AGENCIES } from './data.js';
import type { Line } from './lines.js';
import { type NameParts, parseNames } from './names.js';
import { parseStamp, type Stamp } from './timestamp.js';

// What one line looks like on its own. The layout passes (front matter, posts, body) decide from these and from
// the lines around it.

/** A line of more words than this is prose even without final punctuation (a scraped paragraph that lost its stop). */
export const TITLE_MAX_WORDS = 25;
/** Lines longer than this are never tested against the boilerplate and caption patterns (they are paragraphs). */
export const SHORT_LINE_CHARS = 400;

export interface LineFeatures {
  boilerplate: boolean;
  /** A caption: ends with a picture credit ("(Reuters)", "Photo / Getty Images", "Photograph: AP"). */
  caption: boolean;
  /** A contributor credit line: "Reporting by ...; Editing by ...". */
  contributors: boolean;
  /** A short line carrying a year: a date line in a form the stamp grammar does not read (another language, say). */
  dateish: boolean;
  /** The whole line is an agency credit: "(AP)", "Reuters". */
  creditOnly: string | null;
  /** Author/time or time marker line, with the names it carries. */
  stamp: (Stamp & { names: NameParts | null }) | null;
  /** A byline without a time: "By Jane Doe", "Jane Doe and John Roe". */
  byline: NameParts | null;
  /** Ends like a sentence (. ! … possibly inside closing quotes). */
  terminal: boolean;
  /** Ends with a colon: introduces what follows (a list, a related-article card). */
  leadIn: boolean;
  question: boolean;
  /** Short, no final stop, starts with a capital, digit or quote: a title, heading or card title. */
  titleLike: boolean;
  /** Starts "Watch:", "Video:", "Listen:": a post title whose next line is the media's caption. */
  media: boolean;
}

/** Characters at the end of a line searched for a picture credit. */
export const CAPTION_TAIL_CHARS = 110;
/** A date line in an unknown form is short and carries a year and another number (day or time). */
export const DATEISH_MAX_WORDS = 8;
const YEAR = /\b(?:19|20)\d{2}\b/;
const TERMINAL = /[.!…]["”’'»)\]]*$/;
const QUESTION = /\?["”’'»)\]]*$/;
const TITLE_START = /^["“‘'«(]?[\p{Lu}\p{N}]/u;
const MEDIA_LEAD = /^(?:watch|video|listen|in pictures|in pics|gallery|audio)\s*[:|–-]\s*\S/i;

const agencyAlternation = [...new Set([...PICTURE_AGENCIES, ...AGENCIES.keys()])]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
/** "... (Reuters)", "... (AFP via Getty Images)", "... (Photo: Jane Doe/AP)". */
const CAPTION_PAREN = new RegExp(String.raw`\((?:(?:${CAPTION_LEAD_INS.join('|')})\s*[:/]\s*[^()]{1,60}|[^()]{0,40}\b(?:${agencyAlternation})(?:/[^()]{1,30})?)\)$`);
/** "... Photo / Getty Images", "... Photograph: Jane Doe/Reuters", "Image: AP". */
const CAPTION_LEAD = new RegExp(String.raw`(?:^|[\s.])(?:${CAPTION_LEAD_INS.join('|')})\s*[:/|]\s*[^.]{1,80}$`);
const CREDIT_ONLY = new RegExp(String.raw`^[(\[]?\s*(${[...AGENCIES.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})\s*[)\]]?$`);

export function lineFeatures(line: Line): LineFeatures {
  const t = line.text;
  const short = t.length <= SHORT_LINE_CHARS;
  const boilerplate = short && BOILERPLATE_PATTERNS.some((p) => p.test(t));
  const creditMatch = short ? CREDIT_ONLY.exec(t) : null;
  const creditOnly = creditMatch ? AGENCIES.get(creditMatch[1]!) ?? null : null;
  // A credit sits at the end of a caption: only the line's tail is searched.
  const tail = t.length > CAPTION_TAIL_CHARS ? t.slice(-CAPTION_TAIL_CHARS) : t;
  const caption = short && !boilerplate && !creditOnly && ((t.endsWith(')') && CAPTION_PAREN.test(tail)) || CAPTION_LEAD.test(tail));
  let stamp: LineFeatures['stamp'] = null;
  const parsed = short ? parseStamp(t) : null;
  if (parsed) {
    const names = parsed.prefix ? parseNames(parsed.prefix) : null;
    // The text before the time must be names/credit, or nothing (a bare time or date line).
    if (parsed.prefix === '' || names) stamp = { ...parsed, names };
  }
  const terminal = TERMINAL.test(t);
  const leadIn = t.endsWith(':');
  const question = QUESTION.test(t);
  const contributors = short && !boilerplate && CONTRIBUTOR_PATTERNS.some((p) => p.test(t));
  const dateish = line.words <= DATEISH_MAX_WORDS && YEAR.test(t) && /\d/.test(t.replace(YEAR, ''));
  const titleLike =
    !contributors &&
    !terminal && !leadIn && line.words <= TITLE_MAX_WORDS && TITLE_START.test(t) && !boilerplate && !caption && !stamp;
  const byline = short && !stamp && !creditOnly && line.words <= 12 && !terminal ? parseNames(t) : null;
  return {
    boilerplate,
    caption,
    contributors,
    dateish,
    creditOnly,
    stamp,
    byline: byline && byline.names.length > 0 ? byline : null,
    terminal,
    leadIn,
    question,
    titleLike,
    media: MEDIA_LEAD.test(t),
  };
}
