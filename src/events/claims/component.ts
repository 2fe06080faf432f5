import type { Component } from '../../pipeline/component.js';
import { roughSentences } from '../time/resolve.js';
import { extractClaims } from './extract.js';

/** Claims (record.claims): attributed or asserted statements of fact, with the status the coverage gives them. */
export const claimExtractor: Component = {
  name: 'claims',
  requires: ['events', 'quotes'],
  assigns: ['claims'],
  englishOnly: true,
  run(doc) {
    const sentences = doc.sentences && doc.sentences.length ? doc.sentences : roughSentences(doc.record.text);
    doc.record.claims = extractClaims(doc.record, sentences);
  },
};
