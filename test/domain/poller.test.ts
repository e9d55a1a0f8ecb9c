// The poller against a fake client whose requests the test resolves by hand, on fake timers: every
// delay is asserted exactly and nothing sleeps.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectorListing } from '../../src/connect/client.js';
import { ConnectError } from '../../src/connect/errors.js';
import { dataAgeLabel } from '../../src/domain/format.js';
import { Poller, type PollerOptions, type PollerUpdate } from '../../src/domain/poller.js';
import { type ConnectorSpec, listing } from './builders.js';

interface Pending {
  resolve(listing: ConnectorListing): void;
  reject(error: unknown): void;
}

/** A client whose every request waits for the test; it tracks the most requests ever in flight. */
function fakeClient() {
  const pending: Pending[] = [];
  const startedAt: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const listConnectorsWithStatus = vi.fn(
    () =>
      new Promise<ConnectorListing>((resolve, reject) => {
        startedAt.push(Date.now());
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const done = () => {
          inFlight--;
        };
        pending.push({
          resolve: (l) => {
            done();
            resolve(l);
          },
          reject: (e) => {
            done();
            reject(e);
          },
        });
      }),
  );
  return {
    client: { listConnectorsWithStatus },
    startedAt,
    get maxInFlight() {
      return maxInFlight;
    },
    get calls() {
      return listConnectorsWithStatus.mock.calls.length;
    },
    /** Settles the oldest unsettled request and lets the poller react. */
    async succeed(specs: Record<string, ConnectorSpec>) {
      const next = pending.shift();
      if (!next) throw new Error('no request in flight');
      next.resolve(listing(specs));
      await vi.advanceTimersByTimeAsync(0);
    },
    async succeedWith(raw: ConnectorListing) {
      const next = pending.shift();
      if (!next) throw new Error('no request in flight');
      next.resolve(raw);
      await vi.advanceTimersByTimeAsync(0);
    },
    async fail(error: unknown) {
      const next = pending.shift();
      if (!next) throw new Error('no request in flight');
      next.reject(error);
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

const refused = new ConnectError({
  kind: 'connection-refused',
  context: 'dev',
  method: 'GET',
  url: 'http://localhost:8083/connectors',
});

let pollers: Poller[] = [];
function poller(client: ReturnType<typeof fakeClient>['client'], options: PollerOptions = {}): Poller {
  const p = new Poller(client, options);
  pollers.push(p);
  return p;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 100_000 });
});
afterEach(() => {
  for (const p of pollers) p.stop();
  pollers = [];
  vi.useRealTimers();
});

describe('scheduling', () => {
  it('polls at once on start, then every interval after each poll ends', async () => {
    const fake = fakeClient();
    const p = poller(fake.client, { intervalMs: 2000 });
    p.start();
    p.start(); // idempotent
    expect(fake.calls).toBe(1);
    expect(p.state.inFlight).toBe(true);
    await vi.advanceTimersByTimeAsync(500); // a slow answer
    await fake.succeed({ a: {} });
    expect(p.state.inFlight).toBe(false);
    expect(p.state.nextAttemptAt).toBe(100_500 + 2000);
    await vi.advanceTimersByTimeAsync(1999);
    expect(fake.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls).toBe(2);
    expect(fake.startedAt).toEqual([100_000, 102_500]);
  });

  it('stop() ends polling; the request in flight still lands in the state', async () => {
    const fake = fakeClient();
    const p = poller(fake.client);
    p.start();
    p.stop();
    await fake.succeed({ a: {} });
    expect(p.state.snapshot?.rows.map((r) => r.name)).toEqual(['a']);
    expect(p.state.nextAttemptAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls).toBe(1);
  });
});

describe('refreshNow', () => {
  it('never has two requests in flight: refreshes during a poll coalesce into one follow-up', async () => {
    const fake = fakeClient();
    const p = poller(fake.client);
    p.start();
    const settled: number[] = [];
    const r1 = p.refreshNow().then(() => settled.push(1));
    const r2 = p.refreshNow().then(() => settled.push(2));
    const r3 = p.refreshNow().then(() => settled.push(3));
    expect(fake.calls).toBe(1);
    await fake.succeed({ a: {} });
    // The follow-up starts right after the first answer, and only one.
    expect(fake.calls).toBe(2);
    expect(settled).toEqual([]);
    await fake.succeed({ a: {}, b: {} });
    await Promise.all([r1, r2, r3]);
    expect(settled).toEqual([1, 2, 3]);
    expect(p.state.snapshot?.rows.map((r) => r.name)).toEqual(['a', 'b']);
    expect(fake.maxInFlight).toBe(1);
    // Back to the interval afterwards: no third request was queued.
    await vi.advanceTimersByTimeAsync(1999);
    expect(fake.calls).toBe(2);
  });

  it('polls at once when idle and restarts the interval from there', async () => {
    const fake = fakeClient();
    const p = poller(fake.client, { intervalMs: 2000 });
    p.start();
    await fake.succeed({ a: {} });
    await vi.advanceTimersByTimeAsync(1500);
    const done = p.refreshNow();
    expect(fake.calls).toBe(2);
    await fake.succeed({ a: {} });
    await done;
    // The old timer (due at +2000) was cancelled; the next poll is 2000 after this one.
    await vi.advanceTimersByTimeAsync(1999);
    expect(fake.calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls).toBe(3);
  });

  it('works while stopped, as a one-off', async () => {
    const fake = fakeClient();
    const p = poller(fake.client);
    const done = p.refreshNow();
    await fake.succeed({ a: {} });
    await done;
    expect(p.state.snapshot?.rows).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.calls).toBe(1);
  });

  it('resolves (never rejects) when the poll fails', async () => {
    const fake = fakeClient();
    const p = poller(fake.client);
    const done = p.refreshNow();
    await fake.fail(refused);
    await expect(done).resolves.toBeUndefined();
    expect(p.state.stale).toBe(true);
  });
});

describe('failures', () => {
  it('backs off 1 s, 2 s, 4 s … capped at 30 s', async () => {
    const fake = fakeClient();
    const p = poller(fake.client);
    p.start();
    for (let i = 0; i < 8; i++) {
      await fake.fail(refused);
      await vi.advanceTimersByTimeAsync(p.state.nextAttemptAt! - Date.now());
    }
    const gaps = fake.startedAt.slice(1).map((t, i) => t - fake.startedAt[i]!);
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(p.state.failures).toBe(8);
  });

  it('does not start the next attempt early', async () => {
    const fake = fakeClient();
    const p = poller(fake.client);
    p.start();
    await fake.fail(refused);
    await vi.advanceTimersByTimeAsync(999);
    expect(fake.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls).toBe(2);
  });

  it('jitters the backoff between half and all of it with an injected random', () => {
    const low = new Poller(fakeClient().client, { random: () => 0 });
    const high = new Poller(fakeClient().client, { random: () => 0.999_999 });
    expect(low.delayAfter(3)).toBe(2000);
    expect(high.delayAfter(3)).toBeCloseTo(4000, 0);
    expect(low.delayAfter(10)).toBe(15_000);
    expect(low.delayAfter(0)).toBe(2000); // the normal interval is not jittered
  });

  it('keeps the last good snapshot, marked stale with the error and its age', async () => {
    const fake = fakeClient();
    const p = poller(fake.client);
    p.start();
    await fake.succeed({ a: {}, b: {} });
    const good = p.state.snapshot;
    await vi.advanceTimersByTimeAsync(2000);
    await fake.fail(refused);
    expect(p.state).toMatchObject({
      snapshot: good,
      stale: true,
      error: refused,
      errorMessage: '[dev] GET http://localhost:8083/connectors → connection refused (is the worker up?)',
      lastSuccessAt: 100_000,
      lastAttemptAt: 102_000,
      failures: 1,
    });
    await vi.advanceTimersByTimeAsync(1000);
    await fake.fail(refused);
    await vi.advanceTimersByTimeAsync(2000);
    await fake.fail(refused);
    expect(p.ageSeconds()).toBe(5);
    await vi.advanceTimersByTimeAsync(36_000);
    expect(dataAgeLabel(p.state, Date.now())).toBe('stale 41s · reconnecting');
  });

  it('treats an answer it cannot digest as a failed poll and keeps polling', async () => {
    const fake = fakeClient();
    const p = poller(fake.client);
    p.start();
    await fake.succeed({ a: {} });
    await vi.advanceTimersByTimeAsync(2000);
    const broken = {
      connectors: [{ name: 'x', status: { name: 'x' }, info: null }],
      mode: 'expand',
      skipped: [],
    };
    await fake.succeedWith(broken as unknown as ConnectorListing);
    expect(p.state.stale).toBe(true);
    expect(p.state.snapshot?.rows.map((r) => r.name)).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.calls).toBe(3);
  });

  it('is stale with no data when the cluster is down from the start', async () => {
    const fake = fakeClient();
    const p = poller(fake.client);
    p.start();
    await fake.fail(new Error('boom\nsecond line'));
    expect(p.state.snapshot).toBeUndefined();
    expect(p.state.stale).toBe(true);
    expect(p.state.errorMessage).toBe('boom · second line');
    expect(p.ageSeconds()).toBeUndefined();
  });

  it('recovers: fresh data, error cleared, back to the normal interval', async () => {
    const fake = fakeClient();
    const p = poller(fake.client, { intervalMs: 2000 });
    p.start();
    await fake.fail(refused);
    await vi.advanceTimersByTimeAsync(1000);
    await fake.fail(refused);
    await vi.advanceTimersByTimeAsync(2000);
    await fake.succeed({ a: { state: 'PAUSED' } });
    expect(p.state).toMatchObject({ stale: false, failures: 0, lastSuccessAt: 103_000 });
    expect(p.state.error).toBeUndefined();
    expect(p.state.errorMessage).toBeUndefined();
    expect(p.state.snapshot?.rows[0]?.state).toBe('PAUSED');
    expect(p.state.nextAttemptAt).toBe(105_000);
    // A failure after recovery starts the backoff from 1 s again.
    await vi.advanceTimersByTimeAsync(2000);
    await fake.fail(refused);
    expect(p.state.nextAttemptAt! - Date.now()).toBe(1000);
  });
});

describe('notifications', () => {
  it('tells listeners only about observable changes', async () => {
    const fake = fakeClient();
    const p = poller(fake.client);
    const updates: PollerUpdate[] = [];
    p.subscribe((u) => updates.push(u));
    p.start();

    await fake.succeed({ a: {}, b: {} });
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ snapshotChanged: true, diff: { added: ['a', 'b'] } });

    // Three identical polls: silence, and the snapshot object is kept.
    const first = p.state.snapshot;
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(2000);
      await fake.succeed({ a: {}, b: {} });
    }
    expect(updates).toHaveLength(1);
    expect(p.state.snapshot).toBe(first);
    expect(p.state.lastSuccessAt).toBe(106_000);

    // One row changes: one update naming it.
    await vi.advanceTimersByTimeAsync(2000);
    await fake.succeed({ a: {}, b: { tasks: ['FAILED'] } });
    expect(updates).toHaveLength(2);
    expect(updates[1]).toMatchObject({
      snapshotChanged: true,
      diff: { added: [], removed: [], changed: ['b'] },
    });

    // Goes stale: one update; the same failure again: silence.
    await vi.advanceTimersByTimeAsync(2000);
    await fake.fail(refused);
    expect(updates).toHaveLength(3);
    expect(updates[2]).toMatchObject({ staleChanged: true, errorChanged: true, snapshotChanged: false });
    await vi.advanceTimersByTimeAsync(1000);
    await fake.fail(refused);
    expect(updates).toHaveLength(3);

    // A different error: one update.
    await vi.advanceTimersByTimeAsync(2000);
    await fake.fail(new ConnectError({ kind: 'timeout', context: 'dev', method: 'GET', url: 'http://x/' }));
    expect(updates).toHaveLength(4);
    expect(updates[3]).toMatchObject({ staleChanged: false, errorChanged: true });

    // Recovers with the same data: the stale flag flips, rows did not change.
    await vi.advanceTimersByTimeAsync(4000);
    await fake.succeed({ a: {}, b: { tasks: ['FAILED'] } });
    expect(updates).toHaveLength(5);
    expect(updates[4]).toMatchObject({ staleChanged: true, snapshotChanged: false, diff: { changed: [] } });
    expect(updates[4]?.state).toBe(p.state);
  });

  it('stops telling a listener after it unsubscribes', async () => {
    const fake = fakeClient();
    const p = poller(fake.client);
    const listener = vi.fn();
    const unsubscribe = p.subscribe(listener);
    p.start();
    await fake.succeed({ a: {} });
    unsubscribe();
    await vi.advanceTimersByTimeAsync(2000);
    await fake.succeed({ b: {} });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
