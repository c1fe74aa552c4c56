// Every figure and label says what was computed (issue 12): the confidence level of the study in
// every chart and in the report, titles and lines that follow the model, and French output with
// no English left in it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { estimationScatterChart } from '../src/charts/estimationScatter.js';
import { labels, levelText, NNBSP } from '../src/charts/i18n.js';
import { claimsReport, type ClaimsReport } from '../src/claims/report.js';
import { UsageError } from '../src/errors.js';
import { claimBars } from '../src/report/figures.js';
import { buildReport, type ReportInput } from '../src/report/html.js';
import { reportCharts, studyReport } from '../src/report/study-report.js';
import { reportText } from '../src/report/text.js';
import { eventStudy } from '../src/study/load.js';
import type { EventStudy } from '../src/study/result.js';

const FLAG = { firm: 'NVDA', market: 'SPY', event: '2025-01-27' };

/** Every string a spec shows (titles, legends, tooltips, data labels), without its config and schema. */
function specText(spec: TopLevelSpec): string {
  const { config: _c, $schema: _s, usermeta: _u, ...rest } = spec as unknown as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** The report's words only: its input with the charts left out. */
function reportWords(input: ReportInput): string {
  return JSON.stringify({ ...input, sections: input.sections.map((s) => ({ ...s, charts: (s.charts ?? []).map((c) => c.caption) })) });
}

/** The page without its charts (fast: no rendering), as visible text. */
async function pageText(input: ReportInput): Promise<{ html: string; text: string }> {
  const html = await buildReport({ ...input, sections: input.sections.map((s) => ({ ...s, charts: [] })) });
  const body = html.slice(html.indexOf('<body>'));
  return { html, text: body.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&') };
}

describe('levelText', () => {
  it('writes a level the way each language does', () => {
    expect(levelText(0.95, 'en')).toBe('95%');
    expect(levelText(0.99, 'fr')).toBe(`99${NNBSP}%`);
    expect(levelText(0.975, 'fr')).toBe(`97,5${NNBSP}%`);
    expect(() => levelText(1.5, 'en')).toThrow(UsageError);
  });
});

describe('--confidence 0.99: every chart and the report say 99 %, none says 95 %', () => {
  let s99: EventStudy;
  let s95: EventStudy;
  let claims: ClaimsReport;
  beforeAll(async () => {
    [s99, s95, claims] = await Promise.all([eventStudy({ ...FLAG, confidence: 0.99 }), eventStudy(FLAG), claimsReport()]);
  }, 60_000);

  it('the intervals drawn are the study\'s 99 % intervals', () => {
    const ar = reportCharts(s99)['abnormal-returns'] as { data: { values: { lo: number }[] } };
    expect(ar.data.values.map((r) => r.lo)).toEqual(s99.window.map((d) => d.lo));
    expect(s99.window[5]!.lo).toBeLessThan(s95.window[5]!.lo);
  });

  it('English: the band and the intervals of the price path, AR and CAR charts say 99%', () => {
    const charts = reportCharts(s99, { lang: 'en' });
    expect(specText(charts['price-path']!)).toContain('"99% band"');
    expect(specText(charts['abnormal-returns']!)).toContain('"99% interval"');
    expect(specText(charts['abnormal-returns']!)).toContain('"99% interval, lower bound"');
    expect(specText(charts.car!)).toContain('"99% interval"');
    for (const [name, spec] of Object.entries(charts)) expect(specText(spec), name).not.toMatch(/95 ?%/);
  });

  it('French: "Bande à 99 %", "Intervalle à 99 %"', () => {
    const charts = reportCharts(s99, { lang: 'fr' });
    expect(specText(charts['price-path']!)).toContain(`Bande à 99${NNBSP}%`);
    expect(specText(charts['abnormal-returns']!)).toContain(`Intervalle à 99${NNBSP}%`);
    expect(specText(charts.car!)).toContain(`Intervalle à 99${NNBSP}%`);
    for (const [name, spec] of Object.entries(charts)) expect(specText(spec), name).not.toMatch(/95\u202f?%/);
  });

  it('the report: CAR sentence, table columns and captions say 99 %', () => {
    const en = reportWords(studyReport(s99, { claims }));
    expect(en).toContain('(99% interval ');
    expect(en).toContain('"99% low"');
    expect(en).toContain('"99% high"');
    expect(en).toContain('with their 99% confidence intervals');
    expect(en).not.toMatch(/95 ?%/);
    const fr = reportWords(studyReport(s99, { claims, lang: 'fr' }));
    expect(fr).toContain(`intervalle à 99${NNBSP}% de`);
    expect(fr).toContain(`Borne basse 99${NNBSP}%`);
    expect(fr).not.toMatch(/95\u202f%/);
  });

  it('the default study still says 95%', () => {
    expect(specText(reportCharts(s95)['abnormal-returns']!)).toContain('"95% interval"');
    expect(reportWords(studyReport(s95))).toContain('(95% interval ');
  });
});

describe('chart titles and lines follow the model', () => {
  const studies: Record<string, EventStudy> = {};
  beforeAll(async () => {
    for (const model of ['market', 'market-adjusted', 'constant-mean', 'ff3']) studies[model] = await eventStudy({ ...FLAG, model });
  }, 60_000);
  const line = (spec: TopLevelSpec) => {
    const layers = (spec as { layer: { data?: { values: { x: number; y: number }[] }; transform?: { calculate: string }[] }[] }).layer;
    const l = layers[1]!;
    return { name: JSON.parse(l.transform![0]!.calculate) as string, values: l.data!.values };
  };

  it('market model: "market-model counterfactual" and the fitted line', () => {
    const c = reportCharts(studies.market!);
    expect((c['price-path'] as { title: { text: string } }).title.text).toBe('NVDA: observed close vs. market-model counterfactual');
    expect(line(c['estimation-scatter']!).name).toBe('Fitted line');
  });

  it('market-adjusted: its own counterfactual, and the 45° line y = x labelled as such', () => {
    const c = reportCharts(studies['market-adjusted']!);
    const text = specText(c['price-path']!);
    expect(text).toContain('NVDA: observed close vs. market-adjusted counterfactual');
    expect(text).toContain('Counterfactual (market-adjusted model)');
    expect(text).not.toContain('market-model');
    const l = line(c['estimation-scatter']!);
    expect(l.name).toBe('45° line y = x');
    for (const p of l.values) expect(p.y).toBe(p.x);
    expect(specText(c['estimation-scatter']!)).not.toMatch(/Fitted line|fitted/i);
  });

  it('constant-mean: "constant mean", a horizontal line at the estimation-window mean', () => {
    const study = studies['constant-mean']!;
    const c = reportCharts(study);
    expect(specText(c['price-path']!)).toContain('NVDA: observed close vs. constant-mean counterfactual');
    const l = line(c['estimation-scatter']!);
    expect(l.name).toBe('Constant mean');
    const mean = study.estimation.coefficients.find((k) => k.name === 'mean')!.value;
    for (const p of l.values) expect(p.y).toBeCloseTo(mean, 12);
    expect(specText(c['estimation-scatter']!)).toContain('Constant mean y = μ with μ = 0.434%');
  });

  it('ff3: no scatter, no fitted line; the report says Mkt-RF is the market and SPY only trims the calendar', () => {
    const study = studies.ff3!;
    const c = reportCharts(study);
    expect(c['estimation-scatter']).toBeUndefined();
    expect(specText(c['price-path']!)).toContain('Fama-French 3-factor counterfactual');
    const input = studyReport(study);
    expect(input.subtitle).toBe('Event study of NVDA, Fama-French 3-factor model (market factor Mkt-RF; SPY only sets the trading days) fitted on 250 trading days');
    const modelSection = input.sections.find((s) => s.heading === 'The fitted model')!;
    expect(modelSection.paragraphs!.join(' ')).toMatch(/the market is the factor Mkt-RF .*SPY is not in the model, it only trims the calendar/);
    expect(reportWords(input)).not.toMatch(/fitted line/i);
    const fr = studyReport(study, { lang: 'fr' });
    expect(fr.subtitle).toContain('modèle Fama-French à 3 facteurs');
    expect(fr.sections.find((s) => s.heading === 'Le modèle estimé')!.paragraphs!.join(' ')).toMatch(/le marché est le facteur Mkt-RF/);
  });

  it('the scatter builder refuses ff3 and names the line by model', () => {
    const input = { symbol: 'A', market: 'M', points: [{ date: '2025-01-02', x: 0.01, y: 0.02 }], alpha: 0, beta: 1, event: { date: '2025-01-03', x: -0.01, y: -0.05 } };
    expect(() => estimationScatterChart({ ...input, model: 'ff3' as never })).toThrow(UsageError);
    expect(() => estimationScatterChart({ ...input, model: 'capm' as never })).toThrow(/unknown model "capm"/);
    expect(specText(estimationScatterChart({ ...input, model: 'market-adjusted', lang: 'fr' }))).toContain('Droite à 45° y = x');
    expect(specText(estimationScatterChart(input))).toContain('Fitted line');
  });
});

describe('French output has no English left in it', () => {
  let study: EventStudy;
  let claims: ClaimsReport;
  let page: { html: string; text: string };
  beforeAll(async () => {
    [study, claims] = await Promise.all([eventStudy(FLAG), claimsReport()]);
    page = await pageText(studyReport(study, { claims, lang: 'fr' }));
  }, 60_000);

  it('model names are French ("modèle de marché", never "modèle market")', () => {
    expect(studyReport(study, { lang: 'fr' }).subtitle).toBe('Étude d’événement contre SPY, modèle de marché estimé sur 250 séances');
    expect(page.text).not.toMatch(/modèle market/);
    expect(labels('fr').modelName).toEqual({
      market: 'modèle de marché',
      'market-adjusted': 'modèle ajusté du marché',
      'constant-mean': 'modèle à moyenne constante',
      ff3: 'modèle Fama-French à 3 facteurs',
    });
  });

  it('a standard-error column is "Erreur type", not "Écart-type"', () => {
    expect(page.html).toContain('<th scope="col">Erreur type</th>');
    expect(page.html).not.toContain('Écart-type');
  });

  it('"1 256 séances" with a narrow no-break space', () => {
    expect(page.text).toContain(`1${NNBSP}256 séances communes aux deux séries.`);
  });

  it('sigma and R² say "—" where no test or interval applies, never "inconnu"', async () => {
    const rows = [...page.html.matchAll(/<tr><td>(sigma|R²)<\/td>([\s\S]*?)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual(['sigma', 'R²']);
    for (const r of rows) {
      expect(r[2]).not.toContain('inconnu');
      expect([...r[2]!.matchAll(/<td>—<\/td>/g)]).toHaveLength(5);
    }
    const en = await pageText(studyReport(study));
    expect([...en.html.matchAll(/<tr><td>sigma<\/td>([\s\S]*?)<\/tr>/g)][0]![1]).not.toContain('unknown');
  });

  it('claim subjects and wire outlets are French', () => {
    expect(page.text).toContain('Nvidia et d’autres géants de la tech');
    expect(page.text).toContain('Bloomberg (relayé par TipRanks et d’autres, 2025-01-27/28)');
    expect(page.text).toContain('Reuters, d’après les données LSEG (2025-01-27)');
    expect(page.text).not.toMatch(/and other|as relayed|using LSEG/);
  });

  it('no English word in the page\'s text (file names and symbols aside)', () => {
    const text = page.text.replace(/seeds\/\S+|fixtures\/\S+|adj_close|Mkt-RF/g, '');
    const english = text.match(/\b(?:and|other|the|of|unknown|model|market|fitted|using|relayed|std|error|lower|upper|bound|basket|close|interval|shares?)\b/gi);
    expect(english).toBeNull();
  });

  it('chart tooltips and notes are French too', () => {
    const charts = reportCharts(study, { claims, lang: 'fr' });
    for (const [name, spec] of Object.entries(charts)) {
      expect(specText(spec), name).not.toMatch(/"title":"offset"|\((?:lo|hi)\)|not comparable|understated|close-to-close/);
    }
    const notes = claimBars(claims, 'fr').map((b) => b.note ?? '');
    expect(notes[1]).toBe(
      'sous-estimé, clôture à clôture (panier, borne basse). Nombre d’actions manquant pour MU, ARM, SMCI\u00a0: non estimé. Pas de cours de clôture tel que coté pour TSM, ORCL\u00a0: pas de chiffre en dollars.',
    );
  });

  it('the study\'s notes are translated', () => {
    const T = reportText('fr');
    expect(T.note('2025-01-25 is a Saturday; the event moves to the next trading day, 2025-01-27.')).toBe(
      'Le 2025-01-25 est un samedi\u00a0; l’événement passe à la séance suivante, le 2025-01-27.',
    );
    expect(T.note('No share count for MU: dollar figures are unknown (give one with --shares).')).toBe(
      'Pas de nombre d’actions pour MU\u00a0: chiffres en dollars inconnus (en donner un avec --shares).',
    );
    expect(T.note("META's share count (as of 2025-01-24, filed 2025-01-30) was published after the event (2025-01-27); it is used as the count of that day.")).toBe(
      'Le nombre d’actions de META (au 2025-01-24, publié le 2025-01-30) a été publié après l’événement (2025-01-27)\u00a0; il est pris comme celui de ce jour-là.',
    );
    expect(T.note('Log returns: dollar intervals use the delta method.')).toBe('Rendements logarithmiques\u00a0: les intervalles en dollars suivent la méthode delta.');
    expect(reportText('en').note('x')).toBe('x');
  });

  it('an event on a holiday or a special closure: the study\'s note is translated for both kinds', async () => {
    const T = reportText('fr');
    const noteOn = async (event: string) => (await eventStudy({ ...FLAG, event })).notes.find((n) => n.includes('the event moves to the next trading day'));
    const holiday = await noteOn('2025-01-20');
    expect(holiday).toBe('2025-01-20 is an NYSE holiday (Martin Luther King Jr. Day); the event moves to the next trading day, 2025-01-21.');
    expect(T.note(holiday!)).toBe('Le 2025-01-20, le NYSE est fermé (Martin Luther King Jr. Day)\u00a0; l’événement passe à la séance suivante, le 2025-01-21.');
    const closure = await noteOn('2025-01-09');
    expect(closure).toBe('2025-01-09 is an NYSE special closure (National Day of Mourning for former President Jimmy Carter); the event moves to the next trading day, 2025-01-10.');
    expect(T.note(closure!)).toBe('Le 2025-01-09, le NYSE est fermé (National Day of Mourning for former President Jimmy Carter)\u00a0; l’événement passe à la séance suivante, le 2025-01-10.');
  });
});
