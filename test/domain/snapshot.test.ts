import { describe, expect, it } from 'vitest';
import {
  type ConnectorRow,
  assembleSnapshot,
  buildRow,
  buildSnapshot,
  replaceRows,
} from '../../src/domain/snapshot.js';
import { pluginShortName } from '../../src/domain/plugin-name.js';
import { type ConnectorSpec, listing, overview, status } from './builders.js';

describe('pluginShortName', () => {
  it.each([
    ['io.confluent.connect.jdbc.JdbcSinkConnector', 'JdbcSink'],
    ['org.apache.kafka.connect.file.FileStreamSourceConnector', 'FileStreamSource'],
    ['FileStreamSink', 'FileStreamSink'],
    ['com.example.Replicator', 'Replicator'],
    ['com.example.Connector', 'Connector'],
    ['io.debezium.connector.postgresql.PostgresConnector', 'Postgres'],
  ])('%s → %s', (cls, short) => {
    expect(pluginShortName(cls)).toBe(short);
  });
});

describe('buildRow', () => {
  it('counts tasks, rolls up health and shortens the plugin', () => {
    const o = overview('orders', {
      type: 'source',
      worker: 'w2:8083',
      tasks: ['RUNNING', 'FAILED', 'RUNNING', 'UNASSIGNED'],
      config: { 'connector.class': 'io.confluent.connect.jdbc.JdbcSourceConnector' },
    });
    const row = buildRow(o.name, o.status, o.info?.config ?? null);
    expect(row).toMatchObject({
      name: 'orders',
      type: 'source',
      state: 'RUNNING',
      tasksRunning: 2,
      tasksTotal: 4,
      tasksFailed: 1,
      health: 'DEGRADED',
      worker: 'w2:8083',
      plugin: 'JdbcSource',
      pluginClass: 'io.confluent.connect.jdbc.JdbcSourceConnector',
    });
  });

  it('orders tasks by id whatever order the worker reports them in', () => {
    const s = status('c', { tasks: ['RUNNING', 'FAILED', 'RUNNING'] });
    s.tasks.reverse();
    expect(buildRow('c', s, null).tasks.map((t) => t.id)).toEqual([0, 1, 2]);
  });

  it('has no plugin when the info is missing', () => {
    const row = buildRow('c', status('c'), null);
    expect(row).toMatchObject({ configHash: '', plugin: '', pluginClass: '' });
  });

  it("takes the type from the info while the status says 'unknown'", () => {
    expect(buildRow('c', status('c', { type: 'unknown' }), null, 'source').type).toBe('source');
  });

  it('has a signature that ignores config key order but sees every observable change', () => {
    const base = buildRow('c', status('c'), { a: '1', b: '2' });
    expect(buildRow('c', status('c'), { b: '2', a: '1' }).signature).toBe(base.signature);
    const variants = [
      buildRow('c', status('c', { state: 'PAUSED' }), { a: '1', b: '2' }),
      buildRow('c', status('c', { tasks: ['FAILED'] }), { a: '1', b: '2' }),
      buildRow('c', status('c', { tasks: [{ state: 'RUNNING', worker: 'w9:8083' }] }), { a: '1', b: '2' }),
      buildRow('c', status('c', { worker: 'w2:8083', tasks: [{ state: 'RUNNING', worker: 'w1:8083' }] }), {
        a: '1',
        b: '2',
      }),
      buildRow('c', status('c', { tasks: ['RUNNING', 'RUNNING'] }), { a: '1', b: '2' }),
      buildRow('c', status('c'), { a: '1', b: '3' }),
      buildRow('c', status('c'), null),
      buildRow('c', status('c', { tasks: [{ state: 'FAILED', trace: 'x.Y: one' }] }), { a: '1', b: '2' }),
    ];
    const signatures = new Set([base.signature, ...variants.map((v) => v.signature)]);
    expect(signatures.size).toBe(variants.length + 1);
    const failedA = buildRow('c', status('c', { tasks: [{ state: 'FAILED', trace: 'x.Y: one' }] }), null);
    const failedB = buildRow('c', status('c', { tasks: [{ state: 'FAILED', trace: 'x.Y: two' }] }), null);
    expect(failedA.signature).not.toBe(failedB.signature);
  });
});

describe('buildSnapshot', () => {
  const snap = buildSnapshot(
    listing(
      {
        'conn-10': { worker: 'w1:8083', tasks: [{ state: 'RUNNING', worker: 'w2:8083' }] },
        'conn-2': { state: 'FAILED', worker: 'w2:8083', tasks: [] },
        Alpha: { state: 'PAUSED', worker: 'w1:8083', tasks: ['PAUSED', 'PAUSED'] },
        beta: {
          worker: 'w3:8083',
          tasks: [
            { state: 'FAILED', worker: 'w1:8083' },
            { state: 'UNASSIGNED', worker: '' },
          ],
        },
      },
      ['just-created'],
    ),
    1234,
  );

  it('sorts rows by name, numbers numerically and case aside', () => {
    expect(snap.rows.map((r) => r.name)).toEqual(['Alpha', 'beta', 'conn-2', 'conn-10']);
  });

  it('indexes rows by name', () => {
    expect(snap.byName.get('beta')).toBe(snap.rows[1]);
    expect(snap.byName.size).toBe(4);
  });

  it('counts connectors by state and by health, and tasks by state', () => {
    expect(snap.countsByState).toEqual({
      RUNNING: 2,
      PAUSED: 1,
      STOPPED: 0,
      FAILED: 1,
      UNASSIGNED: 0,
      RESTARTING: 0,
    });
    expect(snap.countsByHealth).toEqual({
      HEALTHY: 1,
      DEGRADED: 1,
      FAILED: 1,
      PAUSED: 1,
      STOPPED: 0,
      UNASSIGNED: 0,
    });
    expect(snap.taskCountsByState).toMatchObject({ RUNNING: 1, PAUSED: 2, FAILED: 1, UNASSIGNED: 1 });
  });

  it('summarises the workers seen in statuses, leaving out empty worker ids', () => {
    expect(snap.workers).toEqual([
      { id: 'w1:8083', connectors: 2, tasks: 3, failed: 1 },
      { id: 'w2:8083', connectors: 1, tasks: 1, failed: 1 },
      { id: 'w3:8083', connectors: 1, tasks: 0, failed: 0 },
    ]);
  });

  it('keeps the fetch time, mode and skipped names', () => {
    expect(snap.fetchedAt).toBe(1234);
    expect(snap.mode).toBe('expand');
    expect(snap.skipped).toEqual(['just-created']);
  });

  it('handles an empty cluster', () => {
    const empty = buildSnapshot({ connectors: [], mode: 'expand', skipped: [] }, 0);
    expect(empty.rows).toEqual([]);
    expect(empty.workers).toEqual([]);
    expect(empty.countsByHealth.HEALTHY).toBe(0);
  });
});

describe('replaceRows', () => {
  const row = (name: string, spec: ConnectorSpec) => {
    const o = overview(name, spec);
    return buildRow(name, o.status, o.info?.config ?? null, o.info?.type);
  };
  const prev = buildSnapshot(
    listing({
      a: { worker: 'w1:8083', tasks: ['RUNNING', 'FAILED'] },
      b: { worker: 'w2:8083', tasks: [{ state: 'RUNNING', worker: 'w3:8083' }] },
      c: { state: 'PAUSED', worker: 'w1:8083', tasks: ['PAUSED'] },
      d: { worker: 'w4:8083', tasks: [] },
    }),
    1,
  );

  it('gives what assembleSnapshot gives over the rows with the replacements in place', () => {
    const replaced = new Map<number, ConnectorRow>([
      // A row moves to a new worker and leaves w4 with nothing: w4 goes, w5 comes.
      [3, row('d', { worker: 'w5:8083', tasks: ['RUNNING'] })],
      // The only task on w3 moves away and fails.
      [1, row('b', { worker: 'w2:8083', tasks: ['FAILED'], state: 'FAILED' })],
      [0, row('a', { worker: 'w1:8083', tasks: ['RUNNING', 'RUNNING'] })],
    ]);
    const rows = prev.rows.map((r, i) => replaced.get(i) ?? r);
    const untouched = structuredClone(prev);
    const next = replaceRows(prev, replaced, ['x'], 'expand', 2);
    expect(next).toEqual(assembleSnapshot(rows, ['x'], 'expand', 2));
    expect(next.workers.map((w) => w.id)).toEqual(['w1:8083', 'w2:8083', 'w5:8083']);
    // The previous snapshot is left as it was.
    expect(prev).toEqual(untouched);
    expect(prev.workers.map((w) => w.id)).toEqual(['w1:8083', 'w2:8083', 'w3:8083', 'w4:8083']);
  });

  it('refuses a replacement whose name is not the row at that index', () => {
    expect(() => replaceRows(prev, new Map([[0, row('b', {})]]), [], 'expand', 2)).toThrow(/no row b at 0/);
  });
});
