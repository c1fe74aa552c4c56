// The quoted figures beside the prices: node examples/claims.mjs
import { claimsReport, formatClaims } from 'sputnik-study';

const report = await claimsReport();
console.log(formatClaims(report));
for (const r of report.reconciliations) console.log(`${r.claim.id}: "${r.claim.text}" -> ${r.verdict}`);
