// `kcx offsets get|alter|reset` against the emulator: the stop → wait → alter → (resume) flow.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { FILE_SOURCE } from '../support/configs.js';
import { type KcxTerminal, spawnKcx } from '../support/pty.js';
import {
  type CountingProxy,
  countingProxy,
  type KcxEnv,
  kcxEnv,
  runKcx,
  scratchDir,
  shown,
} from './helpers.js';

let emu: Emulator;
let env: KcxEnv;
let files: { dir: string; cleanup(): void };

const OFFSETS = { offsets: [{ partition: { filename: '/tmp/in.txt' }, offset: { position: 30 } }] };

beforeEach(async () => {
  // A start delay makes the stop visible: the status says STOPPED only some time after the 204.
  emu = await startEmulator({ port: 0, connectors: 0, startDelayMs: 150 });
  emu.cluster.create('src', FILE_SOURCE, 'RUNNING', true);
  env = kcxEnv();
  files = scratchDir();
});
afterEach(async () => {
  await emu.close();
  env.cleanup();
  files.cleanup();
});

const kcx = (...args: string[]) => runKcx(env, [...args, '--url', emu.url]);
const offsetsFile = (body: unknown = OFFSETS) => {
  const path = join(files.dir, 'offsets.json');
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
};

describe('kcx offsets', () => {
  it("alter --yes stops the connector, waits for STOPPED, applies and prints Connect's message", async () => {
    const run = await kcx('offsets', 'alter', 'src', '-f', offsetsFile(), '--yes');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toContain('src is STOPPED');
    expect(run.stdout).toContain('The offsets for this connector have been altered successfully');
    expect(run.stdout).toContain('stays STOPPED; resume it with: kcx resume src');
    expect(emu.cluster.offsets('src')).toEqual(OFFSETS.offsets);
    expect(emu.cluster.isStopped('src')).toBe(true);

    const get = await kcx('offsets', 'get', 'src', '-o', 'json');
    expect(JSON.parse(get.stdout)).toEqual(OFFSETS);
  });

  it('--resume resumes afterwards; reset --yes on a stopped connector', async () => {
    const run = await kcx('offsets', 'alter', 'src', '-f', offsetsFile(), '--yes', '--resume');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toContain('resumed src');
    expect(emu.cluster.isStopped('src')).toBe(false);

    emu.cluster.stop('src');
    emu.cluster.settle();
    const reset = await kcx('offsets', 'reset', 'src', '--yes');
    expect(reset.code, shown(reset)).toBe(0);
    expect(reset.stdout).toContain('have been reset successfully');
    expect(emu.cluster.offsets('src')).toEqual([]);
  });

  it('offsets get prints a table of partitions and offsets', async () => {
    emu.cluster.alterOffsets('src', OFFSETS.offsets);
    const run = await kcx('offsets', 'get', 'src');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toMatch(/^PARTITION\s+OFFSET$/m);
    expect(run.stdout).toContain('{"filename":"/tmp/in.txt"}  {"position":30}');
  });

  it('without --yes and without a terminal it refuses to stop the connector (exit 2)', async () => {
    const run = await kcx('offsets', 'alter', 'src', '-f', offsetsFile());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pass --yes');
    expect(emu.cluster.isStopped('src')).toBe(false);
  });

  it('asks on a terminal, default No; "y" goes ahead', async () => {
    let term: KcxTerminal | undefined;
    try {
      term = spawnKcx(['offsets', 'alter', 'src', '-f', offsetsFile(), '--url', emu.url], {
        env: { KCX_CONFIG_DIR: env.configDir, KCX_STATE_DIR: env.stateDir },
        // Wide enough that the question stays on one line.
        cols: 200,
      });
      await term.waitFor(/it will be stopped first\. \[y\/N\]/);
      term.write('y\r');
      await term.waitFor('altered successfully');
      expect((await term.exited).exitCode).toBe(0);
    } finally {
      await term?.close();
    }
    expect(emu.cluster.offsets('src')).toEqual(OFFSETS.offsets);
  });

  it('a bad offsets file is bad input, and nothing is sent', async () => {
    const proxy: CountingProxy = await countingProxy(emu.url);
    try {
      for (const [body, message] of [
        ['{"offsets": [', 'invalid JSON'],
        [{ offsets: [] }, 'the offsets list is empty'],
        [{ offsets: [{ partition: {}, offset: 5 }] }, 'offsets[0].offset must be an object or null'],
        [{ offsets: [{ partition: {}, offset: null, extra: 1 }] }, 'unknown key "extra"'],
      ] as const) {
        const run = await runKcx(env, [
          'offsets',
          'alter',
          'src',
          '-f',
          offsetsFile(body),
          '--yes',
          '--url',
          proxy.url,
        ]);
        expect(run.code, shown(run)).toBe(2);
        expect(run.stderr).toContain(message);
      }
      expect(proxy.requests).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('a cluster too old for offsets says so before stopping anything (exit 1)', async () => {
    const old = await startEmulator({ port: 0, connectors: 0, version: '3.4.0' });
    try {
      old.cluster.create('src', FILE_SOURCE, 'RUNNING', true);
      const run = await runKcx(env, ['offsets', 'reset', 'src', '--yes', '--url', old.url]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/needs Kafka Connect 3\.6, this cluster is 3\.4/);
      expect(old.cluster.isStopped('src')).toBe(false);
    } finally {
      await old.close();
    }
  });

  it('a read-only context refuses before any request', async () => {
    const proxy = await countingProxy(emu.url);
    try {
      const run = await runKcx(env, ['offsets', 'reset', 'src', '--yes', '--url', proxy.url, '--readonly']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('is read-only, nothing was sent');
      expect(proxy.requests).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
