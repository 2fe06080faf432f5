import type { Quote } from '../../model/record.js';
import type { GoldAttribution } from './gold.js';
import type { ScoreRow, SectionResult, SeedsRun, SeedsSection } from './section.js';
import { matchGreedy } from '../../util/matching.js';

// The quotes part of `newsledger eval seeds`: gold attributions are matched one-to-one to predicted quotes of the
// same document by content overlap; then speaker and kind are checked on each match, the share of predicted quotes
// that match any gold attribution is reported, and statement links are scored pairwise over gold attributions.

/** Share of the shorter of the two content spans that must overlap for a prediction to match a gold attribution. */
export const MATCH_OVERLAP = 0.5;

function overlapShare(q: Quote, g: GoldAttribution): number {
  const o = Math.min(q.content.end, g.content_end) - Math.max(q.content.start, g.content_start);
  const shorter = Math.min(q.content.end - q.content.start, g.content_end - g.content_start);
  return o > 0 && shorter > 0 ? o / shorter : 0;
}

const norm = (s: string) => s.toLowerCase().replace(/[’']s\b/g, '').replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();

/** The speaker is right when the resolved name or the mention names the gold speaker (or an accepted variant). */
export function speakerRight(q: Quote, g: GoldAttribution): boolean {
  const accept = [g.speaker, g.speaker_mention, ...((g.speaker_accept as string[] | undefined) ?? [])]
    .filter((s): s is string => !!s)
    .map(norm);
  if (g.speaker === null) return q.speaker.name === null;
  const said = [q.speaker.name, q.speaker.mention?.text].filter((s): s is string => !!s).map(norm);
  for (const s of said) {
    for (const a of accept) {
      if (s === a) return true;
      const last = s.split(' ').pop()!;
      if (!g.anonymous && last.length > 2 && a.split(' ').includes(last) && /\p{Lu}/u.test(q.speaker.name ?? '')) return true;
      if (a.length > 3 && s.includes(a)) return true;
    }
  }
  return false;
}

/** Gold index → predicted quote, greedy one-to-one by overlap. */
export function matchAttributions(gold: GoldAttribution[], records: SeedsRun['records']): Map<number, Quote> {
  const pairs: Array<[number, number, Quote]> = [];
  gold.forEach((g, gi) => {
    for (const q of records.get(g.doc)?.quotes ?? []) {
      const s = overlapShare(q, g);
      if (s >= MATCH_OVERLAP) pairs.push([s, gi, q]);
    }
  });
  pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return matchGreedy(pairs.map(([, gi, q]) => [gi, q] as const));
}

export const quotesSection: SeedsSection = {
  name: 'quotes',
  score(run) {
    const all = run.gold.attributions ?? [];
    const docs = new Set(run.gold.documents.map((d) => d.file));
    const gold = all.filter((g) => docs.has(g.doc));
    const match = matchAttributions(gold, run.records);
    const review: string[] = [];
    let speaker = 0;
    let kind = 0;
    let required = 0;
    gold.forEach((g, gi) => {
      if (g.optional) return;
      required++;
      const q = match.get(gi);
      if (!q) {
        review.push(`missed (${g.doc} ${g.content_start}): ${g.content.slice(0, 80)}`);
        return;
      }
      if (speakerRight(q, g)) speaker++;
      else review.push(`speaker: "${q.speaker.name}" (mention "${q.speaker.mention?.text ?? ''}") for gold "${g.speaker}": ${g.content.slice(0, 60)}`);
      if (q.kind === g.kind) kind++;
      else review.push(`kind: ${q.kind} for gold ${g.kind}: ${g.content.slice(0, 60)}`);
    });
    let predicted = 0;
    let matched = 0;
    for (const [file, record] of run.records) {
      for (const q of record.quotes) {
        predicted++;
        if (gold.some((g) => g.doc === file && overlapShare(q, g) > 0)) matched++;
        else review.push(`not in gold (${file} ${q.content.start}): ${q.content.text.slice(0, 80)}`);
      }
    }
    // Statement links, pairwise over gold attributions: a paraphrase counts with the statement it paraphrases.
    let both = 0;
    let predPairs = 0;
    let goldPairs = 0;
    for (let i = 0; i < gold.length; i++) {
      for (let j = i + 1; j < gold.length; j++) {
        const gs = gold[i]!.statement !== undefined && gold[i]!.statement === gold[j]!.statement;
        const qi = match.get(i);
        const qj = match.get(j);
        const ci = qi ? qi.statement ?? qi.paraphrase_of : null;
        const cj = qj ? qj.statement ?? qj.paraphrase_of : null;
        const ps = ci !== null && ci === cj;
        if (gs) goldPairs++;
        if (ps) predPairs++;
        if (gs && ps) both++;
      }
    }
    const rows: ScoreRow[] = [
      { name: 'speaker right', correct: speaker, total: required, detail: 'non-optional gold attributions' },
      { name: 'kind right', correct: kind, total: required },
      { name: 'found', correct: match.size, total: gold.length, detail: 'gold attributions matched (overlap)' },
      { name: 'predicted in gold', correct: matched, total: predicted, detail: 'predicted quotes overlapping a gold one' },
      { name: 'statement link precision', correct: both, total: predPairs, predicted: predPairs, detail: 'pairwise' },
      { name: 'statement link recall', correct: both, total: goldPairs, detail: 'pairwise' },
    ];
    return { section: 'quotes', rows, review };
  },
};
