/**
 * The Vega thread (built as `dist/vega-worker.js`). It loads vega, vega-lite and the pinned font's
 * metrics as soon as it starts, so a command that starts it first has Vega ready by the time its
 * statistics are done. Then, one request at a time: `{ id, spec, idPrefix }` in,
 * `{ id, svg, warnings }` or `{ id, error, warnings }` out. See `chart-thread.ts`.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { SputnikError, type ErrorLocation } from '../errors.js';
import { fontAdvances, toSvg } from './svg.js';
import type { TopLevelSpec } from 'vega-lite';

/** What the thread answers when a chart fails: enough to throw the same error on the other side. */
export interface ThreadError {
  name: string;
  message: string;
  code?: string;
  where?: ErrorLocation;
}

const port = parentPort;
if (port) {
  let queue: Promise<unknown> = Promise.all([import('vega'), import('vega-lite')]).then(() => fontAdvances());
  port.on('message', ({ id, spec, idPrefix }: { id: number; spec: TopLevelSpec; idPrefix?: string }) => {
    queue = queue
      .catch(() => undefined) // a failed load is reported by the request that needs it
      .then(async () => {
        const warnings: string[] = [];
        try {
          const svg = await toSvg(spec, { idPrefix, onWarning: (m) => warnings.push(m) });
          port.postMessage({ id, svg, warnings });
        } catch (err) {
          const e = err as Error;
          const error: ThreadError = { name: e?.name ?? 'Error', message: e?.message ?? String(err), ...(e instanceof SputnikError ? { code: e.code, where: e.where } : {}) };
          port.postMessage({ id, error, warnings });
        }
      });
  });
}
