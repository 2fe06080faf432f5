import type { QuoteLexicon } from './lexicon.js';
import type { TaggedUnit } from './tagging.js';
import { type Run, SPEAKER_MAX_TOKENS } from './runs.js';

// Asides that say a source is not named ("a person familiar with the plans, who asked not to be named, said …",
// data/quotes/anonymity-asides.txt): they report nothing themselves, and the phrase before them is the speaker, kept
// anonymous.

/** The asides of a paragraph that say a source is not named (data/quotes/anonymity-asides.txt), each from the comma
 * that opens it to its last word: ", who asked not to be named", ", speaking on condition of anonymity". */
export function anonymityAsides(tu: TaggedUnit, lex: QuoteLexicon): Run[] {
  const toks = tu.unit.tokens;
  const out: Run[] = [];
  const lower = (k: number) => toks[k]!.text.toLowerCase();
  const firsts = asideFirstWords(lex);
  for (let i = 1; i < toks.length; i++) {
    if (toks[i - 1]!.text !== ',') continue;
    const k = i < toks.length - 1 && lower(i) === 'who' ? i + 1 : i;
    // Most commas open no such aside: only those before a phrase's first word are read on.
    if (!firsts.has(lower(k))) continue;
    const phrase = lex.anonymityAsides.find((p) => k + p.length <= toks.length && p.every((w, j) => lower(k + j) === w));
    if (phrase) out.push([i - 1, k + phrase.length]);
  }
  return out;
}

const asideFirsts = new WeakMap<QuoteLexicon, Set<string>>();
/** The first words of the lexicon's anonymity asides, computed once per lexicon. */
function asideFirstWords(lex: QuoteLexicon): Set<string> {
  let set = asideFirsts.get(lex);
  if (!set) asideFirsts.set(lex, (set = new Set(lex.anonymityAsides.map((p) => p[0]!))));
  return set;
}

/** "A person familiar with the plans, who asked not to be named, said": when an anonymity aside closes right before
 * the cue, the speaker is the phrase before the aside, back to the sentence's start or an earlier comma. */
export function speakerBeforeAside(tu: TaggedUnit, cue: Run, asides: readonly Run[]): Run | null {
  const toks = tu.unit.tokens;
  const sent = tu.unit.sent;
  let end = cue[0];
  if (end > 0 && toks[end - 1]!.text === ',') end--;
  const aside = asides.find((a) => a[1] === end);
  if (!aside) return null;
  let s = aside[0] - 1;
  while (s >= 0 && sent[s] === sent[aside[0]] && aside[0] - s <= SPEAKER_MAX_TOKENS && toks[s]!.text !== ',' && tu.unit.mark[s] === 0) s--;
  const from = s + 1;
  // "A person familiar with the plans", "One" (of the neighbours just named).
  return from < aside[0] && aside[0] - from <= SPEAKER_MAX_TOKENS && toks.slice(from, aside[0]).some((t) => /^(NOUN|PROPN|PRON|NUM)$/.test(t.pos)) ? [from, aside[0]] : null;
}
