// The hidden `kcx __complete connectors|contexts|plugins` the shell completion scripts call: names,
// one per line, from the current (or the typed --context/--url) cluster. It must never get in the
// way of typing: a short timeout, no retries, no warnings, and nothing at all on any failure.
import { clientFor, resolveContext, type TargetOptions } from '../../config/resolve.js';
import { compareNames } from '../../domain/names.js';
import { contextNames } from './ctx.js';

export const COMPLETION_KINDS = ['connectors', 'contexts', 'plugins'] as const;

const QUIET_TIMEOUTS = { connectMs: 1_000, requestMs: 2_000 };

export async function completionNames(
  kind: string,
  target: TargetOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  if (kind === 'contexts') return contextNames(env);
  if (kind !== 'connectors' && kind !== 'plugins') return [];
  try {
    const ctx = await resolveContext(target, env, { warn: () => {} });
    const client = clientFor(ctx, { timeouts: QUIET_TIMEOUTS, retry409: { budgetMs: 0 } });
    try {
      const names =
        kind === 'connectors' ? await client.listConnectors() : (await client.plugins()).map((p) => p.class);
      // A name with a line break cannot be completed one per line; leave it out rather than split it.
      return names.filter((n) => !/[\r\n]/.test(n)).sort(compareNames);
    } finally {
      await client.close();
    }
  } catch {
    return [];
  }
}
