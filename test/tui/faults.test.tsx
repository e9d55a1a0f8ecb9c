// Reliability (docs/product.md §7) as the screen shows it: the cluster down at start, gone mid-session
// and back, errors from the worker or a proxy, and a connector deleted by someone else.
import './force-color.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConnectorSpec, type Harness, KEY, startTui } from '../support/tui-harness.js';

const CLUSTER: ConnectorSpec[] = [{ name: 'alpha-sink' }, { name: 'beta-sink' }];

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('faults', () => {
  it('cluster down at start: a clear message naming the context, then the data once it is up', async () => {
    h = await startTui({ connectors: CLUSTER, downAtStart: true, columns: 100, rows: 30 });
    const t = h;
    await t.waitFor('connection refused');
    await t.waitFor('hint: is the worker up and the URL right?');
    const frame = t.frame();
    expect(frame).toContain('test-ctx');
    expect(frame).toContain(t.emulator.url.replace('http://', ''));
    expect(t.lines()[0]).toMatch(/no data · reconnecting/);
    expect(frame).not.toContain('alpha-sink');
    // Still driving the UI.
    await t.press('?');
    await t.waitFor('Keys in the connectors view');
    await t.press('q');
    await t.waitFor((f) => !f.includes('› help'));
    await t.emulator.faults.up();
    await t.waitFor('2 connectors', 10_000);
    await t.waitFor(/↻ \d/);
    expect(t.lines()[0]).not.toContain('reconnecting');
    expect(t.frame()).toContain('alpha-sink');
  });

  it('cluster gone mid-session: stale with its age and the last data kept; back: fresh again', async () => {
    h = await startTui({ connectors: CLUSTER, columns: 100, rows: 30 });
    const t = h;
    await t.waitFor('2 connectors');
    await t.waitFor(/Connect 4\.0\.0 ↻ \d/);
    await t.emulator.faults.down();
    await t.waitFor(/stale \d+s · reconnecting/);
    const stale = t.frame();
    expect(stale).toContain('alpha-sink');
    expect(stale).toContain('beta-sink');
    expect(stale).toContain('2 connectors');
    // The stale label is drawn in the warning colour.
    expect(t.raw().split('\n')[0]).toMatch(/\u001b\[33m[^\n]*stale/);
    // Keys still work on the kept data.
    await t.press(KEY.enter);
    await t.waitFor('› alpha-sink');
    await t.press('q');
    await t.waitFor((f) => !f.includes('› alpha-sink'));
    await t.emulator.faults.up();
    await t.waitFor((f) => /↻ \d/.test(f) && !f.includes('stale'), 10_000);
    expect(t.frame()).toContain('alpha-sink');
  });

  it('40×12: the stale mark stays on screen', async () => {
    h = await startTui({ connectors: CLUSTER, columns: 40, rows: 12 });
    const t = h;
    await t.waitFor('alpha-sink');
    await t.waitFor(/Connect 4\.0\.0/);
    await t.emulator.faults.down();
    await t.waitFor((f) => (f.split('\n')[0] ?? '').includes('stale'));
    expect(t.frame()).toContain('alpha-sink');
  });

  it('an HTML error page from a proxy: a clear message, no crash, and the data comes when it clears', async () => {
    h = await startTui({ connectors: CLUSTER, columns: 100, rows: 30 });
    const t = h;
    await t.waitFor('2 connectors');
    t.emulator.cluster.create('gamma-sink', {
      'connector.class': 'FileStreamSink',
      topics: 'x',
      file: '/tmp/x',
    });
    const rule = t.emulator.faults.add({ route: 'GET /connectors', kind: 'html', status: 502 });
    await t.waitFor('stale');
    expect(t.frame()).toContain('alpha-sink');
    t.emulator.faults.remove(rule);
    await t.waitFor('3 connectors', 10_000);
    expect(t.frame()).not.toContain('stale');
  });

  it('an action the worker refuses (500 with a Connect error body) says what failed, where and why', async () => {
    h = await startTui({ connectors: CLUSTER, columns: 120, rows: 30 });
    const t = h;
    await t.waitFor('2 connectors');
    t.emulator.faults.add({
      route: 'PUT /connectors/*/pause',
      kind: 'status',
      status: 500,
      message: 'Injected failure: worker on fire',
    });
    await t.press('p');
    await t.waitFor('could not');
    const notice = t.lines().at(-2) ?? '';
    expect(notice).toContain('could not pause "alpha-sink" on test-ctx');
    expect(notice).toContain('500');
    // Why: the worker's own message is on the screen, not cut off.
    expect(t.frame()).toContain('Injected failure: worker on fire');
    expect(t.status('alpha-sink')?.connector.state).toBe('RUNNING');
  });

  it('a connector deleted elsewhere while its view is open: back to the list, saying so', async () => {
    h = await startTui({ connectors: CLUSTER, columns: 100, rows: 30 });
    const t = h;
    await t.waitFor('2 connectors');
    await t.press(KEY.enter);
    await t.waitFor('› alpha-sink');
    await t.waitFor('config (');
    t.emulator.cluster.delete('alpha-sink');
    await t.waitFor('"alpha-sink" no longer exists');
    expect(t.frame()).not.toContain('› alpha-sink');
    expect(t.frame()).toContain('test-ctx › connectors');
    await t.waitFor('1 connectors');
    expect(t.frame()).toContain('beta-sink');
    // The cursor is on a connector that exists.
    await t.press(KEY.enter);
    await t.waitFor('› beta-sink');
  });
});

describe('faults: saying why', () => {
  it('a worker that wants credentials before any data: the 401, and what to give the context', async () => {
    h = await startTui({
      connectors: CLUSTER,
      columns: 100,
      rows: 30,
      faultsAtStart: [
        {
          route: 'GET /connectors',
          kind: 'status',
          status: 401,
          message: 'User cannot access the resource.',
        },
      ],
    });
    const t = h;
    // Both wrap at 100 columns: read them as one text.
    const joined = (f: string) => f.replace(/\s*\n/g, ' ');
    await t.waitFor((f) => joined(f).includes('→ 401 Unauthorized: User cannot access the resource.'));
    await t.waitFor((f) =>
      joined(f).includes('hint: the worker wants credentials: give context test-ctx an auth block'),
    );
    expect(t.frame()).not.toContain('alpha-sink');
  });

  it('data kept through a failing refresh: the header says why it is stale (status and reason)', async () => {
    h = await startTui({ connectors: CLUSTER, columns: 100, rows: 30 });
    const t = h;
    await t.waitFor('2 connectors');
    const rule = t.emulator.faults.add({
      route: 'GET /connectors',
      kind: 'status',
      status: 401,
      message: 'User cannot access the resource.',
    });
    await t.waitFor(/stale \d+s · reconnecting/);
    await t.waitFor((f) => (f.split('\n')[1] ?? '').includes('401'));
    const counts = t.lines()[1] ?? '';
    expect(counts).toContain('2 connectors');
    // The reason without the request: the context is on the line above, the URL is not needed.
    expect(counts).toContain('✗ 401 Unauthorized: User cannot access the resource.');
    expect(counts).not.toContain('http://');
    expect(t.frame()).toContain('alpha-sink');
    t.emulator.faults.remove(rule);
    await t.waitFor((f) => !f.includes('stale'), 10_000);
    expect(t.lines()[1]).not.toContain('✗');
  });

  it('a failed action whose reason wraps to many rows is shown whole in its dialog at 80×24', async () => {
    h = await startTui({ connectors: CLUSTER, columns: 80, rows: 24 });
    const t = h;
    await t.waitFor('2 connectors');
    const why = `${'the worker explains at length why it cannot do this; '.repeat(5)}END OF REASON`;
    t.emulator.faults.add({ route: 'PUT /connectors/*/pause', kind: 'status', status: 500, message: why });
    await t.press('p');
    await t.waitFor('Could not pause');
    const dialog = t
      .frame()
      .split('\n')
      .filter((l) => l.startsWith('│'))
      .map((l) => l.slice(1, -1).trim())
      .join(' ');
    expect(dialog).toContain('END OF REASON');
  });
});
