// The home view (product.md §2 "Connectors") and the fuzzy filter (§3 `/`, §4), read off a real
// terminal screen.
import { afterEach, describe, expect, it } from 'vitest';
import { CONTEXT, Session, sinkConfig, sourceConfig, TEST_TIMEOUT, typeQuery, WAIT } from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

describe('home view', { timeout: TEST_TIMEOUT }, () => {
  it('shows the header (context, URL, version, data age, counts), the column header and one row per connector', async () => {
    const emu = await session.cluster({
      'orders-sink': sinkConfig('orders', 3),
      'clicks-source': sourceConfig('clicks'),
      'audit-sink': sinkConfig('audit', 2),
    });
    emu.cluster.failTask('orders-sink', 1);
    emu.cluster.pause('audit-sink');
    emu.cluster.settle();

    const kcx = session.kcx(emu.url);
    const screen = await kcx.waitFor(
      (s) => s.includes('orders-sink') && s.includes('1 paused') && s.includes('Connect 4.0.0'),
      WAIT,
    );
    const lines = kcx.lines();

    // Header, first line: the context chip, the URL, the Connect version and the data age.
    expect(lines[0]).toMatch(new RegExp(`^ ${CONTEXT} `));
    expect(lines[0]).toContain(emu.url);
    expect(lines[0]).toContain('Connect 4.0.0');
    expect(lines[0]).toContain('↻');
    // Second line: counts by health and the total.
    expect(lines[1]).toContain('1 healthy');
    expect(lines[1]).toContain('1 degraded');
    expect(lines[1]).toContain('1 paused');
    expect(lines[1]).toContain('3 connectors');
    // Breadcrumbs.
    expect(screen).toContain(`${CONTEXT} › connectors`);

    // The column header, in the order of product.md §2.
    const header = lines.find((l) => l.includes('NAME'));
    expect(header).toBeDefined();
    expect(header).toMatch(/NAME\s+TYPE\s+STATE\s+TASKS\s+HEALTH\s+WORKER/);

    // One row per connector: name, type, state, tasks running/total (+ failed), health, worker.
    const row = (name: string) => lines.find((l) => l.includes(name)) ?? '';
    expect(row('clicks-source')).toMatch(
      /clicks-source\s+source\s+RUNNING\s+1\/1\s+HEALTHY\s+connect-\d:8083/,
    );
    expect(row('orders-sink')).toMatch(/orders-sink\s+sink\s+RUNNING\s+2\/3 1F\s+DEGRADED\s+connect-\d:8083/);
    expect(row('audit-sink')).toMatch(/audit-sink\s+sink\s+PAUSED\s+0\/2\s+PAUSED\s+connect-\d:8083/);
    // Sorted by name, the first row selected.
    const order = ['audit-sink', 'clicks-source', 'orders-sink'].map((n) =>
      lines.findIndex((l) => l.includes(n)),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(kcx.highlighted()[order[0]!]).toContain('audit-sink');

    // Footer: the main keys of the view.
    expect(lines[lines.length - 1]).toContain('? help');
    expect(lines[lines.length - 1]).toContain('/ filter');
  });

  it('narrows the list as a query is typed after `/`, and Esc clears it', async () => {
    const emu = await session.cluster({
      'orders-sink': sinkConfig('orders'),
      'orders-source': sourceConfig('orders-in'),
      'clicks-source': sourceConfig('clicks'),
      'payments-sink': sinkConfig('payments'),
      'inventory-sink': sinkConfig('inventory'),
    });
    const kcx = session.kcx(emu.url);
    await kcx.waitFor((s) => s.includes('payments-sink') && s.includes('5 connectors'), WAIT);

    await typeQuery(kcx, '/orders');
    const narrowed = await kcx.waitFor((s) => s.includes('/orders') && !s.includes('payments-sink'), WAIT);
    expect(narrowed).toContain('orders-sink');
    expect(narrowed).toContain('orders-source');
    for (const gone of ['clicks-source', 'payments-sink', 'inventory-sink'])
      expect(narrowed).not.toContain(gone);
    expect(narrowed).toContain('2 matches');
    // The header still counts the whole cluster.
    expect(kcx.lines()[1]).toContain('5 connectors');

    // Esc while typing clears the query: every row is back.
    kcx.press('escape');
    const cleared = await kcx.waitFor((s) => s.includes('payments-sink') && !s.includes('/orders'), WAIT);
    for (const name of ['orders-sink', 'orders-source', 'clicks-source', 'inventory-sink'])
      expect(cleared).toContain(name);

    // Enter keeps the query (the typing ends, the list stays narrowed); Esc then clears it.
    await typeQuery(kcx, '/pay');
    await kcx.waitFor((s) => s.includes('/pay') && !s.includes('orders-sink'), WAIT);
    kcx.press('enter');
    await kcx.waitFor((s) => s.includes('1 match') && !s.includes('orders-sink'), WAIT);
    kcx.press('escape');
    const back = await kcx.waitFor((s) => s.includes('orders-sink') && !s.includes('/pay'), WAIT);
    expect(back).toContain('payments-sink');
    expect(back).toContain('inventory-sink');
  });
});
