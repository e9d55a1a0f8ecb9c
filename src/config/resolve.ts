// Which cluster a command talks to: --context / --url / KCX_CONTEXT / KCX_URL, else localhost:8083.
// The contexts file (see contexts.ts when it lands) fills in auth, TLS, readonly and production.
import { ConnectClient } from '../connect/client.js';

export const DEFAULT_URL = 'http://localhost:8083';

export interface TargetOptions {
  context?: string;
  url?: string;
  readonly?: boolean;
}

/** A resolved cluster to talk to: what the header shows and what the client needs. */
export interface ResolvedContext {
  name: string;
  url: string;
  production: boolean;
  readonly: boolean;
  colour?: string;
}

export async function resolveContext(
  opts: TargetOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedContext> {
  const url = opts.url ?? env.KCX_URL ?? DEFAULT_URL;
  const name = opts.context ?? env.KCX_CONTEXT ?? new URL(url).host;
  return { name, url, production: false, readonly: opts.readonly ?? false };
}

export function clientFor(ctx: ResolvedContext): ConnectClient {
  return new ConnectClient({ url: ctx.url, context: ctx.name, readonly: ctx.readonly });
}
