// The contexts file (`contexts.yaml` in the config directory), its types and its validation. Unknown
// keys are errors rather than ignored: a misspelt `read-only:` silently ignored would leave a
// production cluster writable.
//
//   current-context: prod
//   contexts:
//     prod:
//       url: https://connect.prod.example:8083
//       production: true
//       readonly: true
//       colour: red
//       auth:
//         type: basic               # or bearer (token, token-env, token-file)
//         username: ops
//         password-env: KCX_PROD_PASSWORD   # or password-file: ~/.kcx/prod.pw, or password: (inline)
//       tls:
//         ca-file: /etc/ssl/corp-ca.pem
//         cert-file: client.pem     # relative paths are relative to the config directory
//         key-file: client-key.pem
//         insecure: false
//       proxy: http://proxy.corp:3128   # or none; default: HTTP_PROXY / HTTPS_PROXY / NO_PROXY
import { describeKind, entryOf, type Pos, type YamlEntry, type YamlNode } from '../domain/yaml-tree.js';
import { ConfigError } from './errors.js';

/** Where a secret comes from. Never from argv: it would show in `ps` and in shell history. */
export type SecretSource =
  | { from: 'env'; name: string }
  | { from: 'file'; path: string }
  | { from: 'inline'; value: string };

export type ContextAuth =
  | { type: 'basic'; username: string; password: SecretSource }
  | { type: 'bearer'; token: SecretSource };

export interface ContextTls {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecure?: boolean;
}

export interface ContextEntry {
  name: string;
  url: string;
  auth?: ContextAuth;
  tls?: ContextTls;
  /** An HTTP(S) proxy URL, or `none` for always direct; absent: the proxy variables decide. */
  proxy?: string;
  readonly: boolean;
  production: boolean;
  colour?: string;
}

export interface ContextsFile {
  currentContext?: string;
  /** In file order. */
  contexts: ContextEntry[];
}

export const COLOURS = ['red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray'] as const;

type MapNode = Extract<YamlNode, { kind: 'map' }>;

class Reader {
  constructor(readonly file: string) {}

  fail(message: string, pos?: Pos): never {
    throw new ConfigError(message, { file: this.file, ...(pos ?? {}) });
  }

  map(node: YamlNode, what: string): MapNode {
    if (node.kind !== 'map') this.fail(`${what} must be a map, not ${describeKind(node)}`, node.pos);
    return node;
  }

  onlyKeys(node: MapNode, what: string, allowed: readonly string[]): void {
    for (const e of node.entries) {
      if (!allowed.includes(e.key)) {
        this.fail(`unknown key "${e.key}" in ${what} (expected one of: ${allowed.join(', ')})`, e.keyPos);
      }
    }
  }

  string(entry: YamlEntry, what: string): string {
    const v = entry.value;
    if (v.kind !== 'scalar' || v.value === null || v.text === '') {
      this.fail(`${what} must be a non-empty string`, v.pos);
    }
    return v.text;
  }

  boolean(entry: YamlEntry, what: string): boolean {
    const v = entry.value;
    if (v.kind !== 'scalar' || typeof v.value !== 'boolean')
      this.fail(`${what} must be true or false`, v.pos);
    return v.value;
  }
}

export function parseContextsFile(docs: readonly YamlNode[], file: string): ContextsFile {
  const r = new Reader(file);
  if (docs.length === 0) return { contexts: [] };
  if (docs.length > 1) r.fail('expected one YAML document', docs[1]?.pos);
  const root = r.map(docs[0] as YamlNode, 'the contexts file');
  r.onlyKeys(root, 'the contexts file', ['current-context', 'contexts']);
  const out: ContextsFile = { contexts: [] };
  const current = entryOf(root, 'current-context');
  if (current && !(current.value.kind === 'scalar' && current.value.value === null)) {
    out.currentContext = r.string(current, 'current-context');
  }
  const contexts = entryOf(root, 'contexts');
  if (contexts && !(contexts.value.kind === 'scalar' && contexts.value.value === null)) {
    const map = r.map(contexts.value, 'contexts (name: settings)');
    for (const e of map.entries) out.contexts.push(parseEntry(r, e));
  }
  return out;
}

function parseEntry(r: Reader, e: YamlEntry): ContextEntry {
  const name = e.key;
  if (name.trim() === '') r.fail('a context name must not be empty', e.keyPos);
  const what = `context ${name}`;
  const node = r.map(e.value, what);
  r.onlyKeys(node, what, ['url', 'auth', 'tls', 'proxy', 'readonly', 'production', 'colour', 'color']);
  const urlEntry = entryOf(node, 'url');
  if (!urlEntry) r.fail(`${what} has no url`, node.pos);
  const url = r.string(urlEntry, `${what}: url`);
  checkUrl(url, (m) => r.fail(`${what}: ${m}`, urlEntry.value.pos));
  const entry: ContextEntry = { name, url, readonly: false, production: false };
  const readonly = entryOf(node, 'readonly');
  if (readonly) entry.readonly = r.boolean(readonly, `${what}: readonly`);
  const production = entryOf(node, 'production');
  if (production) entry.production = r.boolean(production, `${what}: production`);
  if (entryOf(node, 'colour') && entryOf(node, 'color')) {
    r.fail(`${what}: set colour or color, not both`, node.pos);
  }
  const colour = entryOf(node, 'colour') ?? entryOf(node, 'color');
  if (colour) {
    entry.colour = r.string(colour, `${what}: colour`);
    const problem = colourProblem(entry.colour);
    if (problem) r.fail(`${what}: ${problem}`, colour.value.pos);
  }
  const auth = entryOf(node, 'auth');
  if (auth) entry.auth = parseAuth(r, auth.value, what);
  const tls = entryOf(node, 'tls');
  if (tls) entry.tls = parseTls(r, tls.value, what);
  const proxy = entryOf(node, 'proxy');
  if (proxy) {
    entry.proxy = r.string(proxy, `${what}: proxy`);
    const problem = proxyProblem(entry.proxy);
    if (problem) r.fail(`${what}: ${problem}`, proxy.value.pos);
  }
  return entry;
}

function parseAuth(r: Reader, node: YamlNode, ctx: string): ContextAuth {
  const what = `${ctx}: auth`;
  const map = r.map(node, what);
  const typeEntry = entryOf(map, 'type');
  if (!typeEntry) r.fail(`${what} needs type: basic or type: bearer`, map.pos);
  const type = r.string(typeEntry, `${what}: type`);
  if (type === 'basic') {
    r.onlyKeys(map, `${what} (basic)`, ['type', 'username', 'password', 'password-env', 'password-file']);
    const user = entryOf(map, 'username');
    if (!user) r.fail(`${what} (basic) needs a username`, map.pos);
    return {
      type: 'basic',
      username: r.string(user, `${what}: username`),
      password: secretSource(r, map, 'password', what),
    };
  }
  if (type === 'bearer') {
    r.onlyKeys(map, `${what} (bearer)`, ['type', 'token', 'token-env', 'token-file']);
    return { type: 'bearer', token: secretSource(r, map, 'token', what) };
  }
  return r.fail(`${what}: type must be basic or bearer, not ${type}`, typeEntry.value.pos);
}

function secretSource(r: Reader, map: MapNode, key: 'password' | 'token', what: string): SecretSource {
  const inline = entryOf(map, key);
  const env = entryOf(map, `${key}-env`);
  const file = entryOf(map, `${key}-file`);
  const given = [inline, env, file].filter((e) => e !== undefined);
  if (given.length !== 1) {
    r.fail(`${what} needs exactly one of ${key}-env, ${key}-file or ${key}`, map.pos);
  }
  if (env) return { from: 'env', name: r.string(env, `${what}: ${key}-env`) };
  if (file) return { from: 'file', path: r.string(file, `${what}: ${key}-file`) };
  return { from: 'inline', value: r.string(inline as YamlEntry, `${what}: ${key}`) };
}

function parseTls(r: Reader, node: YamlNode, ctx: string): ContextTls {
  const what = `${ctx}: tls`;
  const map = r.map(node, what);
  r.onlyKeys(map, what, ['ca-file', 'cert-file', 'key-file', 'insecure']);
  const tls: ContextTls = {};
  const ca = entryOf(map, 'ca-file');
  if (ca) tls.caFile = r.string(ca, `${what}: ca-file`);
  const cert = entryOf(map, 'cert-file');
  if (cert) tls.certFile = r.string(cert, `${what}: cert-file`);
  const key = entryOf(map, 'key-file');
  if (key) tls.keyFile = r.string(key, `${what}: key-file`);
  const insecure = entryOf(map, 'insecure');
  if (insecure) tls.insecure = r.boolean(insecure, `${what}: insecure`);
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    r.fail(`${what}: cert-file and key-file go together (mutual TLS needs both)`, map.pos);
  }
  return tls;
}

/** undefined when fine; otherwise what is wrong with the URL. */
export function urlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `not a URL: ${url} (expected e.g. http://connect:8083)`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `the URL must start with http:// or https://, not ${parsed.protocol}//`;
  }
  return undefined;
}

/** undefined when fine: `none`, or an http:// or https:// proxy URL. */
export function proxyProblem(proxy: string): string | undefined {
  if (proxy === 'none') return undefined;
  const problem = urlProblem(proxy);
  return problem ? `proxy must be none or an http:// or https:// proxy URL: ${problem}` : undefined;
}

function checkUrl(url: string, fail: (m: string) => never): void {
  const problem = urlProblem(url);
  if (problem) fail(problem);
}

/** undefined when fine: a colour name the terminal knows, or #rrggbb. */
export function colourProblem(colour: string): string | undefined {
  if ((COLOURS as readonly string[]).includes(colour) || /^#[0-9a-fA-F]{6}$/.test(colour)) return undefined;
  return `colour must be one of ${COLOURS.join(', ')} or #rrggbb, not ${colour}`;
}

/** The file holds a secret in clear: an inline password or token, or a password in a URL. */
export function holdsSecrets(file: ContextsFile): boolean {
  return file.contexts.some((c) => {
    if (c.auth?.type === 'basic' && c.auth.password.from === 'inline') return true;
    if (c.auth?.type === 'bearer' && c.auth.token.from === 'inline') return true;
    try {
      return new URL(c.url).password !== '';
    } catch {
      return false;
    }
  });
}
