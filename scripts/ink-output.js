// Ink 8.0.0's Output (ink/build/output.js), with kcx's changes for frame time; the build substitutes
// it for Ink's file (scripts/ink-output-plugin.mjs), and only for the exact file it was made from.
// Original: MIT License, Copyright (c) Vadym Demedes and Sindre Sorhus (https://github.com/vadimdemedes/ink).
//
// Ink builds a new Output per frame and, for every frame, tokenises each line into one object per
// character, lays them in a width × height grid and serialises the grid back to strings. At 120×40
// with a list redrawn per keystroke that was most of a frame's cost. What changed, and why it is the
// same screen:
// - Caches shared by all frames (Ink's were per frame), bounded.
// - A single-line write without SGR resets is not tokenised and re-serialised before its
//   transformers run (that pass carries styles across explicit newlines and turns resets into end
//   codes); its line is tokenised once, when placed.
// - Writes are placed row by row, and a row written by the same writes as in a recent frame reuses
//   that frame's serialised row instead of placing and serialising its cells again.
// - Characters below U+00AD are never Default_Ignorable, and printable ASCII is one column: the
//   per-character regular expression and width lookup are skipped for them, and a line of printable
//   ASCII and simple SGR codes is tokenised without splitting it into graphemes.
import stringWidth from 'string-width';
import { styledCharsFromTokens, styledCharsToString, tokenize } from '@alcalzone/ansi-tokenize';

// Replaces a partially visible wide character with a space that keeps its styles.
const blankCell = (cell) => ({
  ...cell,
  value: ' ',
  fullWidth: false,
});
// An undefined bound means "unbounded on this edge", so intersecting keeps whichever bound is defined and takes the tighter one when both are.
const intersectBound = (a, b, tighter) => {
  if (a === undefined) {
    return b;
  }
  return b === undefined ? a : tighter(a, b);
};
// Bounds are half-open: `x2`/`y2` are exclusive, so an axis is empty as soon as its lower bound reaches its upper one.
const isClipEmpty = (clip) =>
  (clip.x1 !== undefined && clip.x2 !== undefined && clip.x1 >= clip.x2) ||
  (clip.y1 !== undefined && clip.y2 !== undefined && clip.y1 >= clip.y2);
const intersectClips = (outer, inner) => {
  if (!outer) {
    return inner;
  }
  return {
    x1: intersectBound(outer.x1, inner.x1, Math.max),
    x2: intersectBound(outer.x2, inner.x2, Math.min),
    y1: intersectBound(outer.y1, inner.y1, Math.max),
    y2: intersectBound(outer.y2, inner.y2, Math.min),
  };
};

/** The end code tokenize() gives an SGR code, found once per code. */
const endCodes = new Map();
const endCodeOf = (code) => {
  if (!endCodes.has(code)) {
    const [token, ...rest] = tokenize(code);
    endCodes.set(code, token?.type === 'ansi' && rest.length === 0 ? token.endCode : null);
  }
  return endCodes.get(code);
};

/**
 * tokenize()'s tokens for a line of printable ASCII and simple SGR codes (`ESC [ digits m`), which
 * is what most of a frame is; undefined for anything else. tokenize() splits the line into
 * graphemes with Intl.Segmenter, which is most of its cost, and in printable ASCII every character
 * is a grapheme of its own, one column wide.
 */
const asciiTokens = (line) => {
  const tokens = [];
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x1b) {
      if (line.charCodeAt(i + 1) !== 0x5b) return undefined;
      let j = i + 2;
      while (j < line.length && line.charCodeAt(j) >= 0x30 && line.charCodeAt(j) <= 0x39) j++;
      if (j === i + 2 || line.charCodeAt(j) !== 0x6d) return undefined;
      const code = line.slice(i, j + 1);
      const endCode = endCodeOf(code);
      if (endCode === null) return undefined;
      tokens.push({ type: 'ansi', code, endCode });
      i = j;
    } else if (c >= 0x20 && c <= 0x7e) {
      tokens.push({ type: 'char', value: line[i], fullWidth: false });
    } else {
      return undefined;
    }
  }
  return tokens;
};

/**
 * Whether the text has an SGR reset (`ESC [ m`, `ESC [ 0 m`, a 0 among the parameters). Ink
 * re-serialises a write's styles before its transformers wrap it, which turns a reset into the end
 * codes of what was open; a transformer's style then survives it. Such a line takes Ink's way.
 */
const hasReset = (text) => {
  for (let i = text.indexOf('\u001b['); i !== -1; i = text.indexOf('\u001b[', i + 2)) {
    let j = i + 2;
    let param = '';
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === ';' || c === 'm') {
        if (/^0*$/.test(param)) return true;
        if (c === 'm') break;
        param = '';
      } else if (c >= '0' && c <= '9') param += c;
      else break;
    }
  }
  return false;
};

const IGNORABLE = /^\p{Default_Ignorable_Code_Point}+$/u;
const isIgnorable = (value) => !(value.length === 1 && value.charCodeAt(0) < 0xad) && IGNORABLE.test(value);

class OutputCaches {
  widths = new Map();
  blockWidths = new Map();
  styledChars = new Map();
  /** Serialised rows by the writes that made them. */
  rows = new Map();
  /**
   * A line's characters with their styles. Kept across frames only for multi-line texts (tokenised
   * whole before they are split): a single line is placed only when its row is not in the row
   * cache, and keeping its hundred objects would only have them promoted and collected later.
   */
  getStyledChars(line) {
    const multiLine = line.includes('\n');
    let cached = multiLine ? this.styledChars.get(line) : undefined;
    if (cached === undefined) {
      // Standalone invisible Unicode characters must not occupy terminal cells.
      cached = styledCharsFromTokens(asciiTokens(line) ?? tokenize(line)).filter(
        (character) => !isIgnorable(character.value),
      );
      if (multiLine) this.styledChars.set(line, cached);
    }
    return cached;
  }
  getStringWidth(text) {
    if (text.length === 1) {
      const code = text.charCodeAt(0);
      if (code >= 0x20 && code < 0x7f) return 1;
    }
    let cached = this.widths.get(text);
    if (cached === undefined) {
      cached = stringWidth(text);
      this.widths.set(text, cached);
    }
    return cached;
  }
  getWidestLine(text) {
    let cached = this.blockWidths.get(text);
    if (cached === undefined) {
      let lineWidth = 0;
      for (const line of text.split('\n')) {
        lineWidth = Math.max(lineWidth, this.getStringWidth(line));
      }
      cached = lineWidth;
      this.blockWidths.set(text, cached);
    }
    return cached;
  }
  /** Cleared wholesale when large: a tokenised line is an object per character (a few frames' worth). */
  trim() {
    if (this.styledChars.size > 20 || this.widths.size > 20000 || this.rows.size > 400) {
      this.styledChars.clear();
      this.widths.clear();
      this.blockWidths.clear();
      this.rows.clear();
    }
  }
}

const sharedCaches = new OutputCaches();
const blankChar = () => ({ type: 'char', value: ' ', fullWidth: false, styles: [] });

export default class Output {
  operations = [];
  caches = sharedCaches;
  width;
  height;
  constructor(options) {
    const { width, height } = options;
    this.width = width;
    this.height = height;
    this.caches.trim();
  }
  /** Clips and transforms a write; its lines go to `rows` (by output row) to be placed later. */
  collectWriteOperation(rows, operation, clip) {
    const { text, transformers } = operation;
    let { x, y } = operation;
    let lines;
    if (text.includes('\n') || hasReset(text)) {
      // Preserve styles across explicit newlines before clipping individual rows.
      const characterLines = [[]];
      for (const character of this.caches.getStyledChars(text)) {
        if (character.value === '\n') {
          characterLines.push([]);
        } else {
          characterLines.at(-1).push(character);
        }
      }
      lines = characterLines.map((line) => styledCharsToString(line));
    } else {
      lines = [text];
    }
    if (clip) {
      // Two nested clips can intersect to nothing. Nothing is visible, so bail out before slicing.
      if (isClipEmpty(clip)) {
        return;
      }
      const shouldClipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
      const shouldClipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
      // If text is positioned outside of clipping area altogether,
      // skip to the next operation to avoid unnecessary calculations
      if (shouldClipHorizontally) {
        const width = this.caches.getWidestLine(text);
        if (x + width < clip.x1 || x > clip.x2) {
          return;
        }
      }
      if (shouldClipVertically) {
        const height = lines.length;
        if (y + height < clip.y1 || y > clip.y2) {
          return;
        }
      }
      if (shouldClipHorizontally) {
        lines = lines.map((line) => {
          const from = x < clip.x1 ? clip.x1 - x : 0;
          const width = this.caches.getStringWidth(line);
          const to = x + width > clip.x2 ? clip.x2 - x : width;
          return this.sliceLineToColumns(line, from, to);
        });
        if (x < clip.x1) {
          x = clip.x1;
        }
      }
      if (shouldClipVertically) {
        const from = y < clip.y1 ? clip.y1 - y : 0;
        const height = lines.length;
        const to = y + height > clip.y2 ? clip.y2 - y : height;
        lines = lines.slice(from, to);
        if (y < clip.y1) {
          y = clip.y1;
        }
      }
    }
    for (let [index, line] of lines.entries()) {
      const row = y + index;
      // Lines above or below the output area have no corresponding pre-initialized row.
      if (row < 0 || row >= rows.length) {
        continue;
      }
      for (const transformer of transformers) {
        line = transformer(line, index + y - operation.y);
      }
      rows[row] ??= [];
      rows[row].push({ x, line });
    }
  }
  /** Ink's placement of one write's characters into a row of cells. */
  placeLine(currentLine, x, line) {
    const characters = this.caches.getStyledChars(line);
    // Nothing to write (e.g. line was clipped away).
    if (characters.length === 0) {
      return;
    }
    let offsetX = x;
    // Wide characters (e.g. CJK) occupy two cells: a leading
    // cell with the character and a trailing placeholder with
    // value ''. When an overlapping write lands in the middle
    // of a wide character, the boundary cells need cleanup so
    // the terminal never renders a half-visible wide character.
    // Preserve the styles of cells outside the overlapping write.
    if (
      currentLine[offsetX]?.value === '' &&
      offsetX > 0 &&
      this.caches.getStringWidth(currentLine[offsetX - 1]?.value ?? '') > 1
    ) {
      currentLine[offsetX - 1] = blankCell(currentLine[offsetX - 1]);
    }
    for (const character of characters) {
      currentLine[offsetX] = character;
      // Determine printed width using string-width to align with measurement
      const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));
      // For multi-column characters, clear following cells to avoid stray spaces/artifacts
      if (characterWidth > 1) {
        for (let offset = 1; offset < characterWidth; offset++) {
          currentLine[offsetX + offset] = {
            type: 'char',
            // Preserve visible cells when the leading cell is outside the output.
            value: offsetX < 0 ? ' ' : '',
            fullWidth: false,
            styles: character.styles,
          };
        }
      }
      offsetX += characterWidth;
    }
    if (currentLine[offsetX]?.value === '') {
      currentLine[offsetX] = blankCell(currentLine[offsetX]);
    }
  }
  write(x, y, text, options) {
    const { transformers } = options;
    if (text === '') {
      return;
    }
    this.operations.push({
      type: 'write',
      x,
      y,
      text,
      transformers,
    });
  }
  clip(clip) {
    this.operations.push({
      type: 'clip',
      clip,
    });
  }
  unclip() {
    this.operations.push({
      type: 'unclip',
    });
  }
  // Clipping works in terminal columns. A wide character (e.g. CJK) occupies two cells, so when a clip edge falls between its halves, the character must be replaced by a space that keeps its styles, otherwise its background disappears and the rest of the line shifts by a column.
  sliceLineToColumns(line, from, to) {
    if (from >= to) {
      return '';
    }
    const result = [];
    let column = 0;
    for (const character of this.caches.getStyledChars(line)) {
      const width = this.caches.getStringWidth(character.value);
      const start = column;
      column += width;
      if (column <= from) {
        continue;
      }
      if (start >= to) {
        break;
      }
      if (width > 1 && (start < from || column > to)) {
        // Only part of this wide character is visible, so keep the cell count and styles, but drop the glyph itself.
        result.push(blankCell(character));
      } else {
        result.push(character);
      }
    }
    return styledCharsToString(result);
  }
  get() {
    const rows = new Array(this.height).fill(undefined);
    const clips = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') {
        // Nested clips must intersect, not replace, otherwise an inner `overflow="hidden"` box lets content escape the outer clip and overwrite surrounding UI.
        clips.push(intersectClips(clips.at(-1), operation.clip));
      } else if (operation.type === 'unclip') {
        clips.pop();
      } else {
        this.collectWriteOperation(rows, operation, clips.at(-1));
      }
    }
    const lines = rows.map((writes) => {
      if (writes === undefined) return '';
      // Writes only ever touch their own row, so a row is a function of its writes and the width.
      let key = `${this.width}`;
      for (const { x, line } of writes) key += `\u0000${x}\u0000${line}`;
      let serialised = this.caches.rows.get(key);
      if (serialised === undefined) {
        const currentLine = [];
        for (let x = 0; x < this.width; x++) currentLine.push(blankChar());
        for (const { x, line } of writes) this.placeLine(currentLine, x, line);
        // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
        const lineWithoutEmptyItems = currentLine.filter((item) => item !== undefined);
        serialised = styledCharsToString(lineWithoutEmptyItems).trimEnd();
        this.caches.rows.set(key, serialised);
      }
      return serialised;
    });
    return {
      output: lines.join('\n'),
      height: rows.length,
    };
  }
}
