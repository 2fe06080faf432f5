// Export shapes: events as ACLED-style CSV rows, claims as schema.org ClaimReview-shaped JSON.
import type { Claim, NewsEvent, NewsRecord } from '../../model/record.js';

export const ACLED_COLUMNS = ['event_date', 'event_type', 'sub_event_type', 'actor1', 'actor2', 'location', 'fatalities', 'source', 'notes'] as const;

/** Newsledger types → ACLED event types (docs/events.md explains the mapping). */
const ACLED_TYPE: Record<string, string> = {
  attack: 'Explosions/Remote violence',
  armed_clash: 'Battles',
  territorial_change: 'Strategic developments',
  meeting: 'Strategic developments',
  agreement: 'Strategic developments',
  sanction: 'Strategic developments',
  protest: 'Protests',
  aid: 'Strategic developments',
  deployment: 'Strategic developments',
  other: 'Strategic developments',
};

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function eventCsvRow(e: NewsEvent, doc: NewsRecord): string {
  const row = [
    e.date?.value ?? '',
    ACLED_TYPE[e.type] ?? 'Strategic developments',
    e.sub_type ?? e.type,
    e.actor?.name ?? '',
    e.participants[0]?.name ?? '',
    e.place?.name ?? '',
    e.casualties?.killed ?? 0,
    [doc.outlet, ...e.sources.map((s) => s.text)].filter(Boolean).join('; '),
    (e.background ? '[background] ' : '') + (e.evidence[0]?.text ?? e.trigger.text),
  ];
  return row.map(csvCell).join(',');
}

const RATING: Record<Claim['status'], { ratingValue: number; alternateName: string }> = {
  confirmed: { ratingValue: 5, alternateName: 'Confirmed' },
  asserted: { ratingValue: 4, alternateName: 'Asserted by the outlet' },
  claimed: { ratingValue: 3, alternateName: 'Claimed' },
  unconfirmed: { ratingValue: 2, alternateName: 'Unconfirmed' },
  disputed: { ratingValue: 2, alternateName: 'Disputed' },
  denied: { ratingValue: 1, alternateName: 'Denied' },
};

export function claimReview(c: Claim, doc: NewsRecord): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    identifier: c.id,
    claimReviewed: c.claim.text,
    datePublished: doc.published,
    author: { '@type': 'Organization', name: doc.outlet ?? 'unknown outlet' },
    itemReviewed: {
      '@type': 'Claim',
      author: c.claimant ? { '@type': 'Thing', name: c.claimant.name } : null,
      appearance: { '@type': 'CreativeWork', identifier: doc.id, ...('url' in doc.source ? { url: doc.source.url } : {}) },
    },
    reviewRating: { '@type': 'Rating', worstRating: 1, bestRating: 5, ...RATING[c.status] },
    newsledger: { status: c.status, claim: c.claim, evidence: c.evidence },
  };
}
