// The fault matrix (product.md §7, issue 8), part 2 of 3: names that need encoding and wide
// characters, a connector deleted by someone else, 10,000 connectors, a 1 MB trace. Each row drives
// the built kcx in a PTY against the emulator and checks what is shown, no crash, and no lost data.
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
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
  type Config,
  converterTrace,
  eventually,
  rest,
  rowOf,
  rowShows,
  Session,
  selectRow,
  sinkConfig,
  sourceConfig,
  statusOf,
  TEST_TIMEOUT,
  typeQuery,
  WAIT,
  highlights,
} from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

const live = (s: string) => headerLine(s).includes('↻');

/** Filters the list down to `query` and keeps the filter (Enter): the matching rows stay. */
async function filterTo(kcx: KcxTerminal, query: string, matches: number): Promise<string> {
  await typeQuery(kcx, `/${query}`);
  const label = `${matches} match${matches === 1 ? '' : 'es'}`;
  await kcx.waitFor((s) => s.split('\n').some((l) => l.startsWith(`/${query}`) && l.includes(label)), WAIT);
  kcx.press('enter');
  // Kept, no longer edited: the filter line loses its (inverse video) cursor.
  const filterRow = (s: string) => s.split('\n').findIndex((l) => l.startsWith(`/${query}`));
  return kcx.waitFor((s) => filterRow(s) >= 0 && kcx.highlighted()[filterRow(s)] === '', WAIT);
}

/** Esc clears a kept filter; waits until `name` (a row the filter hid) is back. */
async function clearFilter(kcx: KcxTerminal, name: string): Promise<void> {
  kcx.press('escape');
  await kcx.waitFor((s) => !/^\//m.test(s) && rowOf(s, name) !== undefined, WAIT);
}

/** Every connector's state as the cluster reports it, by name. */
async function statesOn(emu: Emulator): Promise<Record<string, string | undefined>> {
  const out: Record<string, string | undefined> = {};
  for (const name of emu.cluster.names()) out[name] = (await statusOf(emu, name))?.connector;
  return out;
}

describe('fault matrix', { timeout: TEST_TIMEOUT }, () => {
  it('9. odd names (space / % ? # Hangul emoji): shown aligned, found by the filter, opened and acted on by name', async () => {
    const odd = [
      'orders sink (eu)',
      'legacy/crm-sync',
      '50%-sample',
      'what?-source',
      '#alerts-sink',
      '주문-싱크',
      '🚀-rocket',
    ];
    const connectors: Record<string, Config> = { 'plain-sink': sinkConfig('plain') };
    odd.forEach((name, i) => {
      connectors[name] = sinkConfig(`odd${i}`);
    });
    const emu = await session.cluster(connectors);
    const kcx = session.kcx(emu.url);
    const screen = await kcx.waitFor((s) => live(s) && odd.every((n) => rowShows(n, 'RUNNING')(s)), WAIT);

    // Columns line up by terminal cell, whatever the name is made of: each row's state and health
    // start in the cell of their column titles.
    const lines = screen.split('\n');
    const titles = lines.findIndex((l) => /^\s*NAME\s+TYPE\s+STATE/.test(l));
    const stateCell = kcx.cellColumn(titles, 'STATE');
    const healthCell = kcx.cellColumn(titles, 'HEALTH');
    expect(stateCell).toBeGreaterThan(0);
    for (const name of [...odd, 'plain-sink']) {
      const row = lines.findIndex((l) => l.includes(name));
      expect({ name, state: kcx.cellColumn(row, 'RUNNING'), health: kcx.cellColumn(row, 'HEALTHY') }).toEqual(
        {
          name,
          state: stateCell,
          health: healthCell,
        },
      );
    }
    expect(kcx.wrappedRows()).toEqual([]);

    // The filter finds each by its whole name, special characters included.
    for (const name of odd) {
      const found = await filterTo(kcx, name, 1);
      expect(found).toSatisfy(rowShows(name, 'RUNNING'));
      expect(found).not.toContain('plain-sink');
      await clearFilter(kcx, 'plain-sink');
    }

    // An action from the list reaches the right connector: the one whose name has a slash.
    await filterTo(kcx, 'legacy/crm-sync', 1);
    kcx.write('p');
    await kcx.waitFor(rowShows('legacy/crm-sync', 'PAUSED'), WAIT);
    await kcx.waitFor(`paused "legacy/crm-sync" on ${CONTEXT}`, WAIT);
    await clearFilter(kcx, 'plain-sink');

    // Opening one shows its view; an action there reaches it too.
    await filterTo(kcx, '🚀-rocket', 1);
    kcx.press('enter');
    const view = await kcx.waitFor(
      (s) => s.includes(`${CONTEXT} › connectors › 🚀-rocket`) && /^tasks /m.test(s),
      WAIT,
    );
    expect(view).toMatch(/^0\s+RUNNING/m);
    kcx.write('p');
    await kcx.waitFor(`paused "🚀-rocket" on ${CONTEXT}`, WAIT);
    await kcx.waitFor(/^0\s+PAUSED/m, WAIT);
    kcx.write('q');
    await kcx.waitFor((s) => !s.includes('› 🚀-rocket') && rowShows('🚀-rocket', 'PAUSED')(s), WAIT);
    await clearFilter(kcx, 'plain-sink');

    // On the cluster: exactly those two paused, nothing else touched.
    await eventually('both are paused on the cluster', async () => {
      const states = await statesOn(emu);
      return states['legacy/crm-sync'] === 'PAUSED' && states['🚀-rocket'] === 'PAUSED';
    });
    const states = await statesOn(emu);
    expect(Object.keys(states).sort()).toEqual(Object.keys(connectors).sort());
    for (const [name, state] of Object.entries(states))
      expect({ name, state }).toEqual({
        name,
        state: name === 'legacy/crm-sync' || name === '🚀-rocket' ? 'PAUSED' : 'RUNNING',
      });
    await expectAnswersKeys(kcx);
    await expectQuitsCleanly(kcx);
  });

  it('10. a connector deleted by someone else: the list moves on while it is selected; its open view goes back to the list, saying so', async () => {
    const emu = await session.cluster({
      'audit-sink': sinkConfig('audit'),
      'orders-sink': sinkConfig('orders', 2),
      'zeta-source': sourceConfig('zeta'),
    });
    const kcx = session.kcx(emu.url);
    await kcx.waitFor((s) => live(s) && rowShows('zeta-source', 'RUNNING')(s), WAIT);

    // Selected in the list, deleted elsewhere: the row goes, the selection lands on a neighbour.
    await selectRow(kcx, 'orders-sink');
    expect((await rest(emu, 'DELETE', '/connectors/orders-sink')).status).toBe(204);
    await kcx.waitFor(
      (s) => rowOf(s, 'orders-sink') === undefined && countsLine(s).includes('2 connectors'),
      WAIT,
    );
    expect(kcx.highlighted().some((l) => l.includes('audit-sink') || l.includes('zeta-source'))).toBe(true);

    // Open, deleted elsewhere: back to the list with a message; the rest is still there.
    await selectRow(kcx, 'zeta-source');
    kcx.press('enter');
    await kcx.waitFor((s) => s.includes(`${CONTEXT} › connectors › zeta-source`) && /^tasks /m.test(s), WAIT);
    expect((await rest(emu, 'DELETE', '/connectors/zeta-source')).status).toBe(204);
    const back = await kcx.waitFor(
      '"zeta-source" no longer exists on the cluster (deleted elsewhere?)',
      WAIT,
    );
    expect(back).not.toContain('› zeta-source');
    expect(back.split('\n')[2]).toContain(`${CONTEXT} › connectors`);
    await kcx.waitFor(
      (s) => countsLine(s).includes('1 connectors') && rowShows('audit-sink', 'RUNNING')(s),
      WAIT,
    );
    expect(emu.cluster.names()).toEqual(['audit-sink']);
    // The selection is on a connector that exists: it opens.
    expect(highlights(kcx, 'audit-sink')).toBe(true);
    kcx.press('enter');
    await kcx.waitFor((s) => s.includes(`${CONTEXT} › connectors › audit-sink`) && /^tasks /m.test(s), WAIT);
    kcx.write('q');
    await kcx.waitFor((s) => !s.includes('› audit-sink'), WAIT);
    await expectAnswersKeys(kcx);
    await expectQuitsCleanly(kcx);
  });

  it('11. 10,000 connectors: the list renders, the header counts them, the filter narrows to one', {
    timeout: 3 * TEST_TIMEOUT,
  }, async () => {
    const emu = await session.cluster({});
    // Created inside the emulator: 10,000 REST calls would only test the set-up.
    for (let i = 0; i < 9_999; i++)
      emu.cluster.create(`bulk-${String(i).padStart(5, '0')}-sink`, sinkConfig(`t${i}`));
    emu.cluster.create('needle-orders-sink', sinkConfig('needle', 2));
    emu.cluster.settle();
    expect(emu.cluster.size).toBe(10_000);

    // One request per refresh carries all 10,000: a slower cadence keeps a loaded machine usable.
    const kcx = session.kcx(emu.url, { args: ['--refresh', '3s'] });
    const screen = await kcx.waitFor((s) => live(s) && countsLine(s).includes('10000 connectors'), 4 * WAIT);
    expect(countsLine(screen)).toContain('10000 healthy');
    expect(screen).toSatisfy(rowShows('bulk-00000-sink', 'RUNNING', '1/1'));
    expect(highlights(kcx, 'bulk-00000-sink')).toBe(true);

    const found = await filterTo(kcx, 'needle', 1);
    expect(found).toSatisfy(rowShows('needle-orders-sink', 'RUNNING', '2/2'));
    expect(found).not.toContain('bulk-');
    // Cleared, the selection stays on the connector found, at the end of the whole list.
    await clearFilter(kcx, 'bulk-09998-sink');
    expect(highlights(kcx, 'needle-orders-sink')).toBe(true);
    kcx.write('g');
    await kcx.waitFor(() => highlights(kcx, 'bulk-00000-sink'), WAIT);
    kcx.write('G');
    await kcx.waitFor(() => highlights(kcx, 'needle-orders-sink'), WAIT);
    expect(emu.cluster.size).toBe(10_000);
    await expectAnswersKeys(kcx);
    await expectQuitsCleanly(kcx);
  });

  it('12. a 1 MB trace: the trace view opens with the root cause on top, G reaches its end, search finds a line', async () => {
    const trace = converterTrace(12_500);
    expect(trace.length).toBeGreaterThan(1_000_000);
    const lineCount = trace.trimEnd().split('\n').length;
    const emu = await session.cluster({ 'orders-sink': sinkConfig('orders', 2) });
    emu.cluster.failTask('orders-sink', 1, trace);
    // Every refresh carries the trace: a slower cadence keeps a loaded machine usable.
    const kcx = session.kcx(emu.url, { args: ['--refresh', '2s'] });
    await kcx.waitFor(rowShows('orders-sink', '1/2 1F'), 2 * WAIT);
    kcx.press('enter');
    await kcx.waitFor((s) => /^1\s+FAILED/m.test(s), WAIT);
    kcx.write('j');
    await kcx.waitFor(() => kcx.highlighted().some((l) => /^1 FAILED/.test(l)), WAIT);
    kcx.press('enter');

    const top = await kcx.waitFor((s) => s.includes('› task 1') && s.includes('root cause'), WAIT);
    const lines = top.split('\n');
    const cause = lines.findIndex((l) => l.includes('root cause'));
    expect(cause).toBeLessThanOrEqual(4);
    expect(lines.slice(cause, cause + 2).join(' ')).toContain('DataException');
    // Long lines are cut at the screen's edge (`w` wraps them).
    expect(top).toContain('ConnectException: Tolerance exceeded in error');
    expect(top).toMatch(new RegExp(`\\b1–\\d+ of ${lineCount} lines`));

    kcx.write('G');
    const end = await kcx.waitFor(new RegExp(`–${lineCount} of ${lineCount} lines`), WAIT);
    expect(end).toContain('... 17 more');
    expect(end).toContain('Caused by: org.apache.kafka.common.errors.SerializationException');

    // Search from the top: a frame in the middle, then the last cause.
    kcx.write('g');
    await kcx.waitFor(new RegExp(`\\b1–\\d+ of ${lineCount} lines`), WAIT);
    await typeQuery(kcx, '/step6543(');
    kcx.press('enter');
    await kcx.waitFor(() => highlights(kcx, 'WorkerSinkTask.step6543('), WAIT);
    expect(kcx.screen()).toMatch(/\/step6543\(\s+1\/1/);
    kcx.press('escape');
    await kcx.waitFor((s) => !s.includes('/step6543('), WAIT);
    await typeQuery(kcx, '/magic');
    kcx.press('enter');
    await kcx.waitFor(() => highlights(kcx, 'SerializationException: Unknown magic'), WAIT);
    kcx.press('escape');
    await kcx.waitFor((s) => !s.includes('/magic'), WAIT);
    await expectNoCrash(kcx);

    // Back out; the trace on the cluster is untouched, the task still failed.
    kcx.write('q');
    await kcx.waitFor((s) => !s.includes('› task 1') && /^1\s+FAILED/m.test(s), WAIT);
    kcx.write('q');
    await kcx.waitFor((s) => !s.includes('› orders-sink') && rowShows('orders-sink', '1F')(s), WAIT);
    expect(emu.cluster.status('orders-sink')?.tasks.find((t) => t.id === 1)?.trace).toBe(trace);
    await expectAnswersKeys(kcx);
    await expectQuitsCleanly(kcx);
  });
});
