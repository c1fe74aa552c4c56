/**
 * Words of the CAAR-by-group chart, in English and French (kept beside `i18n.ts`, whose shared
 * labels — intervals, bounds, trading-day axis, event date — the chart reuses).
 *
 * @module
 */
import { checkLang, NBSP, type Lang } from '../util/format.js';

/** The CAAR chart's own words. */
export interface CaarLabels {
  /** Default title. */
  title: string;
  /** Y axis and tooltip: the cumulative average abnormal return. */
  caar: string;
  /** Legend and tooltip title of the groups. */
  group: string;
  /** Tooltip title of the number of firms behind a point. */
  firms: string;
  /** What the bands are: "Bands: 95% interval of the cross-sectional t". */
  bands: (interval: string) => string;
}

const en: CaarLabels = {
  title: 'Cumulative average abnormal return by group',
  caar: 'Cumulative average abnormal return (CAAR)',
  group: 'Group',
  firms: 'Firms',
  bands: (i) => `Bands: ${i} of the cross-sectional t`,
};

const fr: CaarLabels = {
  title: 'Rendement anormal moyen cumulé par groupe',
  caar: 'Rendement anormal moyen cumulé (CAAR)',
  group: 'Groupe',
  firms: 'Entreprises',
  bands: (i) => `Bandes${NBSP}: ${i.charAt(0).toLowerCase()}${i.slice(1)} du t transversal`,
};

const LABELS: Record<Lang, CaarLabels> = { en, fr };

/** The CAAR chart's labels for `lang`; a UsageError for an unknown language (checkLang's). */
export function caarLabels(lang: Lang = 'en'): CaarLabels {
  return LABELS[checkLang(lang)];
}
