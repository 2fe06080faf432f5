import { OUTLET_PATTERNS, OUTLETS, type OutletInfo } from './data.js';

const byName = new Map<string, OutletInfo>();
for (const o of OUTLETS) for (const n of [o.name, ...o.aliases]) byName.set(n.toLowerCase(), o);

/** The outlet's canonical name when it is in the table, else the name as the page gave it. */
export function canonicalOutlet(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim().replace(/[.,;]+$/, '');
  return byName.get(clean.toLowerCase())?.name ?? byName.get(clean.replace(/^the\s+/i, '').toLowerCase())?.name ?? clean;
}

/**
 * The outlet named by the page's own furniture ("Stay up to date with notifications from X", "© 2025 X") or by its
 * URL's domain; null when neither names one. Names mentioned in the story ("according to The Times") are not read.
 */
export function findOutlet(edgeLines: string[], url: string | null): string | null {
  for (const line of edgeLines) {
    for (const p of OUTLET_PATTERNS) {
      const m = p.exec(line);
      if (m?.[1]) return canonicalOutlet(m[1]);
    }
  }
  if (url) {
    let host: string;
    try {
      host = new URL(url).hostname.replace(/^www\./, '');
    } catch {
      return null;
    }
    const o = OUTLETS.find((x) => x.domains.some((dm) => host === dm || host.endsWith('.' + dm)));
    if (o) return o.name;
  }
  return null;
}

/** The zone an outlet's timestamps are in when a page states none; null for outlets not in the table. */
export function outletZone(outlet: string | null): string | null {
  if (!outlet) return null;
  return byName.get(outlet.toLowerCase())?.timezone ?? null;
}
