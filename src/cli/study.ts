import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { studySummary } from '../report/summary.js';
import { FLAGSHIP } from '../study/defaults.js';
import { eventStudy } from '../study/load.js';
import type { EventStudy } from '../study/result.js';
import { writeFilesAtomic, type OutputFile } from '../util/atomic.js';
import { langOption, parse, progress, type Options } from './args.js';
import { jsonText, windowCsv } from './output.js';
import { studyOptionsFrom } from './study-options.js';


export const STUDY_HELP = `sputnik study: a single-firm event study on recorded prices

Usage: sputnik study [options]

  --firm SYMBOL             firm ticker (default ${FLAGSHIP.firm})
  --firms A,B,C             a sample of firms instead (SYMBOL@YYYY-MM-DD gives a firm its own event
                            date): AAR, CAAR and ten tests; every firm against --market
  --group NAME              a named sample: semiconductors, ai-infrastructure, big-tech
  --market SYMBOL           benchmark ticker (default ${FLAGSHIP.market})
  --event YYYY-MM-DD        event date (default ${FLAGSHIP.event}); a non-trading day moves to the next trading day
  --estimation=A,B          estimation window, trading-day offsets (default ${FLAGSHIP.estimation.join(',')})
  --window=A,B              event window, trading-day offsets (default ${FLAGSHIP.window.join(',')})
  --estimation-dates=D1:D2  estimation window by dates instead of offsets
  --window-dates=D1:D2      event window by dates instead of offsets
  --car=A,B                 headline CAR sub-window (default: the whole event window)
  --model NAME              market | market-adjusted | constant-mean | ff3 (default market)
  --returns KIND            simple | log (default simple)
  --shares N                shares outstanding (default: fixtures/facts.json, else unknown)
  --confidence L            confidence level of intervals (default 0.95)
  --min-estimation-days N   fewest estimation days accepted (default 10)
  --gaps POLICY             a return across a missing price: drop (default) leaves it out,
                            multi-day spans the gap and counts it on the later day
  --data DIR                read DIR/SYMBOL.csv (fixture format) instead of the bundled fixtures
  --live                    download the prices from Yahoo Finance (needs the network; kept in a cache)
  --cache-dir DIR           with --live: the cache folder (default: $SPUTNIK_CACHE_DIR, else the user's cache folder)
  --no-cache                with --live: neither read nor write the cache
  --json                    print the result as one JSON object
  --out DIR                 also write DIR/study.json and DIR/window.csv
  --report                  with --out: also write DIR/report.html and DIR/charts/*.vl.json|.svg|.png
  --lang LANG               en | fr: language of the report and charts (default en)
  -h, --help                this help

Example:
  sputnik study --firm NVDA --market SPY --event 2025-01-27 --estimation=-260,-11 --window=-5,5 --json`;

export const STUDY_OPTIONS: Options = {
  firm: { type: 'string' },
  firms: { type: 'string' },
  group: { type: 'string' },
  market: { type: 'string' },
  event: { type: 'string' },
  estimation: { type: 'string' },
  window: { type: 'string' },
  'estimation-dates': { type: 'string' },
  'window-dates': { type: 'string' },
  car: { type: 'string' },
  model: { type: 'string' },
  returns: { type: 'string' },
  shares: { type: 'string' },
  confidence: { type: 'string' },
  'min-estimation-days': { type: 'string' },
  gaps: { type: 'string' },
  data: { type: 'string' },
  live: { type: 'boolean' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  report: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** The files a study writes: `study.json` and `window.csv`. */
export function studyFiles(study: EventStudy, dir: string): OutputFile[] {
  return [
    { path: join(dir, 'study.json'), data: jsonText(study) },
    { path: join(dir, 'window.csv'), data: windowCsv(study) },
  ];
}

/** `sputnik study`. Returns the text to print. */
export async function studyCommand(args: readonly string[]): Promise<string> {
  const { values, positionals } = parse(args, STUDY_OPTIONS);
  if (values.help) return STUDY_HELP;
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (see sputnik study --help)`);
  if (values.firms !== undefined || values.group !== undefined) return (await import('./sample.js')).sampleCommand(values);
  if (values.report && !values.out) throw new UsageError('--report needs --out DIR (where to write the report and the charts)');
  const lang = langOption(values.lang);
  // With --report, Vega starts loading on its own thread while the study runs (chart-thread.ts).
  // Loaded only then: the report and the renderer are the heaviest modules of the command.
  const thread = values.report ? (await import('../report/chart-thread.js')).chartThread() : undefined;
  let study: EventStudy;
  try {
    study = await eventStudy(studyOptionsFrom(values));
    if (values.out) {
      const dir = values.out as string;
      const files = studyFiles(study, dir);
      if (values.report) {
        progress('Rendering the report and the charts...');
        const { studyReportFiles } = await import('../report/study-report.js');
        files.push(...(await studyReportFiles(study, dir, { lang, thread })));
      }
      await writeFilesAtomic(files);
    }
  } finally {
    await thread?.close();
  }
  return values.json ? JSON.stringify(study) : studySummary(study);
}
