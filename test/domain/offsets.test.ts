import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectClient } from '../../src/connect/client.js';
import {
  ensureStopped,
  legacyOffsetsHelp,
  offsetsTable,
  parseOffsetsInput,
  waitForRunning,
  waitForState,
} from '../../src/domain/offsets.js';
import { startEmulator } from '../../src/emulator/index.js';

describe('offsetsTable', () => {
  it('shows sink offsets as topic / partition / offset, sorted', () => {
    const table = offsetsTable(
      {
        offsets: [
          { partition: { kafka_topic: 'b', kafka_partition: 1 }, offset: { kafka_offset: 7 } },
          { partition: { kafka_topic: 'a', kafka_partition: 2 }, offset: { kafka_offset: 3 } },
          { partition: { kafka_topic: 'a', kafka_partition: 0 }, offset: null },
        ],
      },
      'sink',
    );
    expect(table.columns).toEqual(['TOPIC', 'PARTITION', 'OFFSET']);
    expect(table.rows).toEqual([
      ['a', '0', 'null'],
      ['a', '2', '3'],
      ['b', '1', '7'],
    ]);
  });

  it('shows source offsets as partition map → offset map', () => {
    const table = offsetsTable(
      { offsets: [{ partition: { filename: '/in.txt' }, offset: { position: 42 } }] },
      'source',
    );
    expect(table.rows).toEqual([['{"filename":"/in.txt"}', '{"position":42}']]);
  });
});

describe('parseOffsetsInput', () => {
  const sink = { partition: { kafka_topic: 't', kafka_partition: 0 }, offset: { kafka_offset: 5 } };
  it('accepts the API body and a bare array', () => {
    expect(parseOffsetsInput({ offsets: [sink] }, 'sink')).toEqual({ ok: true, offsets: [sink] });
    expect(parseOffsetsInput([{ partition: { f: 'x' }, offset: null }], 'source')).toEqual({
      ok: true,
      offsets: [{ partition: { f: 'x' }, offset: null }],
    });
  });

  it.each([
    [{}, 'sink', 'expected {"offsets"'],
    [{ offsets: [] }, 'sink', 'empty'],
    [[1], 'source', 'offsets[0] must be an object'],
    [[{ partition: {}, offset: null }], 'source', 'offsets[0].partition must be a non-empty object'],
    [[{ partition: { f: 1 }, offset: 5 }], 'source', 'offsets[0].offset must be an object, or null'],
    [[{ partition: { kafka_partition: 0 }, offset: null }], 'sink', 'kafka_topic'],
    [[{ partition: { kafka_topic: 't', kafka_partition: -1 }, offset: null }], 'sink', 'kafka_partition'],
    [
      [{ partition: { kafka_topic: 't', kafka_partition: 0 }, offset: { kafka_offset: '5' } }],
      'sink',
      'kafka_offset',
    ],
  ] as const)('refuses %j for a %s connector', (value, type, message) => {
    const result = parseOffsetsInput(value, type);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(message);
  });
});

describe('legacyOffsetsHelp', () => {
  it('explains the connect-offsets key layout for a source connector', () => {
    const text = legacyOffsetsHelp('orders', 'source').join('\n');
    expect(text).toContain('connect-offsets');
    expect(text).toContain('["orders", {<partition map>}]');
    expect(legacyOffsetsHelp('orders', 'sink').join('\n')).toContain('connect-orders');
  });
});

describe('stop and wait against the emulator', () => {
  let emu: Awaited<ReturnType<typeof startEmulator>>;
  let client: ConnectClient;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, connectors: 0, startDelayMs: 20 });
    client = new ConnectClient({ url: emu.url, context: 'test' });
    await client.createConnector('src', {
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
      file: '/tmp/in.txt',
      topic: 't',
    });
    await waitForState(client, 'src', 'RUNNING', { intervalMs: 20, timeoutMs: 5000 });
  });
  afterAll(async () => {
    await client.close();
    await emu.close();
  });

  it('stops a running connector and waits until STOPPED, then knows it was already stopped', async () => {
    const first = await ensureStopped(client, 'src', { intervalMs: 20, timeoutMs: 5000 });
    expect(first).toEqual({ reached: true, state: 'STOPPED', stoppedByUs: true });
    const again = await ensureStopped(client, 'src', { intervalMs: 20 });
    expect(again.stoppedByUs).toBe(false);
  });

  it('calls a connector running only when its tasks run too, and names the tasks that failed', async () => {
    await client.resumeConnector('src');
    expect(await waitForRunning(client, 'src', { intervalMs: 20, timeoutMs: 5000 })).toEqual({
      running: true,
      state: 'RUNNING',
      failedTasks: [],
    });
    emu.cluster.failTask('src', 0);
    const failed = await waitForRunning(client, 'src', { intervalMs: 20, timeoutMs: 5000 });
    expect(failed).toEqual({ running: false, state: 'RUNNING', failedTasks: [0] });
    await client.stopConnector('src');
    await waitForState(client, 'src', 'STOPPED', { intervalMs: 20, timeoutMs: 5000 });
  });

  it('gives up after the timeout with the last state, and reports a vanished connector', async () => {
    let t = 0;
    const result = await waitForState(client, 'src', 'PAUSED', {
      timeoutMs: 100,
      intervalMs: 50,
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
    });
    expect(result).toEqual({ reached: false, state: 'STOPPED' });
    expect(await waitForState(client, 'nope', 'RUNNING')).toEqual({ reached: false, state: 'GONE' });
  });
});
