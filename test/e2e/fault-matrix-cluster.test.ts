// The fault matrix (product.md §7, issue 8), part 1 of 3: a cluster that is not there, goes away,
// rebalances, refuses, or answers badly. Each row drives the built kcx in a PTY against the
// emulator's fault injection and checks a clear message, no crash, and no lost data.
// Parts 2 and 3: fault-matrix-data.test.ts (names and sizes), fault-matrix-terminal.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import {
  countsLine,
  expectAnswersKeys,
  expectNoCrash,
  expectQuitsCleanly,
  headerLine,
} from '../support/fault-matrix.js';
import type { KcxTerminal } from '../support/pty.js';
import {
  CONTEXT,
  eventually,
  rest,
  rowShows,
  Session,
  selectRow,
  sinkConfig,
  sourceConfig,
  type Status,
  TEST_TIMEOUT,
  WAIT,
} from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

/**
 * The connector's state read inside the emulator: over HTTP the fault under test would answer
 * instead (a 500, a hung request).
 */
function clusterState(emu: Emulator, name: string): Status | undefined {
  emu.cluster.tick();
  const status = emu.cluster.status(name);
  if (!status) return undefined;
  return {
    connector: status.connector.state,
    tasks: [...status.tasks].sort((a, b) => a.id - b.id).map((t) => t.state),
  };
}

const live = (s: string) => headerLine(s).includes('↻') && !headerLine(s).includes('stale');
const stale = (s: string) => /stale \S+ · reconnecting/.test(headerLine(s));

/** Two running connectors; kcx on them, live, with orders-sink selected. */
async function twoConnectors(args: string[] = []): Promise<{ emu: Emulator; kcx: KcxTerminal }> {
  const emu = await session.cluster({
    'clicks-source': sourceConfig('clicks'),
    'orders-sink': sinkConfig('orders', 2),
  });
  const kcx = session.kcx(emu.url, { args });
  await kcx.waitFor((s) => live(s) && rowShows('orders-sink', 'RUNNING', '2/2')(s), WAIT);
  await selectRow(kcx, 'orders-sink');
  return { emu, kcx };
}

/**
 * While the list refresh fails: the header says stale and why (`because`), the rows stay. Then the
 * cluster changes behind the fault, the fault goes, and the screen shows the new state.
 */
async function staleThenRecovers(
  emu: Emulator,
  kcx: KcxTerminal,
  because: (countsLine: string) => boolean,
  clear: () => void,
): Promise<void> {
  const screen = await kcx.waitFor((s) => stale(s) && because(countsLine(s)), WAIT);
  expect(headerLine(screen)).toMatch(new RegExp(`^ ${CONTEXT} `));
  expect(screen).toSatisfy(rowShows('orders-sink', 'RUNNING', '2/2'));
  expect(screen).toSatisfy(rowShows('clicks-source', 'RUNNING', '1/1'));
  expect(countsLine(screen)).toContain('2 connectors');
  await expectAnswersKeys(kcx);

  emu.cluster.pause('clicks-source');
  emu.cluster.settle();
  clear();
  const back = await kcx.waitFor((s) => live(s) && rowShows('clicks-source', 'PAUSED')(s), WAIT);
  expect(countsLine(back)).not.toContain('✗');
  expect(back).toSatisfy(rowShows('orders-sink', 'RUNNING', '2/2'));
}

/**
 * `p` on orders-sink while the worker answers the pause badly: a dialog names the context and says
 * what went wrong (`says`); the connector is untouched; Esc closes the dialog, the UI carries on.
 */
async function pauseFails(emu: Emulator, kcx: KcxTerminal, says: RegExp): Promise<void> {
  kcx.write('p');
  const dialog = await kcx.waitFor(`Could not pause "orders-sink" on ${CONTEXT}`, WAIT);
  const text = dialog.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
  expect(text).toContain(`[${CONTEXT}] PUT ${emu.url}/connectors/orders-sink/pause`);
  expect(text).toMatch(says);
  expect(clusterState(emu, 'orders-sink')).toEqual({ connector: 'RUNNING', tasks: ['RUNNING', 'RUNNING'] });
  kcx.press('escape');
  await kcx.waitFor((s) => !s.includes('Could not pause') && rowShows('orders-sink', 'RUNNING')(s), WAIT);
  await expectNoCrash(kcx);
}

describe('fault matrix', { timeout: TEST_TIMEOUT }, () => {
  it('1. cluster down at start: names the context and URL, then shows the rows once a cluster answers', async () => {
    // A port that was free a moment ago: nothing listens there when kcx starts.
    const probe = await startEmulator({ port: 0 });
    const { port, url } = probe;
    await probe.close();

    const kcx = session.kcx(url);
    const down = await kcx.waitFor((s) => s.includes('connection refused'), WAIT);
    expect(headerLine(down)).toContain('no data · reconnecting');
    // The whole message where the rows would be: context, request URL, what happened.
    const message = down.split('\n').slice(4).join(' ').replace(/\s+/g, ' ');
    expect(message).toContain(`[${CONTEXT}] GET ${url}/`);
    expect(message).toContain('connection refused (is the worker up?)');
    await expectAnswersKeys(kcx);

    const emu = session.track(await startEmulator({ port, connectors: 0 }));
    expect(
      (await rest(emu, 'POST', '/connectors', { name: 'late-sink', config: sinkConfig('late') })).status,
    ).toBe(201);
    emu.cluster.settle();
    const up = await kcx.waitFor((s) => live(s) && rowShows('late-sink', 'RUNNING', '1/1')(s), WAIT);
    expect(up).not.toContain('connection refused');
    expect(countsLine(up)).toContain('1 connectors');
    await expectQuitsCleanly(kcx);
  });

  it('2. outage mid-session and recovery: stale with its age and why, rows kept, live again after', async () => {
    const { emu, kcx } = await twoConnectors();
    await emu.faults.down();
    const screen = await kcx.waitFor(stale, WAIT);
    const age = /stale (\S+) ·/.exec(headerLine(screen))?.[1];
    // The age keeps counting while the cluster is away.
    await kcx.waitFor((s) => /stale (\S+) ·/.exec(headerLine(s))?.[1] !== age, WAIT);
    await staleThenRecovers(
      emu,
      kcx,
      (line) => line.includes('connection refused'),
      () => void emu.faults.up(),
    );
    await expectQuitsCleanly(kcx);
  });

  it('3. 409 window: a restart during a short rebalance is retried and succeeds; a long one ends in a clear error', async () => {
    const { emu, kcx } = await twoConnectors();
    emu.cluster.failTask('orders-sink', 1);
    await kcx.waitFor(rowShows('orders-sink', '1/2 1F'), WAIT);
    const restartFailedTasks = async () => {
      kcx.write('R');
      await kcx.waitFor('failed tasks only', WAIT);
      kcx.write('3');
    };

    // A rebalance starts; the restart is sent into it and keeps being retried ...
    emu.faults.rebalance(60_000);
    await restartFailedTasks();
    await kcx.waitFor('restarting "orders-sink"…', WAIT);
    expect(clusterState(emu, 'orders-sink')?.tasks).toEqual(['RUNNING', 'FAILED']);
    // ... until the rebalance is over, well within the retry budget: then it goes through.
    emu.faults.rebalance(0);
    const done = await kcx.waitFor((s) => s.includes(`restarted "orders-sink" on ${CONTEXT}`), WAIT);
    expect(done).not.toContain('Could not restart');
    await eventually('task 1 runs again', () => clusterState(emu, 'orders-sink')?.tasks[1] === 'RUNNING');
    await kcx.waitFor(rowShows('orders-sink', 'RUNNING', '2/2', 'HEALTHY'), WAIT);

    // A rebalance that outlasts the retry budget: a clear error naming the 409, nothing changed.
    emu.cluster.failTask('orders-sink', 0);
    await kcx.waitFor(rowShows('orders-sink', '1/2 1F'), WAIT);
    emu.faults.rebalance(120_000);
    await restartFailedTasks();
    const failed = await kcx.waitFor('Could not restart "orders-sink" on e2e', 2 * WAIT);
    const text = failed.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain(`[${CONTEXT}] POST ${emu.url}/connectors/orders-sink/restart`);
    expect(text).toContain('409 Conflict: Cannot complete request momentarily');
    expect(text).toMatch(/gave up after \d+ attempts/);
    expect(clusterState(emu, 'orders-sink')?.tasks).toEqual(['FAILED', 'RUNNING']);
    kcx.press('escape');
    await kcx.waitFor((s) => !s.includes('Could not restart'), WAIT);
    // The list is not affected by the rebalance and stays live.
    expect(kcx.screen()).toSatisfy(rowShows('orders-sink', '1/2 1F'));
    await expectAnswersKeys(kcx);
    emu.faults.rebalance(0);
    await expectQuitsCleanly(kcx);
  });

  it("4. 401 and 403: the status and the worker's reason, for the refresh and for an action", async () => {
    // A worker that wants credentials kcx was not given: 401 before any data.
    const secured = session.track(
      await startEmulator({ port: 0, auth: { basic: { username: 'ops', password: 'secret' } } }),
    );
    const locked = session.kcx(secured.url);
    // Not just '401': the port in the URL may contain it.
    const refused = await locked.waitFor('401 Unauthorized', WAIT);
    const message = refused.split('\n').slice(4).join(' ').replace(/\s+/g, ' ');
    expect(message).toContain(`[${CONTEXT}] GET ${secured.url}/`);
    expect(message).toContain('401 Unauthorized: User cannot access the resource.');
    await expectAnswersKeys(locked);
    await expectQuitsCleanly(locked);

    // Mid-session: the refresh gets a 401 (credentials rotated), an action gets a 403.
    const { emu, kcx } = await twoConnectors();
    const unauthorised = emu.faults.add({
      route: 'GET /connectors',
      kind: 'status',
      status: 401,
      message: 'User cannot access the resource.',
    });
    const forbidden = emu.faults.add({
      route: 'PUT /connectors/*/pause',
      kind: 'status',
      status: 403,
      message: 'User is not allowed to pause connectors.',
    });
    await kcx.waitFor((s) => stale(s) && countsLine(s).includes('401 Unauthorized'), WAIT);
    await pauseFails(emu, kcx, /403 Forbidden: User is not allowed to pause connectors\./);
    await staleThenRecovers(
      emu,
      kcx,
      (line) => line.includes('401 Unauthorized: User cannot access the resource.'),
      () => {
        emu.faults.remove(unauthorised);
        emu.faults.remove(forbidden);
      },
    );
    // With the rights back, the same action goes through.
    kcx.write('p');
    await kcx.waitFor(rowShows('orders-sink', 'PAUSED'), WAIT);
    expect(clusterState(emu, 'orders-sink')?.connector).toBe('PAUSED');
    await expectQuitsCleanly(kcx);
  });

  it('5. 500 with a Connect error body: the message from the body is shown', async () => {
    const { emu, kcx } = await twoConnectors();
    const rule = emu.faults.add({ kind: 'status', status: 500, message: 'worker on fire' });
    await pauseFails(emu, kcx, /500 Internal Server Error: worker on fire/);
    await staleThenRecovers(
      emu,
      kcx,
      (line) => line.includes('500 Internal Server Error: worker on fire'),
      () => emu.faults.remove(rule),
    );
    await expectQuitsCleanly(kcx);
  });

  it('6. an HTML body from a proxy: says it is HTML, not JSON, with the status', async () => {
    const { emu, kcx } = await twoConnectors();
    const rule = emu.faults.add({ kind: 'html', status: 502 });
    await pauseFails(emu, kcx, /502 Bad Gateway: the response is HTML, not JSON \(a proxy\?\)/);
    await staleThenRecovers(
      emu,
      kcx,
      (line) => line.includes('502 Bad Gateway: the response is HTML, not JSON'),
      () => emu.faults.remove(rule),
    );
    await expectQuitsCleanly(kcx);
  });

  it('7. truncated JSON: a clear message, not a JSON.parse error', async () => {
    const { emu, kcx } = await twoConnectors();
    const rule = emu.faults.add({ route: 'GET /connectors', kind: 'truncate' });
    await staleThenRecovers(
      emu,
      kcx,
      (line) => line.includes('200 OK: truncated JSON'),
      () => emu.faults.remove(rule),
    );
    await expectQuitsCleanly(kcx);
  });

  it('8. a response slower than the timeout: says it timed out, and after how long', async () => {
    const { emu, kcx } = await twoConnectors(['--timeout', '1s']);
    const rule = emu.faults.add({ kind: 'hang' });
    // A write that timed out may still be applied: kcx says so.
    await pauseFails(emu, kcx, /timed out after 1s; the worker may still apply it/);
    await staleThenRecovers(
      emu,
      kcx,
      (line) => line.includes('timed out after 1s'),
      () => emu.faults.remove(rule),
    );
    await expectQuitsCleanly(kcx);
  });
});
