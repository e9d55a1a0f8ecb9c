// Runs one action over many connectors with bounded concurrency and reports each outcome:
// nothing is left half-known when some fail or the cluster goes away mid-batch.
import { describeError, isAuthError, isConnectError, isNotFound } from '../connect/errors.js';

export interface BulkOutcome {
  name: string;
  ok: boolean;
  /** The connector was gone (deleted by someone else): reported, not a failure of the batch. */
  gone?: boolean;
  /**
   * Never sent: the batch stopped before reaching this connector (the cluster became unreachable,
   * or the run was aborted). Its state is exactly what it was before the batch.
   */
  notSent?: boolean;
  error?: string;
  /** A remark on a success, e.g. "re-created PAUSED" or where the backup went. */
  detail?: string;
}

/** What an action may return to annotate its success. */
export interface ActionResult {
  detail?: string;
}

export interface BulkOptions {
  /** Actions in flight at once. Default 8. */
  concurrency?: number;
  onProgress?: (done: number, total: number, last: BulkOutcome) => void;
  /**
   * Errors after which nothing more is sent, because every remaining action would fail the same way
   * and a cluster that comes back half-way would leave a random half done. Default: the cluster
   * cannot be reached (refused, DNS, TLS, network) or refuses our credentials (401/403).
   */
  stopOn?: (error: unknown) => boolean;
  /** Aborting stops sending; actions in flight finish and are reported. */
  signal?: AbortSignal;
}

export const DEFAULT_CONCURRENCY = 8;

/** The cluster is out of reach for every request, not just this one. */
export function isBatchFatal(e: unknown): boolean {
  if (isAuthError(e)) return true;
  if (!isConnectError(e)) return false;
  return e.kind === 'connection-refused' || e.kind === 'dns' || e.kind === 'tls' || e.kind === 'network';
}

export async function runBulk(
  names: readonly string[],
  action: (name: string) => Promise<ActionResult | unknown>,
  options: BulkOptions = {},
): Promise<BulkOutcome[]> {
  const stopOn = options.stopOn ?? isBatchFatal;
  const outcomes = new Array<BulkOutcome>(names.length);
  let next = 0;
  let done = 0;
  let stopReason: string | undefined;
  const record = (i: number, outcome: BulkOutcome) => {
    outcomes[i] = outcome;
    done++;
    options.onProgress?.(done, names.length, outcome);
  };
  const worker = async () => {
    while (next < names.length) {
      if (stopReason === undefined && options.signal?.aborted) stopReason = 'aborted';
      const i = next++;
      const name = names[i]!;
      if (stopReason !== undefined) {
        record(i, { name, ok: false, notSent: true, error: `not sent: ${stopReason}` });
        continue;
      }
      let outcome: BulkOutcome;
      try {
        const result = await action(name);
        outcome = { name, ok: true, ...detailOf(result) };
      } catch (e) {
        if (isNotFound(e)) outcome = { name, ok: false, gone: true, error: describeError(e) };
        else {
          outcome = { name, ok: false, error: describeError(e) };
          if (stopOn(e) && stopReason === undefined) stopReason = `batch stopped after: ${describeError(e)}`;
        }
      }
      record(i, outcome);
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, names.length));
  await Promise.all(Array.from({ length: width }, worker));
  return outcomes;
}

function detailOf(result: unknown): { detail?: string } {
  if (result && typeof result === 'object' && 'detail' in result && typeof result.detail === 'string') {
    return { detail: result.detail };
  }
  return {};
}

export interface BulkTally {
  ok: number;
  gone: number;
  notSent: number;
  failed: number;
}

export function tally(outcomes: readonly BulkOutcome[]): BulkTally {
  const ok = outcomes.filter((o) => o.ok).length;
  const gone = outcomes.filter((o) => o.gone).length;
  const notSent = outcomes.filter((o) => o.notSent).length;
  return { ok, gone, notSent, failed: outcomes.length - ok - gone - notSent };
}

/** Gone connectors are reported but do not fail a batch; failures and unsent ones do. */
export function batchSucceeded(outcomes: readonly BulkOutcome[]): boolean {
  const t = tally(outcomes);
  return t.failed === 0 && t.notSent === 0;
}

export function summarise(verb: string, outcomes: readonly BulkOutcome[]): string {
  const t = tally(outcomes);
  const parts = [`${verb} ${t.ok}/${outcomes.length}`];
  if (t.gone > 0) parts.push(`${t.gone} already gone`);
  if (t.failed > 0) parts.push(`${t.failed} failed`);
  if (t.notSent > 0) parts.push(`${t.notSent} not sent`);
  return parts.join(', ');
}
