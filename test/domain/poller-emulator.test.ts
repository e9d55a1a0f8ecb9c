// The outage the product promises to survive, against the real emulator and the real client: the
// cluster goes away mid-session, the data is kept and marked stale, and the poller reconnects by
// itself once it is back. Real timers with short intervals; waits are on state, never on the clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectClient } from '../../src/connect/client.js';
import { dataAgeLabel } from '../../src/domain/format.js';
import { Poller, type PollerState } from '../../src/domain/poller.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';

let emu: Emulator | undefined;
let client: ConnectClient | undefined;
let poller: Poller | undefined;
afterEach(async () => {
  poller?.stop();
  await client?.close();
  await emu?.close();
  poller = undefined;
  client = undefined;
  emu = undefined;
});

/** Resolves with the state once `predicate` holds, checking after every update the poller sends. */
function until(p: Poller, predicate: (s: PollerState) => boolean, what: string, timeoutMs = 10_000) {
  return new Promise<PollerState>((resolve, reject) => {
    if (predicate(p.state)) return resolve(p.state);
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(
          `timed out waiting for ${what}; state: ${JSON.stringify({ ...p.state, snapshot: undefined })}`,
        ),
      );
    }, timeoutMs);
    const unsubscribe = p.subscribe(({ state }) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
    });
  });
}

describe('Poller against the emulator', () => {
  it('survives an outage: stale with the last data, then recovers by itself', async () => {
    emu = await startEmulator({ startDelayMs: 0 });
    for (const name of ['orders-sink', 'payments-sink']) {
      emu.cluster.create(
        name,
        { 'connector.class': 'FileStreamSink', 'tasks.max': '2', file: '/tmp/out.txt', topics: 'lines' },
        'RUNNING',
        true,
      );
    }
    client = new ConnectClient({ url: emu.url, context: 'emu', timeouts: { requestMs: 2000 } });
    poller = new Poller(client, { intervalMs: 50, backoffInitialMs: 20, backoffMaxMs: 200 });
    poller.start();

    const live = await until(poller, (s) => (s.snapshot?.rows.length ?? 0) === 2, 'the first snapshot');
    expect(live.snapshot?.rows.map((r) => [r.name, r.health, r.plugin])).toEqual([
      ['orders-sink', 'HEALTHY', 'FileStreamSink'],
      ['payments-sink', 'HEALTHY', 'FileStreamSink'],
    ]);

    // A task failing is seen as a changed row.
    const changed = new Promise<string[]>((resolve) => {
      const off = poller!.subscribe((u) => {
        if (u.diff.changed.length === 0) return;
        off();
        resolve(u.diff.changed);
      });
    });
    emu.cluster.failTask('orders-sink', 1);
    expect(await changed).toEqual(['orders-sink']);
    expect(poller.state.snapshot?.byName.get('orders-sink')?.health).toBe('DEGRADED');
    const before = poller.state.snapshot;

    let updatesWhileDown = 0;
    const countUpdates = poller.subscribe(() => updatesWhileDown++);
    await emu.faults.down();
    const stale = await until(poller, (s) => s.stale, 'the stale flag');
    expect(stale.snapshot).toBe(before);
    expect(stale.errorMessage).toContain('[emu]');
    expect(stale.errorMessage).toContain('connection refused');
    // It keeps retrying while down, and repeated identical failures are not news.
    await vi.waitFor(() => expect(poller!.state.failures).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    const updatesSoFar = updatesWhileDown;
    const failuresSoFar = poller.state.failures;
    await vi.waitFor(() => expect(poller!.state.failures).toBeGreaterThanOrEqual(failuresSoFar + 3), {
      timeout: 10_000,
    });
    expect(updatesWhileDown).toBe(updatesSoFar);
    countUpdates();
    expect(dataAgeLabel(poller.state, Date.now())).toMatch(/^stale \d+s · reconnecting$/);

    emu.cluster.create(
      'late-source',
      { 'connector.class': 'FileStreamSource', 'tasks.max': '1', file: '/tmp/in.txt', topic: 'lines' },
      'RUNNING',
      true,
    );
    await emu.faults.up();
    const recovered = await until(poller, (s) => !s.stale, 'recovery');
    expect(recovered.error).toBeUndefined();
    expect(recovered.failures).toBe(0);
    expect(recovered.snapshot?.rows.map((r) => r.name)).toEqual([
      'late-source',
      'orders-sink',
      'payments-sink',
    ]);
  });

  it('starts with the cluster down and connects when it comes up', async () => {
    emu = await startEmulator({ startDelayMs: 0 });
    await emu.faults.down();
    client = new ConnectClient({ url: emu.url, context: 'emu', timeouts: { requestMs: 2000 } });
    poller = new Poller(client, { intervalMs: 50, backoffInitialMs: 20, backoffMaxMs: 200 });
    poller.start();
    const down = await until(poller, (s) => s.stale, 'the first failure');
    expect(down.snapshot).toBeUndefined();
    expect(dataAgeLabel(down, Date.now())).toBe('no data · reconnecting');
    await emu.faults.up();
    const up = await until(poller, (s) => s.snapshot !== undefined, 'the first snapshot');
    expect(up.stale).toBe(false);
    expect(up.snapshot?.rows).toEqual([]);
  });
});
