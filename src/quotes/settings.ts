import type { RunContext } from '../pipeline/component.js';

// What the quote layer reports, as an explicit setting of a run.
//
// - profile 'speech' (the product default): quotes are reports of speech. Indirect and mixed reports need a reporting
//   cue from data/quotes (the taggers also learnt PolNeAR's beliefs, polls and findings: "shows", "wants"), an
//   indirect content must read as a clause with a finite verb (not a noun phrase object: "reveal pricing for the box
//   or if …", "announced his engagement"), quoted words with neither cue nor speaker are no quote (a scare-quoted
//   term, a label), nor are quoted words after "titled" or "named" (data/quotes/title-words.txt), a content run
//   is split where a new sentence (or a quotation left open before it) opens a quotation and ends at the closing
//   mark of the quotation it opens with, a speaker is narrowed to the name
//   ("Tomas Berg, a Labour MP," → "Tomas Berg"; not a time: "On Monday Tony Blair"), found before a relative clause
//   ("Mrs. Clinton, who …, has said") or before "and said", and "X added that Y" inside a content is a nested quote,
//   as is "X quoted Y as saying Z" (src/quotes/quotedAs.ts); refusals ("declined to say") report nothing, and the other
//   readings of src/quotes/speechReadings.ts and src/quotes/anonymityAsides.ts apply.
// - profile 'attribution': every attribution PolNeAR annotates (speech, beliefs, polls, findings), with PolNeAR's
//   span conventions: contents run on over sentences and over the attribution that interrupts a quotation
//   ("“A,” she said, “B.”" is one content), sources keep their appositions and commas, no nested quotes, a
//   content looks further for its cue (ATTRIBUTION_CUE_MAX_GAP), each cue reports one content (nearest pairs first),
//   and a short indirect span left without a cue is dropped (ATTRIBUTION_MIN_UNCUED_WORDS). `newsledger eval quotes`
//   scores in this profile, since that is what its gold annotates; the seeds (news speech) are scored in the default
//   profile.
// In both, an indirect span with neither cue nor source is dropped.
//
// The decoding biases are added to the B and I scores of each tagger (src/quotes/perceptron.ts viterbi): the taggers'
// precision is well above their recall, and a bias chosen on PolNeAR dev trades some of one for the other.

export type QuoteProfile = 'speech' | 'attribution';

export interface QuoteSettings {
  profile: QuoteProfile;
  cueBias: number;
  contentBias: number;
  sourceBias: number;
  refineBias: number;
}

export const SPEECH_SETTINGS: Readonly<QuoteSettings> = {
  profile: 'speech',
  cueBias: 0,
  contentBias: 0,
  sourceBias: 0,
  refineBias: 0,
};

/** Biases chosen on PolNeAR dev by a grid (cue 20 to 60, content 0 to 80, refine -20 to 40; source 20) with one
 * content per cue (src/quotes/assemble.ts) and the boundary rankers (src/quotes/boundaries.ts): the surface is flat
 * (every point within 0.012 of F1 on every metric); cue 40 / content 40 / refine 40 has the best attributed and
 * overlap>=0.8 F1, cue 20 has 0.003 more exact content and 0.005 less source. */
export const ATTRIBUTION_SETTINGS: Readonly<QuoteSettings> = {
  profile: 'attribution',
  cueBias: 40,
  contentBias: 40,
  sourceBias: 20,
  refineBias: 40,
};

/** Name of the settings' part in a RunContext. */
export const QUOTE_SETTINGS_PART = 'quotes.settings';

/** The run's quote settings: SPEECH_SETTINGS unless the run was given others with useQuoteSettings. */
export function quoteSettings(run: RunContext): QuoteSettings {
  return run.part<QuoteSettings>(QUOTE_SETTINGS_PART, () => ({ ...SPEECH_SETTINGS }));
}

/** Sets the quote settings of a run, before its first document. */
export function useQuoteSettings(run: RunContext, settings: Readonly<QuoteSettings>): void {
  Object.assign(quoteSettings(run), settings);
}
