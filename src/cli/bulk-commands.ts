// `kcx delete|restart|pause|resume|stop|undo`: registered here so the bulk-action work can grow
// without touching the rest of the command table.
import type { Command } from 'commander';

export function registerBulkCommands(_program: Command): void {
  // Filled in by the bulk-actions work (product.md §4).
}
