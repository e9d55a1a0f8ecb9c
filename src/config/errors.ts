// Errors in what the user configured (the contexts file, a flag, an environment variable). They are
// input errors: the CLI prints them as they are and exits 2, since nothing was sent and retrying
// will not help.
import { InputError } from '../domain/input-error.js';

export class ConfigError extends InputError {
  override readonly name: string = 'ConfigError';
}

/** `--context` / `KCX_CONTEXT` / `current-context` names a context the file does not have. */
export class ContextError extends ConfigError {
  override readonly name = 'ContextError';
  constructor(
    readonly context: string,
    readonly known: readonly string[],
    file: string,
  ) {
    super(
      known.length === 0
        ? `unknown context "${context}": ${file} defines no contexts (add one with: kcx ctx add NAME --url URL)`
        : `unknown context "${context}"; known contexts: ${known.join(', ')} (in ${file})`,
    );
  }
}
