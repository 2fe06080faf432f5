// Loose comparison of names and texts between the seeds gold and records (shared by the events and claims sections).
import { nameWords } from '../../events/names.js';

export { nameWords };

/** Same name: one's words contain the other's, after normalising ("Washington DC" ~ "Washington, D.C."). */
export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = nameWords(a).join(' ').replace(/\b(\w) (\w)\b/g, '$1$2');
  const y = nameWords(b).join(' ').replace(/\b(\w) (\w)\b/g, '$1$2');
  if (!x || !y) return false;
  const xs = new Set(x.split(' '));
  const ys = new Set(y.split(' '));
  return [...xs].every((w) => ys.has(w)) || [...ys].every((w) => xs.has(w));
}

/** Share of the gold text's content words found in the predicted text. */
export function wordOverlap(gold: string, predicted: string): number {
  const g = new Set(nameWords(gold).map((w) => w.replace(/s$/, '')));
  const p = new Set(nameWords(predicted).map((w) => w.replace(/s$/, '')));
  if (!g.size) return 0;
  return [...g].filter((w) => p.has(w)).length / g.size;
}
