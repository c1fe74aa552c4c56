/**
 * Trials across threads. The trials `0..n-1` are cut into chunks handed out on demand to the
 * main thread and to `workers - 1` worker threads (`node:worker_threads`), so a busy core simply
 * takes fewer chunks. Every trial draws from its own random stream (see `random.ts`), so which
 * thread runs a chunk changes nothing: chunk results are returned in trial order and the caller
 * merges them by trial index. The same seed therefore gives the same numbers with 1 or 16 workers.
 *
 * The calibration runs differently (`startWorkers`): its threads claim work themselves from
 * counters in shared memory and write their results into shared buffers, so no thread waits for
 * the main one to hand it a chunk.
 *
 * The worker script is `simulate-worker.js` next to the built library (`dist/`); from the sources
 * (tests), the built one in `dist/` is used. Without it, every chunk runs on the main thread.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { UsageError } from '../errors.js';
import { builtWorker } from '../util/paths.js';
import { MAX_SEED } from './random.js';

/** The job kinds the worker script knows (see `worker.ts`). */
export type JobKind = 'calibration' | 'counterfactual';

/** A simulation cut into trials: what the worker needs, and how to run a chunk here. */
export interface TrialTask<R> {
  kind: JobKind;
  /** Sent once to each worker (structured clone): the kernel's data and parameters. */
  payload: unknown;
  trials: number;
  /** Estimated single-thread cost of a trial, in milliseconds (decides how many threads are worth starting). */
  costPerTrialMs: number;
  /** Runs trials `from..to-1` on this thread (thread 0); `progress(done)` counts trials done in the chunk. */
  runLocal(from: number, to: number, progress: (done: number) => void): R;
  /** The array buffers of a chunk result a worker may transfer instead of copying. */
  transferables?(r: R): ArrayBuffer[];
}

/** How to run a task. */
export interface PoolOptions {
  /** Threads computing, the main thread included (default: the machine's available parallelism). */
  workers?: number;
  /** Called with the number of trials done so far (from any thread). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Least estimated work (ms on one thread) for each extra thread: a worker costs tens of
   * milliseconds to start and to warm up, so short runs use fewer threads. Default 100 (the
   * calibration: 600, see `src/simulate/calibration.ts`).
   */
  minWorkMs?: number;
}

/** The chunk results (in trial order) and how many threads ran them. */
export interface PoolResult<R> {
  chunks: { from: number; to: number; result: R }[];
  threads: number;
}

/** The default number of computing threads: the machine's available parallelism. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Default least estimated work per extra thread (ms). */
export const MIN_WORK_PER_THREAD_MS = 100;

/** Checks a whole-number option of a simulation; a one-line UsageError naming it otherwise. */
export function wholeNumber(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} ${String(value)} must be a whole number from ${min} to ${max}`, { field: name });
  }
  return value;
}

/** The `seed` option (default 1), checked: a whole number from 0 to `MAX_SEED` (see `isValidSeed`). */
export function checkedSeed(seed: unknown): number {
  return wholeNumber(seed ?? 1, 'seed', 0, MAX_SEED);
}

/** Checks the `workers` option when it is given: a whole number from 1 to 256. */
export function checkWorkers(workers: unknown): void {
  if (workers !== undefined) wholeNumber(workers, 'workers', 1, 256);
}

/**
 * How many threads (the main one included) run `trials` trials of `costPerTrialMs` each when
 * `workers` are asked for: at most `workers`, one more for each `minWorkMs` of estimated work
 * beyond the first, and only when the worker script is built.
 *
 * @example
 * plannedThreads(1000, 2, 0.3); // 2: 300 ms of work
 * plannedThreads(100, 2, 0.3);  // 1: 30 ms is less than a worker costs
 */
export function plannedThreads(trials: number, workers = defaultWorkers(), costPerTrialMs = 1, minWorkMs = MIN_WORK_PER_THREAD_MS): number {
  const wanted = Math.max(1, Math.floor(workers));
  if (wanted === 1 || !workerScript()) return 1;
  const byWork = minWorkMs > 0 ? Math.floor((trials * costPerTrialMs) / minWorkMs) : Infinity;
  return 1 + Math.max(0, Math.min(wanted - 1, byWork, trials - 1));
}

let workerUrl: URL | null | undefined;

/** The built worker script (`dist/simulate-worker.js`), if there is one. */
export function workerScript(): URL | null {
  if (workerUrl === undefined) workerUrl = builtWorker('simulate-worker.js');
  return workerUrl;
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Run every trial of `task` on `workers` threads (the main thread is one of them) and return the
 * chunk results in trial order. Resolves when every chunk is done; rejects with the first
 * worker error (the remaining workers are stopped).
 */
export async function runTrials<R>(task: TrialTask<R>, options: PoolOptions = {}): Promise<PoolResult<R>> {
  const total = task.trials;
  const threads = plannedThreads(total, options.workers ?? defaultWorkers(), task.costPerTrialMs, options.minWorkMs);
  const extra = threads - 1;
  const script = extra > 0 ? workerScript() : null;
  // Chunks handed out on demand, guided self-scheduling (Polychronopoulos & Kuck 1987): a quarter
  // of what remains per thread, at least 8 trials, so that a thread slowed down by a busy machine
  // holds little at the end. One thread alone takes sixteenths (for the progress bar).
  let nextTrial = 0;
  const queue = {
    get length() {
      return total - nextTrial;
    },
    shift(): [number, number] | undefined {
      if (nextTrial >= total) return undefined;
      const size = threads === 1 ? Math.max(16, Math.ceil(total / 16)) : Math.max(8, Math.ceil((total - nextTrial) / (4 * threads)));
      const chunk: [number, number] = [nextTrial, Math.min(total, nextTrial + size)];
      nextTrial = chunk[1];
      return chunk;
    },
  };
  const chunks: { from: number; to: number; result: R }[] = [];
  let done = 0;
  const report = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };

  const workers: Worker[] = [];
  let failure: Error | null = null;
  let pending = 0;
  let settle: (() => void) | null = null;
  const idle = new Promise<void>((resolve) => (settle = resolve));
  const maybeSettle = () => {
    if (pending === 0 && (queue.length === 0 || failure)) settle?.();
  };
  const feed = (w: Worker) => {
    const next = failure ? undefined : queue.shift();
    if (!next) {
      void w.terminate();
      maybeSettle();
      return;
    }
    pending++;
    w.postMessage({ type: 'run', from: next[0], to: next[1] });
  };
  for (let i = 0; i < extra; i++) {
    // Thread numbers: 0 is the main thread, workers are 1..extra.
    const w = new Worker(script!, { workerData: { kind: task.kind, payload: task.payload, thread: i + 1 } });
    workers.push(w);
    let lastDone = 0;
    w.on('message', (msg: { type: string; done?: number; from?: number; to?: number; result?: R; error?: string }) => {
      if (msg.type === 'ready') feed(w);
      else if (msg.type === 'progress') {
        report(msg.done! - lastDone);
        lastDone = msg.done!;
      } else if (msg.type === 'result') {
        report(msg.to! - msg.from! - lastDone);
        lastDone = 0;
        chunks.push({ from: msg.from!, to: msg.to!, result: msg.result! });
        pending--;
        feed(w);
      } else if (msg.type === 'error') {
        failure ??= new Error(msg.error);
        pending--;
        void w.terminate();
        maybeSettle();
      }
    });
    w.on('error', (err) => {
      failure ??= err;
      pending = Math.max(0, pending - 1);
      maybeSettle();
    });
  }
  // The main thread takes chunks too, yielding between them so worker messages are handled.
  while (queue.length > 0 && !failure) {
    const [from, to] = queue.shift()!;
    let last = 0;
    const result = task.runLocal(from, to, (n) => {
      report(n - last);
      last = n;
    });
    report(to - from - last);
    chunks.push({ from, to, result });
    if (extra > 0) await nextTick();
  }
  if (extra > 0) {
    maybeSettle();
    await idle;
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure) throw failure;
  chunks.sort((a, b) => a.from - b.from);
  return { chunks, threads };
}

/**
 * Worker threads for a run whose threads claim their work themselves from counters in shared
 * memory (the calibration: see `calibrationThread`), so that no thread waits for the main one to
 * hand out work. The workers are started first, to boot while the main thread prepares the job;
 * `start` sends them the job, `finish` waits until `done()` holds (checked at each worker
 * message) and stops them.
 */
export interface SharedRun {
  /** Sends the job to every worker (each starts on it as soon as it is up). */
  start(payload: unknown): void;
  /**
   * Resolves once `done()` holds (at once if it already does: workers not yet up are stopped),
   * calling `progress(n)` with the trials each worker reports; rejects with the first worker error.
   */
  finish(done: () => boolean, progress?: (n: number) => void): Promise<void>;
  /** Stops every worker (after an error on the main thread). */
  stop(): void;
}

/** Starts `count` worker threads (numbered 1..count) for a shared-memory run of `kind`. */
export function startWorkers(kind: JobKind, count: number): SharedRun {
  const script = workerScript();
  if (!script) throw new Error('the simulations\' worker script is not built');
  const workers: Worker[] = [];
  let failure: Error | null = null;
  let onEvent: () => void = () => {};
  let onProgress: ((n: number) => void) | undefined;
  let finished = false;
  for (let i = 0; i < count; i++) {
    const w = new Worker(script, { workerData: { kind, shared: true, thread: i + 1 } });
    w.unref();
    w.on('message', (msg: { type: string; trials?: number; error?: string }) => {
      if (msg.type === 'progress') onProgress?.(msg.trials!);
      else if (msg.type === 'error') failure ??= new Error(msg.error);
      onEvent();
    });
    w.on('error', (err) => {
      failure ??= err;
      onEvent();
    });
    w.on('exit', () => {
      if (!finished) failure ??= new Error('a simulation worker stopped unexpectedly');
      onEvent();
    });
    workers.push(w);
  }
  const stop = () => {
    finished = true;
    for (const w of workers) void w.terminate();
  };
  return {
    start(payload) {
      for (const w of workers) w.postMessage({ type: 'start', payload });
    },
    finish(done, progress) {
      onProgress = progress;
      return new Promise<void>((resolve, reject) => {
        onEvent = () => {
          if (finished) return;
          if (failure) {
            stop();
            reject(failure);
          } else if (done()) {
            stop();
            resolve();
          }
        };
        onEvent();
      });
    },
    stop,
  };
}
