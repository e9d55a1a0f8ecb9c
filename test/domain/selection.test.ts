import { describe, expect, it } from 'vitest';
import {
  actionTargets,
  followSelection,
  hiddenMarks,
  markAll,
  pruneMarks,
  toggleMark,
} from '../../src/domain/selection.js';

describe('followSelection', () => {
  it('follows the name to its new index', () => {
    expect(followSelection('c', 2, ['c', 'a', 'b'])).toBe(0);
  });

  it('stays at the same index when the name is gone', () => {
    expect(followSelection('gone', 1, ['a', 'b', 'c'])).toBe(1);
  });

  it('clamps to the list', () => {
    expect(followSelection('gone', 5, ['a', 'b'])).toBe(1);
    expect(followSelection(undefined, -3, ['a'])).toBe(0);
  });

  it('is -1 for an empty list', () => {
    expect(followSelection('a', 0, [])).toBe(-1);
  });
});

describe('marks', () => {
  it('toggles without touching the original set', () => {
    const empty = new Set<string>();
    const one = toggleMark(empty, 'a');
    expect([...one]).toEqual(['a']);
    expect(empty.size).toBe(0);
    expect(toggleMark(one, 'a').size).toBe(0);
  });

  it('marks all shown rows, and unmarks them when all are already marked', () => {
    const marked = markAll(new Set(['x']), ['a', 'b']);
    expect([...marked].sort()).toEqual(['a', 'b', 'x']);
    // Marks outside the shown set survive the unmark.
    expect([...markAll(marked, ['a', 'b'])]).toEqual(['x']);
    // Partly marked: mark the rest.
    expect([...markAll(new Set(['a']), ['a', 'b'])].sort()).toEqual(['a', 'b']);
    expect(markAll(new Set(['x']), []).size).toBe(1);
  });

  it('prunes marks of connectors that no longer exist, returning the same set when none', () => {
    const marks = new Set(['a', 'b']);
    expect(pruneMarks(marks, new Set(['a', 'b', 'c']))).toBe(marks);
    expect([...pruneMarks(marks, new Map([['b', 1]]))]).toEqual(['b']);
    expect(marks.size).toBe(2);
  });

  it('lists marks hidden by the filter', () => {
    expect(hiddenMarks(new Set(['a', 'z']), ['a', 'b'])).toEqual(['z']);
  });

  it('acts on the marks in list order, else on the current row', () => {
    expect(actionTargets(new Set(), 'cur')).toEqual(['cur']);
    expect(actionTargets(new Set(), undefined)).toEqual([]);
    expect(actionTargets(new Set(['c', 'a', 'hidden']), 'cur', ['a', 'b', 'c'])).toEqual([
      'a',
      'c',
      'hidden',
    ]);
  });
});
