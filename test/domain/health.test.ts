import { describe, expect, it } from 'vitest';
import type { ConnectorState } from '../../src/connect/types.js';
import { type Health, healthOf, isProblem } from '../../src/domain/health.js';
import { status } from './builders.js';

const health = (state: ConnectorState, tasks: ConnectorState[]): Health =>
  healthOf(status('c', { state, tasks }));

describe('healthOf', () => {
  it.each<[ConnectorState, ConnectorState[], Health]>([
    ['RUNNING', ['RUNNING', 'RUNNING'], 'HEALTHY'],
    ['RUNNING', [], 'HEALTHY'],
    ['FAILED', ['RUNNING'], 'FAILED'],
    ['FAILED', [], 'FAILED'],
    ['RUNNING', ['FAILED', 'FAILED'], 'FAILED'],
    ['RUNNING', ['FAILED', 'RUNNING'], 'DEGRADED'],
    // A failed task outranks pause/stop: resuming will not fix it.
    ['PAUSED', ['FAILED', 'PAUSED'], 'DEGRADED'],
    ['PAUSED', ['FAILED'], 'FAILED'],
    ['STOPPED', [], 'STOPPED'],
    ['PAUSED', ['PAUSED'], 'PAUSED'],
    ['PAUSED', ['UNASSIGNED'], 'PAUSED'],
    ['UNASSIGNED', [], 'UNASSIGNED'],
    ['RUNNING', ['RUNNING', 'UNASSIGNED'], 'UNASSIGNED'],
    ['UNASSIGNED', ['RESTARTING'], 'UNASSIGNED'],
    ['RESTARTING', ['RUNNING'], 'DEGRADED'],
    ['RUNNING', ['RESTARTING'], 'DEGRADED'],
    // Tasks still paused right after a resume: in transition, not healthy.
    ['RUNNING', ['PAUSED'], 'DEGRADED'],
  ])('%s with tasks %j → %s', (state, tasks, expected) => {
    expect(health(state, tasks)).toBe(expected);
  });
});

describe('isProblem', () => {
  const row = (state: ConnectorState, tasks: ConnectorState[]) => ({
    state,
    tasks: tasks.map((s) => ({ state: s })),
  });

  it('keeps everything that is not RUNNING throughout', () => {
    expect(isProblem(row('RUNNING', ['RUNNING', 'RUNNING']))).toBe(false);
    expect(isProblem(row('RUNNING', []))).toBe(false);
    expect(isProblem(row('PAUSED', ['PAUSED']))).toBe(true);
    expect(isProblem(row('STOPPED', []))).toBe(true);
    expect(isProblem(row('FAILED', []))).toBe(true);
    expect(isProblem(row('RUNNING', ['RUNNING', 'FAILED']))).toBe(true);
    expect(isProblem(row('RUNNING', ['UNASSIGNED']))).toBe(true);
  });
});
