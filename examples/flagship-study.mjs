// The flagship study from the library: node examples/flagship-study.mjs
// (after `npm install`, which builds dist/; the package imports itself by name).
import { eventStudy } from 'sputnik-study';

const study = await eventStudy({ firm: 'NVDA', market: 'SPY', event: '2025-01-27' });
console.log(study.summary());

// A sub-window CAR and the dollar figures of the three days around the event.
const car = study.carOver(-1, 1);
console.log(`\nCAR [-1, 1] = ${(car.value * 100).toFixed(2)} % (t = ${car.t.toFixed(2)}, p = ${car.p.toFixed(4)})`);
const loss = study.loss(-1, 1);
console.log(`Abnormal fall in market value over [-1, 1]: ${(loss.abnormal / 1e9).toFixed(1)} bn USD ` +
  `(95 % CI ${(loss.abnormalLo / 1e9).toFixed(1)} to ${(loss.abnormalHi / 1e9).toFixed(1)})`);
