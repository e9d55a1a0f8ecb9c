// `kcx delete` with no names, in a real terminal: the full-screen picker, marks, confirm, results.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { FILE_SOURCE } from '../support/configs.js';
import { type KcxTerminal, spawnKcx } from '../support/pty.js';

const NAMES = ['other-1', 'other-2', 'pick-alpha', 'pick-beta', 'pick-gamma'];

let emu: Emulator;
let state: string;
let kcx: KcxTerminal | undefined;

beforeEach(async () => {
  state = mkdtempSync(join(tmpdir(), 'kcx-picker-'));
  emu = await startEmulator({ port: 0 });
  for (const n of NAMES) emu.cluster.create(n, { ...FILE_SOURCE, name: n }, 'RUNNING', true);
});
afterEach(async () => {
  await kcx?.close();
  kcx = undefined;
  await emu.close();
  rmSync(state, { recursive: true, force: true });
});

function start(): KcxTerminal {
  kcx = spawnKcx(['delete', '--url', emu.url, '--context', 'pty'], {
    env: { KCX_STATE_DIR: state, KCX_CONFIG_DIR: join(state, 'config') },
  });
  return kcx;
}

describe('kcx delete picker', () => {
  it('type a query, mark with Space, mark another with Tab, Enter, confirm: deletes exactly the marked', async () => {
    const t = start();
    await t.waitFor('5/5 shown');
    expect(t.screen()).toContain('Delete ›');
    expect(t.screen()).toMatch(/pick-gamma +RUNNING/);

    t.write('alpha');
    await t.waitFor('1/5 shown');
    // The query line stays on top as it changes (a frame as tall as the terminal used to drift).
    expect(t.lines()[0]!.trimEnd()).toBe('Delete › alpha');
    t.press('space');
    await t.waitFor('1 marked');
    t.write('\u0015'); // Ctrl-U clears the query; the mark stays
    await t.waitFor('5/5 shown');
    t.write('beta');
    await t.waitFor('1/5 shown · 1 marked (1 hidden by the filter)');
    t.press('tab');
    await t.waitFor('2 marked');

    t.press('enter');
    const confirm = await t.waitFor('[N] Cancel');
    expect(confirm).toContain('Delete 2 connectors on');
    expect(confirm).toContain(`pty · ${emu.url}`);
    expect(confirm).toMatch(/pick-alpha +RUNNING/);
    expect(confirm).toContain('1 of them hidden by the current filter');
    expect(emu.cluster.size).toBe(5);

    t.write('y');
    const done = await t.waitFor('deleted 2/2');
    expect(done).toContain('✓ pick-alpha');
    expect(done).toContain('✓ pick-beta');
    expect((await t.exited).exitCode).toBe(0);
    expect(emu.cluster.names().sort()).toEqual(['other-1', 'other-2', 'pick-gamma']);
    expect(readdirSync(join(state, 'backups'))).toHaveLength(1);
  });

  it('Enter with nothing marked acts on the highlighted row; the confirm defaults to Cancel', async () => {
    const t = start();
    await t.waitFor('5/5 shown');
    t.write('gam');
    await t.waitFor('1/5 shown');
    t.press('enter');
    await t.waitFor('[N] Cancel');
    t.press('enter'); // the default: back to the list, nothing sent
    await t.waitFor('Delete ›');
    expect(emu.cluster.size).toBe(5);
    t.press('enter');
    await t.waitFor('[N] Cancel');
    t.write('y');
    await t.waitFor('deleted 1/1');
    expect((await t.exited).exitCode).toBe(0);
    expect(emu.cluster.has('pick-gamma')).toBe(false);
  });

  it('Esc aborts: exit 130, nothing sent', async () => {
    const t = start();
    await t.waitFor('5/5 shown');
    t.press('space');
    t.press('escape');
    await t.waitFor('aborted; nothing was sent');
    expect((await t.exited).exitCode).toBe(130);
    expect(emu.cluster.size).toBe(5);
  });
});
