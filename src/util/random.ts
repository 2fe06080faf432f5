/**
 * A small seeded PRNG (mulberry32): training shuffles and bootstrap resamples draw from it, so weights and confidence
 * intervals are the same on every run and every machine.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A linear congruential generator (Numerical Recipes constants). The quote taggers and boundary rankers were trained
 * with it (src/train/quotes.ts, src/train/quoteBoundaries.ts): it stays so that retraining them writes the committed
 * files byte for byte; moving them to prng means retraining and choosing their settings on dev again.
 */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
