// Column layout that counts terminal cells, not code units: Hangul and emoji are two cells wide,
// so padding with String.length would break a table's alignment. Shared by the console and the
// command line's tables.
import stringWidth from 'string-width';

export const cellWidth = (text: string): number => stringWidth(text);

/** Cuts `text` to at most `width` cells, ending in … when cut; never splits a wide character. */
export function truncateCells(text: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = stringWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Truncates (with …) or pads `text` to exactly `width` cells. */
export function fitCells(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const out = truncateCells(text, width);
  const pad = ' '.repeat(Math.max(0, width - stringWidth(out)));
  return align === 'left' ? out + pad : pad + out;
}
