// The picker's state as a pure reducer over key events: typing narrows the list, Space/Tab mark,
// Enter acts on the marked set (or the highlighted row), then a confirm whose default is Cancel.
// Pure so that a chunk of fast-typed keys ("ab\r") is applied one key at a time, each on the last
// state, and so that it is testable without a terminal.
import type { KeyEvent } from '../keys.js';

export type ConfirmMode = 'none' | 'yes-no' | 'type-name';

export type PickerResult = { kind: 'confirmed'; names: string[] } | { kind: 'aborted' };

export interface PickerState {
  query: string;
  /** Index into the filtered list. */
  cursor: number;
  marks: ReadonlySet<string>;
  mode: 'list' | 'confirm';
  /** What Enter chose, waiting for the confirm. */
  targets: readonly string[];
  /** Typed text for a production delete's type-the-name confirm. */
  typed: string;
  /** One line for the user (e.g. "the name does not match"). */
  message?: string;
  done?: PickerResult;
}

export interface PickerConfig {
  /** All names, in display order (the order actions run in). */
  names: readonly string[];
  /** The names shown for a query, best match first. */
  filter: (query: string) => readonly string[];
  confirm: ConfirmMode;
  /** What must be typed in 'type-name' mode. */
  contextName: string;
}

export const initialPickerState: PickerState = {
  query: '',
  cursor: 0,
  marks: new Set(),
  mode: 'list',
  targets: [],
  typed: '',
};

export function pickerReducer(config: PickerConfig) {
  return (state: PickerState, action: { key: KeyEvent; pageSize: number }): PickerState => {
    if (state.done) return state;
    const { key } = action;
    if (key.name === 'ctrl+c') return { ...state, done: { kind: 'aborted' } };
    return state.mode === 'list'
      ? listKey(config, state, key, Math.max(1, action.pageSize))
      : confirmKey(config, state, key);
  };
}

function listKey(config: PickerConfig, state: PickerState, key: KeyEvent, page: number): PickerState {
  const visible = config.filter(state.query);
  const last = visible.length - 1;
  const move = (to: number): PickerState => ({ ...state, cursor: clamp(to, last), message: undefined });
  const current = visible[state.cursor];
  switch (key.name) {
    case 'escape':
      return { ...state, done: { kind: 'aborted' } };
    case 'up':
    case 'ctrl+p':
    case 'ctrl+k':
      return move(state.cursor - 1);
    case 'down':
    case 'ctrl+n':
    case 'ctrl+j':
      return move(state.cursor + 1);
    case 'pageup':
      return move(state.cursor - page);
    case 'pagedown':
      return move(state.cursor + page);
    case 'home':
      return move(0);
    case 'end':
      return move(last);
    case 'space':
    case 'tab':
      return current === undefined
        ? state
        : { ...toggled(state, [current]), cursor: clamp(state.cursor + 1, last) };
    case 'shift+tab':
      return current === undefined
        ? state
        : { ...toggled(state, [current]), cursor: clamp(state.cursor - 1, last) };
    case 'ctrl+a':
      return toggled(state, visible);
    case 'backspace':
    case 'delete':
      return withQuery(state, [...state.query].slice(0, -1).join(''));
    case 'ctrl+u':
      return withQuery(state, '');
    case 'ctrl+w':
      return withQuery(state, state.query.replace(/\S*\s*$/, ''));
    case 'enter':
      return chooseTargets(config, state, current);
    default:
      return key.text === '' ? state : withQuery(state, state.query + key.text);
  }
}

/** The marked set in list order, else the highlighted row; then the confirm (or done). */
function chooseTargets(config: PickerConfig, state: PickerState, current: string | undefined): PickerState {
  const targets =
    state.marks.size > 0 ? config.names.filter((n) => state.marks.has(n)) : current ? [current] : [];
  if (targets.length === 0)
    return { ...state, message: 'nothing to act on: no row matches and nothing is marked' };
  if (config.confirm === 'none') return { ...state, targets, done: { kind: 'confirmed', names: targets } };
  return { ...state, mode: 'confirm', targets, typed: '', message: undefined };
}

function confirmKey(config: PickerConfig, state: PickerState, key: KeyEvent): PickerState {
  const back: PickerState = { ...state, mode: 'list', targets: [], typed: '', message: undefined };
  const confirmed: PickerState = { ...state, done: { kind: 'confirmed', names: [...state.targets] } };
  if (config.confirm === 'type-name') {
    switch (key.name) {
      case 'escape':
        return back;
      case 'enter':
        return state.typed === config.contextName
          ? confirmed
          : { ...state, message: `that is not "${config.contextName}"; type it exactly, or Esc to go back` };
      case 'backspace':
      case 'delete':
        return { ...state, typed: [...state.typed].slice(0, -1).join(''), message: undefined };
      case 'ctrl+u':
        return { ...state, typed: '', message: undefined };
      default:
        return key.text === '' ? state : { ...state, typed: state.typed + key.text, message: undefined };
    }
  }
  // y/N: only "y" goes ahead; Enter takes the default, Cancel.
  if (key.name === 'y' || key.name === 'Y') return confirmed;
  if (
    key.name === 'n' ||
    key.name === 'N' ||
    key.name === 'escape' ||
    key.name === 'enter' ||
    key.name === 'q'
  ) {
    return back;
  }
  return state;
}

function toggled(state: PickerState, names: readonly string[]): PickerState {
  const marks = new Set(state.marks);
  // Like `a` in the console: mark all given, or unmark them when all are marked already.
  const allMarked = names.length > 0 && names.every((n) => marks.has(n));
  for (const n of names) {
    if (allMarked) marks.delete(n);
    else marks.add(n);
  }
  return { ...state, marks, message: undefined };
}

function withQuery(state: PickerState, query: string): PickerState {
  return query === state.query ? state : { ...state, query, cursor: 0, message: undefined };
}

function clamp(i: number, last: number): number {
  return Math.max(0, Math.min(i, last));
}
