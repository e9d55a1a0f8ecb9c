// Reliability (product.md §7): the cluster goes away mid-session, or is not there at the start; the
// UI stays up, keeps the last data marked stale with its age, and reconnects by itself.
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import {
  rest,
  rowShows,
  Session,
  sinkConfig,
  sourceConfig,
  TEST_TIMEOUT,
  typeQuery,
  WAIT,
} from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

const header = (screen: string) => screen.split('\n')[0] ?? '';

describe('outage', { timeout: TEST_TIMEOUT }, () => {
  it('marks the data stale and reconnecting while the cluster is down, keeps the rows, and recovers', async () => {
    const emu = await session.cluster({
      'orders-sink': sinkConfig('orders', 2),
      'clicks-source': sourceConfig('clicks'),
    });
    const kcx = session.kcx(emu.url);
    await kcx.waitFor((s) => rowShows('orders-sink', 'RUNNING', '2/2')(s) && header(s).includes('↻'), WAIT);

    // The cluster stops answering (connections refused).
    await emu.faults.down();
    const stale = await kcx.waitFor((s) => /stale \S+ · reconnecting/.test(header(s)), WAIT);
    expect(header(stale)).not.toContain('↻');
    // The last data stays on screen.
    expect(stale).toSatisfy(rowShows('orders-sink', 'RUNNING', '2/2'));
    expect(stale).toSatisfy(rowShows('clicks-source', 'RUNNING', '1/1'));
    expect(stale.split('\n')[1]).toContain('2 connectors');
    // The age of the data keeps counting while the cluster is away.
    const firstAge = /stale (\S+)/.exec(header(stale))![1];
    await kcx.waitFor((s) => {
      const age = /stale (\S+) · reconnecting/.exec(header(s))?.[1];
      return age !== undefined && age !== firstAge;
    }, WAIT);

    // Meanwhile the cluster changes; once it is back, the screen is live again with the new data.
    emu.cluster.pause('orders-sink');
    emu.cluster.settle();
    await emu.faults.up();
    const live = await kcx.waitFor(
      (s) => header(s).includes('↻') && rowShows('orders-sink', 'PAUSED')(s),
      WAIT,
    );
    expect(header(live)).not.toContain('stale');
    expect(header(live)).not.toContain('reconnecting');
    expect(live).toSatisfy(rowShows('clicks-source', 'RUNNING'));

    // Still responsive, and still running.
    await typeQuery(kcx, '/clicks');
    await kcx.waitFor((s) => s.includes('/clicks') && !/^..orders-sink\s/m.test(s), WAIT);
    kcx.press('escape');
    await kcx.waitFor((s) => !s.includes('/clicks') && rowShows('orders-sink', 'PAUSED')(s), WAIT);
    kcx.write('q');
    expect((await kcx.exited).exitCode).toBe(0);
  });

  it('starts with the cluster down, says so, and shows the rows once a cluster answers on that URL', async () => {
    // A port that was free a moment ago: nothing listens there when kcx starts.
    const probe = await startEmulator({ port: 0 });
    const port = probe.port;
    const url = probe.url;
    await probe.close();

    const kcx = session.kcx(url);
    const down = await kcx.waitFor((s) => header(s).includes('reconnecting'), WAIT);
    expect(header(down)).toContain('no data');
    expect(header(down)).toContain('e2e');

    const emu = session.track(await startEmulator({ port }));
    const created = await rest(emu, 'POST', '/connectors', { name: 'late-sink', config: sinkConfig('late') });
    expect(created.status).toBe(201);
    emu.cluster.settle();
    const live = await kcx.waitFor(
      (s) => header(s).includes('↻') && rowShows('late-sink', 'RUNNING')(s),
      WAIT,
    );
    expect(header(live)).not.toContain('reconnecting');
    // The version, unknown while nothing answered, is read once the cluster is there.
    await kcx.waitFor((s) => header(s).includes('Connect 4.0.0'), WAIT);
  });
});
