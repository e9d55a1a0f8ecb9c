// Plain-text tables that fit the terminal: widths count terminal cells (Hangul and emoji are two
// wide), and when the table is too wide the columns marked `flex` give up width first, their values
// cut with `…`. Into a pipe there is no width limit unless COLUMNS says so: grep and awk want whole
// values.
import stringWidth from 'string-width';
import { fitCells, truncateCells } from '../../domain/text-fit.js';
import { type Colour, paint } from './colour.js';

export interface Column<R> {
  header: string;
  value: (row: R) => string;
  /** May be narrowed (and its values truncated) to fit the width. */
  flex?: boolean;
  align?: 'left' | 'right';
  colour?: (row: R) => Colour | undefined;
}

export interface TableOptions {
  /** Terminal cells available; undefined = unlimited. */
  maxWidth?: number;
  colour: boolean;
}

const GAP = '  ';
/** A flexible column never gets narrower than this (or its header). */
const MIN_FLEX = 8;

export function renderTable<R>(
  columns: readonly Column<R>[],
  rows: readonly R[],
  options: TableOptions,
): string {
  const cells = rows.map((r) => columns.map((c) => clean(c.value(r))));
  const widths = columns.map((c, i) =>
    Math.max(stringWidth(c.header), ...cells.map((row) => stringWidth(row[i] ?? ''))),
  );
  if (options.maxWidth !== undefined) shrink(columns, widths, options.maxWidth);
  const line = (values: string[], colours: (Colour | undefined)[]) =>
    values
      .map((v, i) => {
        const last = i === values.length - 1;
        const col = columns[i] as Column<R>;
        const fitted = fitCell(v, widths[i] as number, col.align ?? 'left', last && col.align !== 'right');
        return colours[i] ? paintCell(fitted, colours[i], options.colour) : fitted;
      })
      .join(GAP);
  const out = [
    line(
      columns.map((c) => c.header),
      columns.map(() => 'bold' as const),
    ),
  ];
  rows.forEach((row, r) => {
    out.push(
      line(
        cells[r] as string[],
        columns.map((c) => c.colour?.(row)),
      ),
    );
  });
  return `${out.join('\n')}\n`;
}

function shrink<R>(columns: readonly Column<R>[], widths: number[], maxWidth: number): void {
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
  let excess = total() - maxWidth;
  while (excess > 0) {
    // Narrow the widest flexible column that can still give a cell.
    let best = -1;
    columns.forEach((c, i) => {
      const floor = Math.max(MIN_FLEX, stringWidth(c.header));
      if (
        c.flex &&
        (widths[i] as number) > floor &&
        (best < 0 || (widths[i] as number) > (widths[best] as number))
      ) {
        best = i;
      }
    });
    if (best < 0) return;
    widths[best] = (widths[best] as number) - 1;
    excess--;
  }
}

/** Control characters (a newline in a trace line, an escape in a name) would break the layout. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

function fitCell(text: string, width: number, align: 'left' | 'right', noPad: boolean): string {
  return noPad ? truncateCells(text, width) : fitCells(text, width, align);
}

/** Colours the text but not the padding, so copied text has no trailing escape codes. */
function paintCell(cell: string, colour: Colour | undefined, enabled: boolean): string {
  const m = /^(\s*)(.*?)(\s*)$/.exec(cell);
  if (!m) return paint(cell, colour, enabled);
  return `${m[1]}${paint(m[2] ?? '', colour, enabled)}${m[3]}`;
}

/** Cells available for a table: the terminal's width on a TTY, COLUMNS elsewhere, else unlimited. */
export function outputWidth(
  stream: { isTTY?: boolean; columns?: number },
  env: NodeJS.ProcessEnv = process.env,
): number | undefined {
  if (stream.isTTY) return stream.columns && stream.columns > 0 ? stream.columns : 80;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}
