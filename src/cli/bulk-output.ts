// What a bulk command prints: the plan (targets, their states, the context), live progress on the
// terminal, and the per-connector result list that ends every run.
import stringWidth from 'string-width';
import type { BulkOutcome } from '../domain/bulk-runner.js';
import { describeState, type Target } from './bulk-targets.js';

/** Targets listed by name in a confirm before "+N more". */
export const PREVIEW_COUNT = 10;

export interface Where {
  name: string;
  url: string;
  production: boolean;
}

export function whereText(ctx: Where): string {
  return `context ${ctx.name}${ctx.production ? ' (PRODUCTION)' : ''} (${ctx.url})`;
}

/** `  name   STATE` rows, names padded to one column (wide characters counted as two). */
export function targetRows(targets: readonly Target[], limit = Number.POSITIVE_INFINITY): string[] {
  const shown = targets.slice(0, limit);
  const width = Math.min(60, Math.max(0, ...shown.map((t) => stringWidth(t.name))));
  const rows = shown.map((t) => `  ${padTo(t.name, width)}  ${describeState(t)}`);
  if (targets.length > shown.length) rows.push(`  +${targets.length - shown.length} more`);
  return rows;
}

function padTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Rewrites one status line on a terminal (`deleting 37/120`); silent when `stream` is not a TTY. */
export class ProgressLine {
  private shown = false;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, total: number): void {
    if (!this.stream.isTTY) return;
    this.stream.write(`\r\u001b[2K${this.label} ${done}/${total}`);
    this.shown = true;
  }

  end(): void {
    if (this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
  }
}

/**
 * One line per connector: `✓ name`, `– name  already gone`, `✗ name  <exact error>`,
 * `· name  not sent: …`. `okText` adds to a success (e.g. "exists, not overwritten").
 */
export function outcomeLines(outcomes: readonly BulkOutcome[]): string[] {
  return outcomes.map((o) => {
    if (o.ok) return `  ✓ ${o.name}${o.detail ? `  ${o.detail}` : ''}`;
    if (o.gone) return `  – ${o.name}  already gone (deleted by someone else): ${o.error ?? ''}`.trimEnd();
    if (o.notSent) return `  · ${o.name}  ${o.error ?? 'not sent'}`;
    return `  ✗ ${o.name}  ${o.error ?? 'failed'}`;
  });
}
