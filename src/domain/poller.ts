// Keeps a live ClusterSnapshot: polls the connector list on an interval, never with two requests in
// flight, keeps the last good data (marked stale) through outages, and backs off while the cluster
// does not answer. Listeners hear only about observable changes, so an idle cluster costs the
// terminal nothing.
import { describeError } from '../connect/errors.js';
import { isEmptyDiff, NO_CHANGES, type SnapshotDiff } from './diff.js';
import type { ClusterSnapshot } from './snapshot.js';
import {
  InProcessSnapshots,
  isSnapshotSource,
  type ListingSource,
  type PollResult,
  type SnapshotSource,
} from './snapshot-source.js';

export type { ListingSource } from './snapshot-source.js';

export interface PollerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PollerOptions {
  /** Time between the end of one successful poll and the start of the next. Default 2000. */
  intervalMs?: number;
  /** First retry delay after a failure; doubles per consecutive failure. Default 1000. */
  backoffInitialMs?: number;
  /** Default 30000. */
  backoffMaxMs?: number;
  /**
   * When given, retry delays are jittered to between half and all of the backoff ("equal jitter"),
   * so many kcx instances do not hammer a recovering worker in lockstep.
   */
  random?: () => number;
  now?: () => number;
  timers?: PollerTimers;
}

export interface PollerState {
  /** The last good data; kept through failures. */
  snapshot?: ClusterSnapshot;
  /** The last poll's error, while the data is stale. */
  error?: unknown;
  errorMessage?: string;
  /** The last poll failed (whether or not there is data to show). */
  stale: boolean;
  /** Consecutive failed polls. */
  failures: number;
  lastSuccessAt?: number;
  lastAttemptAt?: number;
  inFlight: boolean;
  /** When the next scheduled poll starts; undefined while one runs or when stopped. */
  nextAttemptAt?: number;
}

export interface PollerUpdate {
  state: PollerState;
  /** Rows added, removed or changed by this poll; empty when only the stale flag or error changed. */
  diff: SnapshotDiff;
  snapshotChanged: boolean;
  staleChanged: boolean;
  errorChanged: boolean;
}

export type PollerListener = (update: PollerUpdate) => void;

type Change = Omit<PollerUpdate, 'state'>;

const defaultTimers: PollerTimers = {
  // Looked up at call time so fake timers installed after construction still apply.
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Poller {
  readonly intervalMs: number;
  private readonly backoffInitialMs: number;
  private readonly backoffMaxMs: number;
  private readonly random?: () => number;
  private readonly now: () => number;
  private readonly timers: PollerTimers;
  private readonly listeners = new Set<PollerListener>();
  private current: PollerState = Object.freeze({ stale: false, failures: 0, inFlight: false });
  private running = false;
  private timer: unknown;
  private hasTimer = false;
  private inFlight?: Promise<void>;
  /** Resolves when the poll queued behind the in-flight one completes. */
  private followUp?: { promise: Promise<void>; resolve: () => void };

  private readonly source: SnapshotSource;

  /** A client (the whole listing digested per poll) or a snapshot source such as the incremental one. */
  constructor(source: ListingSource | SnapshotSource, options: PollerOptions = {}) {
    this.source = isSnapshotSource(source) ? source : new InProcessSnapshots(source);
    this.intervalMs = options.intervalMs ?? 2000;
    this.backoffInitialMs = options.backoffInitialMs ?? 1000;
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
    this.random = options.random;
    // Looked up per call, like the timers, so a faked Date applies.
    this.now = options.now ?? (() => Date.now());
    this.timers = options.timers ?? defaultTimers;
  }

  /** Immutable; a new object after every internal change (including ones listeners are not told of). */
  get state(): PollerState {
    return this.current;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: PollerListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Polls at once, then on the interval (or the backoff). Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    // A request left over from before a stop() schedules the next one when it ends.
    if (!this.inFlight) void this.poll();
  }

  /**
   * No further polls are scheduled. A request already in flight still completes and updates the
   * state (a refreshNow() awaiting it resolves); unsubscribe to stop hearing about it.
   */
  stop(): void {
    this.running = false;
    this.cancelTimer();
    if (this.current.nextAttemptAt !== undefined) this.setState({ nextAttemptAt: undefined });
  }

  /** stop(), and the source's resources (the kept listing) released; a poll in flight then fails. */
  close(): void {
    this.stop();
    this.source.close?.();
  }

  /**
   * Polls now, or — if a poll is already running — once more right after it, however many times this
   * is called meanwhile. Resolves when that poll has completed; never rejects (failures land in
   * `state`). Works while stopped, as a one-off.
   */
  refreshNow(): Promise<void> {
    if (!this.inFlight) return this.poll();
    if (!this.followUp) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.followUp = { promise, resolve };
    }
    return this.followUp.promise;
  }

  /** Whole seconds since the last successful poll; undefined before the first. */
  ageSeconds(now: number = this.now()): number | undefined {
    const at = this.current.lastSuccessAt;
    return at === undefined ? undefined : Math.max(0, Math.floor((now - at) / 1000));
  }

  /** The delay before the next attempt after `failures` consecutive failures (0 → the interval). */
  delayAfter(failures: number): number {
    if (failures <= 0) return this.intervalMs;
    const exp = Math.min(this.backoffInitialMs * 2 ** (failures - 1), this.backoffMaxMs);
    if (!this.random) return exp;
    return exp / 2 + (exp / 2) * this.random();
  }

  private poll(): Promise<void> {
    this.cancelTimer();
    this.setState({ inFlight: true, lastAttemptAt: this.now(), nextAttemptAt: undefined });
    const request = this.fetchOnce().then((change) => {
      this.inFlight = undefined;
      this.setState({ inFlight: false });
      const followUp = this.followUp;
      if (followUp) {
        this.followUp = undefined;
        void this.poll().then(followUp.resolve);
      } else if (this.running) {
        this.schedule(this.delayAfter(this.current.failures));
      }
      // Listeners see the state as it stands after this poll, next attempt included.
      this.emit(change);
    });
    this.inFlight = request;
    return request;
  }

  private async fetchOnce(): Promise<Change> {
    try {
      // A body the snapshot cannot digest counts as a failed poll too, rather than killing the loop.
      return this.onSuccess(await this.source.next(this.current.snapshot, this.now));
    } catch (error) {
      return this.onFailure(error);
    }
  }

  private onSuccess({ snapshot: next, diff }: PollResult): Change {
    const now = next.fetchedAt;
    const prev = this.current;
    const snapshotChanged = prev.snapshot === undefined || !isEmptyDiff(diff);
    this.setState({
      // An identical poll keeps the earlier snapshot object, so views memoised on it do not re-render.
      snapshot: snapshotChanged ? next : prev.snapshot,
      error: undefined,
      errorMessage: undefined,
      stale: false,
      failures: 0,
      lastSuccessAt: now,
    });
    return {
      diff: snapshotChanged ? diff : NO_CHANGES,
      snapshotChanged,
      staleChanged: prev.stale,
      errorChanged: prev.errorMessage !== undefined,
    };
  }

  private onFailure(error: unknown): Change {
    const prev = this.current;
    const errorMessage = describeError(error);
    this.setState({ error, errorMessage, stale: true, failures: prev.failures + 1 });
    return {
      diff: NO_CHANGES,
      snapshotChanged: false,
      staleChanged: !prev.stale,
      errorChanged: prev.errorMessage !== errorMessage,
    };
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.hasTimer = true;
    this.timer = this.timers.setTimeout(() => {
      this.hasTimer = false;
      if (this.running && !this.inFlight) void this.poll();
    }, ms);
    this.setState({ nextAttemptAt: this.now() + ms });
  }

  private cancelTimer(): void {
    if (!this.hasTimer) return;
    this.hasTimer = false;
    this.timers.clearTimeout(this.timer);
  }

  private setState(patch: Partial<PollerState>): void {
    this.current = Object.freeze({ ...this.current, ...patch });
  }

  private emit(change: Change): void {
    if (!change.snapshotChanged && !change.staleChanged && !change.errorChanged) return;
    const update: PollerUpdate = { state: this.current, ...change };
    for (const listener of [...this.listeners]) {
      try {
        listener(update);
      } catch (e) {
        // A broken view must not stop the polling; surface the bug outside the poll loop.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }
}
