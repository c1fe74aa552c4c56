/**
 * The x axis of the charts that run through the event window (price path, abnormal returns,
 * CAR): one evenly spaced position per trading day, in order, labelled with the short date. A
 * time axis would space the days by the calendar, drawing a weekend or a holiday as a slope or a
 * hole (the 27 January 2025 fall came after a weekend, and 20 January was a holiday); the study's
 * days are trading days, so the axis counts them as such. Pure: plain Vega-Lite, no rendering.
 */
import { formatDate, formatNumber, type Lang } from './i18n.js';

/**
 * A trading day's short label: day and month, no year, as the old time axis printed them
 * (`27 Jan`, `27 janv.`).
 *
 * @example
 * shortDay('2025-01-27', 'fr'); // '27 janv.'
 */
export function shortDay(date: string, lang: Lang): string {
  return formatDate(date, lang).replace(/\s\d{4}$/, '').replace(/\u00a0/g, ' ');
}

/** A Vega expression that looks `datum.value` up in `labels` (an object literal: JSON is valid there). */
function lookup(labels: Record<string, string | string[]>): string {
  return `${JSON.stringify(labels)}[datum.value]`;
}

/**
 * An x encoding over the trading days of `days` (ISO dates, in any order; drawn ascending), each
 * labelled with its short date: a point scale, so lines and areas join neighbouring trading days
 * and nothing is drawn for the days between.
 *
 * @example
 * const x = dateAxis(['2025-01-24', '2025-01-27'], 'Date', 'en');
 * // { field: 'date', type: 'ordinal', scale: { type: 'point', domain: [...], padding: 0.5 }, axis: { labelExpr: ... } }
 */
export function dateAxis(days: readonly string[], title: string, lang: Lang) {
  const domain = [...new Set(days)].sort();
  return {
    field: 'date',
    type: 'ordinal' as const,
    title,
    scale: { type: 'point' as const, domain, padding: 0.5 },
    axis: { labelExpr: lookup(Object.fromEntries(domain.map((d) => [d, shortDay(d, lang)]))), labelAngle: 0, labelOverlap: true },
  };
}

/**
 * An x encoding over trading-day offsets (…, -1, 0, 1, …), each labelled on two lines with the
 * offset and its short date. `scale` is `band` for bars, `point` for lines and areas.
 *
 * @example
 * const x = offsetAxis([{ offset: -1, date: '2025-01-24' }, { offset: 0, date: '2025-01-27' }], 'Trading days', 'en', 'band');
 */
export function offsetAxis(days: readonly { offset: number; date: string }[], title: string, lang: Lang, scale: 'band' | 'point') {
  const sorted = [...days].sort((a, b) => a.offset - b.offset);
  const domain = [...new Set(sorted.map((d) => d.offset))];
  const labels = Object.fromEntries(sorted.map((d) => [String(d.offset), [formatNumber(d.offset, lang), shortDay(d.date, lang)]]));
  return {
    field: 'offset',
    type: 'ordinal' as const,
    title,
    scale: scale === 'point' ? { type: 'point' as const, domain, padding: 0.5 } : { type: 'band' as const, domain },
    axis: { labelExpr: lookup(labels), labelAngle: 0, labelOverlap: true },
  };
}
