// Roles: offices and descriptions the text gives a person ("Britain's foreign secretary Jane Doe", "General
// Okafor, the chief of the defence staff"), and role phrases standing alone ("the Ukrainian president", "a Western
// official"). A role key (country + office) lets a lone role phrase find the person who holds that role in the text.
import type { Token } from '../pipeline/doc.js';
import type { Candidate } from './candidates.js';
import { lexicon } from './data.js';
import { isCapitalised, possessiveAfter, tokenIndexAt } from './tokens.js';

export interface RolePhrase {
  /** Character span of the phrase (without a leading article). */
  start: number;
  end: number;
  /** With a leading article or possessor, for descriptions of unnamed entities ("a Western official"). */
  fullStart: number;
  /** Country key of the geographic modifier ("country:RU"), or a person's name key for "Macron aide". */
  qualifier: string | null;
  /** Office words, lower case ("foreign minister"). */
  head: string;
  determiner: 'definite' | 'indefinite' | null;
  /** Token index of the role head's last word. */
  headToken: number;
}

/** Lower-case words allowed before an office ("foreign", "prime", "defence"): more are a longer noun phrase. */
export const MAX_ROLE_MODIFIERS = 2;
/** Words an appositive role may span after its article ("the chief of the defence staff"). */
export const MAX_APPOSITIVE_TOKENS = 10;

export function roleKey(r: Pick<RolePhrase, 'qualifier' | 'head'>): string {
  return `${r.qualifier ?? ''}|${r.head}`;
}

/** The role-head phrase ending at token `end` (inclusive), longest first, or null. */
function headEndingAt(tokens: readonly Token[], end: number): { head: string; first: number } | null {
  const lex = lexicon();
  let best: { head: string; first: number } | null = null;
  let words: string[] = [];
  for (let k = end; k >= 0 && end - k < lex.roleHeadMaxWords + 2; k--) {
    const t = tokens[k]!;
    if (t.pos === 'SPACE' || t.pos === 'PUNCT' && t.text !== '-') break;
    if (t.text !== '-') words = [t.text.toLowerCase(), ...words];
    const phrase = words.join(' ');
    const hyphened = tokens.slice(k, end + 1).map((x) => x.text.toLowerCase()).join('');
    if (lex.roleHeads.has(phrase)) best = { head: phrase, first: k };
    else if (lex.roleHeads.has(hyphened)) best = { head: hyphened, first: k };
  }
  return best;
}

/** Builds the role phrase whose office ends at token `headEnd`, extending left over modifiers and a country. */
export function roleEndingAt(tokens: readonly Token[], headEnd: number, byToken: Map<number, Candidate>): RolePhrase | null {
  const found = headEndingAt(tokens, headEnd);
  if (!found) return null;
  let first = found.first;
  const heads = [found.head];
  for (let m = 0; m < MAX_ROLE_MODIFIERS + 1; m++) {
    const t = tokens[first - 1];
    if (!t) break;
    const cand = byToken.get(first - 1);
    // "a Western official", "a senior European diplomat": capitalised adjectives that name no country are modifiers.
    const capitalModifier = isCapitalised(t) && (t.pos === 'ADJ' || t.pos === 'PROPN') && (!cand || cand.type === 'MISC' && cand.entry?.role !== 'demonym');
    if (!capitalModifier && ((t.pos !== 'ADJ' && t.pos !== 'NOUN') || isCapitalised(t) || cand)) break;
    // Another office word is another phrase ("his US counterpart General X" has two).
    if (lexicon().roleHeads.has(t.text.toLowerCase())) break;
    heads.unshift(t.text.toLowerCase());
    first--;
  }
  let qualifier: string | null = null;
  // A country, demonym or person right before: "Russia's", "Russian", "US", "Macron" (aide).
  let k = first - 1;
  if (k >= 0 && /^['’]s?$/.test(tokens[k]!.text)) k--;
  const owner = k >= 0 ? byToken.get(k) : undefined;
  if (owner && (owner.entry?.role === 'country' || owner.entry?.role === 'demonym')) {
    qualifier = owner.entry.role === 'country' ? owner.entry.key : owner.entry.country;
    first = owner.tokenStart;
  } else if (owner && owner.type === 'PERSON') {
    qualifier = `person:${tokens.slice(owner.tokenStart, owner.tokenEnd).map((t) => t.text).join(' ')}`;
    first = owner.tokenStart;
  } else if (owner && owner.type === 'PLACE') {
    qualifier = owner.entry?.key ?? `place:${owner.start}`;
    first = owner.tokenStart;
  }
  const det = tokens[first - 1];
  const d = det?.text.toLowerCase();
  const determiner = d === 'the' || d === 'this' ? 'definite' : d === 'a' || d === 'an' ? 'indefinite' : null;
  return {
    start: tokens[first]!.start,
    end: tokens[headEnd]!.end,
    fullStart: determiner ? det!.start : tokens[first]!.start,
    qualifier,
    head: heads.join(' '),
    determiner,
    headToken: headEnd,
  };
}

/** Roles written right before a person mention ("US secretary of state Marco Rubio", "Italian Admiral ..."). */
export function rolesBefore(c: Candidate, tokens: readonly Token[], byToken: Map<number, Candidate>): RolePhrase[] {
  const lex = lexicon();
  const out: RolePhrase[] = [];
  // A title inside the mention ("President Emmanuel Macron") with a country before it is a role too.
  const title = c.titles.find((t) => !lex.honorifics.has(t));
  if (title) {
    const titleEnd = c.tokenStart + title.split(' ').length - 1;
    const r = roleEndingAt(tokens, titleEnd, byToken);
    if (r) out.push(r);
  }
  let k = (out[0] ? tokenIndexAt(tokens, out[0].start) : c.tokenStart) - 1;
  if (k >= 0 && byToken.has(k) && out[0]) k = byToken.get(k)!.tokenStart - 1;
  if (k < 0 || tokens[k]!.end > c.start) return out;
  const r = roleEndingAt(tokens, k, byToken);
  if (r) out.push(r);
  return out;
}

/** An appositive role after a mention: ", the chief of the defence staff," / ", chairman of the Joint Chiefs". */
export function roleAfter(c: Candidate, tokens: readonly Token[], text: string): { start: number; end: number; head: string } | null {
  const lex = lexicon();
  let k = c.tokenEnd;
  if (tokens[k]?.text !== ',') return null;
  k++;
  if (/^(the|a|an)$/i.test(tokens[k]?.text ?? '')) k++;
  const startTok = k;
  for (; k < tokens.length && k - startTok < MAX_APPOSITIVE_TOKENS; k++) {
    const t = tokens[k]!;
    if (t.pos === 'PUNCT' && t.text !== '-' && !/^['’]s?$/.test(t.text)) break;
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'SPACE') return null;
  }
  if (k === startTok || tokens[k]?.text !== ',' && tokens[k]?.text !== '.') return null;
  const words = tokens.slice(startTok, Math.min(k, startTok + 4)).map((t) => t.text.toLowerCase());
  const head = words.find((w) => lex.roleHeads.has(w));
  if (!head) return null;
  return { start: tokens[startTok]!.start, end: tokens[k - 1]!.end, head: head + (text ? '' : '') };
}

/** Role phrases standing alone: an office noun not followed by a name. */
export function loneRoles(tokens: readonly Token[], byToken: Map<number, Candidate>, used: Set<number>): RolePhrase[] {
  const lex = lexicon();
  const out: RolePhrase[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.pos !== 'NOUN' || used.has(i) || byToken.has(i)) continue;
    const w = t.text.toLowerCase();
    if (!lex.roleHeads.has(w) && !lex.personRoleNouns.has(w)) continue;
    // Followed by a name, the phrase is that person's role (handled with the name); followed by "of", a longer phrase.
    const next = tokens[i + 1];
    if (next && (byToken.has(i + 1) || (next.pos === 'NOUN' && lex.roleHeads.has(`${w} ${next.text.toLowerCase()}`)))) continue;
    if (next && (next.text === '-' || possessiveAfter(tokens, i))) continue;
    const r = roleEndingAt(tokens, i, byToken);
    if (!r) continue;
    out.push(r);
  }
  void tokenIndexAt;
  return out;
}
