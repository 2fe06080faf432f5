import type { Block } from '../model/record.js';
import type { Token } from '../pipeline/doc.js';
import { baseFeatures, unitFeatures } from './features.js';
import { quoteLexicon } from './lexicon.js';
import { pairQuoteMarks, type MarkedQuote } from './marks.js';
import type { QuoteModels } from './model.js';
import { paragraphRanges } from './paragraphs.js';
import { SPEECH_SETTINGS, type QuoteSettings } from './settings.js';
import { buildUnits, type Unit } from './units.js';

/** A paragraph with the BIO labels the three taggers gave its tokens. */
export interface TaggedUnit {
  unit: Unit;
  cue: Uint8Array;
  content: Uint8Array;
  source: Uint8Array;
}

export interface DocLayout {
  paragraphs: Array<[number, number]>;
  marks: MarkedQuote[];
  units: Unit[];
}

/** Paragraphs, paired quotation marks and token units of a document. */
export function layoutOf(text: string, tokens: readonly Token[], blocks: readonly Block[]): DocLayout {
  const paragraphs = paragraphRanges(text, blocks);
  const marks = pairQuoteMarks(text, paragraphs);
  return { paragraphs, marks, units: buildUnits(tokens, paragraphs, marks) };
}

/** Runs the cue, content, source and refining content taggers in turn, each seeing what the earlier ones predicted. */
export function tagUnits(units: readonly Unit[], models: QuoteModels, settings: Readonly<QuoteSettings> = SPEECH_SETTINGS): TaggedUnit[] {
  const lex = quoteLexicon();
  return units.map((unit) => {
    const base = baseFeatures(unit, lex);
    const cue = models.cue.decode(unitFeatures(unit, lex, 'cue', undefined, undefined, base), settings.cueBias);
    const first = models.content.decode(unitFeatures(unit, lex, 'content', cue, undefined, base), settings.contentBias);
    const source = models.source.decode(unitFeatures(unit, lex, 'source', cue, first, base), settings.sourceBias);
    const content = models.refine.decode(unitFeatures(unit, lex, 'refine', cue, first, base), settings.refineBias);
    return { unit, cue, content, source };
  });
}
