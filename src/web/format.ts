// How values read on the page: times in UTC with the zone named, confidences as percentages, outlets by name.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-08-21T03:42:00Z" → "21 Aug 2025, 03:42 UTC"; a day alone stays a day; anything else is shown as given. */
export function when(iso: string | null | undefined): string {
  if (!iso) return 'undated';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, hh, mm] = m;
  const month = MONTHS[Number(mo) - 1] ?? mo;
  const day = d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
  return hh ? `${day}, ${hh}:${mm} UTC` : day;
}

/** Sortable key: ISO strings sort by time as text; undated sorts last. */
export function timeKey(iso: string | null | undefined): string {
  return iso ?? '';
}

export function confidence(c: number): string {
  return `${Math.round(c * 100)}%`;
}

/** The outlet that reported a document; a document without one counts as its own source. */
export function outletOf(row: { outlet: string | null; document: string }): string {
  return row.outlet ?? `unnamed outlet (${row.document})`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
