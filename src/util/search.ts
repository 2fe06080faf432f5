/**
 * The first index in [0, n) at which `atOrAfter` holds, for a predicate that is false and then true along a sorted
 * array (binary search); n when it never holds. The one binary search the layers share: each names its question
 * ("first run ending after pos") as the predicate.
 */
export function partitionPoint(n: number, atOrAfter: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (atOrAfter(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
