import type { Entity } from '../model/record.js';
import type { Token } from '../pipeline/doc.js';
import { partitionPoint } from '../util/search.js';
import type { TaggedUnit } from './tagging.js';

/** Word classes the POS tagger gives capitalised words of names it does not know as names ("Ford", "Cook" and
 * "Yelling" as verbs, "Will" as an auxiliary). Not nouns and adjectives: a name's "Former" or "Station" changed the
 * speaker phrases of BBC quotes for the worse as often as for the better. */
const MISREAD_NAME_POS = new Set(['VERB', 'AUX', 'ADV']);

/**
 * Every capitalised word inside an entity's name or alias (as the entity layer found them) that the POS tagger did not
 * read as a proper noun, with a copy read as one. "Meanwhile, Ford, which posted …, said": wink-nlp tags Ford as a
 * verb, and the speaker rules, which read noun phrases by POS, found no subject. The tokens themselves are never
 * changed (other layers share them), and the taggers read them as tagged: they learnt from wink-nlp's tags (read as
 * proper nouns there too, PolNeAR dev attributed F1 fell by 0.002).
 */
export function namesAsProperNouns(tokens: readonly Token[], entities: readonly Entity[]): Map<Token, Token> {
  const out = new Map<Token, Token>();
  for (const e of entities) {
    // Not a MISC name: in a title-case headline the entity layer reads one across a verb ("Comprehensive Immigration
    // Reform Was A"), and the verb must stay one for the headline to report anything.
    if (e.type === 'MISC') continue;
    for (const m of e.mentions) {
      if (m.kind !== 'name' && m.kind !== 'alias') continue;
      for (let k = partitionPoint(tokens.length, (i) => tokens[i]!.end > m.span.start); k < tokens.length && tokens[k]!.start < m.span.end; k++) {
        const t = tokens[k]!;
        if (MISREAD_NAME_POS.has(t.pos) && /^\p{Lu}/u.test(t.text) && !out.has(t)) out.set(t, { ...t, pos: 'PROPN' });
      }
    }
  }
  return out;
}

/** The tagged paragraphs with the tokens of `named` replaced (new units where one changes, the rest as they were). */
export function withNamedTokens(tagged: readonly TaggedUnit[], named: ReadonlyMap<Token, Token>): TaggedUnit[] {
  if (named.size === 0) return tagged.slice();
  return tagged.map((tu) => {
    const toks = tu.unit.tokens;
    if (!toks.some((t) => named.has(t))) return tu;
    return { ...tu, unit: { ...tu.unit, tokens: toks.map((t) => named.get(t) ?? t) } };
  });
}
