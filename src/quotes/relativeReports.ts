import type { Token } from '../pipeline/doc.js';
import type { QuoteLexicon } from './lexicon.js';
import type { TaggedUnit } from './tagging.js';
import { type Run, SPEAKER_MAX_TOKENS, finiteVerbAt, inWordHyphen, npFrom, sentenceOf } from './runs.js';
import { RULE_CLAUSE_MAX_TOKENS } from './attributionRules.js';

// "… donations, which he said were accompanied by leverage", "Apple sued a website that published what it said were
// specifications for the new computer", "songs that the minister said were demeaning to women": a report set inside
// a relative clause. Its relative pronoun is the subject (or object) of the reported clause, not of the cue, so
// neither tagger reads it well: the cue is a verb with a noun phrase before it and a finite verb right after it, and
// no "that". PolNeAR's content is the whole relative clause, its source and cue inside it ("which [he] [said] were
// …"), as for an attribution set off by commas ("And perhaps, he said, it could help …").

/** Words that open a relative clause that can hold such a report. */
const RELATIVE_OPENERS = new Set(['which', 'what', 'that', 'who', 'whom']);

/** Marks that end the relative clause: a dash closes the aside it sits in ("the proposals - which the paper said
 * could be announced within days - …", "the one that he says is burnt into him - is …"), and so do a bracket and the
 * marks that end a clause. */
const CLAUSE_STOPS = new Set(['-', '–', '—', '--', ')', ';', ':']);

/** First-person sources: in the 'speech' profile the writer's own view ("…, which I think is the right thing to
 * do"), not a report. */
const FIRST_PERSON = new Set(['i', 'we']);

/** Conjunctions that open another clause after a comma: the relative clause ends before them ("…, which he said was
 * out of control, but …"). */
const CLAUSE_CONJUNCTIONS = new Set(['but', 'while', 'although', 'though', 'whereas', 'yet']);

export interface RelativeReport {
  /** The relative clause, from its pronoun to its end: the content. */
  content: Run;
  cue: Run;
  source: Run;
}

/** Whether token i is a finite verb or auxiliary opening a clause (runs.ts finiteVerbAt: not a gerund). */
function finite(toks: readonly Token[], i: number): boolean {
  return i < toks.length && finiteVerbAt(toks, i, i);
}

/**
 * The reports set inside relative clauses of a paragraph, outside quotations. Each relative opener is looked at once,
 * with a bounded look ahead (a speaker phrase, then a clause of at most RULE_CLAUSE_MAX_TOKENS): linear in the
 * paragraph.
 */
export function relativeClauseReports(tu: TaggedUnit, lex: QuoteLexicon, speech: boolean): RelativeReport[] {
  const { tokens: toks, depth } = tu.unit;
  const out: RelativeReport[] = [];
  for (let r = 0; r + 3 < toks.length; r++) {
    if (!RELATIVE_OPENERS.has(toks[r]!.text.toLowerCase()) || depth[r] !== 0) continue;
    // "that" right after a verb is a complementizer, not a relative ("He said that Mr Lee said …" is no such report).
    if (r > 0 && toks[r]!.text.toLowerCase() === 'that' && /^(VERB|AUX)$/.test(toks[r - 1]!.pos)) continue;
    const source = npFrom(toks, r + 1, 1);
    if (!source || source[1] - source[0] > SPEAKER_MAX_TOKENS) continue;
    if (speech && source[1] - source[0] === 1 && FIRST_PERSON.has(toks[source[0]]!.text.toLowerCase())) continue;
    const v = source[1];
    const cue = toks[v];
    if (!cue || cue.pos !== 'VERB' || !lex.cueVerbs.has(cue.text.toLowerCase()) || /ing$/i.test(cue.text)) continue;
    if (!finite(toks, v + 1) || depth[v + 1] !== 0) continue;
    const end = clauseEnd(tu, r, v + 1);
    if (end <= v + 2) continue;
    out.push({ content: [r, end], cue: [v, v + 1], source });
  }
  return out;
}

/** One past the last token of the relative clause opening at `r`, whose reported clause starts at `from`. */
function clauseEnd(tu: TaggedUnit, r: number, from: number): number {
  const { tokens: toks, depth } = tu.unit;
  const sentEnd = Math.min(sentenceOf(tu, r)[1], from + RULE_CLAUSE_MAX_TOKENS);
  let e = from;
  for (; e < sentEnd; e++) {
    const w = toks[e]!.text;
    if (depth[e] !== 0) continue;
    if (CLAUSE_STOPS.has(w) && !inWordHyphen(toks, e)) break;
    if (w !== ',') continue;
    const next = toks[e + 1];
    if (!next) break;
    // The main clause goes on ("The plan, which he said was flawed, was dropped"), or another clause opens.
    let k = e + 1;
    if (toks[k]!.pos === 'ADV' && k + 1 < sentEnd) k++;
    if (finite(toks, k) || CLAUSE_CONJUNCTIONS.has(next.text.toLowerCase()) || RELATIVE_OPENERS.has(next.text.toLowerCase())) break;
  }
  while (e > from && /^\p{P}+$/u.test(toks[e - 1]!.text) && !/["”’»]/.test(toks[e - 1]!.text)) e--;
  return e;
}
