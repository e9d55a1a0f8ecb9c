// Column layout that counts terminal cells, not code units: Hangul and emoji are two cells wide,
// so padding with String.length would break the table's alignment.
import stringWidth from 'string-width';

export const cellWidth = (text: string): number => stringWidth(text);

/** Truncates (with …) or pads `text` to exactly `width` cells. */
export function fitCells(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  let w = stringWidth(text);
  let out = text;
  if (w > width) {
    out = '';
    w = 0;
    for (const ch of text) {
      const cw = stringWidth(ch);
      if (w + cw > width - 1) break;
      out += ch;
      w += cw;
    }
    out += '…';
    w += 1;
  }
  const pad = ' '.repeat(Math.max(0, width - w));
  return align === 'left' ? out + pad : pad + out;
}
