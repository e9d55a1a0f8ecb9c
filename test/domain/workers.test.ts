import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/domain/snapshot.js';
import { assignmentsOn, formatImbalance, workerLoads } from '../../src/domain/workers.js';
import { listing } from './builders.js';

const snapshot = buildSnapshot(
  listing({
    orders: {
      worker: 'a:8083',
      tasks: ['RUNNING', { state: 'FAILED', worker: 'b:8083', trace: 'x.Y: boom' }],
    },
    billing: { worker: 'a:8083', tasks: ['RUNNING', 'RUNNING', 'RUNNING'] },
    audit: { worker: 'b:8083', tasks: [{ state: 'RUNNING', worker: 'c:8083' }] },
  }),
  0,
);

describe('workerLoads', () => {
  it('measures each worker against the mean tasks per worker', () => {
    const loads = workerLoads(snapshot);
    // a: orders-0 + billing-0..2 = 4 tasks; b: orders-1 = 1; c: audit-0 = 1; mean 2.
    expect(loads.map((l) => [l.id, l.tasks, l.imbalance, l.ratio])).toEqual([
      ['a:8083', 4, 2, 2],
      ['b:8083', 1, -1, 0.5],
      ['c:8083', 1, -1, 0.5],
    ]);
    expect(loads.map(formatImbalance)).toEqual(['+2.0', '−1.0', '−1.0']);
    expect(loads.find((l) => l.id === 'b:8083')?.failed).toBe(1);
  });

  it('is empty for a cluster without workers and zero-ratio without tasks', () => {
    expect(workerLoads(buildSnapshot(listing({}), 0))).toEqual([]);
    const idle = workerLoads(buildSnapshot(listing({ x: { tasks: [] } }), 0));
    expect(idle).toEqual([{ id: 'w1:8083', connectors: 1, tasks: 0, failed: 0, imbalance: 0, ratio: 0 }]);
    expect(formatImbalance(idle[0]!)).toBe('0');
  });
});

describe('assignmentsOn', () => {
  it('lists the connector instances and tasks on a worker, failed first', () => {
    expect(assignmentsOn(snapshot, 'b:8083')).toEqual([
      { connector: 'orders', task: 1, state: 'FAILED', trace: 'x.Y: boom' },
      { connector: 'audit', task: null, state: 'RUNNING' },
    ]);
    expect(assignmentsOn(snapshot, 'a:8083').map((a) => `${a.connector}/${a.task}`)).toEqual([
      'billing/null',
      'billing/0',
      'billing/1',
      'billing/2',
      'orders/null',
      'orders/0',
    ]);
    expect(assignmentsOn(snapshot, 'nobody')).toEqual([]);
  });
});
