// Shell completion: the bash script run in a real bash against the built binary, the zsh script's
// content, and the quiet `kcx __complete` behind both.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { FILE_SOURCE } from '../support/configs.js';
import { KCX_BIN } from '../support/pty.js';
import { type KcxEnv, kcxEnv, runKcx, scratchDir, shown } from './helpers.js';

let emu: Emulator;
let env: KcxEnv;
let files: { dir: string; cleanup(): void };
let bashScript: string;
const execFileAsync = promisify(execFile);

beforeAll(async () => {
  emu = await startEmulator({ port: 0, connectors: 0 });
  for (const name of ['orders-sink', 'orders sink (eu)', 'payments-source']) {
    emu.cluster.create(name, FILE_SOURCE, 'RUNNING', true);
  }
  env = kcxEnv();
  files = scratchDir();
  await runKcx(env, ['ctx', 'add', 'emu', '--url', emu.url]);
  await runKcx(env, ['ctx', 'add', 'elsewhere', '--url', 'http://127.0.0.1:9']);
  // A `kcx` on PATH, as the completion script calls it.
  const shim = join(files.dir, 'kcx');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${KCX_BIN}" "$@"\n`);
  chmodSync(shim, 0o755);
  const run = await runKcx(env, ['completion', 'bash']);
  expect(run.code, shown(run)).toBe(0);
  bashScript = join(files.dir, 'kcx.bash');
  writeFileSync(bashScript, run.stdout);
});
afterAll(async () => {
  await emu.close();
  env.cleanup();
  files.cleanup();
});

/**
 * What bash offers for the words typed so far (the last one is being completed). Asynchronous: the
 * emulator lives in this process and must keep answering while bash runs.
 */
async function complete(words: string[]): Promise<string[]> {
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `source '${bashScript}'
COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}
_kcx
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const { stdout } = await execFileAsync('bash', ['--noprofile', '--norc', '-c', script], {
    env: {
      PATH: `${files.dir}:${process.env.PATH}`,
      KCX_CONFIG_DIR: env.configDir,
      KCX_STATE_DIR: env.stateDir,
      HOME: files.dir,
    },
    encoding: 'utf8',
  });
  return stdout.split('\n').filter((l) => l !== '');
}

describe('bash completion', () => {
  it('is valid bash', () => {
    execFileSync('bash', ['-n', bashScript]);
  });

  it('completes subcommands and their options', async () => {
    expect(await complete(['kcx', 'des'])).toEqual(['describe']);
    expect(await complete(['kcx', 'get', ''])).toEqual([
      'connectors',
      'tasks',
      'plugins',
      'workers',
      'topics',
      'loggers',
    ]);
    expect(await complete(['kcx', 'ctx', ''])).toEqual(['list', 'use', 'add', 'remove', 'show']);
    expect(await complete(['kcx', 'offsets', 'a'])).toEqual(['alter']);
    expect(await complete(['kcx', 'apply', '--dr'])).toEqual(['--dry-run']);
    expect(await complete(['kcx', 'get', 'connectors', '-o', 'y'])).toEqual(['yaml']);
    expect(await complete(['kcx', '__comp'])).toEqual([]);
  });

  it('completes connector names from the current context, quoted for the shell', async () => {
    expect(await complete(['kcx', 'describe', 'ord'])).toEqual(['orders\\ sink\\ \\(eu\\)', 'orders-sink']);
    expect(await complete(['kcx', 'offsets', 'get', 'pay'])).toEqual(['payments-source']);
    expect(await complete(['kcx', 'get', 'tasks', 'pay'])).toEqual(['payments-source']);
  });

  it('completes context names (in file order), and uses the context typed on the line', async () => {
    expect(await complete(['kcx', 'ctx', 'use', ''])).toEqual(['emu', 'elsewhere']);
    expect(await complete(['kcx', 'get', 'connectors', '--context', 'e'])).toEqual(['emu', 'elsewhere']);
    // The typed context has no cluster behind it: no names, and no noise.
    expect(await complete(['kcx', 'export', '--context', 'elsewhere', ''])).toEqual([]);
    expect(await complete(['kcx', 'export', '--context', 'emu', ''])).toHaveLength(3);
  });
});

describe('zsh completion', () => {
  it('defines _kcx for every command and registers it', async () => {
    const run = await runKcx(env, ['completion', 'zsh']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('#compdef kcx\n')).toBe(true);
    expect(run.stdout).toContain('compdef _kcx kcx');
    for (const cmd of ['get', 'describe', 'apply', 'export', 'validate', 'offsets', 'ctx', 'completion']) {
      expect(run.stdout).toMatch(new RegExp(`'${cmd}:[^']+'`));
    }
    expect(run.stdout).toContain('_kcx_names connectors');
    expect(run.stdout).toContain('_kcx_names contexts');
    expect(run.stdout).not.toMatch(/'__complete:/);
  });
});

describe('kcx __complete', () => {
  it('prints names one per line', async () => {
    const run = await runKcx(env, ['__complete', 'connectors']);
    expect(run.stdout).toBe('orders sink (eu)\norders-sink\npayments-source\n');
    const ctx = await runKcx(env, ['__complete', 'contexts']);
    expect(ctx.stdout).toBe('emu\nelsewhere\n');
  });

  it('is quiet on any failure: nothing on stdout or stderr, exit 0', async () => {
    for (const args of [
      ['__complete', 'connectors', '--context', 'elsewhere'],
      ['__complete', 'connectors', '--context', 'unknown'],
      ['__complete', 'nonsense'],
    ]) {
      const run = await runKcx(env, args);
      expect(run, args.join(' ')).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });

  it('gives up on a cluster that does not answer (short timeout)', async () => {
    emu.faults.add({ route: 'GET /connectors', kind: 'hang' });
    try {
      const run = await runKcx(env, ['__complete', 'connectors']);
      expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    } finally {
      emu.faults.clear();
    }
  });
});
