// How the binary fails: exit codes, one clear line on stderr naming the context, URL and status,
// a hint where there is a usual cause, and never a stack trace.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { KCX_BIN } from '../support/pty.js';
import { selfSignedCert } from '../support/stub-server.js';
import { type KcxEnv, kcxEnv, runKcx, scratchDir, shown } from './helpers.js';

let env: KcxEnv;
beforeAll(() => {
  env = kcxEnv();
});
afterAll(() => env.cleanup());

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('usage', () => {
  it('--help lists the commands, with examples and exit codes (exit 0)', async () => {
    const run = await runKcx(env, ['--help']);
    expect(run.code).toBe(0);
    for (const cmd of ['get', 'describe', 'apply', 'export', 'validate', 'offsets', 'ctx', 'completion']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    }
    expect(run.stdout).not.toContain('__complete');
    expect(run.stdout).toContain('Exit codes: 0 success, 1 an operation failed, 2 bad usage or bad input.');
  });

  it('every command has --help with examples', async () => {
    for (const cmd of [
      ['get'],
      ['describe'],
      ['plugins'],
      ['apply'],
      ['export'],
      ['validate'],
      ['offsets'],
      ['offsets', 'get'],
      ['offsets', 'alter'],
      ['offsets', 'reset'],
      ['ctx'],
      ['ctx', 'add'],
      ['ctx', 'list'],
      ['ctx', 'use'],
      ['ctx', 'remove'],
      ['ctx', 'show'],
      ['completion'],
    ]) {
      const run = await runKcx(env, [...cmd, '--help']);
      expect(run.code, `${cmd.join(' ')}: ${shown(run)}`).toBe(0);
      expect(run.stdout, cmd.join(' ')).toContain('Examples:\n  kcx ');
    }
  });

  it('--version prints the version (exit 0)', async () => {
    const run = await runKcx(env, ['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('commander usage errors exit 2: unknown command, unknown option, missing argument, bad choice', async () => {
    for (const args of [
      ['frobnicate'],
      ['get', 'connectors', '--bogus'],
      ['describe'],
      ['get', 'connectors', '-o', 'xml'],
      ['completion', 'fish'],
    ]) {
      const run = await runKcx(env, args);
      expect(run.code, `${args.join(' ')}: ${shown(run)}`).toBe(2);
      expect(run.stderr, args.join(' ')).not.toBe('');
      expect(run.stdout, args.join(' ')).toBe('');
    }
  });

  it('a malformed --url is bad input (exit 2)', async () => {
    const run = await runKcx(env, ['get', 'connectors', '--url', 'connect:8083']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--url:');
  });
});

describe('operations that fail (exit 1)', () => {
  it('an unreachable URL names the context and URL, with a hint', async () => {
    const port = await closedPort();
    const run = await runKcx(env, ['get', 'connectors', '--url', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `kcx: [127.0.0.1:${port}] GET http://127.0.0.1:${port}/ → connection refused`,
    );
    expect(run.stderr).toContain('hint: is the worker up and the URL right?');
    noStack(run.stderr);
  });

  it('HTTP 401 names the status and hints at the auth settings', async () => {
    const emu = await startEmulator({ port: 0, auth: { bearer: 'right-token' } });
    try {
      const run = await runKcx(env, ['get', 'connectors', '--url', emu.url, '--context', 'locked']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^kcx: \[locked\] GET http:\/\/127\.0\.0\.1:\d+\/ → 401/m);
      expect(run.stderr).toContain('hint: the worker wants credentials: give context locked an auth block');
      noStack(run.stderr);
    } finally {
      await emu.close();
    }
  });

  it('a 500 from Connect shows its message', async () => {
    const emu = await startEmulator({ port: 0, connectors: 0 });
    try {
      emu.faults.add({ route: 'GET /connectors', kind: 'status', status: 500, message: 'worker on fire' });
      const run = await runKcx(env, ['get', 'connectors', '--url', emu.url]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/→ 500 Internal Server Error: worker on fire/);
    } finally {
      await emu.close();
    }
  });

  it('a TLS failure says so and hints at the CA file; with the CA it works', async () => {
    const cert = selfSignedCert();
    const emu = await startEmulator({ port: 0, connectors: 0, tls: { key: cert.key, cert: cert.cert } });
    const local = kcxEnv();
    try {
      const url = emu.url.replace('127.0.0.1', 'localhost');
      const bare = await runKcx(local, ['get', 'connectors', '--url', url]);
      expect(bare.code).toBe(1);
      expect(bare.stderr).toMatch(/→ TLS: /);
      expect(bare.stderr).toContain('hint: trust the worker');
      noStack(bare.stderr);

      const add = await runKcx(local, ['ctx', 'add', 'tls', '--url', url, '--ca-file', cert.certFile]);
      expect(add.code, shown(add)).toBe(0);
      const ok = await runKcx(local, ['get', 'connectors']);
      expect(ok.code, shown(ok)).toBe(0);
    } finally {
      await emu.close();
      cert.cleanup();
      local.cleanup();
    }
  });
});

describe('contexts that are wrong (exit 2)', () => {
  it('an unknown --context lists the known ones', async () => {
    const local = kcxEnv();
    try {
      await runKcx(local, ['ctx', 'add', 'prod', '--url', 'http://prod:8083']);
      await runKcx(local, ['ctx', 'add', 'staging', '--url', 'http://staging:8083']);
      const run = await runKcx(local, ['get', 'connectors', '--context', 'prd']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('unknown context "prd"; known contexts: prod, staging');
      const env2 = await runKcx(local, ['get', 'connectors'], { extraEnv: { KCX_CONTEXT: 'nope' } });
      expect(env2.code).toBe(2);
      expect(env2.stderr).toContain('unknown context "nope"');
    } finally {
      local.cleanup();
    }
  });

  it('a contexts file with a syntax error or an unknown key names the line', async () => {
    const local = kcxEnv();
    const files = scratchDir();
    try {
      const add = await runKcx(local, ['ctx', 'add', 'x', '--url', 'http://x:8083']);
      expect(add.code).toBe(0);
      const path = `${local.configDir}/contexts.yaml`;
      writeFileSync(path, 'contexts:\n  x:\n    url: http://x:8083\n    read-only: true\n');
      const run = await runKcx(local, ['get', 'connectors']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${path}:4:5: unknown key "read-only" in context x`);
      writeFileSync(path, 'contexts:\n  x: [\n');
      const broken = await runKcx(local, ['ctx', 'list']);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(new RegExp(`${path}:\\d+:\\d+: `));
    } finally {
      local.cleanup();
      files.cleanup();
    }
  });

  it('a secret variable that is not set', async () => {
    const local = kcxEnv();
    try {
      await runKcx(local, [
        'ctx',
        'add',
        'p',
        '--url',
        'http://p:8083',
        '--username',
        'u',
        '--password-env',
        'KCX_TEST_PW',
      ]);
      const run = await runKcx(local, ['get', 'connectors']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('context p: the password comes from $KCX_TEST_PW, which is not set');
    } finally {
      local.cleanup();
    }
  });
});

describe('pipes', () => {
  it('a reader that stops early (| head) ends kcx quietly with exit 0', async () => {
    const emu = await startEmulator({ port: 0, connectors: 4000 });
    try {
      const child = spawn(process.execPath, [KCX_BIN, 'get', 'tasks', '-o', 'json', '--url', emu.url], {
        env: { ...process.env, KCX_CONFIG_DIR: env.configDir, KCX_STATE_DIR: env.stateDir },
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
      });
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((r) => child.on('close', r));
      expect(stderr).toBe('');
      expect(code).toBe(0);
    } finally {
      await emu.close();
    }
  });
});
