// `?` help generated from the keymap, the `:` command line with completion and the views it opens
// (cluster, plugins, topics), and a connector's topics with `T` reset (docs/product.md §2, §3).
import './force-color.js';
import { afterEach, describe, expect, it } from 'vitest';
import { bindingsFor, type ViewId } from '../../src/tui/keymap.js';
import { formatKey } from '../../src/tui/keys.js';
import {
  type ConnectorSpec,
  type Harness,
  inverseRuns,
  KEY,
  lineWith,
  rawLineWith,
  selectedLine,
  startTui,
} from '../support/tui-harness.js';

const CLUSTER: ConnectorSpec[] = [
  { name: 'orders-sink', config: { topics: 'orders,orders-retry' } },
  { name: 'payments-sink', config: { topics: 'payments,orders' } },
  { name: 'audit-sink', config: { topics: 'audit' }, failTasks: [{ task: 0 }] },
];

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function home(rows = 30, columns = 100): Promise<Harness> {
  h = await startTui({ connectors: CLUSTER, columns, rows });
  await h.waitFor('3 connectors');
  await h.waitFor(/Connect 4\.0\.0/);
  return h;
}

/** Every binding of `view` has its own help line: its keys, then its description. */
function expectHelpFor(frame: string, view: ViewId): void {
  expect(frame).toContain(`Keys in the ${view} view`);
  for (const b of bindingsFor(view)) {
    const line = lineWith(frame, b.description);
    expect(line, `help line for ${b.command}`).toBeDefined();
    expect(line!.startsWith(b.keys.map(formatKey).join(' / ')), `keys of ${b.command}`).toBe(true);
  }
}

describe('help', () => {
  it('? lists the keys of the connectors view, from the keymap', async () => {
    const t = await home(60, 160);
    await t.press('?');
    await t.waitFor('› help');
    const frame = t.frame();
    expectHelpFor(frame, 'connectors');
    // Keys of other views are not listed.
    const elsewhere = bindingsFor('trace').filter((b) => !bindingsFor('connectors').includes(b));
    for (const b of elsewhere) expect(frame).not.toContain(b.description);
    await t.press('q');
    await t.waitFor((f) => !f.includes('› help') && f.includes('3 connectors'));
  });

  it('? in the connector and trace views lists their own keys', async () => {
    const t = await home(60, 160);
    await t.press(KEY.enter);
    await t.waitFor('› audit-sink');
    await t.press('?');
    await t.waitFor('Keys in the connector view');
    expectHelpFor(t.frame(), 'connector');
    const onlyList = bindingsFor('connectors').filter((b) => !bindingsFor('connector').includes(b));
    expect(onlyList.length).toBeGreaterThan(0);
    for (const b of onlyList) expect(t.frame()).not.toContain(b.description);
    await t.press(KEY.escape);
    await t.waitFor((f) => !f.includes('› help'));
    await t.press(KEY.enter);
    await t.waitFor('› task 0');
    await t.press('?');
    await t.waitFor('Keys in the trace view');
    expectHelpFor(t.frame(), 'trace');
  });
});

describe('command line', () => {
  it(': completes with Tab and runs with Enter; :cluster shows version, commit and counts', async () => {
    const t = await home(40);
    await t.press(':');
    await t.waitFor(/^:/m);
    await t.press('cl');
    await t.waitFor(/^:cl\s/m);
    await t.press(KEY.tab);
    await t.waitFor(/^:cluster\s/m);
    await t.press(KEY.enter);
    await t.waitFor('› cluster');
    await t.waitFor('version        4.0.0');
    const frame = t.frame();
    expect(frame).toMatch(/commit\s+[0-9a-f]{16}/);
    expect(frame).toMatch(/kafka cluster\s+\S+/);
    expect(frame).toMatch(/connectors\s+3: 3 RUNNING/);
    expect(frame).toContain('connect-1:8083');
  });

  it('Tab shows the candidates for what is typed, and Esc closes the command line', async () => {
    const t = await home();
    await t.press(':', 'c');
    await t.waitFor(/^:c\s/m);
    const candidates = lineWith(t.frame(), ':c ')!;
    expect(candidates).toContain('connectors');
    expect(candidates).toContain('cluster');
    expect(candidates).not.toContain('plugins');
    await t.press(KEY.escape);
    await t.waitFor((f) => !/^:c\s/m.test(f));
    // Keys go to the list again.
    await t.press('j');
    await t.waitFor(() => selectedLine(t.raw())?.includes(' orders-sink ') === true);
  });

  it('completes every command of product.md §3', async () => {
    const t = await home();
    for (const command of [
      'connectors',
      'cluster',
      'workers',
      'plugins',
      'topics',
      'loggers',
      'ctx',
      'quit',
    ]) {
      await t.press(':', command.slice(0, command === 'cluster' || command === 'connectors' ? 3 : 2));
      await t.press(KEY.tab);
      await t.waitFor(new RegExp(`^:${command}\\b`, 'm'), 2000);
      await t.press(KEY.escape);
      await t.waitFor((f) => !/^:/m.test(f));
    }
  });

  it('a command for the view already shown does not stack it again', async () => {
    const t = await home();
    await t.press(':loggers', KEY.enter);
    await t.waitFor('› loggers');
    await t.press(':loggers', KEY.enter);
    await t.polls(1);
    expect(t.frame()).not.toContain('› loggers › loggers');
    await t.press('q');
    await t.waitFor((f) => !f.includes('› loggers'));
  });

  it(':workers and :loggers open their views', async () => {
    const t = await home();
    await t.press(':workers', KEY.enter);
    await t.waitFor('› workers');
    await t.waitFor('connect-1:8083');
    await t.press('q', ':loggers', KEY.enter);
    await t.waitFor('› loggers');
    await t.waitFor('org.apache.kafka');
  });

  it('an unknown command says so', async () => {
    const t = await home();
    await t.press(':', 'nonsense', KEY.enter);
    await t.waitFor('unknown command ":nonsense"');
    expect(t.frame()).toContain('test-ctx › connectors');
  });

  it(':plugins lists class, type and version; Enter shows the config definition with its docs', async () => {
    const t = await home();
    await t.press(':plugins', KEY.enter);
    await t.waitFor('› plugins');
    await t.waitFor('org.apache.kafka.connect.file.FileStreamSinkConnector');
    expect(lineWith(t.frame(), 'FileStreamSinkConnector')).toMatch(
      /FileStreamSinkConnector\s+sink\s+4\.0\.0/,
    );
    for (let i = 0; i < 20 && !selectedLine(t.raw())?.includes('FileStreamSinkConnector'); i++)
      await t.press('j');
    expect(selectedLine(t.raw())).toContain('FileStreamSinkConnector');
    await t.press(KEY.enter);
    await t.waitFor('› plugins › FileStreamSinkConnector');
    await t.waitFor(/^file\s+\(STRING/m);
    // Each key with its type, default or required, importance, and its documentation beneath.
    const fileLine = t.lines().findIndex((l) => /^file\s+\(/.test(l));
    expect(t.lines()[fileLine + 1]).toMatch(/^\s{4}\S/);
  });

  it(':topics maps each topic to its connectors; Enter jumps to the connector', async () => {
    const t = await home();
    await t.press(':topics', KEY.enter);
    await t.waitFor('› topics (cluster)');
    await t.waitFor(/4 topic\(s\), 5 connector use\(s\)/);
    const frame = t.frame();
    // "orders" is used by two connectors.
    const orders = t.lines().findIndex((l) => /^orders\s+\S/.test(l));
    expect(t.lines()[orders]).toMatch(/^orders\s+orders-sink$/);
    expect(t.lines()[orders + 1]).toMatch(/^\s+payments-sink$/);
    expect(frame).toMatch(/^orders-retry\s+orders-sink$/m);
    expect(frame).toMatch(/^audit\s+audit-sink$/m);
    // Down to payments-sink under "orders", and open it.
    for (let i = 0; i < 10 && !selectedLine(t.raw())?.trim().startsWith('payments-sink'); i++)
      await t.press('j');
    await t.press(KEY.enter);
    await t.waitFor('› topics (cluster) › payments-sink');
    await t.waitFor('tasks 2/2 running');
  });
});

describe('topics of a connector', () => {
  it('t lists its active topics; T asks first (Cancel focused), then resets them', async () => {
    const t = await home();
    await t.press('j', KEY.enter);
    await t.waitFor('› orders-sink');
    await t.press('t');
    await t.waitFor('› orders-sink › topics');
    await t.waitFor('2 active topic(s) of orders-sink');
    expect(t.frame()).toMatch(/^orders$/m);
    expect(t.frame()).toMatch(/^orders-retry$/m);

    await t.press('T');
    await t.waitFor('Reset the active topics of "orders-sink" on test-ctx?');
    const button = () => inverseRuns(rawLineWith(t.raw(), 'Cancel') ?? '')[0]?.trim();
    expect(button()).toBe('Cancel');
    await t.press(KEY.enter);
    await t.waitFor((f) => !f.includes('Reset the active topics'));
    await t.polls(1);
    expect(t.emulator.cluster.topics('orders-sink').sort()).toEqual(['orders', 'orders-retry']);

    await t.press('T');
    await t.waitFor('Reset the active topics');
    await t.press(KEY.right);
    await t.waitFor(() => button() === 'Reset topics');
    await t.press(KEY.enter);
    await t.waitFor('reset topics of "orders-sink"');
    expect(t.emulator.cluster.topics('orders-sink')).toEqual([]);
    expect(t.emulator.cluster.topics('payments-sink').sort()).toEqual(['orders', 'payments']);
  });
});
