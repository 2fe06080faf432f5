import type { Component } from '../../pipeline/component.js';
import { roughSentences } from '../time/resolve.js';
import { extractClaims } from './extract.js';
import { type ClaimRun, linkClaims, newClaimRun } from './link.js';

/** Claims (record.claims): attributed or asserted statements of fact, with the status the coverage gives them. */
export const claimExtractor: Component = {
  name: 'claims',
  requires: ['events', 'quotes'],
  assigns: ['claims'],
  englishOnly: true,
  run(doc, run) {
    const sentences = doc.sentences && doc.sentences.length ? doc.sentences : roughSentences(doc.record.text);
    doc.record.claims = extractClaims(doc.record, sentences);
    // Cross-document links: a claim answered in another document of the run (RunContext part "claims").
    linkClaims(run.part<ClaimRun>('claims', newClaimRun), doc.record, sentences);
  },
};
