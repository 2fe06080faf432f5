import type { NewsEvent } from '../../model/record.js';
import { sameName } from './match.js';
import type { SeedsSection } from './section.js';

interface GoldEvent {
  id: string;
  type: string;
  sub_type?: string;
  place?: string | string[] | null;
  date: string | null;
  docs: string[];
  optional?: boolean;
  background?: boolean;
}

/** The day or period a predicted date names, cut to the gold's granularity when the gold is a day. */
function sameDate(gold: string | null, got: NewsEvent['date']): boolean {
  if (gold === null) return got === null;
  if (!got) return false;
  return got.value === gold || (/^\d{4}-\d{2}-\d{2}$/.test(gold) && got.value.slice(0, 10) === gold);
}

/** Gold place: absent → not scored; null → none predicted; a list → any of them. */
function samePlace(gold: GoldEvent['place'], got: NewsEvent['place']): boolean {
  if (gold === undefined) return true;
  if (gold === null) return got === null;
  const options = Array.isArray(gold) ? gold : [gold];
  return !!got && options.some((g) => sameName(g, got.name));
}

export const eventsSection: SeedsSection = {
  name: 'events',
  score(run) {
    const gold = ((run.gold.events ?? []) as unknown as GoldEvent[]).filter((g) => !g.optional);
    const review: string[] = [];
    const used = new Set<NewsEvent>();
    let typeOk = 0;
    let full = 0;
    for (const g of gold) {
      const candidates = g.docs.flatMap((d) => run.records.get(d)?.events ?? []).filter((e) => e.type === g.type);
      if (candidates.length) typeOk++;
      const hit = candidates.find((e) => sameDate(g.date, e.date) && samePlace(g.place, e.place));
      if (hit) {
        full++;
        for (const d of g.docs) for (const e of run.records.get(d)?.events ?? []) if (e.id === hit.id || e === hit) used.add(e);
      } else {
        const near = candidates.map((e) => `${e.trigger.text}@${e.date?.value ?? '-'}/${e.place?.name ?? '-'}`).slice(0, 4).join(', ');
        review.push(`missed ${g.id} (${g.type}, ${g.date ?? 'no date'}, ${JSON.stringify(g.place ?? null)}); same-type candidates: ${near || 'none'}`);
      }
    }
    let predicted = 0;
    for (const [doc, r] of run.records) {
      for (const e of r.events) {
        predicted++;
        if (!used.has(e)) review.push(`not in gold: ${doc} ${e.type}${e.sub_type ? '/' + e.sub_type : ''} "${e.trigger.text}" ${e.date?.value ?? '-'} ${e.place?.name ?? '-'}`);
      }
    }
    return {
      section: 'events',
      rows: [
        { name: 'events: type found', correct: typeOk, total: gold.length },
        { name: 'events: type+date+place', correct: full, total: gold.length, predicted },
        { name: 'precision (matched/predicted)', correct: used.size, total: predicted, detail: 'unmatched predictions are listed with --review' },
      ],
      review,
    };
  },
};
