import { describe, expect, it } from 'vitest';
import { buildSnapshot, type ConnectorRow } from '../../src/domain/snapshot.js';
import { SORT_KEYS, sortRows, stateRank } from '../../src/domain/sort.js';
import { listing } from './builders.js';

const rows = buildSnapshot(
  listing({
    'h-2': { type: 'source' },
    'h-10': { type: 'sink' },
    failed: { state: 'FAILED', tasks: [] },
    degraded: { tasks: ['RUNNING', 'FAILED', 'FAILED'], type: 'source' },
    degraded1: { tasks: ['RUNNING', 'FAILED'] },
    unassigned: { tasks: ['UNASSIGNED'] },
    restarting: { tasks: ['RESTARTING'] },
    paused: { state: 'PAUSED', tasks: ['PAUSED'] },
    stopped: { state: 'STOPPED', tasks: [] },
  }),
  0,
).rows;

const names = (rs: ConnectorRow[]) => rs.map((r) => r.name);

describe('sortRows', () => {
  it('by name: numeric-aware, reversible', () => {
    expect(names(sortRows(rows, 'name'))).toEqual([
      'degraded',
      'degraded1',
      'failed',
      'h-2',
      'h-10',
      'paused',
      'restarting',
      'stopped',
      'unassigned',
    ]);
    expect(names(sortRows(rows, 'name', 'desc'))).toEqual(names(sortRows(rows, 'name')).reverse());
  });

  it('by state: problems first, ties by name', () => {
    expect(names(sortRows(rows, 'state'))).toEqual([
      'failed',
      'degraded',
      'degraded1',
      'unassigned',
      'restarting',
      'paused',
      'stopped',
      'h-2',
      'h-10',
    ]);
  });

  it('descending reverses the key but not the name tie-break', () => {
    expect(names(sortRows(rows, 'state', 'desc')).slice(0, 3)).toEqual(['h-2', 'h-10', 'stopped']);
    expect(names(sortRows(rows, 'state', 'desc')).slice(-3)).toEqual(['degraded', 'degraded1', 'failed']);
  });

  it('by failed tasks: most first, then name', () => {
    expect(names(sortRows(rows, 'failed')).slice(0, 3)).toEqual(['degraded', 'degraded1', 'failed']);
    expect(names(sortRows(rows, 'failed', 'desc')).slice(-2)).toEqual(['degraded1', 'degraded']);
  });

  it('by type, then name', () => {
    expect(names(sortRows(rows, 'type')).slice(-2)).toEqual(['degraded', 'h-2']);
  });

  it('leaves the input alone', () => {
    const before = names(rows);
    for (const key of SORT_KEYS) sortRows(rows, key, 'desc');
    expect(names(rows)).toEqual(before);
  });
});

describe('stateRank', () => {
  it('separates restarting from real degradation', () => {
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(stateRank(byName.get('restarting')!)).toBe('RESTARTING');
    expect(stateRank(byName.get('degraded')!)).toBe('DEGRADED');
    expect(stateRank(byName.get('h-2')!)).toBe('HEALTHY');
  });
});
