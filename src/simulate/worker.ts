/**
 * The worker-thread entry of the simulations (built as `dist/simulate-worker.js`). See `pool.ts`.
 * - The calibration (`shared`): the job arrives in one message (its store, counters and output in
 *   SharedArrayBuffers); the worker claims and runs its share (`calibrationThread`), posting the
 *   trials done after each chunk, then `done`.
 * - The counterfactual: the job's data arrives once (`workerData`), then the chunks of trials the
 *   main thread sends; each result is posted back (typed arrays transferred, not copied).
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { calibrationThread, type CalibrationWork, type ElementStore, type KernelParams } from './calibration-kernel.js';
import type { CalibrationData } from './calibration-data.js';
import { runCounterfactualTrials, type CounterfactualPayload, type CounterfactualChunk } from './counterfactual-kernel.js';

const port = parentPort;
if (port) {
  const { kind, payload, thread, shared } = workerData as { kind: string; payload: unknown; thread: number; shared?: boolean };
  if (shared) {
    port.on('message', (msg: { type: string; payload: { data: CalibrationData; params: KernelParams; store: ElementStore; work: CalibrationWork } }) => {
      if (msg.type !== 'start') return;
      try {
        if (kind !== 'calibration') throw new Error(`unknown simulation job "${kind}"`);
        const { data, params, store, work } = msg.payload;
        calibrationThread(data, params, store, work, thread, (trials) => port.postMessage({ type: 'progress', trials }));
        port.postMessage({ type: 'done' });
      } catch (err) {
        port.postMessage({ type: 'error', error: (err as Error)?.message ?? String(err) });
      }
    });
  } else {
    port.on('message', (msg: { type: string; from: number; to: number }) => {
      if (msg.type !== 'run') return;
      const progress = (done: number) => port.postMessage({ type: 'progress', done });
      try {
        if (kind === 'counterfactual') {
          const r: CounterfactualChunk = runCounterfactualTrials(payload as CounterfactualPayload, msg.from, msg.to, progress);
          port.postMessage({ type: 'result', from: msg.from, to: msg.to, result: r }, [r.errors.buffer as ArrayBuffer]);
        } else {
          port.postMessage({ type: 'error', error: `unknown simulation job "${kind}"` });
        }
      } catch (err) {
        port.postMessage({ type: 'error', error: (err as Error)?.message ?? String(err) });
      }
    });
    port.postMessage({ type: 'ready' });
  }
}
