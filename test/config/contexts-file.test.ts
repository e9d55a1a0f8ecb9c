import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addContext,
  contextsPath,
  loadContexts,
  permissionWarning,
  removeContext,
  setCurrentContext,
} from '../../src/config/contexts-file.js';
import { type ContextEntry, parseContextsFile } from '../../src/config/contexts-schema.js';
import { ConfigError, ContextError } from '../../src/config/errors.js';
import { InputError } from '../../src/domain/input-error.js';
import { parseYamlDocuments } from '../../src/domain/yaml-tree.js';

const FILE = '/cfg/contexts.yaml';
const parse = (text: string) => parseContextsFile(parseYamlDocuments(text, FILE), FILE);

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('parseContextsFile', () => {
  it('reads contexts with auth, TLS and flags, in file order', () => {
    const file = parse(`current-context: prod
contexts:
  prod:
    url: https://connect.prod:8083
    readonly: true
    production: true
    colour: red
    auth:
      type: basic
      username: ops
      password-env: PROD_PW
    tls:
      ca-file: ca.pem
      cert-file: c.pem
      key-file: k.pem
  cloud:
    url: https://cloud.example
    color: "#ff8800"
    auth: {type: bearer, token-file: ~/cloud.token}
    tls: {insecure: true}
  local:
    url: http://localhost:8083
`);
    expect(file.currentContext).toBe('prod');
    expect(file.contexts.map((c) => c.name)).toEqual(['prod', 'cloud', 'local']);
    expect(file.contexts[0]).toEqual({
      name: 'prod',
      url: 'https://connect.prod:8083',
      readonly: true,
      production: true,
      colour: 'red',
      auth: { type: 'basic', username: 'ops', password: { from: 'env', name: 'PROD_PW' } },
      tls: { caFile: 'ca.pem', certFile: 'c.pem', keyFile: 'k.pem' },
    });
    expect(file.contexts[1]).toMatchObject({
      colour: '#ff8800',
      auth: { type: 'bearer', token: { from: 'file', path: '~/cloud.token' } },
      tls: { insecure: true },
    });
    expect(file.contexts[2]).toEqual({
      name: 'local',
      url: 'http://localhost:8083',
      readonly: false,
      production: false,
    });
  });

  it('schema errors are ConfigErrors', () => {
    expect(errorOf(() => parse('contexts:\n  p: {}\n'))).toBeInstanceOf(ConfigError);
  });

  it('an empty file has no contexts', () => {
    expect(parse('')).toEqual({ contexts: [] });
    expect(parse('# nothing yet\n')).toEqual({ contexts: [] });
  });

  it.each([
    [
      'contexts:\n  p:\n    url: http://p\n    read-only: true\n',
      '4:5: unknown key "read-only" in context p',
    ],
    ['contexts:\n  p:\n    readonly: true\n', '3:5: context p has no url'],
    ['contexts:\n  p:\n    url: ftp://p\n', '3:10: context p: the URL must start with http:// or https://'],
    [
      'contexts:\n  p:\n    url: http://p\n    readonly: "yes"\n',
      '4:15: context p: readonly must be true or false',
    ],
    ['contexts:\n  p:\n    url: http://p\n    colour: pink\n', '4:13: context p: colour must be one of'],
    [
      'contexts:\n  p:\n    url: http://p\n    auth: {username: u}\n',
      'context p: auth needs type: basic or type: bearer',
    ],
    [
      'contexts:\n  p:\n    url: http://p\n    auth: {type: basic, username: u, password-env: A, password-file: f}\n',
      'needs exactly one of password-env, password-file or password',
    ],
    [
      'contexts:\n  p:\n    url: http://p\n    auth: {type: bearer, username: u, token: t}\n',
      'unknown key "username"',
    ],
    [
      'contexts:\n  p:\n    url: http://p\n    tls: {cert-file: c.pem}\n',
      'cert-file and key-file go together',
    ],
    [
      'contexts:\n  p:\n    url: http://p\n    proxy: socks5://p:1080\n',
      '4:12: context p: proxy must be none or an http:// or https:// proxy URL',
    ],
    ['contexts:\n  - name: p\n    url: http://p\n', 'contexts (name: settings) must be a map, not a list'],
    ['current-context: [a]\n', '1:18: current-context must be a non-empty string'],
    ['contexts:\n  p: {url: http://p\n', `${FILE}:`],
    ['contexts:\n  p:\n    url: http://a\n  p:\n    url: http://b\n', 'Map keys must be unique'],
  ])('rejects %j with a located message', (text, message) => {
    const e = errorOf(() => parse(text));
    // Schema errors are ConfigErrors; YAML syntax errors their base, InputError: both exit 2.
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toContain(message);
    expect(e.message.startsWith(`${FILE}:`)).toBe(true);
  });
});

describe('the contexts file on disk', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kcx-ctx-'));
    env = { KCX_CONFIG_DIR: join(dir, 'config') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const entry = (name: string, extra: Partial<ContextEntry> = {}): ContextEntry => ({
    name,
    url: `http://${name}:8083`,
    readonly: false,
    production: false,
    ...extra,
  });

  it('lives in KCX_CONFIG_DIR/contexts.yaml; a missing file is empty', () => {
    expect(contextsPath(env)).toBe(join(dir, 'config', 'contexts.yaml'));
    expect(loadContexts(env)).toEqual({
      path: contextsPath(env),
      exists: false,
      file: { contexts: [] },
      warnings: [],
    });
  });

  it('add writes the file 0600 (directory 0700) and reads back the same context', () => {
    const prod = entry('prod', {
      readonly: true,
      production: true,
      colour: 'red',
      auth: { type: 'basic', username: 'ops', password: { from: 'file', path: '/secrets/pw' } },
      tls: { caFile: '/ca.pem', insecure: true },
      proxy: 'http://proxy.corp:3128',
    });
    addContext(env, prod, {});
    expect(statSync(contextsPath(env)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'config')).mode & 0o777).toBe(0o700);
    expect(loadContexts(env).file.contexts).toEqual([prod]);
    expect(readFileSync(contextsPath(env), 'utf8')).toContain('password-file: /secrets/pw');
  });

  it('add refuses a duplicate unless forced; use and remove keep the rest', () => {
    addContext(env, entry('a'), {});
    addContext(env, entry('b'), {});
    expect(() => addContext(env, entry('a', { url: 'http://new:1' }), {})).toThrow(/already exists/);
    addContext(env, entry('a', { url: 'http://new:1' }), { force: true });
    expect(loadContexts(env).file.contexts.find((c) => c.name === 'a')?.url).toBe('http://new:1');

    setCurrentContext(env, 'b');
    expect(loadContexts(env).file.currentContext).toBe('b');
    expect(removeContext(env, 'b')).toEqual({ wasCurrent: true });
    const after = loadContexts(env).file;
    expect(after.currentContext).toBeUndefined();
    expect(after.contexts.map((c) => c.name)).toEqual(['a']);
    expect(removeContext(env, 'a')).toEqual({ wasCurrent: false });
  });

  it('use/remove of an unknown context is a ContextError listing the known ones', () => {
    addContext(env, entry('a'), {});
    const e = errorOf(() => setCurrentContext(env, 'zz'));
    expect(e).toBeInstanceOf(ContextError);
    expect((e as ContextError).known).toEqual(['a']);
    expect(e.message).toContain('known contexts: a');
  });

  it('edits keep comments and unrelated formatting', () => {
    mkdirSync(join(dir, 'config'), { recursive: true });
    writeFileSync(
      contextsPath(env),
      '# team clusters\ncontexts:\n  a:\n    url: http://a:8083 # the old one\n  b:\n    url: http://b:8083\n',
    );
    setCurrentContext(env, 'b');
    removeContext(env, 'a');
    const text = readFileSync(contextsPath(env), 'utf8');
    expect(text).toContain('# team clusters');
    expect(text).toBe('current-context: b\n# team clusters\ncontexts:\n  b:\n    url: http://b:8083\n');
  });

  it('warns when a file holding secrets is readable by others', () => {
    mkdirSync(join(dir, 'config'), { recursive: true });
    const path = contextsPath(env);
    writeFileSync(path, 'contexts:\n  p:\n    url: http://p\n    auth: {type: bearer, token: abc}\n');
    chmodSync(path, 0o640);
    expect(loadContexts(env).warnings).toEqual([
      `warning: ${path} holds secrets and is readable by others (mode 640); run: chmod 600 ${path}`,
    ]);
    chmodSync(path, 0o600);
    expect(loadContexts(env).warnings).toEqual([]);
  });

  it('permissionWarning: only secrets in clear count, and never on Windows', () => {
    const inline = parse(
      'contexts:\n  p:\n    url: http://p\n    auth: {type: basic, username: u, password: pw}\n',
    );
    const fromEnv = parse(
      'contexts:\n  p:\n    url: http://p\n    auth: {type: basic, username: u, password-env: PW}\n',
    );
    const inUrl = parse('contexts:\n  p:\n    url: http://u:pw@p\n');
    expect(permissionWarning('/f', 0o100644, inline)).toContain('mode 644');
    expect(permissionWarning('/f', 0o100604, inUrl)).toContain('mode 604');
    expect(permissionWarning('/f', 0o100644, fromEnv)).toBeUndefined();
    expect(permissionWarning('/f', 0o100600, inline)).toBeUndefined();
    expect(permissionWarning('/f', 0o100644, inline, 'win32')).toBeUndefined();
  });
});
