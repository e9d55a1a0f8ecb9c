// Bad input the user can fix locally: a file that does not parse, a connector without a class, a
// duplicate name. The CLI prints the message (which starts with `file:line:col:` when known) and
// exits 2; nothing was sent to the cluster.

export interface Where {
  /** A path, or `<stdin>`. */
  file: string;
  line?: number;
  col?: number;
}

export function formatWhere(where: Where): string {
  if (where.line === undefined) return where.file;
  return `${where.file}:${where.line}${where.col === undefined ? '' : `:${where.col}`}`;
}

export class InputError extends Error {
  override readonly name: string = 'InputError';
  readonly where?: Where;

  constructor(message: string, where?: Where) {
    super(where ? `${formatWhere(where)}: ${message}` : message);
    this.where = where;
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
