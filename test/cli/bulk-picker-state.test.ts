import { describe, expect, it } from 'vitest';
import { fuzzyFilter } from '../../src/domain/fuzzy.js';
import { normalizeKeys } from '../../src/tui/keys.js';
import {
  type ConfirmMode,
  initialPickerState,
  type PickerState,
  pickerReducer,
} from '../../src/tui/picker/picker-state.js';

const NAMES = ['orders-sink', 'orders-source', 'payments-sink', 'users-sink', 'inventory'];

/** Feeds keys the way a terminal sends them: text and escape sequences as Ink parses them. */
function press(mode: ConfirmMode, ...keys: string[]): PickerState {
  const reduce = pickerReducer({
    names: NAMES,
    filter: (q) => fuzzyFilter(NAMES, q, (n) => n).map((m) => m.item),
    confirm: mode,
    contextName: 'prod',
  });
  let state = initialPickerState;
  for (const k of keys) {
    const events =
      k === 'up' || k === 'down' || k === 'escape' || k === 'enter' || k === 'tab' || k === 'backspace'
        ? [{ name: k, text: '' }]
        : k.startsWith('ctrl+')
          ? [{ name: k, text: '' }]
          : normalizeKeys(k, {} as Parameters<typeof normalizeKeys>[1]);
    for (const key of events) state = reduce(state, { key, pageSize: 10 });
  }
  return state;
}

describe('picker state', () => {
  it('typing narrows the list and Enter acts on the highlighted row after the confirm', () => {
    const s = press('yes-no', 'pay', 'enter');
    expect(s.mode).toBe('confirm');
    expect(s.targets).toEqual(['payments-sink']);
    expect(press('yes-no', 'pay', 'enter', 'y').done).toEqual({
      kind: 'confirmed',
      names: ['payments-sink'],
    });
  });

  it('Space and Tab mark and move down; Enter acts on the marked set in list order', () => {
    const s = press('yes-no', 'sink', ' ', 'tab', 'enter');
    expect(s.targets).toHaveLength(2);
    // Whatever the match order, the action runs in the list's order.
    expect(s.targets).toEqual(NAMES.filter((n) => s.marks.has(n)));
  });

  it('a fast-typed chunk counts every key: "ord" then Space then Enter in one go', () => {
    expect(press('none', 'ord \r').done).toEqual({ kind: 'confirmed', names: ['orders-sink'] });
  });

  it('Space on a marked row unmarks it; Ctrl-A marks everything shown, again unmarks', () => {
    expect(press('none', ' ', 'up', ' ').marks.size).toBe(0);
    expect(press('none', 'sink', 'ctrl+a').marks).toEqual(
      new Set(['orders-sink', 'payments-sink', 'users-sink']),
    );
    expect(press('none', 'sink', 'ctrl+a', 'ctrl+a').marks.size).toBe(0);
  });

  it('the confirm defaults to Cancel: Enter, n and Esc go back to the list with the marks kept', () => {
    for (const key of ['enter', 'n', 'escape']) {
      const s = press('yes-no', ' ', 'enter', key);
      expect(s.mode).toBe('list');
      expect(s.done).toBeUndefined();
      expect(s.marks.size).toBe(1);
    }
  });

  it('a production delete needs the context name typed exactly', () => {
    const wrong = press('type-name', 'enter', 'y', 'enter');
    expect(wrong.done).toBeUndefined();
    expect(wrong.message).toContain('not "prod"');
    expect(press('type-name', 'enter', 'prod', 'enter').done).toEqual({
      kind: 'confirmed',
      names: ['orders-sink'],
    });
    expect(press('type-name', 'enter', 'prox', 'backspace', 'd', 'enter').done?.kind).toBe('confirmed');
  });

  it('Esc in the list and Ctrl-C anywhere abort', () => {
    expect(press('yes-no', 'escape').done).toEqual({ kind: 'aborted' });
    expect(press('yes-no', 'enter', 'ctrl+c').done).toEqual({ kind: 'aborted' });
    expect(press('type-name', 'enter', 'ctrl+c').done).toEqual({ kind: 'aborted' });
  });

  it('Enter with no match and nothing marked does nothing but say so', () => {
    const s = press('none', 'zzzz', 'enter');
    expect(s.done).toBeUndefined();
    expect(s.message).toMatch(/nothing to act on/);
  });

  it('the cursor stays within the filtered list', () => {
    expect(press('none', 'up', 'up').cursor).toBe(0);
    expect(press('none', 'sink', 'down', 'down', 'down', 'down').cursor).toBe(2);
    expect(press('none', 'down', 'down', 'x').cursor).toBe(0);
  });
});
