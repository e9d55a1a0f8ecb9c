// Columns in the editor count code points, not UTF-16 units, so a Hangul syllable or an emoji is one
// step of the cursor; the screen counts terminal cells, where both are two wide. These helpers convert
// between the two and decide which part of the text is on screen.
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter();

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** `text` from code point `start` to code point `end` (exclusive; the end of the text when omitted). */
export function codePointSlice(text: string, start: number, end?: number): string {
  return Array.from(text).slice(start, end).join('');
}

/**
 * Terminal cells the text takes. A tab counts as one cell: the view must draw it as one (see
 * `displayText`), because a raw tab would jump to the terminal's next tab stop and shift the line.
 */
export function displayWidth(text: string): number {
  return stringWidth(displayText(text));
}

/** The line as it should be written to the terminal: tabs drawn as one space. */
export function displayText(text: string): string {
  return text.replaceAll('\t', ' ');
}

/**
 * `offsets[col]` = the screen cell (0-based) where the cursor sits before code point `col`, for every
 * col from 0 to the line's length. Widths are summed per grapheme, as string-width and terminals do, so
 * an emoji sequence of several code points takes its two cells once; a column inside such a sequence
 * maps into (at most to the end of) the sequence. One pass, so long lines stay cheap to lay out.
 */
export function cellOffsets(line: string): number[] {
  const offsets = [0];
  let cells = 0;
  for (const { segment } of graphemes.segment(displayText(line))) {
    const width = stringWidth(segment);
    let partial = '';
    for (const ch of segment) {
      partial += ch;
      offsets.push(cells + Math.min(stringWidth(partial), width));
    }
    cells += width;
  }
  return offsets;
}

/** Screen column (0-based, in cells) of the cursor placed before code point `col` of `line`. */
export function displayColumn(line: string, col: number): number {
  const offsets = cellOffsets(line);
  return offsets[Math.max(0, Math.min(col, offsets.length - 1))]!;
}

/**
 * The last code point column whose screen cell does not pass `x`: where the cursor lands when it moves
 * vertically onto `line` aiming for screen column `x` (so it keeps its place over wide characters).
 */
export function columnAtDisplay(line: string, x: number): number {
  const offsets = cellOffsets(line);
  let col = 0;
  while (col + 1 < offsets.length && offsets[col + 1]! <= x) col++;
  return col;
}

/**
 * First visible row for a window of `height` rows: unchanged while the cursor is inside it, scrolled
 * just enough to bring the cursor back otherwise, and never leaving blank rows under the text when it
 * would fit (after lines were deleted at the end). Keeping the previous top is what stops the view from
 * jumping on every keystroke.
 */
export function scrollTop(prevTop: number, cursorRow: number, height: number, lineCount: number): number {
  if (height <= 0) return Math.max(0, cursorRow);
  let top = Math.max(0, prevTop);
  if (cursorRow < top) top = cursorRow;
  else if (cursorRow >= top + height) top = cursorRow - height + 1;
  return Math.max(0, Math.min(top, lineCount - height));
}

/**
 * First visible code point column of a line drawn in `width` cells with the cursor at `col`: unchanged
 * while the cursor is visible, else scrolled just enough that it is, with a cell for the cursor itself
 * at the end of the line. Long values (JAAS lines, URLs) scroll sideways rather than wrap, so screen
 * rows stay text lines.
 */
export function scrollLeft(prevLeft: number, line: string, col: number, width: number): number {
  const offsets = cellOffsets(line);
  const at = Math.max(0, Math.min(col, offsets.length - 1));
  let left = Math.max(0, Math.min(prevLeft, at));
  if (width <= 0) return at;
  while (left < at && offsets[at]! - offsets[left]! >= width) left++;
  return left;
}

/** The part of `line` from code point `left` that fits in `width` cells; a wide character never splits. */
export function visibleSlice(line: string, left: number, width: number): string {
  const chars = Array.from(line);
  const offsets = cellOffsets(line);
  const start = Math.max(0, Math.min(left, chars.length));
  let end = start;
  while (end < chars.length && offsets[end + 1]! - offsets[start]! <= width) end++;
  return chars.slice(start, end).join('');
}
