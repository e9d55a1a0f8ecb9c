// Runs one action over many connectors with bounded concurrency and reports each outcome:
// nothing is left half-known when some fail or the cluster goes away mid-batch.
import { describeError, isNotFound } from '../connect/errors.js';

export interface BulkOutcome {
  name: string;
  ok: boolean;
  /** The connector was gone (deleted by someone else): reported, not a failure of the batch. */
  gone?: boolean;
  error?: string;
}

export interface BulkOptions {
  concurrency?: number;
  onProgress?: (done: number, total: number, last: BulkOutcome) => void;
}

export async function runBulk(
  names: readonly string[],
  action: (name: string) => Promise<unknown>,
  options: BulkOptions = {},
): Promise<BulkOutcome[]> {
  const outcomes = new Array<BulkOutcome>(names.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      const name = names[i]!;
      let outcome: BulkOutcome;
      try {
        await action(name);
        outcome = { name, ok: true };
      } catch (e) {
        outcome = isNotFound(e)
          ? { name, ok: false, gone: true, error: describeError(e) }
          : { name, ok: false, error: describeError(e) };
      }
      outcomes[i] = outcome;
      done++;
      options.onProgress?.(done, names.length, outcome);
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? 8, names.length));
  await Promise.all(Array.from({ length: width }, worker));
  return outcomes;
}

export function summarise(verb: string, outcomes: readonly BulkOutcome[]): string {
  const ok = outcomes.filter((o) => o.ok).length;
  const gone = outcomes.filter((o) => o.gone).length;
  const failed = outcomes.length - ok - gone;
  const parts = [`${verb} ${ok}/${outcomes.length}`];
  if (gone > 0) parts.push(`${gone} already gone`);
  if (failed > 0) parts.push(`${failed} failed`);
  return parts.join(', ');
}
