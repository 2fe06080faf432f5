import type { NewsRecord } from '../../model/record.js';
import { parseDay } from './calendar.js';
import type { TimeAnchor } from './types.js';
import { isValidZone, zoneOffsetMinutes } from '../../util/zones.js';
import { partitionPoint } from '../../util/search.js';

/** The anchor of a published value ("2025-08-21T03:42:00Z" or "2025-08-21") read in `zone`, or null. */
export function anchorFrom(published: string | null | undefined, zone: string): TimeAnchor | null {
  if (!published) return null;
  const z = isValidZone(zone) ? zone : 'UTC';
  if (/^\d{4}-\d{2}-\d{2}$/.test(published)) {
    const day = parseDay(published);
    return day ? { source: published, ...day, minutes: null, zone: z } : null;
  }
  const ms = Date.parse(published);
  if (!Number.isFinite(ms)) {
    const day = parseDay(published);
    return day ? { source: published, ...day, minutes: null, zone: z } : null;
  }
  const local = new Date(ms + zoneOffsetMinutes(z, ms) * 60_000);
  return {
    source: published,
    y: local.getUTCFullYear(),
    m: local.getUTCMonth() + 1,
    d: local.getUTCDate(),
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    zone: z,
  };
}

/**
 * For each offset of the record's text, the anchor it is written at: the live-blog post whose span contains it (its
 * own published time), else the document's published time, else the ingest header's date.
 */
export function anchorResolver(record: NewsRecord, headerDate: string | null): (offset: number) => TimeAnchor | null {
  const zone = record.timezone?.name ?? 'UTC';
  const docAnchor = anchorFrom(record.published, zone) ?? anchorFrom(headerDate, zone);
  const posts = (record.posts ?? [])
    .map((p) => ({ start: p.span.start, end: p.span.end, anchor: anchorFrom(p.published, zone) }))
    .filter((p) => p.anchor !== null)
    .sort((a, b) => a.start - b.start);
  return (offset) => {
    // The last post starting at or before the offset (binary search), or -1.
    const found = partitionPoint(posts.length, (i) => posts[i]!.start > offset) - 1;
    if (found >= 0 && offset < posts[found]!.end) return posts[found]!.anchor;
    return docAnchor;
  };
}
