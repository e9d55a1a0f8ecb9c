// Starts the benchmark's emulated cluster in a worker thread (see bench/emulator-worker.ts).
import { Worker } from 'node:worker_threads';
import type {
  ListingTime,
  ProxyCounters,
  WorkerReply,
  WorkerRequest,
  WorkerStart,
} from './emulator-protocol.js';

type Op = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface BenchEmulator {
  /** The emulator itself. */
  readonly url: string;
  /** The counting proxy in front of it: point kcx here to count its refreshes. */
  readonly proxyUrl: string;
  readonly connectors: number;
  counters(): Promise<ProxyCounters>;
  resetCounters(): Promise<ProxyCounters>;
  /** Every connector listing through the proxy so far, with its times (epoch ms). */
  listingTimes(): Promise<ListingTime[]>;
  names(): Promise<string[]>;
  pause(name: string): Promise<void>;
  failTask(name: string, task: number): Promise<void>;
  /** Resolves once the proxy has seen `n` more connector listings than `from` (or rejects after timeoutMs). */
  waitForListings(from: number, n: number, timeoutMs?: number): Promise<ProxyCounters>;
  close(): Promise<void>;
}

// esbuild bundles bench/index.ts and bench/emulator-worker.ts side by side in dist/bench/.
const WORKER_URL = new URL('./emulator-worker.js', import.meta.url);

export async function startBenchEmulator(options: WorkerStart): Promise<BenchEmulator> {
  const worker = new Worker(WORKER_URL, { workerData: options });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failed: Error | undefined;
  const fail = (err: Error) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  const ready = new Promise<{ url: string; proxyUrl: string; connectors: number }>((resolve, reject) => {
    worker.on(
      'message',
      (msg: WorkerReply | { ready: true; url: string; proxyUrl: string; connectors: number }) => {
        if ('ready' in msg) {
          resolve(msg);
          return;
        }
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        if (msg.ok) p.resolve(msg.result);
        else p.reject(new Error(`emulator worker: ${msg.error}`));
      },
    );
    worker.on('error', (err) => {
      reject(err);
      fail(err);
    });
    worker.on('exit', (code) => {
      const err = new Error(`emulator worker exited with code ${code}`);
      reject(err);
      fail(err);
    });
  });
  const started = await ready;
  const call = <T>(op: Op): Promise<T> => {
    if (failed) return Promise.reject(failed);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...op, id });
    });
  };
  const counters = () => call<ProxyCounters>({ op: 'counters' });
  return {
    url: started.url,
    proxyUrl: started.proxyUrl,
    connectors: started.connectors,
    counters,
    resetCounters: () => call<ProxyCounters>({ op: 'resetCounters' }),
    listingTimes: () => call<ListingTime[]>({ op: 'listingTimes' }),
    names: () => call<string[]>({ op: 'names' }),
    pause: (name) => call<void>({ op: 'pause', name }),
    failTask: (name, task) => call<void>({ op: 'failTask', name, task }),
    waitForListings: async (from, n, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const c = await counters();
        if (c.listings >= from + n) return c;
        if (Date.now() > deadline)
          throw new Error(`kcx made ${c.listings - from} of ${n} expected refreshes in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: async () => {
      if (!failed) await call<void>({ op: 'close' }).catch(() => undefined);
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
