// Short-lived typed arrays as views of shared blocks. V8 gives a typed array of more than 64 bytes a backing store of
// its own outside the JS heap: about 250 ns to make, and more work for the collector, against about 40 ns for a view of
// an existing buffer. The quote taggers' features make some thirty such arrays a paragraph (per-token codes,
// nearest-cue indexes, row offsets).
//
// A block is never reused: every view is fresh zeroed memory, exactly as `new Int32Array(n)` gives, and a block is
// collected once no view of it is left. So a view kept alive keeps its whole block alive: take from here only arrays
// that die with the document being processed, not ones kept with it.

const BLOCK_BYTES = 1 << 16;
/** Larger arrays get a buffer of their own (a block would hold few of them). */
const MAX_VIEW_BYTES = BLOCK_BYTES / 8;

let block = new ArrayBuffer(BLOCK_BYTES);
let used = 0;

/** Byte offset in `block` of `bytes` fresh bytes (8-byte aligned), starting a new block when this one is full. */
function take(bytes: number): number {
  const size = (bytes + 7) & ~7;
  if (used + size > BLOCK_BYTES) {
    block = new ArrayBuffer(BLOCK_BYTES);
    used = 0;
  }
  const at = used;
  used += size;
  return at;
}

/** A zeroed Int32Array of n cells (as new Int32Array(n)). */
export function int32s(n: number): Int32Array {
  if (n * 4 > MAX_VIEW_BYTES) return new Int32Array(n);
  const at = take(n * 4);
  return new Int32Array(block, at, n);
}

/** A zeroed Uint8Array of n cells (as new Uint8Array(n)). */
export function uint8s(n: number): Uint8Array {
  if (n > MAX_VIEW_BYTES) return new Uint8Array(n);
  const at = take(n);
  return new Uint8Array(block, at, n);
}
