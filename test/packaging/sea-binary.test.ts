// The single executable (`npm run build:sea`), built from the current sources into a temporary
// directory and run there with no Node on PATH, as on a bastion: the CLI against a cluster, and the
// console, whose layout engine (yoga's wasm) is what the SEA build has to load differently.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { type KcxTerminal, KCX_BIN, REPO_ROOT, spawnInTerminal } from '../support/pty.js';
import {
  type ConnectorRow,
  cleanEnv,
  clusterRows,
  PACKAGE_VERSION,
  run,
  runOrThrow,
  type Scratch,
  SETUP_TIMEOUT,
  scratch,
  shown,
  smallCluster,
  TEST_TIMEOUT,
  WAIT,
  withoutHealth,
} from './helpers.js';

let tmp: Scratch;
let emu: Emulator;
let binary: string;
let terminal: KcxTerminal | undefined;

/** A bare environment: nothing on PATH that could stand in for the Node inside the binary. */
const bareEnv = (): Record<string, string> => ({
  PATH: '/nonexistent',
  HOME: tmp.dir,
  TERM: 'xterm-256color',
  ...tmp.kcxVars,
});
const kcx = (...args: string[]) => run(binary, args, { cwd: tmp.dir, env: bareEnv() });

beforeAll(async () => {
  tmp = scratch('kcx-sea-');
  emu = await smallCluster();
  const out = join(tmp.dir, 'bin');
  await runOrThrow(process.execPath, [join(REPO_ROOT, 'scripts/build-sea.mjs'), '--out-dir', out]);
  binary = join(out, 'kcx');
}, SETUP_TIMEOUT);

afterEach(async () => {
  await terminal?.close();
  terminal = undefined;
});

afterAll(async () => {
  await emu?.close();
  tmp?.cleanup();
});

describe('the single executable', { timeout: TEST_TIMEOUT }, () => {
  it('prints the package version', async () => {
    const result = await kcx('--version');
    expect(result.code, shown(result)).toBe(0);
    expect(result.stdout.trim()).toBe(PACKAGE_VERSION);
    expect(result.stderr).toBe('');
  });

  it('`get connectors` lists what the cluster holds, exactly as the npm build does', async () => {
    const table = await kcx('get', 'connectors', '--url', emu.url);
    expect(table.code, shown(table)).toBe(0);
    for (const name of emu.cluster.names()) expect(table.stdout).toContain(name);

    const json = await kcx('get', 'connectors', '--url', emu.url, '-o', 'json');
    expect(json.code, shown(json)).toBe(0);
    const rows = JSON.parse(json.stdout) as ConnectorRow[];
    expect(withoutHealth(rows)).toEqual(await clusterRows(emu));

    const npmBuild = await run(
      process.execPath,
      [KCX_BIN, 'get', 'connectors', '--url', emu.url, '-o', 'json'],
      {
        env: { ...cleanEnv(), ...tmp.kcxVars },
      },
    );
    expect(npmBuild.code, shown(npmBuild)).toBe(0);
    expect(rows).toEqual(JSON.parse(npmBuild.stdout));
  });

  it('runs the console: the connector list paints and q quits', async () => {
    terminal = spawnInTerminal(binary, ['--url', emu.url, '--context', 'sea'], {
      cwd: tmp.dir,
      env: bareEnv(),
      cols: 100,
      rows: 20,
    });
    const screen = await terminal.waitFor(
      (s) => s.includes('sea › connectors') && s.includes('gamma-sink'),
      WAIT,
    );
    expect(screen).toContain('beta-sink');
    terminal.write('q');
    expect((await terminal.exited).exitCode).toBe(0);
  });
});
