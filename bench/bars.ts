// One row of the summary table: a bar of docs/product.md §7, kcx's figure, and what it is compared with.

export interface BarRow {
  /** The bar, in a few words. */
  bar: string;
  /** kcx's figure. */
  figure: string;
  /** The bar's target. */
  target: string;
  /** undefined: the benchmark could not measure it (see `figure`). */
  pass: boolean | undefined;
  /** The peer measured in the same run, or the reference the figure is read against. */
  peer: string;
}

export function errorRow(bar: string, target: string, err: unknown): BarRow {
  const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  return { bar, figure: `ERROR: ${message.slice(0, 80)}`, target, pass: undefined, peer: '' };
}
