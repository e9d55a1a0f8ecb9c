// Changing a config safely (product.md §5): the inline editor validates with the plugin and shows
// the errors beside their keys, then the diff against the live config, and applies only on Enter;
// `E` round-trips the text through $EDITOR into the same loop; Esc with unsaved changes asks.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import type { KcxTerminal } from '../support/pty.js';
import {
  CONTEXT,
  editorLineOf,
  openConnector,
  readAudit,
  Session,
  sinkConfig,
  sourceConfig,
  statusOf,
  TEST_TIMEOUT,
  WAIT,
} from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

const NAME = 'orders-sink';
const LIVE = sinkConfig('orders', 2);
/** The editor's line for tasks.max as kcx renders the config: `  "tasks.max": "2",`. */
const tasksMax = (value: string) => `"tasks.max": "${value}"`;
const DIALOG_GONE_MS = 5_000;

/** A cluster with orders-sink (2 tasks) and kcx on its connector view; the state dir is returned. */
async function onConnector(
  env: Record<string, string | undefined> = {},
): Promise<{ kcx: KcxTerminal; emu: Emulator; stateDir: string }> {
  const emu = await session.cluster({ 'clicks-source': sourceConfig('clicks'), [NAME]: LIVE });
  const stateDir = session.tempDir('kcx-e2e-state-');
  const kcx = session.kcx(emu.url, { env: { KCX_STATE_DIR: stateDir, ...env } });
  await kcx.waitFor((s) => s.includes(NAME) && s.includes('RUNNING'), WAIT);
  await openConnector(kcx, NAME);
  await kcx.waitFor('tasks 2/2 running', WAIT);
  return { kcx, emu, stateDir };
}

/** `e`, then puts the cursor just after the digit of tasks.max ("2|",) and waits for the editor. */
async function editTasksMax(kcx: KcxTerminal): Promise<void> {
  kcx.write('e');
  const screen = await kcx.waitFor(
    (s) => s.includes(`› ${NAME} › edit`) && s.includes(tasksMax('2')) && /^unchanged$/m.test(s),
    WAIT,
  );
  // The cursor starts on line 1; tasks.max is on line N: down N-1, End, then left over `",`.
  kcx.press('down', editorLineOf(screen, tasksMax('2')) - 1);
  kcx.press('end');
  kcx.press('left', 2);
}

/** Replaces the one-digit value before the cursor with `digit` and waits until it shows. */
async function retype(kcx: KcxTerminal, digit: string): Promise<void> {
  kcx.press('backspace');
  kcx.write(digit);
  await kcx.waitFor((s) => s.includes(tasksMax(digit)) && s.includes('modified'), WAIT);
}

/** The config kcx shows for orders-sink, key by key, is still what it was created with. */
function expectUnchanged(emu: Emulator): void {
  expect(emu.cluster.config(NAME)).toEqual({ ...LIVE, name: NAME });
}

/** A shell script usable as $EDITOR (kcx runs `$EDITOR "$file"` through the shell). */
function editorScript(dir: string, body: string): string {
  const file = join(dir, 'editor.sh');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('editor', { timeout: TEST_TIMEOUT }, () => {
  it('edits tasks.max to 0: Ctrl-S shows the error beside it; fixed, the diff; Enter applies it live', async () => {
    const { kcx, emu, stateDir } = await onConnector();
    await editTasksMax(kcx);
    await retype(kcx, '0');

    // Ctrl-S: the plugin's answer, beside the key, and the count in the status line.
    kcx.press('ctrlS');
    const invalid = await kcx.waitFor(/^1 error\b/m, WAIT);
    const errorRow = invalid.split('\n').find((l) => l.includes(tasksMax('0')));
    expect(errorRow).toMatch(/"tasks\.max": "0",\s+← Invalid value 0 for configuration tasks\.max/);
    // Nothing was sent.
    expectUnchanged(emu);
    expect(readAudit(stateDir)).toEqual([]);

    // Fixed to 3: Ctrl-S validates, the diff against the live config, nothing sent yet.
    await retype(kcx, '3');
    kcx.press('ctrlS');
    const diff = await kcx.waitFor('valid — review the changes, Enter applies', WAIT);
    expect(diff).toContain('Changes against the live config');
    expect(diff).toMatch(/^~ tasks\.max: 2 → 3$/m);
    // Only the changed key is in the diff.
    expect(diff.split('\n').filter((l) => /^[~+-] /.test(l))).toEqual(['~ tasks.max: 2 → 3']);
    expectUnchanged(emu);

    // Enter applies; back on the connector view, which shows the new value and the third task.
    kcx.press('enter');
    const applied = await kcx.waitFor(
      (s) => s.includes(`updated "${NAME}" on ${CONTEXT}`) && s.includes('tasks 3/3 running'),
      WAIT,
    );
    expect(applied).toContain(`${CONTEXT} › connectors › ${NAME}`);
    expect(applied).not.toContain('› edit');
    expect(applied).toMatch(/^tasks\.max = 3$/m);
    expect(applied).toMatch(/^2\s+RUNNING\s+connect-\d:8083/m);
    expect(emu.cluster.config(NAME)).toEqual({ ...LIVE, 'tasks.max': '3', name: NAME });
    expect(await statusOf(emu, NAME)).toEqual({
      connector: 'RUNNING',
      tasks: ['RUNNING', 'RUNNING', 'RUNNING'],
    });
    // One write, to this connector's config (PATCH on 4.0: one key changed).
    const writes = readAudit(stateDir);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ method: 'PATCH', path: `/connectors/${NAME}/config`, status: 200 });
  });

  it('E hands the config to $EDITOR; what it saves is validated, diffed and applied on Enter', async () => {
    const dir = session.tempDir('kcx-e2e-editor-');
    const received = join(dir, 'received.json');
    const editor = editorScript(
      dir,
      [
        `cp "$1" '${received}'`,
        `sed -i.bak -e 's/"tasks.max": "2"/"tasks.max": "4"/' -e 's#/tmp/orders.out#/tmp/orders-4.out#' "$1"`,
        'rm -f "$1.bak"',
      ].join('\n'),
    );
    const { kcx, emu } = await onConnector({ VISUAL: undefined, EDITOR: editor });

    kcx.write('E');
    // Back from the editor, kcx validates the new text by itself and shows the diff.
    const diff = await kcx.waitFor('valid — review the changes, Enter applies', WAIT);
    expect(diff).toContain(`${CONTEXT} › connectors › ${NAME} › edit`);
    expect(diff).toMatch(/^~ tasks\.max: 2 → 4$/m);
    expect(diff).toMatch(/^~ file: \/tmp\/orders\.out → \/tmp\/orders-4\.out$/m);
    // The editor got the live config as JSON.
    expect(JSON.parse(readFileSync(received, 'utf8'))).toEqual({ ...LIVE, name: NAME });
    expectUnchanged(emu);

    kcx.press('enter');
    const applied = await kcx.waitFor(
      (s) => s.includes(`updated "${NAME}" on ${CONTEXT}`) && s.includes('tasks 4/4 running'),
      WAIT,
    );
    expect(applied).toMatch(/^tasks\.max = 4$/m);
    expect(applied).toMatch(/^file = \/tmp\/orders-4\.out$/m);
    expect(emu.cluster.config(NAME)).toEqual({
      ...LIVE,
      'tasks.max': '4',
      file: '/tmp/orders-4.out',
      name: NAME,
    });
    expect((await statusOf(emu, NAME))?.tasks).toEqual(['RUNNING', 'RUNNING', 'RUNNING', 'RUNNING']);
  });

  it('an $EDITOR that exits non-zero changes nothing, and says so', async () => {
    const dir = session.tempDir('kcx-e2e-editor-');
    const ran = join(dir, 'ran');
    // It even rewrites the file before failing: kcx must not take that text.
    const editor = editorScript(
      dir,
      [`touch '${ran}'`, `sed -i.bak 's/"tasks.max": "2"/"tasks.max": "9"/' "$1"`, 'exit 3'].join('\n'),
    );
    const { kcx, emu, stateDir } = await onConnector({ VISUAL: undefined, EDITOR: editor });

    kcx.write('E');
    const screen = await kcx.waitFor(/exited with 3; nothing changed/, WAIT);
    expect(existsSync(ran)).toBe(true);
    expect(screen).toContain(`$EDITOR: ${editor} exited with 3; nothing changed`);
    // The inline editor holds the live text, unmodified, and no diff is on offer.
    expect(screen).toContain(tasksMax('2'));
    expect(screen).not.toContain(tasksMax('9'));
    expect(screen).not.toContain('Changes against the live config');
    expect(screen).not.toMatch(/^modified$/m);
    expectUnchanged(emu);
    expect(readAudit(stateDir)).toEqual([]);

    // Nothing to discard: Esc goes straight back to the connector view.
    kcx.press('escape');
    const back = await kcx.waitFor((s) => !s.includes('› edit') && s.includes('tasks 2/2 running'), WAIT);
    expect(back).not.toContain('Discard your changes?');
    expectUnchanged(emu);
  });

  it('Esc with unsaved changes asks first; Cancel (the default) keeps editing, every time', async () => {
    const { kcx, emu, stateDir } = await onConnector();
    await editTasksMax(kcx);
    await retype(kcx, '5');

    // Asked and answered three times: each Cancel must leave the user editing.
    for (const digit of ['6', '7', '8']) {
      kcx.press('escape');
      const dialog = await kcx.waitFor('Discard your changes?', WAIT);
      expect(dialog).toContain('Nothing has been sent to the cluster.');
      expect(kcx.highlighted()).toContain('Cancel');
      expect(kcx.highlighted()).not.toContain('Discard');

      // Enter on Cancel: the question goes away; the edit is still there, still unsaved.
      kcx.press('enter');
      const editing = await kcx.waitFor(
        (s) =>
          !s.includes('Discard your changes?') && s.includes(`› ${NAME} › edit`) && /^modified$/m.test(s),
        DIALOG_GONE_MS,
      );
      expect(editing).not.toContain(tasksMax('2'));
      // Keys reach the editor again: the cursor is still just after the digit.
      await retype(kcx, digit);
      expect(kcx.screen()).not.toContain('Discard your changes?');
    }
    expectUnchanged(emu);
    expect(readAudit(stateDir)).toEqual([]);
  });

  it('Esc with unsaved changes, then Discard: back on the connector view, nothing sent, every time', async () => {
    const { kcx, emu, stateDir } = await onConnector();
    for (let round = 0; round < 3; round++) {
      await editTasksMax(kcx);
      await retype(kcx, '5');
      kcx.press('escape');
      await kcx.waitFor('Discard your changes?', WAIT);
      kcx.press('right');
      await kcx.waitFor(() => kcx.highlighted().includes('Discard'), WAIT);
      kcx.press('enter');
      const back = await kcx.waitFor(
        (s) =>
          !s.includes('› edit') && !s.includes('Discard your changes?') && s.includes('tasks 2/2 running'),
        DIALOG_GONE_MS,
      );
      expect(back).toMatch(/^tasks\.max = 2$/m);
    }
    expectUnchanged(emu);
    expect(readAudit(stateDir)).toEqual([]);

    // The connector view has its keys: `c` opens the config.
    kcx.write('c');
    await kcx.waitFor(`› ${NAME} › config`, WAIT);
  });
});
