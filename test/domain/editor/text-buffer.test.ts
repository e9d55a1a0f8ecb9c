import { describe, expect, it } from 'vitest';
import {
  createTextBuffer,
  normalizeText,
  type TextBuffer,
  type TextBufferAction,
  textBufferReducer,
  textOf,
  UNDO_LIMIT,
} from '../../../src/domain/editor/text-buffer.js';

// Buffers are written with `|` where the cursor is, so each test reads as before → after.
function buf(marked: string): TextBuffer {
  const at = marked.indexOf('|');
  const before = marked.slice(0, at);
  const row = before.split('\n').length - 1;
  const col = Array.from(before.split('\n')[row]!).length;
  return { ...createTextBuffer(marked.replace('|', '')), cursor: { row, col } };
}

function show(b: TextBuffer): string {
  return b.lines
    .map((line, row) => {
      if (row !== b.cursor.row) return line;
      const chars = Array.from(line);
      return [...chars.slice(0, b.cursor.col), '|', ...chars.slice(b.cursor.col)].join('');
    })
    .join('\n');
}

const run = (b: TextBuffer, ...actions: TextBufferAction[]) => actions.reduce(textBufferReducer, b);
const type = (text: string): TextBufferAction[] =>
  Array.from(text).map((ch) => ({ type: 'insert', text: ch }));
const undo: TextBufferAction = { type: 'undo' };
const redo: TextBufferAction = { type: 'redo' };
const move = (to: Extract<TextBufferAction, { type: 'move' }>['to']): TextBufferAction => ({
  type: 'move',
  to,
});

describe('createTextBuffer', () => {
  it('starts with the cursor at the top and nothing to undo', () => {
    const b = createTextBuffer('{\n  "a": "b"\n}');
    expect(b.lines).toEqual(['{', '  "a": "b"', '}']);
    expect(b.cursor).toEqual({ row: 0, col: 0 });
    expect(b.undoStack).toEqual([]);
  });

  it('an empty text is one empty line', () => {
    expect(createTextBuffer('').lines).toEqual(['']);
  });

  it('takes CRLF and CR as line breaks and drops control characters other than tab', () => {
    expect(normalizeText('a\r\nb\rc\u001b[31md\u0007\te\u007f')).toBe('a\nb\nc[31md\te');
  });
});

describe('typing and deleting', () => {
  it('inserts at the cursor', () => {
    expect(show(run(buf('ab|c'), ...type('XY')))).toBe('abXY|c');
  });

  it('handles a typed chunk of several characters at once (fast typing over SSH)', () => {
    expect(show(run(buf('|'), { type: 'insert', text: 'abc' }))).toBe('abc|');
  });

  it('counts columns in code points: Hangul and emoji move by one', () => {
    let b = run(buf('|'), ...type('한글😀x'));
    expect(b.cursor.col).toBe(4);
    b = run(b, move('left'), move('left'));
    expect(show(b)).toBe('한글|😀x');
    b = run(b, { type: 'backspace' });
    expect(show(b)).toBe('한|😀x');
    b = run(b, { type: 'delete' });
    expect(show(b)).toBe('한|x');
  });

  it('inserts a text with newlines as several lines', () => {
    expect(show(run(buf('a|b'), { type: 'insert', text: 'x\ny\nz' }))).toBe('ax\ny\nz|b');
  });

  it('Enter splits the line and keeps the indentation', () => {
    expect(show(run(buf('  "a": "b",|'), { type: 'newline' }))).toBe('  "a": "b",\n  |');
  });

  it('Enter inside the indentation indents only up to the cursor', () => {
    expect(show(run(buf(' |   x'), { type: 'newline' }))).toBe(' \n |   x');
  });

  it('Backspace at the start of a line joins it to the previous one', () => {
    expect(show(run(buf('ab\n|cd'), { type: 'backspace' }))).toBe('ab|cd');
  });

  it('Delete at the end of a line joins the next one', () => {
    expect(show(run(buf('ab|\ncd'), { type: 'delete' }))).toBe('ab|cd');
  });

  it('Backspace at the start and Delete at the end of the text change nothing', () => {
    const start = buf('|ab');
    expect(run(start, { type: 'backspace' })).toBe(start);
    const end = buf('ab|');
    expect(run(end, { type: 'delete' })).toBe(end);
  });

  it('deletes the word before the cursor (Ctrl-W)', () => {
    expect(show(run(buf('"connection.password|"'), { type: 'delete-word-left' }))).toBe('"connection.|"');
  });

  it('deletes to the end of the line, or joins the next line at its end (Ctrl-K)', () => {
    expect(show(run(buf('ab|cd\nef'), { type: 'delete-to-line-end' }))).toBe('ab|\nef');
    expect(show(run(buf('ab|\nef'), { type: 'delete-to-line-end' }))).toBe('ab|ef');
  });

  it('paste inserts the text verbatim, without auto-indent', () => {
    const pasted = run(buf('  |'), { type: 'paste', text: '"a": "1",\r\n"b": "2"' });
    expect(show(pasted)).toBe('  "a": "1",\n"b": "2"|');
  });
});

describe('moving', () => {
  it('left and right cross line ends', () => {
    expect(show(run(buf('ab\n|cd'), move('left')))).toBe('ab|\ncd');
    expect(show(run(buf('ab|\ncd'), move('right')))).toBe('ab\n|cd');
    expect(show(run(buf('|ab'), move('left')))).toBe('|ab');
    expect(show(run(buf('ab|'), move('right')))).toBe('ab|');
  });

  it('up and down keep the column across a shorter line', () => {
    let b = buf('abcdef|\nab\nabcdefgh');
    b = run(b, move('down'));
    expect(show(b)).toBe('abcdef\nab|\nabcdefgh');
    b = run(b, move('down'));
    expect(show(b)).toBe('abcdef\nab\nabcdef|gh');
  });

  it('up and down keep the screen column over wide characters', () => {
    // After 한글 the cursor is at cell 4; on the ASCII line below that is column 4.
    expect(show(run(buf('한글|\nabcdef'), move('down')))).toBe('한글\nabcd|ef');
    // Cell 3 falls in the middle of 글: the cursor stays before it.
    expect(show(run(buf('abc|\n한글'), move('down')))).toBe('abc\n한|글');
  });

  it('up on the first line goes to its start, down on the last to its end', () => {
    expect(show(run(buf('ab|c\nd'), move('up')))).toBe('|abc\nd');
    expect(show(run(buf('a\nb|cd'), move('down')))).toBe('a\nbcd|');
  });

  it('moves by word over punctuation, Emacs-style', () => {
    const line = '  "connection.password": "s3cret",';
    let b = buf(`|${line}`);
    const stops: number[] = [];
    for (let i = 0; i < 4; i++) {
      b = run(b, move('word-right'));
      stops.push(b.cursor.col);
    }
    expect(stops).toEqual([13, 22, 32, 34]);
    b = run(b, move('word-left'));
    expect(b.cursor.col).toBe(26);
    b = run(b, move('word-left'));
    expect(b.cursor.col).toBe(14);
  });

  it('moves by word across line ends and through Hangul', () => {
    expect(show(run(buf('ab|\ncd'), move('word-right')))).toBe('ab\n|cd');
    expect(show(run(buf('ab\n|cd'), move('word-left')))).toBe('ab|\ncd');
    expect(show(run(buf('|"이름": "값"'), move('word-right')))).toBe('"이름|": "값"');
  });

  it('Home goes to the indentation first, then to column 0', () => {
    let b = run(buf('    "a": "b"|'), move('line-start'));
    expect(b.cursor.col).toBe(4);
    b = run(b, move('line-start'));
    expect(b.cursor.col).toBe(0);
    b = run(b, move('line-start'));
    expect(b.cursor.col).toBe(4);
    expect(run(buf('   |  '), move('line-start')).cursor.col).toBe(0);
  });

  it('End, buffer start and buffer end', () => {
    expect(show(run(buf('|abc\nde'), move('line-end')))).toBe('abc|\nde');
    expect(show(run(buf('abc\nd|e'), move('buffer-start')))).toBe('|abc\nde');
    expect(show(run(buf('a|bc\nde'), move('buffer-end')))).toBe('abc\nde|');
  });

  it('pages by the given size, keeping the column, and stops at the ends', () => {
    const text = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    let b = run(
      { ...createTextBuffer(text), cursor: { row: 0, col: 3 } },
      { type: 'page', direction: 'down', size: 10 },
    );
    expect(b.cursor).toEqual({ row: 10, col: 3 });
    b = run(b, { type: 'page', direction: 'down', size: 25 });
    expect(b.cursor).toEqual({ row: 29, col: 3 });
    b = run(b, { type: 'page', direction: 'up', size: 10 });
    expect(b.cursor).toEqual({ row: 19, col: 3 });
    b = run(b, { type: 'page', direction: 'up', size: 100 });
    expect(b.cursor).toEqual({ row: 0, col: 3 });
  });
});

describe('undo and redo', () => {
  it('takes back typing a word at a time', () => {
    let b = run(buf('|'), ...type('hello world'));
    expect(b.undoStack).toHaveLength(2);
    b = run(b, undo);
    expect(show(b)).toBe('hello |');
    b = run(b, undo);
    expect(show(b)).toBe('|');
    b = run(b, redo, redo);
    expect(show(b)).toBe('hello world|');
  });

  it('a cursor move ends the typing step', () => {
    const b = run(buf('|'), ...type('ab'), move('left'), move('right'), ...type('cd'));
    expect(textOf(run(b, undo))).toBe('ab');
  });

  it('a run of Backspaces is one step, and so is a run of Deletes', () => {
    const back = run(buf('abcdef|'), { type: 'backspace' }, { type: 'backspace' }, { type: 'backspace' });
    expect(show(back)).toBe('abc|');
    expect(show(run(back, undo))).toBe('abcdef|');
    const del = run(buf('|abcdef'), { type: 'delete' }, { type: 'delete' });
    expect(show(run(del, undo))).toBe('|abcdef');
  });

  it('typing after Backspace is a new step', () => {
    const b = run(buf('abc|'), { type: 'backspace' }, ...type('X'));
    expect(show(run(b, undo))).toBe('ab|');
    expect(show(run(b, undo, undo))).toBe('abc|');
  });

  it('a paste is one step however long, and does not join the typing before it', () => {
    const pasted = 'x'.repeat(5000);
    const b = run(buf('|'), ...type('ab'), { type: 'paste', text: pasted });
    expect(textOf(b)).toBe(`ab${pasted}`);
    expect(textOf(run(b, undo))).toBe('ab');
    expect(textOf(run(b, undo, undo))).toBe('');
  });

  it('typing after a paste is a new step', () => {
    const b = run(buf('|'), { type: 'paste', text: 'ab' }, ...type('c'));
    expect(textOf(run(b, undo))).toBe('ab');
  });

  it('Enter is a step of its own', () => {
    const b = run(buf('|'), ...type('ab'), { type: 'newline' }, ...type('cd'));
    expect(textOf(run(b, undo))).toBe('ab\n');
    expect(textOf(run(b, undo, undo))).toBe('ab');
  });

  it('undo puts the cursor back where it was before the step', () => {
    const b = run(buf('ab|cd'), ...type('XY'), move('buffer-end'));
    expect(show(run(b, undo))).toBe('ab|cd');
  });

  it('an edit after undo clears the redo stack', () => {
    const b = run(buf('|'), ...type('a '), ...type('b'), undo, ...type('c'));
    expect(textOf(b)).toBe('a c');
    expect(run(b, redo)).toBe(b);
  });

  it('undo and redo with nothing to take back change nothing', () => {
    const b = buf('a|');
    expect(run(b, undo)).toBe(b);
    expect(run(b, redo)).toBe(b);
  });

  it(`keeps at most ${UNDO_LIMIT} steps, dropping the oldest`, () => {
    let b = buf('|');
    for (let i = 0; i < UNDO_LIMIT + 10; i++) b = run(b, { type: 'paste', text: 'x' });
    expect(b.undoStack).toHaveLength(UNDO_LIMIT);
    for (let i = 0; i < UNDO_LIMIT; i++) b = run(b, undo);
    expect(textOf(b)).toBe('x'.repeat(10));
  });
});

describe('set-text', () => {
  it('replaces the text as one undoable step and keeps the cursor in range', () => {
    const before = buf('{\n  "a": "b"|\n}');
    const b = run(before, { type: 'set-text', text: '{}' });
    expect(show(b)).toBe('{}|');
    const back = run(b, undo);
    expect(textOf(back)).toBe(textOf(before));
    expect(back.cursor).toEqual(before.cursor);
  });

  it('setting the same text is not a step', () => {
    const b = buf('a|b');
    expect(run(b, { type: 'set-text', text: 'ab' })).toBe(b);
  });
});

describe('pasting a whole config', () => {
  it('takes a 500-line config as one edit that one undo takes back', () => {
    const lines = ['{', ...Array.from({ length: 498 }, (_, i) => `  "key.${i}": "value ${i}",`), '}'];
    const config = lines.join('\n');
    const start = run(buf('|'), ...type('x'));
    const pasted = run(start, { type: 'paste', text: config });
    expect(pasted.lines).toHaveLength(500);
    expect(textOf(pasted)).toBe(`x${config}`);
    expect(pasted.cursor).toEqual({ row: 499, col: 1 });
    const undone = run(pasted, { type: 'undo' });
    expect(textOf(undone)).toBe('x');
    expect(textOf(run(undone, { type: 'redo' }))).toBe(`x${config}`);
  });
});
