import { describe, expect, it } from 'vitest';
import {
  cellOffsets,
  codePointLength,
  codePointSlice,
  columnAtDisplay,
  displayColumn,
  displayText,
  displayWidth,
  scrollLeft,
  scrollTop,
  visibleSlice,
} from '../../../src/domain/editor/columns.js';

describe('code points', () => {
  it('counts and slices code points, not UTF-16 units', () => {
    expect('😀'.length).toBe(2);
    expect(codePointLength('a😀한')).toBe(3);
    expect(codePointSlice('a😀한b', 1, 3)).toBe('😀한');
    expect(codePointSlice('a😀한b', 2)).toBe('한b');
  });
});

describe('display width', () => {
  it('counts Hangul and emoji as two cells and a tab as one', () => {
    expect(displayWidth('ab')).toBe(2);
    expect(displayWidth('한글')).toBe(4);
    expect(displayWidth('😀')).toBe(2);
    expect(displayWidth('a\tb')).toBe(3);
    expect(displayText('a\tb')).toBe('a b');
  });

  it('places the cursor in cells before a code point column', () => {
    expect(displayColumn('a한😀b', 0)).toBe(0);
    expect(displayColumn('a한😀b', 2)).toBe(3);
    expect(displayColumn('a한😀b', 3)).toBe(5);
    expect(displayColumn('a한😀b', 99)).toBe(6);
  });

  it('counts an emoji sequence of several code points once', () => {
    const family = '👨‍👩‍👧';
    expect(codePointLength(family)).toBe(5);
    const offsets = cellOffsets(`${family}x`);
    expect(offsets).toHaveLength(7);
    expect(offsets[5]).toBe(2);
    expect(offsets[6]).toBe(3);
    expect(offsets.every((o, i) => i === 0 || o >= offsets[i - 1]!)).toBe(true);
  });

  it('finds the column at a screen cell without passing it', () => {
    expect(columnAtDisplay('a한b', 0)).toBe(0);
    expect(columnAtDisplay('a한b', 1)).toBe(1);
    expect(columnAtDisplay('a한b', 2)).toBe(1);
    expect(columnAtDisplay('a한b', 3)).toBe(2);
    expect(columnAtDisplay('a한b', 50)).toBe(3);
  });
});

describe('scrollTop', () => {
  it('keeps the window while the cursor is inside it', () => {
    expect(scrollTop(5, 7, 10, 100)).toBe(5);
    expect(scrollTop(5, 14, 10, 100)).toBe(5);
  });

  it('scrolls just enough to bring the cursor back', () => {
    expect(scrollTop(5, 15, 10, 100)).toBe(6);
    expect(scrollTop(5, 2, 10, 100)).toBe(2);
  });

  it('leaves no blank rows under the text when it would fit', () => {
    expect(scrollTop(50, 55, 10, 56)).toBe(46);
    expect(scrollTop(3, 4, 10, 5)).toBe(0);
  });

  it('copes with a window of no height', () => {
    expect(scrollTop(0, 4, 0, 10)).toBe(4);
  });
});

describe('horizontal scrolling', () => {
  it('keeps the start while the cursor fits, then scrolls to keep it on screen', () => {
    const line = 'abcdefghij';
    expect(scrollLeft(0, line, 3, 5)).toBe(0);
    // The cursor needs a cell of its own: at column 5 in 5 cells, the text before it must start at 1.
    expect(scrollLeft(0, line, 5, 5)).toBe(1);
    expect(scrollLeft(4, line, 2, 5)).toBe(2);
  });

  it('counts wide characters in cells', () => {
    // Before the cursor at column 3 are 한글한, 6 cells: from column 1, 글한 (4) and the cursor fit in 5.
    expect(scrollLeft(0, '한글한글', 3, 5)).toBe(1);
    expect(scrollLeft(0, '한글한글', 3, 4)).toBe(2);
  });

  it('slices what fits in the width without splitting a wide character', () => {
    expect(visibleSlice('abcdef', 2, 3)).toBe('cde');
    expect(visibleSlice('한글한글', 0, 5)).toBe('한글');
    expect(visibleSlice('a한글', 0, 2)).toBe('a');
    expect(visibleSlice('abc', 5, 3)).toBe('');
  });
});
