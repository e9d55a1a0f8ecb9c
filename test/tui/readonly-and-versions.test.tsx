// Gating (docs/product.md §3): in a read-only context every mutating key is disabled and says so; an
// action the cluster's version does not support says which version it needs — before anything is sent.
import './force-color.js';
import { afterEach, describe, expect, it } from 'vitest';
import { bindingsFor, KEYMAP } from '../../src/tui/keymap.js';
import { formatKey } from '../../src/tui/keys.js';
import {
  bytesFor,
  type ConnectorSpec,
  type Harness,
  KEY,
  lineWith,
  startTui,
} from '../support/tui-harness.js';

const CLUSTER: ConnectorSpec[] = [
  { name: 'alpha-sink' },
  { name: 'beta-sink', failTasks: [{ task: 0 }] },
  { name: 'gamma-sink', pause: true },
];

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** What the emulator holds: every connector's state and its tasks' states. */
function clusterState(t: Harness): string {
  return t.emulator.cluster
    .names()
    .sort()
    .map((n) => {
      const s = t.status(n);
      return `${n}:${s?.connector.state}:${s?.tasks.map((x) => x.state).join('/')}`;
    })
    .join(' ');
}

const dialogOpen = (f: string) => f.includes('╭') && f.includes('╰');

describe('read-only context', () => {
  it('refuses every mutating key of the connectors view with a read-only message, changing nothing', async () => {
    h = await startTui({ connectors: CLUSTER, context: { readonly: true }, columns: 100, rows: 30 });
    const t = h;
    await t.waitFor('3 connectors');
    await t.waitFor(/Connect 4\.0\.0/);
    expect(t.lines()[0]).toContain('read-only');
    const before = clusterState(t);
    const mutating = bindingsFor('connectors').filter((b) => b.mutating);
    expect(mutating.map((b) => b.command)).toEqual(
      expect.arrayContaining(['pause', 'resume', 'restart', 'restartFailed', 'stop', 'delete']),
    );
    const notice = () => t.lines().at(-2) ?? '';
    for (const binding of mutating) {
      // Another notice first, so the one awaited below is this key's.
      await t.press('z');
      await t.waitFor(() => notice().includes('problems only'));
      await t.press('z');
      await t.waitFor(() => notice().includes('showing all'));
      await t.press(bytesFor(binding.keys[0]!));
      await t.waitFor(() => /read-only context "test-ctx": .* is disabled/.test(notice()));
      expect(dialogOpen(t.frame()), `${binding.command} opened a dialog`).toBe(false);
    }
    await t.polls(2);
    expect(clusterState(t)).toBe(before);
  });

  it('refuses in the connector, trace and topics views too', async () => {
    h = await startTui({ connectors: CLUSTER, context: { readonly: true }, columns: 100, rows: 30 });
    const t = h;
    await t.waitFor('3 connectors');
    await t.press('j', KEY.enter);
    await t.waitFor('› beta-sink');
    const before = clusterState(t);
    const notice = () => t.lines().at(-2) ?? '';
    /** `y` first (a "copied" notice), so the read-only notice awaited is this key's own. */
    const refused = async (key: string) => {
      await t.press('y');
      await t.waitFor(() => notice().startsWith('copied'));
      await t.press(key);
      await t.waitFor(() => /read-only context "test-ctx": .+ is disabled/.test(notice()));
      expect(dialogOpen(t.frame())).toBe(false);
    };
    for (const key of ['p', 'r', 'R', 'S', KEY.ctrlD]) await refused(key);
    await t.press(KEY.enter);
    await t.waitFor('› task 0');
    await refused('R');
    expect(notice()).toContain('restart is disabled');
    await t.press(KEY.escape);
    await t.waitFor((f) => !f.includes('› task 0'));
    await t.press('t');
    await t.waitFor('› topics');
    await t.press('T');
    await t.waitFor(/read-only context "test-ctx": .*disabled/);
    expect(dialogOpen(t.frame())).toBe(false);
    await t.polls(2);
    expect(clusterState(t)).toBe(before);
  });

  it('help marks the mutating keys disabled', async () => {
    h = await startTui({ connectors: CLUSTER, context: { readonly: true }, columns: 160, rows: 60 });
    const t = h;
    await t.waitFor('3 connectors');
    await t.press('?');
    await t.waitFor('Keys in the connectors view');
    for (const b of bindingsFor('connectors')) {
      const line = lineWith(t.frame(), b.description)!;
      expect(line, b.command).toBeDefined();
      if (b.mutating) expect(line).toContain('read-only');
      else expect(line).not.toContain('disabled');
    }
  });
});

describe('an older Connect (2.7.1)', () => {
  async function old(): Promise<Harness> {
    h = await startTui({ connectors: CLUSTER, emulator: { version: '2.7.1' }, columns: 160, rows: 60 });
    await h.waitFor('3 connectors');
    await h.waitFor('Connect 2.7.1');
    return h;
  }

  it('S says stop needs Kafka Connect 3.5, opens no dialog and stops nothing', async () => {
    const t = await old();
    const before = clusterState(t);
    await t.press('S');
    await t.waitFor('stop needs Kafka Connect 3.5, this cluster is 2.7');
    expect(dialogOpen(t.frame())).toBe(false);
    await t.press(KEY.enter);
    await t.waitFor('› alpha-sink');
    await t.press('S');
    await t.waitFor('stop needs Kafka Connect 3.5');
    expect(dialogOpen(t.frame())).toBe(false);
    await t.polls(2);
    expect(clusterState(t)).toBe(before);
  });

  it('help shows the keys this version lacks as disabled, with the reason', async () => {
    const t = await old();
    await t.press('?');
    await t.waitFor('Keys in the connectors view');
    const stop = KEYMAP.find((b) => b.command === 'stop')!;
    const line = lineWith(t.frame(), stop.description)!;
    expect(line.startsWith(formatKey(stop.keys[0]!))).toBe(true);
    expect(line).toContain('disabled');
    expect(line).toContain('needs Kafka Connect 3.5');
    // Keys the version has are not marked.
    expect(lineWith(t.frame(), KEYMAP.find((b) => b.command === 'pause')!.description)).not.toContain(
      'disabled',
    );
  });

  it('R → failed tasks only restarts the failed task itself (2.7 ignores the restart parameters)', async () => {
    const t = await old();
    await t.press('j');
    await t.waitFor((f) => lineWith(f, 'beta-sink')?.includes('1F') === true);
    await t.press('R');
    await t.waitFor('one request per task (Connect < 3.0)');
    await t.press('3');
    await t.waitFor('restarted "beta-sink"');
    // Only the connector restart would leave task 0 FAILED: the fallback restarts it by id.
    await t.until(() => t.status('beta-sink')?.tasks[0]?.state === 'RUNNING', 'task 0 RUNNING');
  });
});
