import { AGENCIES } from './data.js';

// Reading people's names out of bylines and author/time lines ("Jane Doe", "By Jane Doe and John Roe",
// "Reuters | Jane Doe"). A line counts only when every part is a plausible name or a known agency.

/** Longest name, in words, accepted in a byline. */
export const MAX_NAME_WORDS = 5;
/** Lower-case words allowed inside a name (de Gaulle, van der Leyen, bin Salman, al-Sisi). */
const PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'del', 'della', 'da', 'di', 'du', 'la', 'le', 'bin', 'al', 'el', 'ben', 'ter', 'dos', 'das', 'y']);
const NAME_WORD = /^(?:[A-Z\u00c0-\u00de][\p{L}\p{M}'’.-]*|[A-Z]\.)$/u;
/** Words that mark a byline part as a job title rather than a name ("Jane Doe, Political Editor"). */
const ROLE_WORDS = /\b(?:editor|correspondent|reporter|writer|producer|journalist|columnist|staff|bureau|chief|analyst|contributor|presenter)\b/i;
const SEPARATORS = /\s*(?:,|&|\band\b|\|)\s*/;

export interface NameParts {
  /** Each name with its offset inside the parsed string. */
  names: Array<{ name: string; start: number; end: number }>;
  credit: { name: string; start: number; end: number } | null;
}

export function isNameWord(w: string): boolean {
  return NAME_WORD.test(w) || PARTICLES.has(w);
}

/** True when `s` is a person's name: 2–5 words, capitalised except for particles, at least two capitalised. */
export function looksLikeName(s: string): boolean {
  const words = s.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > MAX_NAME_WORDS) return false;
  let capitals = 0;
  for (const w of words) {
    if (NAME_WORD.test(w)) capitals++;
    else if (!PARTICLES.has(w)) return false;
  }
  return capitals >= 2 && !AGENCIES.has(s);
}

/** Most words of a description before the name in a "By" line. */
const DESCRIPTION_MAX_WORDS = 5;

/** "Former Olympic champion Ruth Adeyemi" after "By": the name that ends the phrase, when the words before it describe
 * (at most DESCRIPTION_MAX_WORDS, one of them in lower case: "champion", "correspondent"). */
function describedName(text: string): string | null {
  const words = text.split(/\s+/);
  for (const n of [3, 2]) {
    if (words.length <= n || words.length - n > DESCRIPTION_MAX_WORDS) continue;
    const name = words.slice(-n).join(' ');
    const before = words.slice(0, -n);
    if (looksLikeName(name) && before.some((w) => /^\p{Ll}/u.test(w)) && before.every((w) => /^[\p{L}-]+$/u.test(w))) return name;
  }
  return null;
}

/**
 * Splits a byline string into names and an agency credit. Returns null when any part is neither, so prose is never
 * read as a byline. A leading "By" is dropped; a trailing role after a comma ("Jane Doe, Political Editor") is kept
 * out of the names, and so is a description before the one name of a "By" line ("By Former Olympic champion Ruth
 * Adeyemi").
 */
export function parseNames(s: string): NameParts | null {
  const lead = /^(?:(?:written |edited |words )?by)\s+/i.exec(s);
  const offset = lead ? lead[0].length : 0;
  const body = s.slice(offset);
  const out: NameParts = { names: [], credit: null };
  let pos = 0;
  const parts: Array<{ text: string; start: number }> = [];
  const sep = new RegExp(SEPARATORS.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = sep.exec(body)) !== null) {
    if (m[0].length === 0) {
      sep.lastIndex++;
      continue;
    }
    parts.push({ text: body.slice(pos, m.index), start: pos });
    pos = m.index + m[0].length;
  }
  parts.push({ text: body.slice(pos), start: pos });
  for (const part of parts) {
    const text = part.text.trim();
    if (!text) continue;
    const start = offset + part.start + (part.text.length - part.text.trimStart().length);
    const agency = AGENCIES.get(text);
    if (agency && !out.credit) {
      out.credit = { name: agency, start, end: start + text.length };
    } else if (out.names.length > 0 && ROLE_WORDS.test(text) && /^[\p{L} -]{2,40}$/u.test(text)) {
      continue; // a role after the name
    } else if (looksLikeName(text)) {
      out.names.push({ name: text, start, end: start + text.length });
    } else {
      const described = lead && parts.length === 1 ? describedName(text) : null;
      if (!described) return null;
      out.names.push({ name: described, start: start + text.length - described.length, end: start + text.length });
    }
  }
  return out.names.length || out.credit ? out : null;
}
