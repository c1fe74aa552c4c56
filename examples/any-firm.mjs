// Any firm, benchmark and date, with windows by date and the Fama-French model:
// node examples/any-firm.mjs [FIRM] [MARKET] [EVENT]
import { eventStudy, SputnikError } from 'sputnik-study';

const [firm = 'AVGO', market = 'QQQ', event = '2025-01-27'] = process.argv.slice(2);
try {
  const study = await eventStudy({
    firm, market, event,
    model: 'ff3',
    estimation: { from: '2024-01-02', to: '2024-12-31' },
    window: [-3, 3],
  });
  console.log(study.summary());
} catch (err) {
  if (err instanceof SputnikError) {
    console.error(`${err.name}: ${err.message}`);
    process.exitCode = 1;
  } else throw err;
}
