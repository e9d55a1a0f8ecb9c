// The cluster a bulk command (or undo) talks to, with the audit log wired into its client so that
// every mutating request lands in <state dir>/audit.jsonl.
import type { ConnectClient } from '../connect/client.js';
import { stateDir } from '../config/paths.js';
import { clientFor, type ResolvedContext, resolveContext, type TargetOptions } from '../config/resolve.js';
import { type AuditTrail, auditClient } from '../domain/audit.js';

export interface BulkCluster {
  ctx: ResolvedContext;
  client: ConnectClient;
  audit: AuditTrail;
  /** The XDG state directory (backups, audit log). */
  stateDir: string;
  close(): Promise<void>;
}

export async function openCluster(
  opts: TargetOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BulkCluster> {
  const ctx = await resolveContext(opts, env);
  const client = clientFor(ctx);
  const dir = stateDir(env);
  const audit = auditClient(client, ctx.name, dir);
  return {
    // client.url is the base URL as the client shows it (no credentials, no trailing slash).
    ctx: { ...ctx, url: client.url },
    client,
    audit,
    stateDir: dir,
    close: () => client.close(),
  };
}

/** Said once at the end of a command: the actions went through, their audit lines did not. */
export function auditWarning(cluster: BulkCluster): string | undefined {
  const failure = cluster.audit.failure;
  return failure ? `warning: ${failure}` : undefined;
}
