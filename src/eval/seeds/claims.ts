import type { Claim } from '../../model/record.js';
import { sameName, wordOverlap } from './match.js';
import type { SeedsSection } from './section.js';

interface GoldClaim {
  id: string;
  claim: string;
  claimant: string | null;
  docs: string[];
  status: string;
}

/** A predicted claim is the gold one when it holds at least this share of the gold claim's content words. */
export const CLAIM_WORD_OVERLAP = 0.5;

export const claimsSection: SeedsSection = {
  name: 'claims',
  score(run) {
    const gold = (run.gold.claims ?? []) as unknown as GoldClaim[];
    const review: string[] = [];
    const used = new Set<Claim>();
    let found = 0;
    let claimantOk = 0;
    let full = 0;
    for (const g of gold) {
      const candidates = g.docs.flatMap((d) => run.records.get(d)?.claims ?? []);
      const hit = candidates
        .map((c) => ({ c, o: wordOverlap(g.claim, c.claim.text) }))
        .filter((x) => x.o >= CLAIM_WORD_OVERLAP)
        .sort((a, b) => b.o - a.o)[0]?.c;
      if (!hit) {
        review.push(`missed ${g.id}: "${g.claim}"`);
        continue;
      }
      used.add(hit);
      found++;
      const who = sameName(g.claimant, hit.claimant?.name);
      if (who) claimantOk++;
      if (who && hit.status === g.status) full++;
      else review.push(`${g.id}: got claimant ${hit.claimant?.name ?? 'none'} / ${hit.status}, gold ${g.claimant} / ${g.status}`);
    }
    let predicted = 0;
    for (const [doc, r] of run.records) {
      for (const c of r.claims) {
        predicted++;
        if (!used.has(c)) review.push(`not in gold: ${doc} ${c.status} ${c.claimant?.name ?? '-'}: "${c.claim.text.slice(0, 80)}"`);
      }
    }
    return {
      section: 'claims',
      rows: [
        { name: 'claims found', correct: found, total: gold.length },
        { name: 'claimant right', correct: claimantOk, total: gold.length },
        { name: 'claimant+status right', correct: full, total: gold.length },
        { name: 'precision (matched/predicted)', correct: used.size, total: predicted, detail: 'unmatched predictions are listed with --review' },
      ],
      review,
    };
  },
};
