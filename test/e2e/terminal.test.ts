// The terminal itself (product.md §7): quitting leaves the terminal as it was, a console needs a
// terminal, a 40×12 terminal and resizes leave no garbage, NO_COLOR means no colour.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, run } from '../cli/helpers.js';
import type { Emulator } from '../../src/emulator/index.js';
import { KCX_BIN, type KcxTerminal } from '../support/pty.js';
import {
  type Config,
  rowShows,
  Session,
  sinkConfig,
  sourceConfig,
  TEST_TIMEOUT,
  typeQuery,
  WAIT,
  colourSequences,
  expectScreen,
} from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

const ENTER_ALT = '\u001b[?1049h';
const LEAVE_ALT = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
const HIDE_CURSOR = '\u001b[?25l';

/** Text with every escape sequence and line break removed: what would be visible. */
function visibleText(raw: string): string {
  return raw
    .replace(/\u001b\[[0-9;?:<>=]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)/g, '')
    .replace(/\u001b[@-_]/g, '')
    .replace(/[\r\n]/g, '');
}

/** Waits for the process to exit and for its last bytes to arrive. */
async function exitOf(kcx: KcxTerminal): Promise<{ exitCode: number; signal?: number }> {
  const exit = await kcx.exited;
  await kcx.settle(200, WAIT);
  return exit;
}

/** Checks the terminal was handed back: alternate screen left last, cursor shown, nothing printed after. */
function expectTerminalRestored(kcx: KcxTerminal): void {
  const out = kcx.output();
  expect(out).toContain(ENTER_ALT);
  const leave = out.lastIndexOf(LEAVE_ALT);
  expect(leave).toBeGreaterThan(out.lastIndexOf(ENTER_ALT));
  expect(visibleText(out.slice(leave))).toBe('');
  expect(out.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(out.lastIndexOf(HIDE_CURSOR));
  // Back on the main screen, which the TUI never drew on.
  expect(kcx.screen()).not.toContain('NAME');
  expect(kcx.screen()).not.toContain('? help');
}

async function twoConnectors(): Promise<Emulator> {
  return session.cluster({ 'orders-sink': sinkConfig('orders', 3), 'clicks-source': sourceConfig('clicks') });
}

describe('quitting and terminal hygiene', { timeout: TEST_TIMEOUT }, () => {
  it('quits with q from the home view: exit code 0, alternate screen left, cursor shown', async () => {
    const emu = await twoConnectors();
    const kcx = session.kcx(emu.url);
    await kcx.waitFor(rowShows('orders-sink', 'RUNNING'), WAIT);
    kcx.write('q');
    expect(await exitOf(kcx)).toEqual({ exitCode: 0 });
    expectTerminalRestored(kcx);
  });

  it('quits with Ctrl-C from anywhere, even with a dialog open in a nested view', async () => {
    const emu = await twoConnectors();
    const kcx = session.kcx(emu.url);
    await kcx.waitFor(rowShows('orders-sink', 'RUNNING'), WAIT);
    kcx.write('j');
    await kcx.waitFor(() => kcx.highlighted().some((l) => l.includes('orders-sink')), WAIT);
    kcx.press('enter');
    await kcx.waitFor('tasks 3/3 running', WAIT);
    kcx.write('R');
    await kcx.waitFor('connector only', WAIT);
    kcx.press('ctrlC');
    expect(await exitOf(kcx)).toEqual({ exitCode: 0 });
    expectTerminalRestored(kcx);
    // Ctrl-C did not act on the dialog: nothing was restarted.
    expect(kcx.output()).not.toContain('restarted');
  });

  it('refuses to start when stdout is not a terminal: exit code 2 and a clear message', async () => {
    const emu = await twoConnectors();
    // Pipes for stdin, stdout and stderr: no terminal.
    const { code, stdout, stderr } = await run(
      process.execPath,
      [KCX_BIN, '--url', emu.url, '--context', 'e2e'],
      {
        env: { ...cleanEnv(), ...session.env() },
        timeoutMs: WAIT,
      },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/terminal|TTY/i);
    // Nothing meant for a terminal went down the pipe.
    expect(stdout).toBe('');
  });

  it('`kcx … | cat` in a terminal: exit code 2, the message on the terminal, no escape codes', async () => {
    const emu = await twoConnectors();
    const script = '{ "$0" "$1" --url "$2" --context e2e; echo "kcx exited with $?"; } | cat';
    const sh = session.terminal('/bin/sh', ['-c', script, process.execPath, KCX_BIN, emu.url]);
    const screen = await sh.waitFor('kcx exited with', WAIT);
    expect(screen).toContain('kcx exited with 2');
    expect(screen).toMatch(/terminal|TTY/i);
    expect(sh.output()).not.toContain(ENTER_ALT);
    expect((await sh.exited).exitCode).toBe(0);
  });
});

describe('small terminals and resize', { timeout: TEST_TIMEOUT }, () => {
  /** Twenty connectors: more than a 24-row screen shows; a long name and a Hangul one. */
  function manyConnectors(): Record<string, Config> {
    const connectors: Record<string, Config> = {};
    for (let i = 0; i < 17; i++)
      connectors[`conn-${String(i).padStart(2, '0')}-sink`] = sinkConfig(`t${i}`, 2);
    connectors['a-very-long-connector-name-that-never-fits-in-forty-columns'] = sinkConfig('long');
    connectors['주문-싱크'] = sinkConfig('hangul', 2);
    connectors['zz-last-source'] = sourceConfig('last');
    return connectors;
  }

  async function showLast(kcx: KcxTerminal): Promise<string> {
    await kcx.waitFor(
      (s) => s.includes('20 connectors') && s.includes('conn-00-sink') && s.includes('Connect 4.0.0'),
      WAIT,
    );
    kcx.write('G');
    // Sorted by name, the Hangul one comes last.
    return kcx.waitFor(() => kcx.highlighted().some((l) => l.includes('주문-싱크')), WAIT);
  }

  it('resized from 80×24 to 40×12 and back, shows exactly what a fresh start at that size shows', async () => {
    const emu = await session.cluster(manyConnectors());
    const kcx = session.kcx(emu.url, { cols: 80, rows: 24 });
    const before = await showLast(kcx);
    expect(kcx.wrappedRows()).toEqual([]);

    // What kcx draws when it starts at 40×12 on the same data, with the same selection.
    const fresh = session.kcx(emu.url, { cols: 40, rows: 12 });
    const small = await showLast(fresh);
    const smallLines = small.split('\n');
    expect(fresh.wrappedRows()).toEqual([]);
    // The header stays readable: context, version, data age; the footer is on the last row.
    expect(smallLines[0]).toMatch(/^ e2e /);
    expect(smallLines[0]).toContain('Connect 4.0.0');
    expect(smallLines[0]).toContain('↻');
    expect(smallLines[1]).toContain('20 connectors');
    expect(smallLines[2]).toContain('e2e › connectors');
    expect(smallLines[3]).toMatch(/NAME\s+STATE/);
    expect(smallLines[11]).toContain('? help');
    expect(small).toSatisfy(rowShows('주문-싱크', 'RUNNING'));
    expect(small).toSatisfy(rowShows('zz-last-source', 'RUNNING'));

    // The resized one must show exactly that: no line wider than 40, nothing left of the 80×24 frame.
    kcx.resize(40, 12);
    await expectScreen(kcx, small);
    expect(kcx.wrappedRows()).toEqual([]);
    expect(kcx.highlighted().some((l) => l.includes('주문-싱크'))).toBe(true);

    // And back to 80×24: the frame it showed before.
    kcx.resize(80, 24);
    await expectScreen(kcx, before);
    expect(kcx.wrappedRows()).toEqual([]);

    // Still alive and responsive.
    kcx.write('g');
    await kcx.waitFor(() => kcx.highlighted().some((l) => l.includes('a-very-long-connector-n')), WAIT);
  });

  it('fits a 40×12 terminal from the start, in the connector and trace views too', async () => {
    const emu = await session.cluster({
      'orders-sink': sinkConfig('orders', 3),
      'clicks-source': sourceConfig('clicks'),
    });
    emu.cluster.failTask('orders-sink', 2);
    const kcx = session.kcx(emu.url, { cols: 40, rows: 12 });
    await kcx.waitFor(rowShows('orders-sink', '1F'), WAIT);
    expect(kcx.wrappedRows()).toEqual([]);
    kcx.write('j');
    await kcx.waitFor(() => kcx.highlighted().some((l) => l.includes('orders-sink')), WAIT);
    kcx.press('enter');
    await kcx.waitFor((s) => /^2\s+FAILED/m.test(s), WAIT);
    expect(kcx.wrappedRows()).toEqual([]);
    expect(kcx.lines()[11]).toContain('? help');
    kcx.write('G');
    await kcx.waitFor(() => kcx.highlighted().some((l) => /^2 FAILED/.test(l)), WAIT);
    kcx.press('enter');
    await kcx.waitFor((s) => s.includes('root cause'), WAIT);
    expect(kcx.wrappedRows()).toEqual([]);
    expect(kcx.lines()[11]).toContain('? help');
  });
});

describe('NO_COLOR', { timeout: TEST_TIMEOUT }, () => {
  /** Visits what has colour otherwise: states, counts, the filter's matches, a trace, a danger dialog. */
  async function tour(kcx: KcxTerminal): Promise<void> {
    await kcx.waitFor(rowShows('orders-sink', '1F', 'DEGRADED'), WAIT);
    await kcx.waitFor(rowShows('audit-sink', 'PAUSED'), WAIT);
    await typeQuery(kcx, '/ord');
    await kcx.waitFor((s) => s.includes('/ord') && !s.includes('clicks-source'), WAIT);
    kcx.press('enter');
    await kcx.waitFor(() => kcx.highlighted().some((l) => l.includes('orders-sink')), WAIT);
    kcx.press('enter');
    await kcx.waitFor((s) => /^1\s+FAILED/m.test(s), WAIT);
    kcx.write('j');
    await kcx.waitFor(() => kcx.highlighted().some((l) => /^1 FAILED/.test(l)), WAIT);
    kcx.press('enter');
    await kcx.waitFor('root cause', WAIT);
    kcx.write('q');
    await kcx.waitFor('tasks 2/3 running', WAIT);
    kcx.press('ctrlD');
    await kcx.waitFor('Cancel', WAIT);
    kcx.press('escape');
    await kcx.waitFor((s) => !s.includes('Cancel') && s.includes('tasks 2/3 running'), WAIT);
  }

  async function cluster(): Promise<Emulator> {
    const emu = await session.cluster({
      'orders-sink': sinkConfig('orders', 3),
      'clicks-source': sourceConfig('clicks'),
      'audit-sink': sinkConfig('audit'),
    });
    emu.cluster.failTask('orders-sink', 1);
    emu.cluster.pause('audit-sink');
    emu.cluster.settle();
    return emu;
  }

  it('writes no colour at all with NO_COLOR=1; selection is still shown in inverse video', async () => {
    const emu = await cluster();
    const kcx = session.kcx(emu.url, { env: { NO_COLOR: '1', FORCE_COLOR: undefined } });
    await tour(kcx);
    expect(colourSequences(kcx.output())).toEqual([]);
    expect(kcx.output()).toMatch(/\u001b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m/);
    // The filter's matched characters are still marked, by underline instead of colour.
    expect(kcx.output()).toMatch(/\u001b\[(?:[0-9;]*;)?4(?:;[0-9;]*)?m/);
    kcx.write('q');
    await kcx.waitFor((s) => s.includes('e2e › connectors') && !s.includes('› orders-sink'), WAIT);
    kcx.write('q');
    expect((await exitOf(kcx)).exitCode).toBe(0);
  });

  it('does use colour without NO_COLOR (so the check above can see colour)', async () => {
    const emu = await cluster();
    const kcx = session.kcx(emu.url, { env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
    await kcx.waitFor(rowShows('orders-sink', '1F', 'DEGRADED'), WAIT);
    expect(colourSequences(kcx.output()).length).toBeGreaterThan(0);
  });
});
