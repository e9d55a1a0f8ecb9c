// Which cluster a command talks to, and how: the one place that turns --context / --url, KCX_CONTEXT /
// KCX_URL and the contexts file into a client.
//
// Precedence. Flags beat the environment as a whole: when --context or --url is on the command line,
// KCX_CONTEXT and KCX_URL are ignored (a variable left over in the shell must not redirect an explicit
// choice); otherwise the variables stand in for the flags. Then:
//   - a context name (flag or variable) picks that context from the file, with its URL replaced by
//     --url / KCX_URL when given. An unknown name is an error listing the known ones, except that
//     with a URL it simply labels an ad-hoc cluster (`kcx --url … --context staging`);
//   - a URL alone is an ad-hoc cluster named after its host; the file is not even read;
//   - neither: the file's current-context; with no file or no contexts, http://localhost:8083.
// `--readonly` can only add protection: a context marked readonly stays read-only.
import { dirname } from 'node:path';
import { ConnectClient, type ConnectClientOptions } from '../connect/client.js';
import type { Auth, TlsOptions } from '../connect/http.js';
import { ProxyConfigError, type ProxySetting } from '../connect/proxy.js';
import { type LoadedContexts, loadContexts } from './contexts-file.js';
import { type ContextEntry, urlProblem } from './contexts-schema.js';
import { resolveAuth, resolveTls } from './credentials.js';
import { ConfigError, ContextError } from './errors.js';

export { ConfigError, ContextError } from './errors.js';

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
  auth?: Auth;
  tls?: TlsOptions;
  /** Set by the context's `proxy:`; otherwise the client reads HTTP_PROXY / HTTPS_PROXY / NO_PROXY. */
  proxy?: ProxySetting;
  /** Where the target came from: a context of the file, an ad-hoc URL, or the localhost default. */
  source?: 'file' | 'url' | 'default';
}

export interface ResolveIo {
  /** Warnings (a secret-holding file readable by others). Default: stderr. */
  warn?: (message: string) => void;
}

const stderrWarn = (message: string) => {
  process.stderr.write(`kcx: ${message}\n`);
};

/** Which target the options and environment pick, before any secret is read. */
export type Selection =
  | { kind: 'file'; entry: ContextEntry; url?: string; loaded: LoadedContexts }
  | { kind: 'url'; name: string; url: string }
  | { kind: 'default' };

/** Applies the precedence rules above; reads the contexts file only when it matters. */
export function selectContext(
  opts: TargetOptions,
  env: NodeJS.ProcessEnv = process.env,
  io: ResolveIo = {},
): Selection {
  const warn = io.warn ?? stderrWarn;
  const fromFlags = opts.context !== undefined || opts.url !== undefined;
  const name = fromFlags ? opts.context : nonEmpty(env.KCX_CONTEXT);
  const url = fromFlags ? opts.url : nonEmpty(env.KCX_URL);
  if (url !== undefined) {
    const problem = urlProblem(url);
    if (problem) throw new ConfigError(`${opts.url !== undefined ? '--url' : 'KCX_URL'}: ${problem}`);
  }
  if (name === undefined && url !== undefined) return { kind: 'url', name: hostOf(url), url };

  const loaded = loadContexts(env);
  for (const w of loaded.warnings) warn(w);
  const known = loaded.file.contexts.map((c) => c.name);
  const find = (n: string) => loaded.file.contexts.find((c) => c.name === n);
  const fromFile = (entry: ContextEntry): Selection =>
    url === undefined ? { kind: 'file', entry, loaded } : { kind: 'file', entry, url, loaded };

  if (name !== undefined) {
    const entry = find(name);
    if (entry) return fromFile(entry);
    if (url !== undefined) return { kind: 'url', name, url };
    throw new ContextError(name, known, loaded.path);
  }
  const current = loaded.file.currentContext;
  if (current !== undefined) {
    const entry = find(current);
    if (!entry) {
      throw new ConfigError(
        `current-context "${current}" is not defined; known contexts: ${known.join(', ') || 'none'} (fix it with: kcx ctx use NAME)`,
        { file: loaded.path },
      );
    }
    return fromFile(entry);
  }
  if (known.length > 0) {
    throw new ConfigError(
      `no current context; choose one with kcx ctx use NAME or --context NAME (known: ${known.join(', ')})`,
      { file: loaded.path },
    );
  }
  return { kind: 'default' };
}

export async function resolveContext(
  opts: TargetOptions,
  env: NodeJS.ProcessEnv = process.env,
  io: ResolveIo = {},
): Promise<ResolvedContext> {
  const warn = io.warn ?? stderrWarn;
  const readonly = opts.readonly === true;
  const selection = selectContext(opts, env, { warn });
  if (selection.kind === 'url') return adHoc(selection.name, selection.url, readonly);
  if (selection.kind === 'default') {
    return { ...adHoc(hostOf(DEFAULT_URL), DEFAULT_URL, readonly), source: 'default' };
  }
  return contextFromEntry(selection.entry, {
    ...(selection.url === undefined ? {} : { url: selection.url }),
    readonly,
    env,
    baseDir: dirname(selection.loaded.path),
    warn,
  });
}

interface EntryOptions {
  url?: string;
  readonly: boolean;
  env: NodeJS.ProcessEnv;
  baseDir: string;
  warn: (message: string) => void;
}

function contextFromEntry(entry: ContextEntry, o: EntryOptions): ResolvedContext {
  const ctx: ResolvedContext = {
    name: entry.name,
    url: o.url ?? entry.url,
    production: entry.production,
    readonly: entry.readonly || o.readonly,
    source: 'file',
  };
  if (entry.colour) ctx.colour = entry.colour;
  if (entry.auth) {
    ctx.auth = resolveAuth(entry.auth, { env: o.env, baseDir: o.baseDir, context: entry.name, warn: o.warn });
  }
  if (entry.tls) ctx.tls = resolveTls(entry.tls, o.baseDir, o.env, entry.name);
  if (entry.proxy) ctx.proxy = proxySetting(entry.proxy);
  return ctx;
}

export function proxySetting(proxy: string): ProxySetting {
  return proxy === 'none' ? { from: 'none' } : { from: 'url', url: proxy };
}

function adHoc(name: string, url: string, readonly: boolean): ResolvedContext {
  return { name, url, production: false, readonly, source: 'url' };
}

function hostOf(url: string): string {
  return new URL(url).host;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/** The client for a context: its URL, auth, TLS, proxy and read-only flag (enforced before any request). */
export function clientFor(ctx: ResolvedContext, extra: Partial<ConnectClientOptions> = {}): ConnectClient {
  try {
    return newClient(ctx, extra);
  } catch (err) {
    // A proxy variable that is not a proxy URL is bad input, like a bad --url: nothing was sent.
    if (err instanceof ProxyConfigError) throw new ConfigError(err.message);
    throw err;
  }
}

function newClient(ctx: ResolvedContext, extra: Partial<ConnectClientOptions>): ConnectClient {
  return new ConnectClient({
    ...extra,
    url: ctx.url,
    context: ctx.name,
    readonly: ctx.readonly,
    ...(ctx.auth ? { auth: ctx.auth } : {}),
    ...(ctx.tls ? { tls: ctx.tls } : {}),
    ...(ctx.proxy ? { proxy: ctx.proxy } : {}),
  });
}
