// The client a command talks through: resolved from the target options, always closed afterwards.
import type { Command } from 'commander';
import type { ConnectClient, ConnectClientOptions } from '../connect/client.js';
import { clientFor, type ResolvedContext, resolveContext } from '../config/resolve.js';
import type { AuditTrail } from '../domain/audit.js';
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

/**
 * withTarget for commands that change the cluster: every mutating request is appended to the audit
 * log (`<state dir>/audit.jsonl`), as the bulk commands and the console do. A log that cannot be
 * written does not stop the command; it is said once at the end.
 */
export async function withAuditedTarget<T>(
  cmd: Command,
  fn: (target: Target & { audit: AuditTrail }) => Promise<T>,
): Promise<T> {
  const { auditWarning, openCluster } = await import('./bulk-cluster.js');
  const cluster = await openCluster(targetOptions(cmd));
  try {
    return await fn(cluster);
  } finally {
    await cluster.close();
    const warning = auditWarning(cluster);
    if (warning) process.stderr.write(`kcx: ${warning}\n`);
  }
}
