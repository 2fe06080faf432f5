/**
 * Greedy one-to-one matching: the pairs are taken in the order given (best first: the caller sorts them), each pair
 * kept unless its left or its right side is already matched. The scorers match predictions to gold this way, and the
 * quote layer joins contents to cues.
 */
export function matchGreedy<A, B>(pairs: Iterable<readonly [A, B]>): Map<A, B> {
  const matched = new Map<A, B>();
  const taken = new Set<B>();
  for (const [a, b] of pairs) {
    if (matched.has(a) || taken.has(b)) continue;
    matched.set(a, b);
    taken.add(b);
  }
  return matched;
}
