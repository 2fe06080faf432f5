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
    const claimRun = run.part<ClaimRun>('claims', newClaimRun);
    const made = doc.record.claims.length;
    const last = claimRun.answers.at(-1);
    linkClaims(claimRun, doc.record, sentences);
    // What linking kept beyond the record (which claims are the document's own, the answers it left for later
    // documents) goes on the record, so a run can be rebuilt from stored records (src/events/claims/replay.ts).
    const answers = claimRun.answers.slice(last ? claimRun.answers.lastIndexOf(last) + 1 : 0);
    if (doc.record.claims.length) (doc.record.links ??= {}).claims_made = made;
    if (answers.length) (doc.record.links ??= {}).answers = answers.map((a) => ({ offsets: [...a.report.offsets], status: a.status }));
  },
};
