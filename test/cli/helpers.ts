// Runs the built `kcx` (node bin/kcx.js) as a user's shell would: its own config and state
// directories, no KCX_* variables leaking in from the test runner, stdout and stderr as pipes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, KCX_BIN, REPO_ROOT } from '../support/pty.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface KcxEnv {
  configDir: string;
  stateDir: string;
  /** Extra variables (KCX_CONTEXT, secrets…). */
  vars: Record<string, string>;
  cleanup(): void;
}

export function kcxEnv(): KcxEnv {
  const root = mkdtempSync(join(tmpdir(), 'kcx-cli-'));
  return {
    configDir: join(root, 'config'),
    stateDir: join(root, 'state'),
    vars: {},
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A working directory for files the test writes (configs to apply, export targets). */
export function scratchDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kcx-files-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The test runner's environment without anything that would steer kcx. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('KCX_') && k !== 'NO_COLOR' && k !== 'FORCE_COLOR') env[k] = v;
  }
  return env;
}

export interface RunOptions {
  cwd?: string;
  /** The whole environment (an undefined value: not set); default: cleanEnv(). */
  env?: Record<string, string | undefined>;
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Kill it and reject (with what it wrote on stderr) if it has not exited by then. */
  timeoutMs?: number;
}

/** Runs a program with pipes for stdin, stdout and stderr; resolves when it has exited. */
export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env ?? cleanEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill();
            reject(new Error(`${file} did not exit within ${options.timeoutMs} ms; stderr: ${stderr}`));
          }, options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export function runKcx(
  env: KcxEnv,
  args: readonly string[],
  options: { input?: string; cwd?: string; extraEnv?: Record<string, string> } = {},
): Promise<Run> {
  assertBuilt();
  const childEnv = Object.assign(cleanEnv(), env.vars, options.extraEnv, {
    KCX_CONFIG_DIR: env.configDir,
    KCX_STATE_DIR: env.stateDir,
  });
  return run(process.execPath, [KCX_BIN, ...args], {
    env: childEnv,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
}

/** What a failing run printed, for assertion messages. */
export function shown(run: Run): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

/** A pass-through HTTP proxy that counts the requests it forwards: "nothing was sent" made checkable. */
export interface CountingProxy {
  url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

export async function countingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
