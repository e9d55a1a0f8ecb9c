// The client a command talks through: resolved from the target options, always closed afterwards.
import type { Command } from 'commander';
import type { ConnectClient, ConnectClientOptions } from '../connect/client.js';
import { clientFor, type ResolvedContext, resolveContext } from '../config/resolve.js';
import { targetOptions } from './target-options.js';

export interface Target {
  ctx: ResolvedContext;
  client: ConnectClient;
}

/** Resolves the context, opens a client, runs `fn`, and always closes the client's connections. */
export async function withTarget<T>(
  cmd: Command,
  fn: (target: Target) => Promise<T>,
  extra: Partial<ConnectClientOptions> = {},
): Promise<T> {
  const ctx = await resolveContext(targetOptions(cmd));
  const client = clientFor(ctx, extra);
  try {
    return await fn({ ctx, client });
  } finally {
    await client.close();
  }
}
