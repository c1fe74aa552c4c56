/**
 * Claims: what the articles quoted. French figure grammar, extractor and registry.
 *
 * @module
 */

export {
  exactDecimal,
  normalizeQualifier,
  parseCurrency,
  parseFrenchAmount,
  parseFrenchNumber,
  scaleExponent,
  scanFrenchFigures,
  type Currency,
  type FigureUnit,
  type FrenchFigure,
  type ParsedFrenchAmount,
  type Qualifier,
} from './french.js';
export {
  extractAll,
  extractClaims,
  splitSentences,
  type ClaimKind,
  type ClaimUnit,
  type HorizonKind,
  type QuotedClaim,
  type Seed,
  type SentenceSpan,
} from './extract.js';
export { buildRegistry, registryToJson, type ClaimRegistry } from './registry.js';
export { readSeeds, writeRegistry } from './write-registry.js';
export {
  reconcileClaim,
  reconcileWire,
  firmDay,
  roundingTolerance,
  verdict,
  VERDICT_RULE,
  type FirmDay,
  type Reconciliation,
  type ReconcileContext,
  type Verdict,
  type WireCheck,
  type WireReconciliation,
} from './reconcile.js';
export { claimsReport, loadRegistry, quotedLosses, DEFAULT_BASKET, type ClaimsReport } from './report.js';
