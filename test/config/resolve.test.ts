import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSecret } from '../../src/config/credentials.js';
import {
  ConfigError,
  ContextError,
  clientFor,
  DEFAULT_URL,
  resolveContext,
  selectContext,
} from '../../src/config/resolve.js';
import { startEmulator } from '../../src/emulator/index.js';
import { FILE_SOURCE } from '../support/configs.js';
import { failure } from '../support/connect-failure.js';

let dir: string;
let env: NodeJS.ProcessEnv;
const warnings: string[] = [];
const io = { warn: (m: string) => warnings.push(m) };

function writeContexts(text: string, mode = 0o600): string {
  mkdirSync(join(dir, 'config'), { recursive: true });
  const path = join(dir, 'config', 'contexts.yaml');
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kcx-resolve-'));
  env = { KCX_CONFIG_DIR: join(dir, 'config'), HOME: dir };
  warnings.length = 0;
  // The CA file TWO names: resolving checks that it can be read.
  mkdirSync(join(dir, 'config', 'certs'), { recursive: true });
  writeFileSync(join(dir, 'config', 'certs', 'ca.pem'), 'not parsed until a connection is made');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

const TWO = `current-context: prod
contexts:
  prod:
    url: https://prod:8083
    readonly: true
    production: true
    colour: red
    auth: {type: basic, username: ops, password-env: PROD_PW}
    tls: {ca-file: certs/ca.pem}
  dev:
    url: http://dev:8083
`;

describe('resolveContext: which cluster', () => {
  it('with nothing configured: http://localhost:8083', async () => {
    expect(await resolveContext({}, env, io)).toEqual({
      name: 'localhost:8083',
      url: DEFAULT_URL,
      production: false,
      readonly: false,
      source: 'default',
    });
  });

  it('--url alone is an ad-hoc cluster named after its host, without reading the file', async () => {
    writeContexts('this: is: not: yaml: [');
    expect(await resolveContext({ url: 'http://c1:8083', readonly: true }, env, io)).toEqual({
      name: 'c1:8083',
      url: 'http://c1:8083',
      production: false,
      readonly: true,
      source: 'url',
    });
  });

  it('the current context, with its secrets and TLS paths resolved', async () => {
    writeContexts(TWO);
    const ctx = await resolveContext({}, { ...env, PROD_PW: 'pw1' }, io);
    expect(ctx).toEqual({
      name: 'prod',
      url: 'https://prod:8083',
      production: true,
      readonly: true,
      colour: 'red',
      auth: { username: 'ops', password: 'pw1' },
      tls: { caFile: join(dir, 'config', 'certs/ca.pem') },
      source: 'file',
    });
  });

  it('--context picks a context; --url overrides its URL but keeps its settings', async () => {
    writeContexts(TWO);
    expect((await resolveContext({ context: 'dev' }, env, io)).url).toBe('http://dev:8083');
    const moved = await resolveContext(
      { context: 'prod', url: 'https://prod-2:8083' },
      { ...env, PROD_PW: 'x' },
      io,
    );
    expect(moved).toMatchObject({
      name: 'prod',
      url: 'https://prod-2:8083',
      readonly: true,
      auth: { password: 'x' },
    });
  });

  it('--readonly adds protection but cannot remove it', async () => {
    writeContexts(TWO);
    expect((await resolveContext({ context: 'dev', readonly: true }, env, io)).readonly).toBe(true);
    expect(
      (await resolveContext({ context: 'prod', readonly: false }, { ...env, PROD_PW: 'x' }, io)).readonly,
    ).toBe(true);
  });

  it('KCX_CONTEXT and KCX_URL stand in for the flags', async () => {
    writeContexts(TWO);
    expect((await resolveContext({}, { ...env, KCX_CONTEXT: 'dev' }, io)).name).toBe('dev');
    expect(await resolveContext({}, { ...env, KCX_URL: 'http://e:1' }, io)).toMatchObject({
      name: 'e:1',
      source: 'url',
    });
    const both = await resolveContext({}, { ...env, KCX_CONTEXT: 'dev', KCX_URL: 'http://e:1' }, io);
    expect(both).toMatchObject({ name: 'dev', url: 'http://e:1' });
  });

  it('a flag beats the environment as a whole', async () => {
    writeContexts(TWO);
    const e = { ...env, KCX_CONTEXT: 'prod', KCX_URL: 'http://from-env:1' };
    expect(await resolveContext({ context: 'dev' }, e, io)).toMatchObject({
      name: 'dev',
      url: 'http://dev:8083',
    });
    expect(await resolveContext({ url: 'http://flag:1' }, e, io)).toMatchObject({
      name: 'flag:1',
      source: 'url',
    });
  });

  it('an unknown context is a ContextError listing the known ones; with a URL it labels an ad-hoc cluster', async () => {
    writeContexts(TWO);
    const e = await rejection(resolveContext({ context: 'stage' }, env, io));
    expect(e).toBeInstanceOf(ContextError);
    expect(e.message).toContain('unknown context "stage"; known contexts: prod, dev');
    expect((e as ContextError).known).toEqual(['prod', 'dev']);
    const fromEnv = await rejection(resolveContext({}, { ...env, KCX_CONTEXT: 'x' }, io));
    expect(fromEnv).toBeInstanceOf(ContextError);
    expect(await resolveContext({ context: 'stage', url: 'http://s:1' }, env, io)).toMatchObject({
      name: 'stage',
      url: 'http://s:1',
      source: 'url',
    });
  });

  it('contexts but none current, or a current-context that does not exist: a ConfigError saying what to do', async () => {
    writeContexts('contexts:\n  a: {url: "http://a:1"}\n');
    expect((await rejection(resolveContext({}, env, io))).message).toContain(
      'no current context; choose one',
    );
    writeContexts('current-context: gone\ncontexts:\n  a: {url: "http://a:1"}\n');
    const e = await rejection(resolveContext({}, env, io));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toContain('current-context "gone" is not defined; known contexts: a');
  });

  it('a bad URL from a flag or the environment is a ConfigError', async () => {
    expect((await rejection(resolveContext({ url: 'localhost:8083' }, env, io))).message).toContain('--url:');
    expect((await rejection(resolveContext({}, { ...env, KCX_URL: 'nope' }, io))).message).toContain(
      'KCX_URL:',
    );
  });

  it('passes the file permission warning on', async () => {
    writeContexts(
      'current-context: a\ncontexts:\n  a: {url: "http://a:1", auth: {type: bearer, token: t0k}}\n',
      0o644,
    );
    await resolveContext({}, env, io);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('holds secrets and is readable by others');
  });

  it('a TLS file that cannot be read is a ConfigError naming the key, the context and the path', async () => {
    writeContexts(
      'current-context: t\ncontexts:\n  t:\n    url: https://t:8083\n    tls: {ca-file: nope.pem}\n',
    );
    const e = await rejection(resolveContext({}, env, io));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe(`context t: cannot read tls.ca-file ${join(dir, 'config', 'nope.pem')} (ENOENT)`);
  });

  it("a context's proxy: a URL, or none; without one the client reads the environment", async () => {
    writeContexts(
      'contexts:\n  via:\n    url: http://a:8083\n    proxy: http://proxy.corp:3128\n  direct:\n    url: http://b:8083\n    proxy: none\n  plain:\n    url: http://c:8083\n',
    );
    expect((await resolveContext({ context: 'via' }, env, io)).proxy).toEqual({
      from: 'url',
      url: 'http://proxy.corp:3128',
    });
    expect((await resolveContext({ context: 'direct' }, env, io)).proxy).toEqual({ from: 'none' });
    expect((await resolveContext({ context: 'plain' }, env, io)).proxy).toBeUndefined();
  });

  it('selectContext reads no secret', () => {
    writeContexts(TWO);
    const s = selectContext({}, env, io);
    expect(s.kind === 'file' && s.entry.name).toBe('prod');
  });
});

describe('secrets', () => {
  const sc = () => ({ env, baseDir: join(dir, 'config'), context: 'c' });

  it('from a file: trailing newline dropped, relative to the config directory, ~ expanded', () => {
    mkdirSync(join(dir, 'config'), { recursive: true });
    writeFileSync(join(dir, 'config', 'pw'), 's3cret\n', { mode: 0o600 });
    writeFileSync(join(dir, 'tok'), 'tok en\r\n', { mode: 0o600 });
    expect(readSecret({ from: 'file', path: 'pw' }, 'password', sc())).toBe('s3cret');
    expect(readSecret({ from: 'file', path: '~/tok' }, 'token', sc())).toBe('tok en');
  });

  it('from a file: missing or empty is a ConfigError; readable by others is a warning', () => {
    expect(() => readSecret({ from: 'file', path: '/nope/pw' }, 'password', sc())).toThrow(
      /context c: cannot read the password file \/nope\/pw \(ENOENT\)/,
    );
    writeFileSync(join(dir, 'empty'), '\n');
    expect(() => readSecret({ from: 'file', path: join(dir, 'empty') }, 'token', sc())).toThrow(/is empty/);
    const open = join(dir, 'open');
    writeFileSync(open, 'x');
    chmodSync(open, 0o644);
    const seen: string[] = [];
    readSecret({ from: 'file', path: open }, 'token', { ...sc(), warn: (m) => seen.push(m) });
    expect(seen[0]).toContain(`the token file ${open} is readable by others (mode 644)`);
  });

  it('from the environment: unset or empty is a ConfigError naming the variable', () => {
    expect(readSecret({ from: 'env', name: 'PW' }, 'password', { ...sc(), env: { PW: 'v' } })).toBe('v');
    expect(() => readSecret({ from: 'env', name: 'PW' }, 'password', { ...sc(), env: { PW: '' } })).toThrow(
      'context c: the password comes from $PW, which is not set',
    );
  });
});

describe('clientFor', () => {
  it('a read-only context gives a client that refuses writes before any request', async () => {
    writeContexts('current-context: ro\ncontexts:\n  ro: {url: "http://127.0.0.1:9", readonly: true}\n');
    const client = clientFor(await resolveContext({}, env, io));
    try {
      expect(client.readonly).toBe(true);
      const e = await failure(client.deleteConnector('x'));
      expect(e.kind).toBe('read-only');
      expect(client.stats.requests).toBe(0);
    } finally {
      await client.close();
    }
  });

  it("carries the context's proxy to the client", async () => {
    writeContexts(
      'current-context: p\ncontexts:\n  p:\n    url: http://connect.corp:8083\n    proxy: http://proxy.corp:3128\n',
    );
    const client = clientFor(await resolveContext({}, env, io));
    try {
      expect(client.proxy?.shown).toBe('http://proxy.corp:3128');
    } finally {
      await client.close();
    }
  });

  it('a proxy variable that is no proxy URL is bad input (a ConfigError), before anything is sent', async () => {
    vi.stubEnv('https_proxy', '');
    vi.stubEnv('HTTPS_PROXY', 'socks5://proxy.corp:1080');
    try {
      const ctx = await resolveContext({ url: 'https://connect.corp:8083', context: 'prod' }, env, io);
      const e = errorOf(() => clientFor(ctx));
      expect(e).toBeInstanceOf(ConfigError);
      expect(e.message).toBe(
        '[prod] the proxy ($HTTPS_PROXY) is socks5://…; kcx speaks to HTTP and HTTPS proxies only',
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('carries the context auth to the worker', async () => {
    const emu = await startEmulator({ port: 0, auth: { basic: { username: 'ops', password: 'pw9' } } });
    try {
      emu.cluster.create('one', FILE_SOURCE, 'RUNNING', true);
      writeContexts(
        `current-context: e\ncontexts:\n  e:\n    url: ${emu.url}\n    auth: {type: basic, username: ops, password-env: E_PW}\n`,
      );
      const client = clientFor(await resolveContext({}, { ...env, E_PW: 'pw9' }, io));
      try {
        expect(await client.listConnectors()).toEqual(['one']);
        expect(client.context).toBe('e');
      } finally {
        await client.close();
      }
    } finally {
      await emu.close();
    }
  });
});
