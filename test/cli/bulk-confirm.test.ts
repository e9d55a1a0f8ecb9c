// The y/N confirm of a named or --match action on a terminal, and the type-the-name confirm of a
// bulk delete on a production context (both at the prompt and in the picker).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { FILE_SOURCE } from '../support/configs.js';
import { type KcxTerminal, spawnKcx } from '../support/pty.js';

let emu: Emulator;
let state: string;
let kcx: KcxTerminal | undefined;
const NAMES = Array.from({ length: 12 }, (_, i) => `t-${String(i + 1).padStart(2, '0')}`);

beforeEach(async () => {
  state = mkdtempSync(join(tmpdir(), 'kcx-confirm-'));
  emu = await startEmulator({ port: 0 });
  for (const n of NAMES) emu.cluster.create(n, { ...FILE_SOURCE, name: n }, 'RUNNING', true);
  emu.cluster.pause('t-02');
  emu.cluster.settle();
  const config = join(state, 'config');
  mkdirSync(config);
  writeFileSync(
    join(config, 'contexts.yaml'),
    `contexts:\n  prod:\n    url: ${emu.url}\n    production: true\n  stage:\n    url: ${emu.url}\n`,
  );
});
afterEach(async () => {
  await kcx?.close();
  kcx = undefined;
  await emu.close();
  rmSync(state, { recursive: true, force: true });
});

function start(args: string[]): KcxTerminal {
  kcx = spawnKcx(args, { env: { KCX_STATE_DIR: state, KCX_CONFIG_DIR: join(state, 'config') } });
  return kcx;
}

describe('confirm on a terminal', () => {
  it('lists the first 10 targets with their states, then +N more, and the context; y goes ahead', async () => {
    const t = start(['delete', '--context', 'stage', '--match', 't-*']);
    const prompt = await t.waitFor('Delete 12 connectors? [y/N]');
    expect(prompt).toContain(`Delete 12 connectors on context stage (${emu.url}):`);
    expect(prompt).toMatch(/t-01 +RUNNING/);
    expect(prompt).toMatch(/t-02 +PAUSED/);
    expect(prompt).toContain('t-10');
    expect(prompt).not.toContain('t-11');
    expect(prompt).toContain('+2 more');
    t.write('y\r');
    await t.waitFor('deleted 12/12');
    expect((await t.exited).exitCode).toBe(0);
    expect(emu.cluster.size).toBe(0);
  });

  it('Enter takes the default, No: exit 1, nothing sent', async () => {
    const t = start(['pause', '--context', 'stage', 't-01']);
    await t.waitFor('[y/N]');
    t.write('\r');
    await t.waitFor('cancelled; nothing was sent');
    expect((await t.exited).exitCode).toBe(1);
    emu.cluster.settle();
    expect(emu.cluster.status('t-01')?.connector.state).toBe('RUNNING');
  });

  it('Ctrl-C at the prompt aborts with 130', async () => {
    const t = start(['delete', '--context', 'stage', 't-01']);
    await t.waitFor('[y/N]');
    t.press('ctrlC');
    expect((await t.exited).exitCode).toBe(130);
    expect(emu.cluster.size).toBe(12);
  });
});

describe('a bulk delete on a production context', () => {
  it('at the prompt, needs the context name typed: "y" is not enough', async () => {
    const t = start(['delete', '--context', 'prod', 't-01', 't-03']);
    const prompt = await t.waitFor('Type its name to delete 2 connectors:');
    expect(prompt).toContain('context prod (PRODUCTION)');
    t.write('y\r');
    await t.waitFor('the name did not match; nothing was sent');
    expect((await t.exited).exitCode).toBe(1);
    expect(emu.cluster.size).toBe(12);

    const again = start(['delete', '--context', 'prod', 't-01', 't-03']);
    await again.waitFor('Type its name');
    again.write('prod\r');
    await again.waitFor('deleted 2/2');
    expect((await again.exited).exitCode).toBe(0);
    expect(emu.cluster.has('t-01')).toBe(false);
  });

  it('other actions on production keep the plain y/N', async () => {
    const t = start(['pause', '--context', 'prod', 't-01']);
    await t.waitFor('Pause 1 connector? [y/N]');
    t.write('y\r');
    await t.waitFor('paused 1/1');
    expect((await t.exited).exitCode).toBe(0);
  });

  it('in the picker, needs the context name typed', async () => {
    const t = start(['delete', '--context', 'prod']);
    await t.waitFor('12/12 shown');
    expect(t.screen()).toContain('prod PRODUCTION');
    t.write('t-05');
    await t.waitFor('1/12 shown');
    t.press('enter');
    await t.waitFor('Type its name to delete 1 connector:');
    t.write('y');
    t.press('enter');
    await t.waitFor('that is not "prod"');
    expect(emu.cluster.size).toBe(12);
    t.press('backspace');
    t.write('prod');
    t.press('enter');
    await t.waitFor('deleted 1/1');
    expect((await t.exited).exitCode).toBe(0);
    expect(emu.cluster.has('t-05')).toBe(false);
  });
});
