// Actions and their dialogs (docs/product.md §3 action keys, §4 marks and confirms): what the screen
// says, and what the emulator's cluster really did — or did not do.
import './force-color.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorState } from '../../src/connect/types.js';
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
  { name: 'alpha-sink' },
  { name: 'beta-sink', failTasks: [{ task: 1 }] },
  { name: 'gamma-sink' },
  { name: 'omega-sink', failConnector: true },
];

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function home(connectors: ConnectorSpec[] = CLUSTER): Promise<Harness> {
  h = await startTui({ connectors, columns: 100, rows: 30 });
  await h.waitFor(`${connectors.length} connectors`);
  await h.waitFor(/Connect 4\.0\.0/);
  return h;
}

const stateOf = (t: Harness, name: string): ConnectorState | undefined => t.status(name)?.connector.state;

const dialogOpen = (f: string) => f.includes('╭') && f.includes('╰');

/** Moves the list cursor onto `name`. */
async function select(t: Harness, name: string): Promise<void> {
  for (let i = 0; i < 10 && !selectedLine(t.raw())?.includes(` ${name} `); i++) await t.press('j');
  await t.waitFor(() => selectedLine(t.raw())?.includes(` ${name} `) === true);
}

/** The focused button of the open confirm dialog. */
function focusedButton(t: Harness): string | undefined {
  const line = rawLineWith(t.raw(), 'Cancel');
  return line ? inverseRuns(line)[0]?.trim() : undefined;
}

describe('actions', () => {
  it('p pauses the current connector and r resumes it: a result, and the row follows', async () => {
    const t = await home();
    await t.press('p');
    await t.waitFor('paused "alpha-sink" on test-ctx');
    expect(stateOf(t, 'alpha-sink')).toBe('PAUSED');
    await t.waitFor((f) => /alpha-sink\s+sink\s+PAUSED/.test(f));
    expect(stateOf(t, 'gamma-sink')).toBe('RUNNING');
    await t.press('r');
    await t.waitFor('resumed "alpha-sink" on test-ctx');
    await t.waitFor((f) => /alpha-sink\s+sink\s+RUNNING\s+2\/2\s+HEALTHY/.test(f));
    expect(stateOf(t, 'alpha-sink')).toBe('RUNNING');
  });

  it('p and r in the connector view act on that connector', async () => {
    const t = await home();
    await select(t, 'gamma-sink');
    await t.press(KEY.enter);
    await t.waitFor('› gamma-sink');
    await t.press('p');
    await t.waitFor('paused "gamma-sink"');
    await t.waitFor(/gamma-sink\s+PAUSED/);
    expect(stateOf(t, 'gamma-sink')).toBe('PAUSED');
    expect(stateOf(t, 'alpha-sink')).toBe('RUNNING');
  });

  it('R offers connector only / all tasks / failed only; Esc does nothing, 3 restarts the failed tasks', async () => {
    const t = await home();
    await select(t, 'beta-sink');
    await t.press('R');
    await t.waitFor('Restart "beta-sink" on test-ctx');
    const f = t.frame();
    expect(f).toMatch(/1\. connector only/);
    expect(f).toMatch(/2\. connector and all tasks/);
    expect(f).toMatch(/3\. failed tasks only/);
    await t.press(KEY.escape);
    await t.waitFor((x) => !dialogOpen(x));
    await t.polls(2);
    expect(t.status('beta-sink')?.tasks[1]?.state).toBe('FAILED');

    await t.press('R');
    await t.waitFor('3. failed tasks only');
    await t.press('j', 'j', KEY.enter);
    await t.waitFor('restarted "beta-sink" on test-ctx');
    await t.until(
      () => t.status('beta-sink')?.tasks.every((x) => x.state === 'RUNNING') === true,
      'every task of beta-sink RUNNING',
    );
    await t.waitFor(/beta-sink\s+sink\s+RUNNING\s+2\/2\s+HEALTHY/);
  });

  it('S opens a confirm focused on Cancel: Enter at once stops nothing; choosing Stop stops it', async () => {
    const t = await home();
    await t.press('S');
    await t.waitFor('Stop "alpha-sink" on test-ctx?');
    expect(focusedButton(t)).toBe('Cancel');
    expect(lineWith(t.frame(), '  alpha-sink  ')).toContain('RUNNING');
    await t.press(KEY.enter);
    await t.waitFor((f) => !dialogOpen(f));
    await t.polls(2);
    expect(stateOf(t, 'alpha-sink')).toBe('RUNNING');
    expect(t.frame()).not.toContain('stopped');

    await t.press('S');
    await t.waitFor('Stop "alpha-sink"');
    await t.press(KEY.right);
    await t.waitFor(() => focusedButton(t) === 'Stop');
    await t.press(KEY.enter);
    await t.waitFor('stopped "alpha-sink" on test-ctx');
    expect(stateOf(t, 'alpha-sink')).toBe('STOPPED');
    await t.waitFor(/alpha-sink\s+sink\s+STOPPED/);
  });

  it('Ctrl-D opens a confirm focused on Cancel: Enter, Esc or n delete nothing; choosing Delete deletes', async () => {
    const t = await home();
    await select(t, 'gamma-sink');
    for (const dismiss of [KEY.enter, KEY.escape, 'n']) {
      await t.press(KEY.ctrlD);
      await t.waitFor('Delete "gamma-sink" on test-ctx?');
      expect(focusedButton(t)).toBe('Cancel');
      await t.press(dismiss);
      await t.waitFor((f) => !dialogOpen(f));
    }
    await t.polls(2);
    expect(t.emulator.cluster.has('gamma-sink')).toBe(true);
    expect(t.frame()).toContain('gamma-sink');

    await t.press(KEY.ctrlD);
    await t.waitFor('Delete "gamma-sink"');
    await t.press(KEY.tab);
    await t.waitFor(() => focusedButton(t) === 'Delete');
    await t.press(KEY.enter);
    await t.waitFor('deleted "gamma-sink" on test-ctx');
    expect(t.emulator.cluster.has('gamma-sink')).toBe(false);
    expect(t.emulator.cluster.has('alpha-sink')).toBe(true);
    await t.waitFor((f) => f.includes('3 connectors') && !f.includes(' gamma-sink '));
  });

  it('a delete saves the config first; u asks (Cancel focused), then re-creates it as it was', async () => {
    const secretConfig = { 'connection.password': 'pw-Sup3rS3cret', topics: 'gamma-in' };
    const t = await home([...CLUSTER.slice(0, 2), { name: 'gamma-sink', config: secretConfig }]);
    const original = t.emulator.cluster.config('gamma-sink');
    await select(t, 'gamma-sink');
    await t.press(KEY.ctrlD);
    await t.waitFor('Delete "gamma-sink"');
    await t.press(KEY.right, KEY.enter);
    await t.waitFor('deleted "gamma-sink"');
    expect(t.emulator.cluster.has('gamma-sink')).toBe(false);
    expect(await t.backups.list()).toHaveLength(1);

    await t.press('u');
    await t.waitFor('Re-create 1 connector(s)');
    expect(t.frame()).toMatch(/^│\s+gamma-sink\s/m);
    expect(focusedButton(t)).toBe('Cancel');
    await t.press(KEY.enter);
    await t.waitFor((f) => !dialogOpen(f));
    await t.polls(1);
    expect(t.emulator.cluster.has('gamma-sink')).toBe(false);

    await t.press('u');
    await t.waitFor('Re-create 1 connector(s)');
    await t.press(KEY.right, KEY.enter);
    await t.until(() => t.emulator.cluster.has('gamma-sink'), 'gamma-sink re-created');
    // The real config, secret included — never the mask the screen shows.
    expect(t.emulator.cluster.config('gamma-sink')).toEqual(original);
    await t.waitFor('✓ gamma-sink');
  });

  it('a delete whose config cannot be saved first does not happen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kcx-tui-test-'));
    const notADir = join(dir, 'state');
    await writeFile(notADir, 'a file where the state directory should be');
    try {
      h = await startTui({ connectors: CLUSTER, columns: 100, rows: 30, stateDir: notADir });
      const t = h;
      await t.waitFor('4 connectors');
      await t.press(KEY.ctrlD);
      await t.waitFor('Delete "alpha-sink"');
      await t.press(KEY.right, KEY.enter);
      await t.waitFor('nothing deleted');
      expect(t.frame()).toContain('Nothing was deleted');
      await t.polls(2);
      expect(t.emulator.cluster.has('alpha-sink')).toBe(true);
      await t.press(KEY.escape);
      await t.waitFor((f) => !dialogOpen(f) && f.includes(' alpha-sink '));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('F previews every failed connector, cluster-wide; Cancel restarts nothing, confirming restarts them', async () => {
    const t = await home();
    await t.press('F');
    await t.waitFor('Restart 2 failed connector(s)');
    const preview = t.frame();
    expect(preview).toMatch(/beta-sink\s+RUNNING, 1 failed task/);
    expect(preview).toMatch(/omega-sink\s+FAILED/);
    expect(preview).not.toContain('alpha-sink');
    expect(preview).not.toContain('gamma-sink');
    expect(preview).toContain('includeTasks=true&onlyFailed=true');
    expect(focusedButton(t)).toBe('Cancel');
    await t.press(KEY.enter);
    await t.waitFor((f) => !dialogOpen(f));
    await t.polls(2);
    expect(stateOf(t, 'omega-sink')).toBe('FAILED');
    expect(t.status('beta-sink')?.tasks[1]?.state).toBe('FAILED');

    await t.press('F');
    await t.waitFor('Restart 2 failed connector(s)');
    await t.press(KEY.right, KEY.enter);
    await t.until(
      () =>
        stateOf(t, 'omega-sink') === 'RUNNING' &&
        t.status('beta-sink')?.tasks.every((x) => x.state === 'RUNNING') === true,
      'the failed connector and task running again',
    );
    await t.waitFor((f) => f.includes('restarted 2') || f.includes('✓ beta-sink'));
  });

  it('with marks, the marked rows are the targets (not the highlighted one), and a bulk action ends with results', async () => {
    const t = await home();
    await t.press(KEY.space);
    await select(t, 'gamma-sink');
    await t.press(KEY.space);
    // The cursor now sits on omega-sink, which is not marked.
    await t.waitFor(() => selectedLine(t.raw())?.includes(' omega-sink ') === true);
    await t.press('p');
    await t.waitFor('Pause 2 connectors on test-ctx?');
    const confirm = t.frame();
    expect(confirm).toMatch(/alpha-sink\s+RUNNING/);
    expect(confirm).toMatch(/gamma-sink\s+RUNNING/);
    expect(confirm).not.toMatch(/omega-sink\s+FAILED/);
    expect(focusedButton(t)).toBe('Cancel');
    await t.press(KEY.right, KEY.enter);
    await t.waitFor('✓ alpha-sink');
    expect(t.frame()).toContain('✓ gamma-sink');
    expect(stateOf(t, 'alpha-sink')).toBe('PAUSED');
    expect(stateOf(t, 'gamma-sink')).toBe('PAUSED');
    expect(stateOf(t, 'omega-sink')).toBe('FAILED');
    await t.press(KEY.enter);
    await t.waitFor((f) => !dialogOpen(f));
    // Marks of the connectors the action succeeded on are cleared.
    await t.waitFor((f) => !lineWith(f, ' alpha-sink ')?.trimStart().startsWith('✓'));
  });

  it('a bulk confirm lists the first 10 targets with their states, then +N more, and the context', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      name: `bulk-${String(i + 1).padStart(2, '0')}-sink`,
    }));
    h = await startTui({ connectors: many, columns: 100, rows: 40 });
    const t = h;
    await t.waitFor('12 connectors');
    await t.press('a');
    await t.waitFor((f) => (f.match(/^✓/gm) ?? []).length === 12 || (f.match(/✓ bulk/g) ?? []).length === 12);
    await t.press(KEY.ctrlD);
    await t.waitFor('Delete 12 connectors on test-ctx?');
    const f = t.frame();
    for (let i = 1; i <= 10; i++)
      expect(f).toMatch(new RegExp(`bulk-${String(i).padStart(2, '0')}-sink\\s+RUNNING`));
    expect(f).not.toContain('bulk-11-sink');
    expect(f).toContain('+2 more');
    expect(focusedButton(t)).toBe('Cancel');
    await t.press(KEY.escape);
    await t.waitFor((x) => !dialogOpen(x));
    expect(t.emulator.cluster.size).toBe(12);
  });

  it('the confirm warns when marked rows are hidden by the filter', async () => {
    const t = await home();
    await t.press(KEY.space);
    await t.press('/', 'gam', KEY.enter);
    await t.waitFor((f) => f.includes('/gam') && !f.includes(' alpha-sink '));
    await t.press(KEY.ctrlD);
    await t.waitFor('Delete "alpha-sink" on test-ctx?');
    expect(t.frame()).toMatch(/1 marked connector\(s\) .*hidden by the current filter/);
    await t.press(KEY.escape);
    await t.waitFor((f) => !dialogOpen(f));
    await t.polls(1);
    expect(t.emulator.cluster.has('alpha-sink')).toBe(true);
    expect(t.emulator.cluster.has('gamma-sink')).toBe(true);
  });

  it('while a dialog is open, keys do not reach the view below', async () => {
    const t = await home();
    await t.press(KEY.ctrlD);
    await t.waitFor('Delete "alpha-sink"');
    await t.press('j', 'p', KEY.space, 'z');
    await t.press(KEY.escape);
    await t.waitFor((f) => !dialogOpen(f));
    await t.polls(1);
    expect(stateOf(t, 'alpha-sink')).toBe('RUNNING');
    expect(selectedLine(t.raw())).toContain(' alpha-sink ');
    expect(t.frame()).toContain(' gamma-sink ');
    expect(lineWith(t.frame(), ' alpha-sink ')?.trimStart().startsWith('✓')).toBe(false);
  });

  it('on a production context a bulk delete is armed only once the context name is typed', async () => {
    h = await startTui({
      connectors: CLUSTER,
      columns: 100,
      rows: 30,
      context: { name: 'prod-eu', production: true },
    });
    const t = h;
    await t.waitFor(`${CLUSTER.length} connectors`);
    await t.press(' ', ' ');
    await t.press(KEY.ctrlD);
    await t.waitFor('type "prod-eu" to enable Delete');
    await t.press(KEY.tab, KEY.enter);
    // Not armed: Enter on Delete does nothing, the dialog stays.
    await t.polls(2);
    expect(dialogOpen(t.frame())).toBe(true);
    expect(stateOf(t, 'alpha-sink')).toBe('RUNNING');
    await t.press('prod-eu', KEY.enter);
    await t.until(
      () => stateOf(t, 'alpha-sink') === undefined && stateOf(t, 'beta-sink') === undefined,
      'both deleted',
    );
  });
});
