/**
 * The PNG thread (built as `dist/png-worker.js`): receives `{ id, svg, options }`, answers
 * `{ id, png }` with the bytes transferred, or `{ id, error }`. See `png.ts`.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js');

parentPort?.on('message', ({ id, svg, options }: { id: number; svg: string; options: ConstructorParameters<typeof Resvg>[1] }) => {
  try {
    const png = new Uint8Array(new Resvg(svg, options).render().asPng());
    parentPort!.postMessage({ id, png }, [png.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message.split('\n')[0] });
  }
});
