// Definite descriptions of a person named before: "the 34-year-old", "the Wasps wing", "the double Olympic
// champion", "the Scot said". News writing uses them in place of a name it has just given; the quote and event
// layers need the person, not the words. A description is "the" (or "The"), up to MAX_DESCRIPTION_MODIFIERS words
// that qualify (adjectives, nouns, names, numbers, hyphened words), and a head from data/entities/person-descriptors.txt
// or "N-year-old", with no noun after it. Offices and roles ("the minister") are the role layer's (roles.ts), but a
// former one ("the former cabinet secretary") or one with an age ("the 47-year-old director") describes the person
// just written about, as does an age before a nationality ("the 27-year-old Austrian").
import type { Token } from '../pipeline/doc.js';
import { readWordList } from '../util/wordList.js';
import { lexicon } from './data.js';

/** Words between "the" and the head: "the two-time Olympic 800m champion" has six tokens before "champion". */
export const MAX_DESCRIPTION_MODIFIERS = 7;

export interface Description {
  /** Character span from "the" to the head's end. */
  start: number;
  end: number;
  /** Token index of the head's last token. */
  headToken: number;
  /** The gender the head gives ("actress", "Frenchman"), else null. */
  gender: 'm' | 'f' | null;
  /** An age opens it ("the 27-year-old Austrian"): its head may be a nationality the tagger read as a name. */
  aged: boolean;
}

function personDescriptors(): Set<string> {
  return lexicon().personDescriptors;
}

/** Whether token i is joined to the one before it with no space ("year" in "34-year-old"). */
const touching = (tokens: readonly Token[], i: number): boolean => i > 0 && tokens[i - 1]!.end === tokens[i]!.start;

/** The head ending at token i, as the index of its first token, or -1: a descriptor word ("fly-half" is one word
 * across its hyphen) or "N-year-old". */
function headStart(tokens: readonly Token[], i: number): number {
  const lower = (k: number) => tokens[k]!.text.toLowerCase();
  // "34-year-old": 34 - year - old, all touching.
  if (lower(i) === 'old' && i >= 4 && tokens[i - 1]!.text === '-' && lower(i - 2) === 'year' && tokens[i - 3]!.text === '-') {
    if ([i, i - 1, i - 2, i - 3].every((k) => touching(tokens, k))) return i - 4;
  }
  if (i >= 2 && tokens[i - 1]!.text === '-' && touching(tokens, i) && touching(tokens, i - 1)) {
    if (personDescriptors().has(`${lower(i - 2)}-${lower(i)}`)) return i - 2;
  }
  if (personDescriptors().has(lower(i)) && /^\p{L}/u.test(tokens[i]!.text)) return i;
  // "the Waterford man": a head that describes a named person only after a capitalised place or club.
  return originHeads().has(lower(i)) && i >= 2 && /^\p{Lu}\p{Ll}/u.test(tokens[i - 1]!.text) && tokens[i - 1]!.pos === 'PROPN' ? i : -1;
}

let origins: Set<string> | undefined;
/** Heads that describe a person only after a capitalised place or club (data/entities/origin-heads.txt). */
function originHeads(): Set<string> {
  return (origins ??= new Set(readWordList('entities', 'origin-heads.txt').map((w) => w.toLowerCase())));
}

let formerHeads: Set<string> | undefined;
/** Head nouns a description after "the former" may have besides the person role nouns and the descriptors. */
function formerOfficeHeads(): Set<string> {
  return (formerHeads ??= new Set(readWordList('entities', 'former-office-heads.txt').map((w) => w.toLowerCase())));
}

/** The descriptions of a text's tokens, in order (each token is read a bounded number of times: linear).
 * `personNouns`: nouns naming a person's role or office (data/entities/role-nouns.json), which describe a person named
 * before when "former" or an age stands before them ("the former cabinet secretary", "the 47-year-old director"): a
 * current office ("the minister") is the role layer's, a former one is the person just written about. */
export function findDescriptions(tokens: readonly Token[], personNouns: ReadonlySet<string> = new Set()): Description[] {
  const out: Description[] = [];
  const formerHead = (k: number) => {
    const w = tokens[k]!.text.toLowerCase();
    return personNouns.has(w) || personDescriptors().has(w) || formerOfficeHeads().has(w);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text !== 'the' && t.text !== 'The') continue;
    const former = tokens[i + 1]?.text.toLowerCase() === 'former';
    // After "N-year-old" a noun phrase goes on to its last noun: "the 27-year-old Austrian", "the 47-year-old director".
    let aged = false;
    for (let k = i + 1; k < tokens.length && k <= i + 1 + MAX_DESCRIPTION_MODIFIERS; k++) {
      const w = tokens[k]!;
      if (w.sentence !== t.sentence) break;
      const next = tokens[k + 1];
      const nounNext = !!next && next.sentence === t.sentence && (next.pos === 'NOUN' || next.pos === 'PROPN') && !touching(tokens, k + 1);
      const h = headStart(tokens, k);
      const head = h > i || (aged && (/^(NOUN|PROPN)$/.test(w.pos) || (w.pos === 'ADJ' && /^\p{Lu}/u.test(w.text))) && /^\p{L}/u.test(w.text)) || (former && k > i + 1 && w.pos === 'NOUN' && formerHead(k));
      // The head ends the noun phrase: "the player said", not "the player ratings".
      if (head && !nounNext) {
        const word = w.text.toLowerCase();
        const gender = /(woman|ess)$/.test(word) ? 'f' : /man$/.test(word) ? 'm' : null;
        out.push({ start: t.start, end: w.end, headToken: k, gender, aged });
        i = k;
        break;
      }
      if (h > i && w.text.toLowerCase() === 'old') aged = true;
      // What may qualify the head: adjectives, nouns, names, numbers, hyphens inside a word, a possessive.
      const hyphened = (tokens[k + 1]?.text === '-' && touching(tokens, k + 1)) || (w.text === '-' && touching(tokens, k)) || (touching(tokens, k) && w.pos !== 'PUNCT');
      if (!/^(ADJ|NOUN|PROPN|NUM|PART)$/.test(w.pos) && !hyphened) break;
    }
  }
  return out;
}
