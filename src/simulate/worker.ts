/**
 * The worker-thread entry of the simulations (built as `dist/simulate-worker.js`). It receives
 * the job's data once (`workerData`), then runs the chunks of trials the main thread sends and
 * posts each result back (typed arrays transferred, not copied). See `pool.ts`.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runCalibrationTrials, type KernelOutput } from './calibration-kernel.js';
import type { CalibrationPayload } from './calibration.js';
import { runCounterfactualTrials, type CounterfactualPayload, type CounterfactualChunk } from './counterfactual-kernel.js';

const port = parentPort;
if (port) {
  const { kind, payload, thread } = workerData as { kind: string; payload: unknown; thread: number };
  port.on('message', (msg: { type: string; from: number; to: number }) => {
    if (msg.type !== 'run') return;
    const progress = (done: number) => port.postMessage({ type: 'progress', done });
    try {
      if (kind === 'calibration') {
        const p = payload as CalibrationPayload;
        const r: KernelOutput = runCalibrationTrials(p.data, p.params, p.store, thread, msg.from, msg.to, p.record);
        const list = [r.reject.buffer, r.stats.buffer, r.sigma2.buffer, r.sameDatePairs.buffer, ...(r.draws ? [r.draws.buffer] : [])] as ArrayBuffer[];
        port.postMessage({ type: 'result', from: msg.from, to: msg.to, result: r }, list);
      } else if (kind === 'counterfactual') {
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
