// Metonymy: a capital used for its country's government ("Moscow said", "without Moscow's participation", "talking to
// Washington") is a mention of the country; "in Moscow" is the city. Decided from the words around the name only.
import type { Token } from '../pipeline/doc.js';
import type { Candidate } from './candidates.js';
import { lexicon } from './data.js';
import { nextWord, possessiveAfter, prevWord } from './tokens.js';

/** Adverbs and auxiliaries allowed between a capital and its verb ("Moscow has repeatedly said"). */
const MAX_WORDS_TO_VERB = 3;

/** Why the capital stands for its government, or null when it is the city. */
export function metonymyReason(c: Candidate, tokens: readonly Token[]): string | null {
  const lex = lexicon();
  const last = c.tokenEnd - 1;
  if (possessiveAfter(tokens, last)) {
    const noun = nextWord(tokens, last + 1);
    if (noun && lex.cityNouns.has(noun.text.toLowerCase())) return null;
    return 'possessive of a non-city noun';
  }
  // Subject of a verb: the next word (after adverbs and auxiliaries) is a verb of saying or acting.
  for (let k = last + 1, seen = 0; k < tokens.length && seen <= MAX_WORDS_TO_VERB; k++) {
    const t = tokens[k]!;
    if (t.pos === 'SPACE') break;
    seen++;
    const w = t.text.toLowerCase();
    if (lex.speechVerbs.has(w) || (t.pos === 'VERB' && seen === 1 && /^\p{Ll}/u.test(t.text))) return `subject of "${t.text}"`;
    if (t.pos === 'AUX' || t.pos === 'ADV' || t.pos === 'PART') {
      if (t.pos === 'AUX' && /^(is|was|are|were|be)$/.test(w)) {
        const n = tokens[k + 1];
        if (!n || n.pos !== 'VERB') break;
      }
      continue;
    }
    break;
  }
  const prev = prevWord(tokens, c.tokenStart);
  if (!prev) return null;
  const p = prev.text.toLowerCase();
  if (lex.objectVerbs.has(p)) return `object of "${prev.text}"`;
  if (lex.governmentPrepositions.has(p)) return `after "${prev.text}"`;
  if (p === 'to' || p === 'from') {
    const before = prevWord(tokens, tokens.indexOf(prev, Math.max(0, c.tokenStart - 3)));
    if (before && lex.communicationVerbs.has(before.text.toLowerCase())) return `"${before.text} ${prev.text}"`;
  }
  return null;
}
