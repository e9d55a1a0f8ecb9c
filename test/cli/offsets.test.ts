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
/** A sink's offsets are Kafka consumer positions: topic and partition → the next offset to read. */
const SINK_OFFSETS = {
  offsets: [{ partition: { kafka_topic: 't', kafka_partition: 0 }, offset: { kafka_offset: 5 } }],
};
/** Offsets for partitions a running connector never writes: seeing them means the change went through. */
const NEVER_SOURCE = { offsets: [{ partition: { filename: '/tmp/never.txt' }, offset: { position: 1 } }] };
const NEVER_SINK = {
  offsets: [{ partition: { kafka_topic: 'never', kafka_partition: 9 }, offset: { kafka_offset: 1 } }],
};
const FILE_SINK = {
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
  'tasks.max': '1',
  topics: 't',
  file: '/tmp/out.txt',
};

beforeEach(async () => {
  // A start delay makes the stop visible: the status says STOPPED only some time after the 204.
  emu = await startEmulator({ port: 0, connectors: 0, startDelayMs: 150 });
  emu.cluster.create('src', FILE_SOURCE, 'RUNNING', true);
  emu.cluster.create('snk', FILE_SINK, 'RUNNING', true);
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

describe('kcx offsets on a sink connector', () => {
  it('alter --yes --resume: stop, wait, alter the Kafka offsets, resume', async () => {
    const run = await kcx('offsets', 'alter', 'snk', '-f', offsetsFile(SINK_OFFSETS), '--yes', '--resume');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toContain('stopping snk…');
    expect(run.stdout).toContain('snk is STOPPED');
    expect(run.stdout).toContain('The offsets for this connector have been altered successfully');
    expect(run.stdout).toContain('resumed snk');
    expect(emu.cluster.offsets('snk')).toEqual(SINK_OFFSETS.offsets);
    expect(emu.cluster.isStopped('snk')).toBe(false);

    const get = await kcx('offsets', 'get', 'snk');
    expect(get.stdout).toContain('{"kafka_topic":"t","kafka_partition":0}  {"kafka_offset":5}');
  });

  it('reset --yes --resume: the offsets are gone and the connector runs again', async () => {
    emu.cluster.alterOffsets('snk', SINK_OFFSETS.offsets);
    const run = await kcx('offsets', 'reset', 'snk', '--yes', '--resume');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toContain('snk is STOPPED');
    expect(run.stdout).toContain('have been reset successfully');
    expect(run.stdout).toContain('resumed snk');
    expect(emu.cluster.offsets('snk')).toEqual([]);
    expect(emu.cluster.isStopped('snk')).toBe(false);
  });

  it("a source-shaped body is Connect's 400; kcx says the connector it stopped stays STOPPED", async () => {
    const run = await kcx('offsets', 'alter', 'snk', '-f', offsetsFile(), '--yes', '--resume');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`PATCH ${emu.url}/connectors/snk/offsets → 400`));
    expect(run.stderr).toContain("must contain the keys 'kafka_topic' and 'kafka_partition'");
    expect(run.stderr).toContain('snk was stopped by kcx and stays STOPPED; resume it with: kcx resume snk');
    expect(run.stdout).not.toContain('resumed');
    expect(emu.cluster.isStopped('snk')).toBe(true);
    expect(emu.cluster.offsets('snk')).not.toContainEqual(OFFSETS.offsets[0]);
  });
});

describe('changing offsets of a running connector', () => {
  it('is refused by Connect itself: PATCH while RUNNING answers 400', async () => {
    for (const [name, body] of [
      ['src', NEVER_SOURCE],
      ['snk', NEVER_SINK],
    ] as const) {
      const res = await fetch(`${emu.url}/connectors/${name}/offsets`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(
        'Connectors must be in the STOPPED state before their offsets can be modified',
      );
      expect(emu.cluster.offsets(name)).not.toContainEqual(body.offsets[0]);
    }
  });

  it('kcx without --yes and without a terminal refuses (exit 2): nothing stopped, nothing changed', async () => {
    const proxy = await countingProxy(emu.url);
    try {
      for (const args of [
        ['alter', 'snk', '-f', offsetsFile(NEVER_SINK)],
        ['reset', 'snk'],
        ['alter', 'src', '-f', offsetsFile(NEVER_SOURCE)],
      ]) {
        const run = await runKcx(env, ['offsets', ...args, '--url', proxy.url]);
        expect(run.code, shown(run)).toBe(2);
        expect(run.stderr).toContain(
          'It is RUNNING: it will be stopped first. Not asking without a terminal: pass --yes',
        );
      }
      // Only reads: the version and the status.
      expect(proxy.requests.filter((r) => !r.startsWith('GET '))).toEqual([]);
      expect(emu.cluster.isStopped('snk')).toBe(false);
      expect(emu.cluster.isStopped('src')).toBe(false);
      expect(emu.cluster.offsets('snk')).not.toContainEqual(NEVER_SINK.offsets[0]);
      expect(emu.cluster.offsets('src')).not.toContainEqual(NEVER_SOURCE.offsets[0]);
    } finally {
      await proxy.close();
    }
  });

  it('a reset is confirmed even on a stopped connector: without --yes it is refused too', async () => {
    emu.cluster.stop('snk');
    emu.cluster.settle();
    emu.cluster.alterOffsets('snk', SINK_OFFSETS.offsets);
    const run = await kcx('offsets', 'reset', 'snk');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Reset the offsets of snk on context');
    expect(run.stderr).toContain('pass --yes');
    expect(emu.cluster.offsets('snk')).toEqual(SINK_OFFSETS.offsets);
  });
});
