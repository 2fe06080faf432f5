// What of a document's text is body, for mentions: byline and boilerplate blocks are skipped, and so are the names
// the structure layer read as authors (people of the document, not mentions in its text). With no
// blocks yet, the whole text is body.
import type { NewsRecord } from '../model/record.js';
import { partitionPoint } from '../util/search.js';

/** Sorted, merged [start, end) ranges no mention may overlap. */
export function excludedRanges(record: NewsRecord): Array<[number, number]> {
  const raw: Array<[number, number]> = [];
  for (const b of record.blocks) if (b.type === 'byline' || b.type === 'boilerplate') raw.push([b.span.start, b.span.end]);
  for (const n of record.byline) raw.push([n.span.start, n.span.end]);
  for (const p of record.posts) {
    for (const a of p.authors) raw.push([a.span.start, a.span.end]);
  }
  // Credits ("(AP)", "Reuters | ...") sit in byline blocks but name the agency the post comes from: an organisation
  // the document names, so a credit's own span stays open (the ranges are cut around it).
  const credits = record.posts.flatMap((p) => (p.credit ? [[p.credit.span.start, p.credit.span.end] as [number, number]] : []));
  return cut(merge(raw), merge(credits));
}

function merge(raw: Array<[number, number]>): Array<[number, number]> {
  raw.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of raw) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** The ranges minus the holes (both sorted and merged), in one linear pass. */
function cut(ranges: Array<[number, number]>, holes: Array<[number, number]>): Array<[number, number]> {
  if (holes.length === 0) return ranges;
  const out: Array<[number, number]> = [];
  let h = 0;
  for (const [s0, e] of ranges) {
    let s = s0;
    while (h < holes.length && holes[h]![1] <= s) h++;
    let k = h;
    while (k < holes.length && holes[k]![0] < e) {
      if (holes[k]![0] > s) out.push([s, holes[k]![0]]);
      s = Math.max(s, holes[k]![1]);
      k++;
    }
    if (s < e) out.push([s, e]);
  }
  return out;
}

/** True when [start, end) overlaps one of the sorted ranges (binary search). */
export function inRanges(ranges: Array<[number, number]>, start: number, end: number): boolean {
  const lo = partitionPoint(ranges.length, (i) => ranges[i]![1] > start);
  return lo < ranges.length && ranges[lo]![0] < end;
}
