// Messages between the benchmarks and the emulator worker (bench/emulator-worker.ts).

export interface WorkerStart {
  connectors: number;
  seed?: number;
  /** 0 = every connector healthy and nothing changes by itself (no flapping tasks). */
  trouble?: number;
  version?: string;
  startDelayMs?: number;
}

export type WorkerRequest = { id: number } & (
  | { op: 'counters' }
  | { op: 'resetCounters' }
  | { op: 'listingTimes' }
  | { op: 'names' }
  | { op: 'pause'; name: string }
  | { op: 'failTask'; name: string; task: number }
  | { op: 'close' }
);

export type WorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

export interface ProxyCounters {
  /** Requests through the proxy since the last reset. */
  requests: number;
  /** `GET /connectors` (with or without `?expand`): one per refresh of the list. */
  listings: number;
  inFlight: number;
  /** The most requests in flight at once since the last reset. */
  maxInFlight: number;
}

/** When a connector listing went through the proxy: request received, response finished (epoch ms). */
export interface ListingTime {
  start: number;
  end: number;
}
