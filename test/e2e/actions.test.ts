// Acting on a connector from the list (product.md §3): pause / resume, and delete behind a confirm
// dialog whose default button is Cancel.
import { afterEach, describe, expect, it } from 'vitest';
import type { KcxTerminal } from '../support/pty.js';
import {
  eventually,
  rowShows,
  Session,
  sinkConfig,
  sourceConfig,
  statusOf,
  TEST_TIMEOUT,
  WAIT,
} from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

/** Moves the list's selection onto `name` (rows are sorted by name; one step at a time). */
async function select(kcx: KcxTerminal, name: string): Promise<void> {
  for (let i = 0; i < 20 && !kcx.highlighted().some((l) => l.includes(name)); i++) {
    const before = kcx.highlighted().join('\n');
    kcx.write('j');
    await kcx.waitFor(() => kcx.highlighted().join('\n') !== before, WAIT);
  }
  expect(kcx.highlighted().some((l) => l.includes(name))).toBe(true);
}

describe('actions', { timeout: TEST_TIMEOUT }, () => {
  it('pauses the selected connector with p and resumes it with r', async () => {
    const emu = await session.cluster({
      'audit-sink': sinkConfig('audit'),
      'orders-sink': sinkConfig('orders', 2),
      'zeta-source': sourceConfig('zeta'),
    });
    const kcx = session.kcx(emu.url);
    await kcx.waitFor(rowShows('orders-sink', 'RUNNING', '2/2', 'HEALTHY'), WAIT);
    await select(kcx, 'orders-sink');

    kcx.write('p');
    const paused = await kcx.waitFor(rowShows('orders-sink', 'PAUSED', '0/2'), WAIT);
    expect(paused).toContain('paused "orders-sink" on e2e');
    expect(await statusOf(emu, 'orders-sink')).toEqual({ connector: 'PAUSED', tasks: ['PAUSED', 'PAUSED'] });
    // Only the selected connector.
    expect(paused).toSatisfy(rowShows('audit-sink', 'RUNNING'));
    expect(paused).toSatisfy(rowShows('zeta-source', 'RUNNING'));
    expect(kcx.lines()[1]).toContain('1 paused');

    kcx.write('r');
    const resumed = await kcx.waitFor(rowShows('orders-sink', 'RUNNING', '2/2', 'HEALTHY'), WAIT);
    expect(resumed).toContain('resumed "orders-sink" on e2e');
    expect(await statusOf(emu, 'orders-sink')).toEqual({
      connector: 'RUNNING',
      tasks: ['RUNNING', 'RUNNING'],
    });
    expect(kcx.lines()[1]).not.toContain('paused');
  });

  it('deletes only after the confirm: Enter on the default Cancel keeps it, → then Enter deletes it', async () => {
    const emu = await session.cluster({
      'audit-sink': sinkConfig('audit'),
      'orders-sink': sinkConfig('orders'),
      'zeta-source': sourceConfig('zeta'),
    });
    const kcx = session.kcx(emu.url);
    await kcx.waitFor(rowShows('orders-sink', 'RUNNING'), WAIT);
    await select(kcx, 'orders-sink');

    // Ctrl-D opens the confirm dialog, naming the target and the context, Cancel focused.
    kcx.press('ctrlD');
    const dialog = await kcx.waitFor(/Delete "orders-sink" on e2e\?/, WAIT);
    expect(dialog).toContain('Cancel');
    expect(dialog).toMatch(/orders-sink\s+RUNNING/);
    expect(kcx.highlighted().some((l) => l === 'Cancel')).toBe(true);
    expect(kcx.highlighted().some((l) => l.includes('Delete'))).toBe(false);

    // Enter right away: cancelled, nothing deleted.
    kcx.press('enter');
    await kcx.waitFor((s) => !s.includes('Delete "orders-sink"'), WAIT);
    await kcx.waitFor(rowShows('orders-sink', 'RUNNING'), WAIT);
    expect(emu.cluster.has('orders-sink')).toBe(true);
    expect((await statusOf(emu, 'orders-sink'))?.connector).toBe('RUNNING');

    // Again, move to the Delete button, confirm.
    expect(kcx.highlighted().some((l) => l.includes('orders-sink'))).toBe(true);
    kcx.press('ctrlD');
    await kcx.waitFor(/Delete "orders-sink" on e2e\?/, WAIT);
    kcx.press('right');
    await kcx.waitFor(() => kcx.highlighted().some((l) => l === 'Delete'), WAIT);
    expect(kcx.highlighted().some((l) => l === 'Cancel')).toBe(false);
    kcx.press('enter');

    // The row goes (the notice line below the list still names it).
    const after = await kcx.waitFor(
      (s) => rowShows('audit-sink', 'RUNNING')(s) && !/^..orders-sink\s/m.test(s),
      WAIT,
    );
    await kcx.waitFor('deleted "orders-sink" on e2e', WAIT);
    await eventually('orders-sink is deleted on the cluster', () => !emu.cluster.has('orders-sink'));
    expect((await statusOf(emu, 'orders-sink')) ?? 'gone').toBe('gone');
    expect(after).toSatisfy(rowShows('audit-sink', 'RUNNING'));
    expect(after).toSatisfy(rowShows('zeta-source', 'RUNNING'));
    await kcx.waitFor((s) => s.split('\n')[1]!.includes('2 connectors'), WAIT);
    expect(emu.cluster.names().sort()).toEqual(['audit-sink', 'zeta-source']);
  });
});
