/** An error the emulator answers with Connect's `{"error_code","message"}` body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string | null,
    readonly errorCode: number = status,
  ) {
    super(message ?? '');
    this.connectMessage = message;
  }

  readonly connectMessage: string | null;
}

export const notFoundPath = (): HttpError => new HttpError(404, 'HTTP 404 Not Found');
export const methodNotAllowed = (): HttpError => new HttpError(405, 'HTTP 405 Method Not Allowed');
