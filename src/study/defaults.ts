/**
 * The one place the study's defaults live: the flagship design of the project, NVIDIA against
 * SPY on 27 January 2025 (estimation offsets [-260, -11] = 250 trading days, event window
 * [-5, +5], market model, simple returns, 95 % intervals). Everything that needs a default (the
 * study, the command's help, the live-data range, the claims) reads it from here.
 */
import type { ModelName } from '../models/types.js';
import type { ReturnKind } from '../returns/returns.js';

/** A window as trading-day offsets from the event day, both ends included. */
export type OffsetWindow = readonly [from: number, to: number];

/** The defaults of every study option. */
export interface StudyDefaults {
  firm: string;
  market: string;
  event: string;
  estimation: OffsetWindow;
  window: OffsetWindow;
  model: ModelName;
  returns: ReturnKind;
  confidence: number;
}

/** The flagship design: what `npm start` runs and what any option left out falls back to. */
export const FLAGSHIP: Readonly<StudyDefaults> = Object.freeze({
  firm: 'NVDA',
  market: 'SPY',
  event: '2025-01-27',
  estimation: [-260, -11] as const,
  window: [-5, 5] as const,
  model: 'market' as const,
  returns: 'simple' as const,
  confidence: 0.95,
});

/** The fewest estimation days a study accepts unless told otherwise. */
export const MIN_ESTIMATION_DAYS = 10;
