import { ConnectError } from '../../src/connect/errors.js';

/** The ConnectError a call fails with; throws if it succeeds or fails with anything else. */
export async function failure(p: Promise<unknown>): Promise<ConnectError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConnectError) return e;
    throw new Error(`expected a ConnectError, got ${String(e)}`);
  }
  throw new Error('expected the call to fail');
}
