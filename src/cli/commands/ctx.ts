// `kcx ctx list|use|add|remove|show`: the contexts file without an editor. Secrets never pass through
// argv: `add` takes the name of an environment variable or a file that holds them.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { addContext, loadContexts, removeContext, setCurrentContext } from '../../config/contexts-file.js';
import {
  type ContextAuth,
  type ContextEntry,
  type ContextTls,
  colourProblem,
  proxyProblem,
  type SecretSource,
  urlProblem,
} from '../../config/contexts-schema.js';
import { describeAuth, expandPath } from '../../config/credentials.js';
import { proxySetting, selectContext, type TargetOptions } from '../../config/resolve.js';
import { chooseProxy, type ProxySetting } from '../../connect/proxy.js';
import { UsageError } from '../failure.js';
import { isStructured, type OutputFormat, renderStructured } from '../output/format.js';
import { printListing } from '../output/listing.js';
import type { Out } from './common.js';

export function ctxList(output: OutputFormat, out: Out, env: NodeJS.ProcessEnv = process.env): number {
  const loaded = loadContexts(env);
  for (const w of loaded.warnings) out.warn(w);
  const current = loaded.file.currentContext;
  if (loaded.file.contexts.length === 0 && (output === 'table' || output === 'wide')) {
    out.warn(`no contexts in ${loaded.path}; add one with: kcx ctx add NAME --url URL`);
    return 0;
  }
  printListing(
    {
      noun: 'contexts',
      rows: loaded.file.contexts,
      columns: [
        { header: 'CURRENT', value: (c) => (c.name === current ? '*' : '') },
        {
          header: 'NAME',
          value: (c) => c.name,
          flex: true,
          colour: (c) => (c.production ? 'red' : undefined),
        },
        { header: 'URL', value: (c) => c.url, flex: true },
        { header: 'AUTH', value: (c) => c.auth?.type ?? 'none' },
        { header: 'FLAGS', value: flags },
      ],
      json: (c) => summary(c, c.name === current),
      name: (c) => c.name,
    },
    output,
    out,
  );
  return 0;
}

function flags(c: ContextEntry): string {
  const f: string[] = [];
  if (c.production) f.push('production');
  if (c.readonly) f.push('readonly');
  if (c.tls?.insecure) f.push('insecure-tls');
  return f.join(',');
}

/** What a context is, without its secrets: where they come from instead. */
function summary(c: ContextEntry, current: boolean): Record<string, unknown> {
  return {
    name: c.name,
    current,
    url: c.url,
    auth: describeAuth(c.auth),
    readonly: c.readonly,
    production: c.production,
    ...(c.colour ? { colour: c.colour } : {}),
    ...(c.tls ? { tls: c.tls } : {}),
    ...(c.proxy ? { proxy: withoutCredentials(c.proxy) } : {}),
  };
}

/** A proxy URL as it may be shown: credentials in it are a secret like any other. */
function withoutCredentials(proxy: string): string {
  try {
    const url = new URL(proxy);
    if (url.username === '' && url.password === '') return proxy;
    url.username = '';
    url.password = '';
    return url.href.replace(/\/$/, '');
  } catch {
    // 'none', or something resolve.ts will refuse with its own message.
    return proxy;
  }
}

export function ctxUse(name: string, out: Out, env: NodeJS.ProcessEnv = process.env): number {
  setCurrentContext(env, name);
  out.write(`switched to context ${name}\n`);
  return 0;
}

export function ctxRemove(name: string, out: Out, env: NodeJS.ProcessEnv = process.env): number {
  const { wasCurrent } = removeContext(env, name);
  out.write(`removed context ${name}${wasCurrent ? ' (it was current: no context is current now)' : ''}\n`);
  return 0;
}

export interface AddOptions {
  url?: string;
  auth?: string;
  username?: string;
  passwordEnv?: string;
  passwordFile?: string;
  tokenEnv?: string;
  tokenFile?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecure?: boolean;
  proxy?: string;
  readonly?: boolean;
  production?: boolean;
  colour?: string;
  use?: boolean;
  force?: boolean;
}

export function ctxAdd(name: string, o: AddOptions, out: Out, env: NodeJS.ProcessEnv = process.env): number {
  const entry = entryFromOptions(name, o);
  const before = loadContexts(env);
  addContext(env, entry, { force: o.force === true });
  // The first context becomes the current one: there is nothing else it could mean.
  const makeCurrent = o.use === true || before.file.currentContext === undefined;
  if (makeCurrent) setCurrentContext(env, name);
  out.write(
    `added context ${name} (${entry.url})${makeCurrent ? ', now current' : `; switch with: kcx ctx use ${name}`}\n`,
  );
  for (const note of secretNotes(entry, dirname(before.path), env)) out.warn(note);
  return 0;
}

export function entryFromOptions(name: string, o: AddOptions): ContextEntry {
  if (name.trim() === '' || /[\u0000-\u001f]/.test(name))
    throw new UsageError('a context name must be printable text');
  if (!o.url) throw new UsageError('kcx ctx add needs --url URL');
  const problem = urlProblem(o.url);
  if (problem) throw new UsageError(`--url: ${problem}`);
  const entry: ContextEntry = {
    name,
    url: o.url,
    readonly: o.readonly === true,
    production: o.production === true,
  };
  if (o.colour) {
    const colour = colourProblem(o.colour);
    if (colour) throw new UsageError(`--colour: ${colour}`);
    entry.colour = o.colour;
  }
  const auth = authFromOptions(o);
  if (auth) entry.auth = auth;
  const tls: ContextTls = {};
  if (o.caFile) tls.caFile = fromCwd(o.caFile);
  if (o.certFile) tls.certFile = fromCwd(o.certFile);
  if (o.keyFile) tls.keyFile = fromCwd(o.keyFile);
  if (o.insecure) tls.insecure = true;
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    throw new UsageError('--cert-file and --key-file go together (mutual TLS needs both)');
  }
  if (Object.keys(tls).length > 0) entry.tls = tls;
  if (o.proxy !== undefined) {
    const problem = proxyProblem(o.proxy);
    if (problem) throw new UsageError(`--proxy: ${problem}`);
    entry.proxy = o.proxy;
  }
  return entry;
}

/**
 * A path typed on the command line means the current directory; in the file, relative paths are
 * relative to the config directory. So store it absolute (a quoted `~/…` stays as typed).
 */
function fromCwd(path: string): string {
  return path.startsWith('~') ? path : resolve(path);
}

function authFromOptions(o: AddOptions): ContextAuth | undefined {
  const basicGiven = o.username !== undefined || o.passwordEnv !== undefined || o.passwordFile !== undefined;
  const bearerGiven = o.tokenEnv !== undefined || o.tokenFile !== undefined;
  const type = o.auth ?? (basicGiven ? 'basic' : bearerGiven ? 'bearer' : undefined);
  if (type === undefined) return undefined;
  const one = (env: string | undefined, file: string | undefined, what: string): SecretSource => {
    if ((env === undefined) === (file === undefined)) {
      throw new UsageError(
        `${what}: give exactly one of --${what}-env VAR or --${what}-file FILE (never the secret itself)`,
      );
    }
    return env !== undefined ? { from: 'env', name: env } : { from: 'file', path: fromCwd(file as string) };
  };
  if (type === 'basic') {
    if (bearerGiven) throw new UsageError('--token-env/--token-file are for --auth bearer');
    if (!o.username) throw new UsageError('basic auth needs --username');
    return { type: 'basic', username: o.username, password: one(o.passwordEnv, o.passwordFile, 'password') };
  }
  if (type === 'bearer') {
    if (basicGiven) throw new UsageError('--username/--password-* are for --auth basic');
    return { type: 'bearer', token: one(o.tokenEnv, o.tokenFile, 'token') };
  }
  throw new UsageError(`--auth must be basic or bearer, not ${type}`);
}

/** After `add`: say so when the secret's variable is not set or its file is missing (yet). */
function secretNotes(entry: ContextEntry, baseDir: string, env: NodeJS.ProcessEnv): string[] {
  const source = entry.auth?.type === 'basic' ? entry.auth.password : entry.auth?.token;
  if (!source) return [];
  if (source.from === 'env' && !env[source.name]) {
    return [`note: $${source.name} is not set in this shell; set it before using context ${entry.name}`];
  }
  if (source.from === 'file' && !existsSync(expandPath(source.path, baseDir, env))) {
    return [
      `note: ${source.path} does not exist yet; create it (mode 600) before using context ${entry.name}`,
    ];
  }
  return [];
}

/**
 * The context a command would use (or the named one), what it points at and where its secret comes
 * from, and whether that secret is there — never the secret.
 */
export function ctxShow(
  name: string | undefined,
  target: TargetOptions,
  output: OutputFormat,
  out: Out,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const warn = (m: string) => out.warn(m);
  const selection =
    name === undefined
      ? selectContext(target, env, { warn })
      : selectContext({ context: name }, env, { warn });
  if (selection.kind !== 'file') {
    const url = selection.kind === 'url' ? selection.url : 'http://localhost:8083';
    const shown = {
      name: selection.kind === 'url' ? selection.name : 'localhost:8083',
      url,
      source: selection.kind === 'url' ? 'the command line or $KCX_URL (no contexts file entry)' : 'default',
      auth: 'none',
      proxy: proxyText(url, { from: 'env', env }),
      readonly: target.readonly === true,
      production: false,
    };
    out.write(isStructured(output) ? renderStructured(shown, output) : keyValues(shown));
    return 0;
  }
  const { entry, loaded } = selection;
  const baseDir = dirname(loaded.path);
  const status = secretStatus(entry.auth, baseDir, env);
  const shown: Record<string, unknown> = {
    ...summary(entry, loaded.file.currentContext === entry.name),
    ...(selection.url ? { url: `${selection.url} (overrides ${entry.url})` } : {}),
    ...(status ? { secret: status } : {}),
    ...(entry.tls ? { tls: tlsText(entry.tls, baseDir, env) } : {}),
    proxy: proxyText(
      selection.url ?? entry.url,
      entry.proxy ? proxySetting(entry.proxy) : { from: 'env', env },
    ),
    file: loaded.path,
  };
  out.write(isStructured(output) ? renderStructured(shown, output) : keyValues(shown));
  return 0;
}

function secretStatus(
  auth: ContextAuth | undefined,
  baseDir: string,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const source = auth?.type === 'basic' ? auth.password : auth?.token;
  if (!source) return undefined;
  if (source.from === 'env')
    return env[source.name] ? `$${source.name} is set` : `$${source.name} is NOT set`;
  if (source.from === 'file') {
    const path = expandPath(source.path, baseDir, env);
    return existsSync(path) ? `${path} exists` : `${path} does NOT exist`;
  }
  return 'inline in the contexts file';
}

function tlsText(tls: ContextTls, baseDir: string, env: NodeJS.ProcessEnv): string {
  const parts: string[] = [];
  if (tls.caFile) parts.push(`ca ${expandPath(tls.caFile, baseDir, env)}`);
  if (tls.certFile) parts.push(`cert ${expandPath(tls.certFile, baseDir, env)}`);
  if (tls.keyFile) parts.push(`key ${expandPath(tls.keyFile, baseDir, env)}`);
  if (tls.insecure) parts.push('insecure (certificate not verified)');
  return parts.join(', ');
}

/** The proxy the client would use for this URL, and where it is set; or why none is used. */
function proxyText(url: string, setting: ProxySetting): string {
  try {
    const proxy = chooseProxy(new URL(url), setting);
    if (proxy) return `${proxy.shown} (${proxy.source})`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return setting.from === 'none' ? 'none (proxy: none in the context)' : 'none (direct)';
}

function keyValues(o: Record<string, unknown>): string {
  const keys = Object.keys(o);
  const width = Math.max(...keys.map((k) => k.length)) + 1;
  return `${keys.map((k) => `${`${k}:`.padEnd(width)} ${typeof o[k] === 'string' ? o[k] : JSON.stringify(o[k])}`).join('\n')}\n`;
}

/** Names for completion: quietly nothing when the file is missing or broken. */
export function contextNames(env: NodeJS.ProcessEnv = process.env): string[] {
  try {
    return loadContexts(env).file.contexts.map((c) => c.name);
  } catch {
    return [];
  }
}
