// Secrets for a context, read at the moment a command needs them: from an environment variable, a
// file, or (discouraged) inline in the contexts file. Never from argv, where `ps` and shell history
// would show them.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Auth, TlsOptions } from '../connect/http.js';
import type { ContextAuth, ContextTls, SecretSource } from './contexts-schema.js';
import { ConfigError } from './errors.js';

export interface SecretContext {
  env: NodeJS.ProcessEnv;
  /** Relative paths in the contexts file are relative to its directory. */
  baseDir: string;
  /** The context, for messages. */
  context: string;
  warn?: (message: string) => void;
}

/** `~/x` → the home directory; relative → under baseDir. */
export function expandPath(path: string, baseDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (path === '~' || path.startsWith('~/')) return join(env.HOME || homedir(), path.slice(1));
  return isAbsolute(path) ? path : join(baseDir, path);
}

export function readSecret(source: SecretSource, what: string, sc: SecretContext): string {
  if (source.from === 'inline') return source.value;
  if (source.from === 'env') {
    const value = sc.env[source.name];
    if (value === undefined || value === '') {
      throw new ConfigError(
        `context ${sc.context}: the ${what} comes from $${source.name}, which is not set`,
      );
    }
    return value;
  }
  const path = expandPath(source.path, sc.baseDir, sc.env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new ConfigError(`context ${sc.context}: cannot read the ${what} file ${path} (${code})`);
  }
  // Editors and `echo` leave a final newline that is not part of the secret.
  const value = text.replace(/\r?\n$/, '');
  if (value === '') throw new ConfigError(`context ${sc.context}: the ${what} file ${path} is empty`);
  if (process.platform !== 'win32' && sc.warn) {
    const mode = statSync(path).mode;
    if ((mode & 0o077) !== 0) {
      const octal = (mode & 0o777).toString(8).padStart(3, '0');
      sc.warn(
        `warning: the ${what} file ${path} is readable by others (mode ${octal}); run: chmod 600 ${path}`,
      );
    }
  }
  return value;
}

export function resolveAuth(auth: ContextAuth, sc: SecretContext): Auth {
  if (auth.type === 'basic') {
    return { username: auth.username, password: readSecret(auth.password, 'password', sc) };
  }
  return { token: readSecret(auth.token, 'token', sc) };
}

/**
 * TLS file paths made absolute. The transport reads the files when it connects; a file that cannot
 * be read is reported here, as a mistake in the contexts file, before anything is sent.
 */
export function resolveTls(
  tls: ContextTls,
  baseDir: string,
  env: NodeJS.ProcessEnv,
  context: string,
): TlsOptions {
  const out: TlsOptions = {};
  const file = (key: string, path: string) => {
    const full = expandPath(path, baseDir, env);
    try {
      accessSync(full, constants.R_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new ConfigError(`context ${context}: cannot read tls.${key} ${full} (${code})`);
    }
    return full;
  };
  if (tls.caFile) out.caFile = file('ca-file', tls.caFile);
  if (tls.certFile) out.certFile = file('cert-file', tls.certFile);
  if (tls.keyFile) out.keyFile = file('key-file', tls.keyFile);
  if (tls.insecure) out.insecure = true;
  return out;
}

/** How the auth is configured, for `kcx ctx show` and `ctx list`: never the secret itself. */
export function describeAuth(auth: ContextAuth | undefined): string {
  if (!auth) return 'none';
  const from = (s: SecretSource) =>
    s.from === 'env' ? `$${s.name}` : s.from === 'file' ? `file ${s.path}` : 'inline (in the contexts file)';
  if (auth.type === 'basic') return `basic (${auth.username}, password from ${from(auth.password)})`;
  return `bearer (token from ${from(auth.token)})`;
}
