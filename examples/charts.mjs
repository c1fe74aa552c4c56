// Every chart of the flagship study, written as Vega-Lite JSON, SVG and PNG:
// node examples/charts.mjs [DIR] [en|fr]      (default DIR: out/examples/charts)
//
// Each builder is a pure function from plain data to a Vega-Lite spec; rendering is a separate
// step (toSvg / toPng / renderChart), so a spec can also go to vega-embed, Observable or a
// notebook unchanged.
import {
  claimsCharts,
  claimsReport,
  distributionChart,
  eventStudy,
  renderChart,
  studyCharts,
  writeFilesAtomic,
} from 'sputnik-study';

const [dir = 'out/examples/charts', lang = 'en'] = process.argv.slice(2);

const study = await eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
const claims = await claimsReport();

const specs = {
  ...studyCharts(study, { lang }), // price-path, abnormal-returns, car, estimation-scatter, residuals
  ...claimsCharts(claims, { lang }), // claims, peers
  // The distribution builder on any values: here the event-day return of each firm of the basket.
  'basket-returns': distributionChart({
    lang,
    title: lang === 'fr' ? 'Rendements du 27 janvier 2025 dans le panier' : 'Returns on 27 January 2025 across the basket',
    subtitle: `${Object.keys(claims.days).length} ${lang === 'fr' ? 'entreprises' : 'firms'}`,
    xTitle: lang === 'fr' ? 'Rendement' : 'Return',
    values: Object.values(claims.days).map((d) => d.return),
    observed: claims.days.NVDA.return,
    label: 'NVDA',
    bins: 8,
  }),
};

const files = [];
for (const [name, spec] of Object.entries(specs)) files.push(...(await renderChart(spec, `${dir}/${name}`)));
await writeFilesAtomic(files); // all or nothing
for (const f of files) console.log(f.path);
