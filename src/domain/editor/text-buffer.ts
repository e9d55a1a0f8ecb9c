// The editor's text as a pure reducer: lines, a cursor in code points, and undo/redo. The view turns
// keys into actions and draws the state; nothing here knows about the terminal (see columns.ts for
// screen cells and scrolling).
//
// Undo steps — what one undo takes back:
//   - typing joins the step before it while the cursor has not moved in between, except that a word
//     typed after a space starts a new step (undo takes back a word at a time, as editors do);
//   - a run of Backspaces is one step, and so is a run of forward Deletes;
//   - Enter, a paste (however long; bracketed paste arrives as one action), a typed chunk containing a
//     newline, word/line deletions and set-text are each a step of their own;
//   - any cursor movement, undo or redo ends the current step.
// There is no time-based grouping: the reducer is pure and never reads the clock.
import { codePointLength, codePointSlice, columnAtDisplay, displayColumn } from './columns.js';

export interface Cursor {
  readonly row: number;
  /** In code points. */
  readonly col: number;
}

export interface BufferSnapshot {
  readonly lines: readonly string[];
  readonly cursor: Cursor;
}

/** The kind of the last edit, so the next edit of the same kind can join its undo step. */
export type EditKind = 'type-word' | 'type-space' | 'backspace' | 'delete';

export interface TextBuffer {
  /** Never empty: an empty text is one empty line. */
  readonly lines: readonly string[];
  readonly cursor: Cursor;
  /**
   * The screen column vertical moves aim for, kept across short lines so the cursor comes back to
   * where it was on a longer one. Cells, not code points, so it keeps its place over wide characters.
   */
  readonly goalColumn: number | undefined;
  /** Oldest first; each entry is the text and cursor before an undo step. */
  readonly undoStack: readonly BufferSnapshot[];
  readonly redoStack: readonly BufferSnapshot[];
  readonly lastEdit: EditKind | undefined;
}

/** Undo steps kept; the oldest are dropped beyond it. */
export const UNDO_LIMIT = 500;

export type Motion =
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'word-left'
  | 'word-right'
  | 'line-start'
  | 'line-end'
  | 'buffer-start'
  | 'buffer-end';

export type TextBufferAction =
  /** Typed text. A chunk with a newline in it is taken as a paste. */
  | { type: 'insert'; text: string }
  /** Enter: a new line indented like the current one. */
  | { type: 'newline' }
  | { type: 'backspace' }
  /** Forward delete; at the end of a line, joins the next line. */
  | { type: 'delete' }
  /** Ctrl-W / Alt-Backspace. */
  | { type: 'delete-word-left' }
  /** Ctrl-K; at the end of a line, joins the next line. */
  | { type: 'delete-to-line-end' }
  | { type: 'move'; to: Motion }
  /** Moves `size` rows (the view's visible height), keeping the screen column. */
  | { type: 'page'; direction: 'up' | 'down'; size: number }
  /** A whole pasted text, inserted verbatim (no auto-indent) as one undo step. */
  | { type: 'paste'; text: string }
  /** Replaces the whole text (e.g. coming back from $EDITOR) as one undo step; the cursor stays put. */
  | { type: 'set-text'; text: string }
  | { type: 'undo' }
  | { type: 'redo' };

export function createTextBuffer(text = ''): TextBuffer {
  return {
    lines: normalizeText(text).split('\n'),
    cursor: { row: 0, col: 0 },
    goalColumn: undefined,
    undoStack: [],
    redoStack: [],
    lastEdit: undefined,
  };
}

export function textOf(buffer: TextBuffer): string {
  return buffer.lines.join('\n');
}

/**
 * Line breaks become `\n` (the buffer is a list of lines), and other control characters are dropped:
 * JSON never allows them unescaped, and a pasted escape sequence would otherwise reach the terminal
 * when the line is drawn. Tabs stay (see `displayText`).
 */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

export function textBufferReducer(state: TextBuffer, action: TextBufferAction): TextBuffer {
  switch (action.type) {
    case 'insert':
      return insertTyped(state, normalizeText(action.text));
    case 'paste':
      return edit(state, state.cursor, state.cursor, normalizeText(action.text), undefined, false);
    case 'newline': {
      const before = codePointSlice(lineAt(state, state.cursor.row), 0, state.cursor.col);
      const indent = /^[ \t]*/.exec(before)![0];
      return edit(state, state.cursor, state.cursor, `\n${indent}`, undefined, false);
    }
    case 'backspace': {
      const from = stepLeft(state.lines, state.cursor);
      return edit(state, from, state.cursor, '', 'backspace', state.lastEdit === 'backspace');
    }
    case 'delete': {
      const to = stepRight(state.lines, state.cursor);
      return edit(state, state.cursor, to, '', 'delete', state.lastEdit === 'delete');
    }
    case 'delete-word-left':
      return edit(state, wordLeft(state.lines, state.cursor), state.cursor, '', undefined, false);
    case 'delete-to-line-end': {
      const { row, col } = state.cursor;
      const end = codePointLength(lineAt(state, row));
      const to = col < end ? { row, col: end } : stepRight(state.lines, state.cursor);
      return edit(state, state.cursor, to, '', undefined, false);
    }
    case 'move':
      return move(state, action.to);
    case 'page':
      return vertical(state, (action.direction === 'up' ? -1 : 1) * Math.max(1, Math.floor(action.size)));
    case 'set-text':
      return setText(state, normalizeText(action.text));
    case 'undo':
      return travel(state, state.undoStack, state.redoStack, 'undo');
    case 'redo':
      return travel(state, state.redoStack, state.undoStack, 'redo');
  }
}

// --- edits -----------------------------------------------------------------------------------------

const isSpace = (ch: string): boolean => /\s/u.test(ch);

function insertTyped(state: TextBuffer, text: string): TextBuffer {
  if (text.includes('\n')) return edit(state, state.cursor, state.cursor, text, undefined, false);
  const chars = Array.from(text);
  const first = chars[0];
  const last = chars[chars.length - 1];
  if (first === undefined || last === undefined) return state;
  const typing = state.lastEdit === 'type-word' || state.lastEdit === 'type-space';
  const startsWord = !isSpace(first) && state.lastEdit === 'type-space';
  return edit(
    state,
    state.cursor,
    state.cursor,
    text,
    isSpace(last) ? 'type-space' : 'type-word',
    typing && !startsWord,
  );
}

/** Replaces the text between `from` and `to` (from ≤ to) with `text`; the cursor ends after it. */
function edit(
  state: TextBuffer,
  from: Cursor,
  to: Cursor,
  text: string,
  kind: EditKind | undefined,
  joinsLastStep: boolean,
): TextBuffer {
  if (text === '' && from.row === to.row && from.col === to.col) return state;
  const head = codePointSlice(lineAt(state, from.row), 0, from.col);
  const tail = codePointSlice(lineAt(state, to.row), to.col);
  const inserted = text.split('\n');
  const lastIndex = inserted.length - 1;
  const middle = inserted.map((part, i) => (i === 0 ? head : '') + part + (i === lastIndex ? tail : ''));
  const lines = [...state.lines.slice(0, from.row), ...middle, ...state.lines.slice(to.row + 1)];
  const lastPart = inserted[lastIndex]!;
  const col = (lastIndex === 0 ? from.col : 0) + codePointLength(lastPart);
  return {
    lines,
    cursor: { row: from.row + lastIndex, col },
    goalColumn: undefined,
    undoStack:
      joinsLastStep && state.undoStack.length > 0 ? state.undoStack : pushStep(state.undoStack, state),
    redoStack: [],
    lastEdit: kind,
  };
}

function setText(state: TextBuffer, text: string): TextBuffer {
  if (text === textOf(state)) return state;
  const lines = text.split('\n');
  const row = Math.min(state.cursor.row, lines.length - 1);
  const col = Math.min(state.cursor.col, codePointLength(lines[row]!));
  return {
    lines,
    cursor: { row, col },
    goalColumn: undefined,
    undoStack: pushStep(state.undoStack, state),
    redoStack: [],
    lastEdit: undefined,
  };
}

function pushStep(stack: readonly BufferSnapshot[], state: TextBuffer): readonly BufferSnapshot[] {
  const next = [...stack, { lines: state.lines, cursor: state.cursor }];
  return next.length > UNDO_LIMIT ? next.slice(next.length - UNDO_LIMIT) : next;
}

/** Undo pops `from` and pushes the current text on `to`; redo is the same with the stacks swapped. */
function travel(
  state: TextBuffer,
  from: readonly BufferSnapshot[],
  to: readonly BufferSnapshot[],
  direction: 'undo' | 'redo',
): TextBuffer {
  const target = from[from.length - 1];
  if (!target) return state;
  const rest = from.slice(0, -1);
  const pushed = [...to, { lines: state.lines, cursor: state.cursor }];
  return {
    lines: target.lines,
    cursor: target.cursor,
    goalColumn: undefined,
    undoStack: direction === 'undo' ? rest : pushed,
    redoStack: direction === 'undo' ? pushed : rest,
    lastEdit: undefined,
  };
}

// --- movement --------------------------------------------------------------------------------------

function lineAt(state: { lines: readonly string[] }, row: number): string {
  return state.lines[row] ?? '';
}

function moved(state: TextBuffer, cursor: Cursor, goalColumn?: number): TextBuffer {
  return { ...state, cursor, goalColumn, lastEdit: undefined };
}

function move(state: TextBuffer, to: Motion): TextBuffer {
  const { lines, cursor } = state;
  const { row, col } = cursor;
  const line = lineAt(state, row);
  switch (to) {
    case 'left':
      return moved(state, stepLeft(lines, cursor));
    case 'right':
      return moved(state, stepRight(lines, cursor));
    case 'up':
      return vertical(state, -1);
    case 'down':
      return vertical(state, 1);
    case 'word-left':
      return moved(state, wordLeft(lines, cursor));
    case 'word-right':
      return moved(state, wordRight(lines, cursor));
    case 'line-start': {
      // Smart Home: first to the indentation, then to column 0 (JSON lines are indented).
      const indent = codePointLength(/^[ \t]*/.exec(line)![0]);
      const target = col === indent || indent === codePointLength(line) ? 0 : indent;
      return moved(state, { row, col: target });
    }
    case 'line-end':
      return moved(state, { row, col: codePointLength(line) });
    case 'buffer-start':
      return moved(state, { row: 0, col: 0 });
    case 'buffer-end': {
      const last = lines.length - 1;
      return moved(state, { row: last, col: codePointLength(lineAt(state, last)) });
    }
  }
}

/**
 * Moves `delta` rows keeping the goal screen column. Past the first or last line the cursor goes to
 * the start or end of the text, as in most editors.
 */
function vertical(state: TextBuffer, delta: number): TextBuffer {
  const { row, col } = state.cursor;
  const last = state.lines.length - 1;
  const target = Math.max(0, Math.min(last, row + delta));
  if (target === row) {
    const edge = delta < 0 ? 0 : codePointLength(lineAt(state, row));
    return moved(state, { row, col: edge });
  }
  const goal = state.goalColumn ?? displayColumn(lineAt(state, row), col);
  return moved(state, { row: target, col: columnAtDisplay(lineAt(state, target), goal) }, goal);
}

function stepLeft(lines: readonly string[], { row, col }: Cursor): Cursor {
  if (col > 0) return { row, col: col - 1 };
  if (row === 0) return { row, col };
  return { row: row - 1, col: codePointLength(lines[row - 1] ?? '') };
}

function stepRight(lines: readonly string[], { row, col }: Cursor): Cursor {
  if (col < codePointLength(lines[row] ?? '')) return { row, col: col + 1 };
  if (row >= lines.length - 1) return { row, col };
  return { row: row + 1, col: 0 };
}

// Words are runs of letters, digits and `_` in any script; everything else (spaces, quotes, dots,
// colons) is skipped over, Emacs-style, so `"connection.password": ` takes two steps, not six.
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}\p{M}_]/u.test(ch);

function wordLeft(lines: readonly string[], cursor: Cursor): Cursor {
  if (cursor.col === 0) return stepLeft(lines, cursor);
  const chars = Array.from(lines[cursor.row] ?? '');
  let col = cursor.col;
  while (col > 0 && !isWordChar(chars[col - 1])) col--;
  while (col > 0 && isWordChar(chars[col - 1])) col--;
  return { row: cursor.row, col };
}

function wordRight(lines: readonly string[], cursor: Cursor): Cursor {
  const chars = Array.from(lines[cursor.row] ?? '');
  if (cursor.col >= chars.length) return stepRight(lines, cursor);
  let col = cursor.col;
  while (col < chars.length && !isWordChar(chars[col])) col++;
  while (col < chars.length && isWordChar(chars[col])) col++;
  return { row: cursor.row, col };
}
