// Offset lookups over a fixed list of spans (blocks, titles, posts, quotes) that cost the spans they return, not the
// whole list: a document's triggers, claims and sentences each ask them, so a scan of the list per question would be
// quadratic in the document's length.

import { partitionPoint } from '../util/search.js';

export interface Bounds {
  start: number;
  end: number;
}

/** The spans sorted by start, with the greatest end up to each position and a max-end tree for listing overlaps. */
export class SpanIndex {
  /** Positions in the list given, in order of start (ties in list order). */
  private readonly order: number[];
  private readonly starts: number[];
  private readonly ends: number[];
  /** prefixEnd[i]: the greatest end of the first i + 1 spans by start. */
  private readonly prefixEnd: number[];
  /** A complete binary tree over the spans by start: each node holds the greatest end below it (leaves at `size`). */
  private readonly tree: number[];
  private readonly size: number;

  constructor(spans: readonly Bounds[]) {
    this.order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start || a - b);
    this.starts = this.order.map((i) => spans[i]!.start);
    this.ends = this.order.map((i) => spans[i]!.end);
    this.prefixEnd = [];
    let max = -Infinity;
    for (const e of this.ends) this.prefixEnd.push((max = Math.max(max, e)));
    let size = 1;
    while (size < this.ends.length) size *= 2;
    this.size = size;
    this.tree = new Array<number>(2 * size).fill(-Infinity);
    this.ends.forEach((e, i) => (this.tree[size + i] = e));
    for (let n = size - 1; n >= 1; n--) this.tree[n] = Math.max(this.tree[2 * n]!, this.tree[2 * n + 1]!);
  }

  get length(): number {
    return this.order.length;
  }

  /** How many spans start before `offset` (strictly). */
  private startingBefore(offset: number): number {
    return partitionPoint(this.starts.length, (i) => this.starts[i]! >= offset);
  }

  /** Some span overlaps [start, end): `s.start < end && start < s.end`. */
  overlaps(start: number, end: number): boolean {
    const n = this.startingBefore(end);
    return n > 0 && this.prefixEnd[n - 1]! > start;
  }

  /** Some span holds the offset: `s.start <= offset && offset < s.end`. */
  covers(offset: number): boolean {
    const n = this.startingBefore(offset + 1);
    return n > 0 && this.prefixEnd[n - 1]! > offset;
  }

  /** Some span contains [start, end): `s.start <= start && end <= s.end`. */
  contains(start: number, end: number): boolean {
    const n = this.startingBefore(start + 1);
    return n > 0 && this.prefixEnd[n - 1]! >= end;
  }

  /** The positions (in the list given, ascending) of the spans overlapping [start, end): `s.start < end && start < s.end`. */
  overlapping(start: number, end: number): number[] {
    const n = this.startingBefore(end);
    const out: number[] = [];
    if (n === 0) return out;
    // Leaves [0, n) whose end is past `start`: a descent that skips every subtree ending at or before it.
    const visit = (node: number, lo: number, hi: number): void => {
      if (lo >= n || this.tree[node]! <= start) return;
      if (hi - lo === 1) {
        out.push(this.order[lo]!);
        return;
      }
      const mid = (lo + hi) >> 1;
      visit(2 * node, lo, mid);
      visit(2 * node + 1, mid, hi);
    };
    visit(1, 0, this.size);
    return out.sort((a, b) => a - b);
  }

  /** The first position (in the list given) of a span holding the offset, or -1 (as `findIndex` would find it). */
  firstCovering(offset: number): number {
    const hits = this.overlapping(offset, offset + 1);
    return hits.length ? hits[0]! : -1;
  }
}
