// Replay of the claim linker: the run's claims and unattached answers (RunContext part "claims") rebuilt from stored
// records alone, no NLP. `links.claims_made` tells the document's own claims (the first ones) from the answers it
// gave earlier claims (appended by linking); `links.answers` holds the answers it left for later documents.
import { isDeepStrictEqual } from 'node:util';
import type { Claim, NewsRecord } from '../../model/record.js';
import type { RunContext } from '../../pipeline/component.js';
import { type ClaimRun, contentWords, eventsLookup, newClaimRun, remember, type RunClaim } from './link.js';

/** Adds a stored record to the run's claims as `linkClaims` did when it analysed the document. */
export function replayClaims(record: NewsRecord, run: RunContext): void {
  if (record.notes.some((n) => n.startsWith('claims: skipped'))) return;
  const claims = run.part<ClaimRun>('claims', newClaimRun);
  const made = record.links?.claims_made ?? record.claims.length;
  const eventsIn = eventsLookup(record);
  // 1. The document's own claims: each either joined an earlier document's claim (taking its id) or was remembered.
  for (const [i, c] of record.claims.slice(0, made).entries()) {
    if (c.status === 'asserted') continue;
    const reports = c.reports ?? [];
    if (c.id !== `${record.id}:c${i + 1}`) {
      joined(claims, record, c, reports, c.status === 'claimed' ? undefined : c.status);
    } else {
      remember(claims.claims, {
        id: c.id,
        doc: record.id,
        claimant: c.claimant,
        words: contentWords(c.claim.text),
        events: eventsIn(c.claim.start, c.claim.end),
        answer: c.status === 'claimed' ? null : c.status,
        reports: [...reports],
      });
    }
  }
  // 2. Sentences answering an earlier document's claim (appended to the record's claims), then unattached answers.
  for (const c of record.claims.slice(made)) joined(claims, record, c, c.reports ?? [], c.status);
  for (const a of record.links?.answers ?? []) {
    const [start, end] = a.offsets;
    remember(claims.answers, {
      doc: record.id,
      status: a.status,
      words: contentWords(record.text.slice(start, end)),
      events: eventsIn(start, end),
      report: { doc: record.id, offsets: [start, end], status: a.status },
    });
  }
}

/** A claim or answer of `record` that joined an earlier claim: its reports are the earlier claim's, then its own. */
function joined(run: ClaimRun, record: NewsRecord, c: Claim, reports: NonNullable<Claim['reports']>, answer: RunClaim['answer'] | undefined): void {
  let earlier: RunClaim | undefined;
  for (let k = run.claims.length - 1; k >= 0 && !earlier; k--) {
    const r = run.claims[k]!;
    if (r.id === c.id && r.doc !== record.id && r.reports.length < reports.length && isDeepStrictEqual(r.reports, reports.slice(0, r.reports.length))) earlier = r;
  }
  if (!earlier) throw new Error(`record ${record.id}: claim ${c.id} joined a claim the replayed run does not hold`);
  earlier.reports = [...reports];
  if (answer !== undefined) earlier.answer = answer;
}
