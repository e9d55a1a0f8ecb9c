// How a non-interactive command ends when something went wrong: one line on stderr that names the
// context, the URL and the HTTP status (ConnectError messages carry all three), a hint when the
// failure has a usual cause (auth, TLS, an unreachable worker), never a stack trace — and the exit
// code: 2 for bad usage or input (nothing was sent), 1 for an operation that failed.
import { hintFor } from '../connect/error-hints.js';
import { describeError } from '../connect/errors.js';
import { isInputError } from '../domain/input-error.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A usage problem found by a command itself (a bad --state value, a missing -f). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Ends a command with a message and a code, e.g. when the user declines a confirm. */
export class CommandExit extends Error {
  override readonly name = 'CommandExit';
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/**
 * A change asked of a read-only context: refused before any request (exit 1), in the same words by
 * every command. `hint` says what would work instead.
 */
export function refuseReadOnly(ctx: { name: string; readonly: boolean }, hint = ''): void {
  if (!ctx.readonly) return;
  throw new CommandExit(
    `[${ctx.name}] refused: context ${ctx.name} is read-only, nothing was sent${hint ? ` (${hint})` : ''}`,
    EXIT_FAILED,
  );
}

export function exitCodeFor(e: unknown): number {
  if (e instanceof CommandExit) return e.code;
  if (e instanceof UsageError || isInputError(e)) return EXIT_USAGE;
  return EXIT_FAILED;
}

/** The lines to print on stderr for an error, each starting with `kcx:` or `hint:`. */
export function failureLines(e: unknown): string[] {
  if (e instanceof CommandExit && e.message === '') return [];
  const lines = [`kcx: ${describeError(e)}`];
  const hint = hintFor(e);
  if (hint) lines.push(`hint: ${hint}`);
  return lines;
}

/** Runs a command body; its result or error becomes process.exitCode (never process.exit: pipes flush). */
export async function runCommand(body: () => Promise<number | undefined>): Promise<void> {
  try {
    process.exitCode = (await body()) ?? EXIT_OK;
  } catch (e) {
    for (const line of failureLines(e)) process.stderr.write(`${line}\n`);
    process.exitCode = exitCodeFor(e);
  }
}
