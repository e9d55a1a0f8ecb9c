// HTTP 409 from Connect mostly means "not now": a rebalance is pending, the leader is unknown, or a
// forwarded request landed on a worker that no longer owns it. Those clear up within seconds, so
// they are retried with exponential backoff and jitter for a bounded time. "Connector x already
// exists" is also a 409 but will never clear up, so it is surfaced at once.

import { type ConnectError, isConflict } from './errors.js';

export interface Retry409Options {
  /** Total time to keep retrying, in ms. Default 10 000; 0 disables retrying. */
  budgetMs?: number;
  /** First delay, in ms. Default 200. */
  initialDelayMs?: number;
  /** Largest single delay, in ms. Default 2 000. */
  maxDelayMs?: number;
}

export interface RetryPolicy {
  budgetMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_409: RetryPolicy = { budgetMs: 10_000, initialDelayMs: 200, maxDelayMs: 2_000 };

export function retryPolicy(options: Retry409Options | undefined): RetryPolicy {
  return {
    budgetMs: Math.max(0, options?.budgetMs ?? DEFAULT_RETRY_409.budgetMs),
    initialDelayMs: Math.max(1, options?.initialDelayMs ?? DEFAULT_RETRY_409.initialDelayMs),
    maxDelayMs: Math.max(1, options?.maxDelayMs ?? DEFAULT_RETRY_409.maxDelayMs),
  };
}

export function isRetryable409(e: unknown): e is ConnectError {
  return isConflict(e) && !/already exists/i.test(e.connectMessage ?? '');
}

/** Delay before retry number `attempt` (1-based): exponential, capped, with "equal jitter" (½–1×). */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/**
 * Runs `once` until it succeeds, fails with something other than a retryable 409, or the next delay
 * would overrun the budget; the final 409 carries how many attempts were made.
 */
export async function with409Retry<T>(
  policy: RetryPolicy,
  once: () => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await once();
    } catch (e) {
      if (!isRetryable409(e)) throw e;
      const delay = backoffDelay(policy, attempt);
      if (Date.now() - started + delay > policy.budgetMs) throw attempt > 1 ? e.withAttempts(attempt) : e;
      await sleep(delay);
    }
  }
}
