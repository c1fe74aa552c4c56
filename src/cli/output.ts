import type { EventStudy } from '../study/result.js';

/** Quote a CSV cell if it needs it (RFC 4180). */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV text with a header and a trailing newline. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

/** The event window as CSV: one row a day, full precision. */
export function windowCsv(study: EventStudy): string {
  return toCsv(
    ['date', 'offset', 'return', 'market_return', 'expected', 'ar', 'se', 't', 'p', 'lo', 'hi', 'car', 'car_se', 'car_t', 'car_p', 'car_lo', 'car_hi', 'close'],
    study.window.map((d) => [d.date, d.offset, d.return, d.marketReturn, d.expected, d.ar, d.se, d.t, d.p, d.lo, d.hi, d.car, d.carSe, d.carT, d.carP, d.carLo, d.carHi, d.close]),
  );
}

/** Pretty JSON with a trailing newline. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
