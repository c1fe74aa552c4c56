/**
 * A plain-text table for terminal output: a header, a rule, and the rows, columns separated by
 * two spaces; the first `leftColumns` columns are left-aligned, the others (numbers) right-aligned.
 *
 * @example
 * textTable(['date', 'AR'], [['2025-01-27', '-13.373 %']]);
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, j) => (j < leftColumns ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
