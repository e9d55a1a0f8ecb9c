import { describe, expect, it } from 'vitest';
import { diffSnapshots, isEmptyDiff, touchedNames } from '../../src/domain/diff.js';
import { buildSnapshot } from '../../src/domain/snapshot.js';
import { type ConnectorSpec, listing } from './builders.js';

const snap = (specs: Record<string, ConnectorSpec>) => buildSnapshot(listing(specs), 0);

describe('diffSnapshots', () => {
  it('reports every row as added when there is no previous snapshot', () => {
    expect(diffSnapshots(undefined, snap({ b: {}, a: {} }))).toEqual({
      added: ['a', 'b'],
      removed: [],
      changed: [],
    });
  });

  it('is empty for an identical poll, even though every object is new', () => {
    const d = diffSnapshots(snap({ a: {}, b: { state: 'PAUSED' } }), snap({ a: {}, b: { state: 'PAUSED' } }));
    expect(isEmptyDiff(d)).toBe(true);
  });

  it('tells added, removed and changed apart', () => {
    const before = snap({ a: {}, b: {}, c: { tasks: ['RUNNING'] }, d: {} });
    const after = snap({
      a: {},
      c: { tasks: ['FAILED'] },
      d: { config: { 'connector.class': 'X', topics: 'new' } },
      e: {},
    });
    expect(diffSnapshots(before, after)).toEqual({ added: ['e'], removed: ['b'], changed: ['c', 'd'] });
  });

  it('sees a removal even when the row count is unchanged', () => {
    expect(diffSnapshots(snap({ a: {}, b: {} }), snap({ a: {}, c: {} }))).toEqual({
      added: ['c'],
      removed: ['b'],
      changed: [],
    });
  });

  it('sees a task moving to another worker', () => {
    const d = diffSnapshots(
      snap({ a: { tasks: [{ state: 'RUNNING', worker: 'w1' }] } }),
      snap({ a: { tasks: [{ state: 'RUNNING', worker: 'w2' }] } }),
    );
    expect(d.changed).toEqual(['a']);
  });

  it('touchedNames is the added and changed rows', () => {
    expect([...touchedNames({ added: ['x'], removed: ['y'], changed: ['z'] })].sort()).toEqual(['x', 'z']);
  });
});
