// How the bulk commands end: an exit code and, on failure, one line on stderr naming what went
// wrong (context, URL, HTTP status for cluster errors) — never a stack trace.
import { describeError } from '../connect/errors.js';
import { isInputError } from '../domain/input-error.js';

export const EXIT_OK = 0;
/** An operation failed (some connector's action, the cluster, the backup directory). */
export const EXIT_FAILED = 1;
/** Bad usage or bad input; nothing was sent. */
export const EXIT_USAGE = 2;
/** Aborted by the user (Esc or Ctrl-C in the picker or at the prompt, Ctrl-C during a run). */
export const EXIT_ABORTED = 130;

/** Ends the command with this code and message; thrown from anywhere in a bulk command. */
export class ExitError extends Error {
  override readonly name = 'ExitError';
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

export function usageError(message: string): ExitError {
  return new ExitError(message, EXIT_USAGE);
}

/** Runs a command body and turns its result or error into process.exitCode. */
export async function runWithExitCode(body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (e) {
    const code = e instanceof ExitError ? e.code : isInputError(e) ? EXIT_USAGE : EXIT_FAILED;
    if (e instanceof ExitError && e.message === '') {
      process.exitCode = code;
      return;
    }
    process.stderr.write(`kcx: ${describeError(e)}\n`);
    process.exitCode = code;
  }
}
