import type { Component } from '../pipeline/component.js';
import { assembleQuotes } from './assemble.js';
import { boundaryWords, loadBoundaryModels, rechooseBoundaries } from './boundaries.js';
import { O } from './perceptron.js';
import { quoteLexicon } from './lexicon.js';
import { loadQuoteModels, MODEL_DIR, quoteModelDir } from './model.js';
import { quoteSettings } from './settings.js';
import { layoutOf, tagUnits, type TaggedUnit } from './tagging.js';
import { namesAsProperNouns, withNamedTokens } from './namedTokens.js';

/** Name of the committed taggers in record.pipeline.models. */
export const QUOTE_MODEL_NAME = 'quotes-perceptron-polnear-1';

/**
 * Who said what: pairs quotation marks, tags cue, content and source spans with the taggers trained on PolNeAR, then
 * joins them into quotes with resolved speakers (src/quotes/assemble.ts).
 */
export const quoteFinder: Component = {
  name: 'quotes',
  requires: ['entities', 'sentences'],
  assigns: ['quotes'],
  englishOnly: true,
  run(doc, run) {
    const record = doc.record;
    const settings = quoteSettings(run);
    const layout = layoutOf(record.text, doc.tokens ?? [], record.blocks);
    const dir = quoteModelDir();
    const models = loadQuoteModels(dir);
    let tagged: TaggedUnit[] = models
      ? tagUnits(layout.units, models, settings)
      : layout.units.map((unit) => {
          const n = unit.tokens.length;
          return { unit, cue: new Uint8Array(n), content: new Uint8Array(n), source: new Uint8Array(n) };
        });
    // The content, source and cue runs' first and last tokens chosen again by the boundary rankers
    // (src/quotes/boundaries.ts), each reading the cues as tagged (as in training).
    if (models) {
      const { content, source, cue } = loadBoundaryModels(dir);
      tagged = tagged.map((tu) => {
        if (!tu.cue.some((l) => l !== O) && !tu.content.some((l) => l !== O) && !tu.source.some((l) => l !== O)) return tu;
        const words = boundaryWords(tu.unit, tu.cue, tu.words);
        return {
          ...tu,
          content: content ? rechooseBoundaries(content, tu.unit, tu.cue, tu.content, words) : tu.content,
          source: source ? rechooseBoundaries(source, tu.unit, tu.cue, tu.source, words) : tu.source,
          cue: cue ? rechooseBoundaries(cue, tu.unit, tu.cue, tu.cue, words) : tu.cue,
        };
      });
    }
    // Models read from elsewhere ($NEWSLEDGER_QUOTE_MODELS) are named by their directory.
    if (models) record.pipeline.models.quotes = dir === MODEL_DIR ? QUOTE_MODEL_NAME : `quotes-perceptron:${dir}`;
    else record.notes.push(`quotes: no trained quote models found in ${dir === MODEL_DIR ? 'models/quotes; run npm run train:quotes' : dir}`);
    record.quotes = assembleQuotes({
      id: record.id,
      text: record.text,
      // The rules read names the POS tagger misread as the entity layer found them (src/quotes/namedTokens.ts).
      tagged: withNamedTokens(tagged, namesAsProperNouns(doc.tokens ?? [], record.entities)),
      marks: layout.marks,
      entities: record.entities,
      lex: quoteLexicon(),
      settings,
      writer: record.byline.length === 1 ? record.byline[0]!.name : null,
    });
    doc.scratch.set('quotes', layout);
  },
};
