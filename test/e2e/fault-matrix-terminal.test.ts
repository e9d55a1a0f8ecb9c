// The fault matrix (product.md §7, issue 8), part 3 of 3: the terminal itself — resized, small,
// without colour, or not a terminal at all. Each row drives the built kcx against the emulator and
// checks the screen (or the output), no crash, and no lost data.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, run } from '../cli/helpers.js';
import type { Emulator } from '../../src/emulator/index.js';
import {
  expectAnswersKeys,
  expectNoCrash,
  expectQuitsCleanly,
  headerLine,
  plainText,
} from '../support/fault-matrix.js';
import { KCX_BIN, type KcxTerminal } from '../support/pty.js';
import {
  CONTEXT,
  type Config,
  rowShows,
  Session,
  selectRow,
  sinkConfig,
  sourceConfig,
  TEST_TIMEOUT,
  typeQuery,
  WAIT,
  colourSequences,
  expectScreen,
  highlights,
} from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

const ESC = '\u001b';

/** Fifteen connectors (more than 40×12 shows), one with a failed task, one with a wide name. */
async function cluster(): Promise<Emulator> {
  const connectors: Record<string, Config> = {
    'orders-sink': sinkConfig('orders', 3),
    'clicks-source': sourceConfig('clicks'),
    '주문-싱크': sinkConfig('hangul', 2),
  };
  for (let i = 0; i < 12; i++) connectors[`conn-${String(i).padStart(2, '0')}-sink`] = sinkConfig(`t${i}`);
  const emu = await session.cluster(connectors);
  emu.cluster.failTask('orders-sink', 2);
  emu.cluster.settle();
  return emu;
}

/** The list, complete: the version known, the failed task counted (40 columns cut "15 connectors"). */
async function home(kcx: KcxTerminal): Promise<string> {
  return kcx.waitFor(
    (s) =>
      headerLine(s).includes('Connect 4.0.0') &&
      headerLine(s).includes('↻') &&
      s.includes('14 healthy') &&
      rowShows('clicks-source', 'RUNNING')(s),
    WAIT,
  );
}

describe('fault matrix', { timeout: TEST_TIMEOUT }, () => {
  it('13. resize: 80×24 → 40×12 → 80×24 shows what a fresh start at each size shows', async () => {
    const emu = await cluster();
    const kcx = session.kcx(emu.url, { cols: 80, rows: 24 });
    const before = await home(kcx);
    const fresh = session.kcx(emu.url, { cols: 40, rows: 12 });
    const small = await home(fresh);

    kcx.resize(40, 12);
    await expectScreen(kcx, small);
    expect(kcx.wrappedRows()).toEqual([]);
    kcx.resize(80, 24);
    await expectScreen(kcx, before);
    expect(kcx.wrappedRows()).toEqual([]);

    // Still answering keys, on all the data: the last row is there to move to.
    kcx.write('G');
    await kcx.waitFor(() => highlights(kcx, '주문-싱크'), WAIT);
    await expectNoCrash(kcx);
    await expectQuitsCleanly(kcx);
  });

  it('14. a 40×12 terminal: the list, a dialog and the connector view fit, and leave nothing behind', async () => {
    const emu = await cluster();
    const kcx = session.kcx(emu.url, { cols: 40, rows: 12 });
    const list = await home(kcx);
    const fits = (what: string) => {
      const lines = kcx.lines();
      expect({ what, wrapped: kcx.wrappedRows() }).toEqual({ what, wrapped: [] });
      expect(lines[0], what).toMatch(new RegExp(`^ ${CONTEXT} `));
      expect(lines[11], what).toContain('? help');
    };
    fits('list');
    expect(list).toSatisfy(rowShows('clicks-source', 'RUNNING'));

    // A danger dialog: its target, the context and both buttons inside an intact box.
    await selectRow(kcx, 'orders-sink');
    const beforeDialog = kcx.screen();
    kcx.press('ctrlD');
    const dialog = await kcx.waitFor(/Cancel\s+Delete/, WAIT);
    expect(dialog).toContain(`Delete "orders-sink" on ${CONTEXT}?`);
    expect(dialog).toMatch(/orders-sink\s+RUNNING, 1 failed/);
    expect(dialog).toMatch(/^╭─+╮$/m);
    expect(dialog).toMatch(/^╰─+╯$/m);
    expect(highlights(kcx, 'Cancel')).toBe(true);
    fits('dialog');
    // Closed, nothing of it is left: the list is back as it was.
    kcx.press('escape');
    await expectScreen(kcx, beforeDialog);
    expect(emu.cluster.has('orders-sink')).toBe(true);

    // The connector view: breadcrumbs, the task table, the footer; closed, the list as it was.
    kcx.press('enter');
    const view = await kcx.waitFor((s) => /^2\s+FAILED/m.test(s), WAIT);
    expect(view).toContain('orders-sink');
    expect(view).toMatch(/^0\s+RUNNING/m);
    fits('connector view');
    kcx.write('q');
    await expectScreen(kcx, beforeDialog);
    await expectAnswersKeys(kcx);
    await expectQuitsCleanly(kcx);
  });

  it('15. NO_COLOR: not one colour code is written, and the selection is still visible', async () => {
    const emu = await cluster();
    const kcx = session.kcx(emu.url, { env: { NO_COLOR: '1', FORCE_COLOR: undefined } });
    await home(kcx);
    await kcx.waitFor(rowShows('orders-sink', '2/3 1F', 'DEGRADED'), WAIT);
    // What is coloured otherwise: states, counts, the filter's matches, a failed task, a danger dialog.
    await typeQuery(kcx, '/ord');
    kcx.press('enter');
    await kcx.waitFor(() => highlights(kcx, 'orders-sink'), WAIT);
    kcx.press('enter');
    await kcx.waitFor((s) => /^2\s+FAILED/m.test(s), WAIT);
    kcx.press('ctrlD');
    await kcx.waitFor('Cancel', WAIT);
    expect(highlights(kcx, 'Cancel')).toBe(true);
    kcx.press('escape');
    await kcx.waitFor((s) => !s.includes('Cancel'), WAIT);
    kcx.write('q');
    await kcx.waitFor((s) => !s.includes('› orders-sink'), WAIT);
    expect(highlights(kcx, 'orders-sink')).toBe(true);

    expect(colourSequences(kcx.output())).toEqual([]);
    // Selection and buttons are shown in inverse video instead.
    expect(kcx.output()).toMatch(/\u001b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m/);
    kcx.press('escape');
    await kcx.waitFor((s) => !s.includes('/ord'), WAIT);
    await expectQuitsCleanly(kcx);

    // The same screen without NO_COLOR does use colour: the check above can see it.
    const coloured = session.kcx(emu.url, { env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
    await home(coloured);
    expect(colourSequences(coloured.output()).length).toBeGreaterThan(0);
  });

  it('16. stdout not a TTY: the console refuses with exit code 2 and says why; `kcx get … | cat` is plain text', async () => {
    const emu = await cluster();
    // Pipes for stdin, stdout and stderr: no terminal.
    const { code, stdout, stderr } = await run(
      process.execPath,
      [KCX_BIN, '--url', emu.url, '--context', CONTEXT],
      {
        env: { ...cleanEnv(), ...session.env() },
        timeoutMs: WAIT,
      },
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      'kcx: the console needs a terminal (stdin and stdout must be a TTY); in scripts use the commands, e.g. kcx get connectors (kcx --help lists them)\n',
    );
    expect(stdout).toBe('');

    // The CLI into a pipe, in a terminal: the rows as plain text, not one escape code.
    const script = '{ "$0" "$1" get connectors --url "$2" --context e2e; echo "kcx exited with $?"; } | cat';
    const sh = session.terminal('/bin/sh', ['-c', script, process.execPath, KCX_BIN, emu.url]);
    const out = await sh.waitFor('kcx exited with', WAIT);
    expect(out).toContain('kcx exited with 0');
    expect(sh.output()).not.toContain(ESC);
    expect(out).toMatch(/^NAME\s+TYPE\s+STATE\s+HEALTH\s+TASKS/m);
    expect(out).toMatch(/^orders-sink\s+sink\s+RUNNING\s+DEGRADED\s+2\/3/m);
    expect(out).toMatch(/^주문-싱크\s+sink\s+RUNNING\s+HEALTHY\s+2\/2/m);
    // Every connector, one line each.
    expect(plainText(sh.output()).match(/^\S+\s+(?:sink|source)\s+RUNNING\s/gm)).toHaveLength(15);
    expect((await sh.exited).exitCode).toBe(0);
  });
});
