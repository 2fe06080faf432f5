import type { RunContext } from '../pipeline/component.js';

// What the quote layer reports, as an explicit setting of a run.
//
// - profile 'speech' (the product default): quotes are reports of speech. Indirect and mixed reports need a reporting
//   cue from data/quotes (the taggers also learnt PolNeAR's beliefs, polls and findings: "shows", "wants"), an
//   indirect content must read as a clause with a finite verb, a content run is split where a new sentence opens a
//   quotation and ends at the closing mark of the quotation it opens with, a speaker is narrowed to the name
//   ("Tomas Berg, a Labour MP," → "Tomas Berg"), and "X added that Y" inside a content is a nested quote.
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

/** Biases chosen on PolNeAR dev by a grid (cue 0 to 80, content -20 to 120, source 0 to 60, refine -40 to 160) with
 * one content per cue (src/quotes/assemble.ts): the surface is flat, cue 40 / content 40 / source 20 / refine 0 is at
 * its centre and adds about 0.005 to 0.01 of F1 over cue 20 alone (most to overlap>=0.8 and attributed); refine above
 * 40 lengthens contents (overlap up, exact down). */
export const ATTRIBUTION_SETTINGS: Readonly<QuoteSettings> = {
  profile: 'attribution',
  cueBias: 40,
  contentBias: 40,
  sourceBias: 20,
  refineBias: 0,
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
