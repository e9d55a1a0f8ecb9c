// One way to print a list in every format: the table (or the wider table), JSON, YAML, or one name per
// line for `xargs`. An empty table prints nothing on stdout and says so on stderr, so a pipe sees
// no header-only output.
import { isStructured, type OutputFormat, renderStructured } from './format.js';
import { type Column, renderTable, type TableOptions } from './table.js';

export interface Listing<R> {
  /** Plural, for "no connectors found". */
  noun: string;
  rows: readonly R[];
  columns: readonly Column<R>[];
  /** Columns for `-o wide`; defaults to `columns`. */
  wide?: readonly Column<R>[];
  json: (row: R) => unknown;
  name: (row: R) => string;
}

export interface ListingOut {
  write(text: string): void;
  warn(text: string): void;
  table: TableOptions;
}

export function printListing<R>(listing: Listing<R>, format: OutputFormat, out: ListingOut): void {
  if (isStructured(format)) {
    out.write(renderStructured(listing.rows.map(listing.json), format));
    return;
  }
  if (format === 'name') {
    for (const row of listing.rows) out.write(`${listing.name(row)}\n`);
    return;
  }
  if (listing.rows.length === 0) {
    out.warn(`no ${listing.noun} found`);
    return;
  }
  const columns = format === 'wide' ? (listing.wide ?? listing.columns) : listing.columns;
  out.write(renderTable(columns, listing.rows, out.table));
}
