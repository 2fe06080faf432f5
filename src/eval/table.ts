/** Formats rows as an aligned plain-text table (first row is the header). */
export function formatTable(rows: Array<Array<string | number>>): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const widths: number[] = [];
  for (const r of cells) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const [head, ...body] = cells;
  return [line(head!), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(3);
}

/** Precision, recall and F1 from counts; 0 where a denominator is 0. */
export function prf(correct: number, predicted: number, gold: number): { p: number; r: number; f1: number } {
  const p = predicted ? correct / predicted : 0;
  const r = gold ? correct / gold : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}
