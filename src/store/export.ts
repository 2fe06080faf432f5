// Exports of search results: JSON lines, CSV (RFC 4180 quoting) and a citation per quote.
import type { QuoteRow } from './store.js';

export type ExportFormat = 'jsonl' | 'csv' | 'citation';

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  // A cell starting with = + - @ is a formula to spreadsheets: prefixed so opening an export runs nothing.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Lines of the export, header first for CSV; rows are flat objects (listing rows). */
export function exportLines<T extends object>(rows: T[], format: 'jsonl' | 'csv', header: boolean): string[] {
  if (format === 'jsonl') return rows.map((r) => JSON.stringify(r));
  if (rows.length === 0) return [];
  const cols = Object.keys(rows[0]!);
  const lines = rows.map((r) => cols.map((c) => csvCell((r as Record<string, unknown>)[c])).join(','));
  return header ? [cols.join(','), ...lines] : lines;
}

/** One quote as a citation: speaker, words, outlet, headline, URL, time. */
export function citation(q: QuoteRow): string {
  const who = q.speaker ?? 'Unattributed';
  const where = [q.outlet, q.headline ? `"${q.headline}"` : null, q.published, q.url ?? q.document].filter(Boolean).join(', ');
  // The quote's own marks are dropped at its ends so the citation's marks are not doubled.
  const words = q.content.replace(/^[\s"\u201c\u201d\u201e\u00ab\u00bb]+|[\s"\u201c\u201d\u201e\u00ab\u00bb,]+$/g, '');
  return `${who}: \u201c${words}\u201d (${where})`;
}
