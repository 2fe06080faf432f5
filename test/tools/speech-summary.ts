import type { NewsRecord } from '../../src/model/record.js';

/**
 * The part of a record that speech fixtures pin: who said what, as a reader would check it by eye. Each quote's
 * kind, words, cue and speaker (the words that name them, the name they resolve to, whether they are anonymous),
 * and the words of the report it is reached through. Offsets, ids, statements and confidences are left out: they are
 * other tests' to pin, and would churn these files.
 */
export function speechSummary(r: NewsRecord) {
  const byId = new Map(r.quotes.map((q) => [q.id, q]));
  return r.quotes.map((q) => ({
    kind: q.kind,
    content: q.content.text,
    cue: q.cue?.text ?? null,
    speaker: { mention: q.speaker.mention?.text ?? null, name: q.speaker.name, anonymous: q.speaker.anonymous },
    via: q.via ? byId.get(q.via)?.content.text ?? null : null,
  }));
}
