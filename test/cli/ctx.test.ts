// `kcx ctx …` and contexts in use: the file, auth from env and files, TLS, env overrides,
// the permissions warning — through the built binary against the emulator.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { spawnKcx } from '../support/pty.js';
import { type KcxEnv, kcxEnv, runKcx, scratchDir, shown } from './helpers.js';

let env: KcxEnv;
let files: { dir: string; cleanup(): void };
beforeEach(() => {
  env = kcxEnv();
  files = scratchDir();
});
afterEach(() => {
  env.cleanup();
  files.cleanup();
});

const contextsFile = () => join(env.configDir, 'contexts.yaml');

describe('kcx ctx', () => {
  it('add (the first becomes current), list, use, show, remove', async () => {
    const empty = await runKcx(env, ['ctx', 'list']);
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain('no contexts in');

    const a = await runKcx(env, ['ctx', 'add', 'dev', '--url', 'http://dev:8083', '--colour', 'green']);
    expect(a.code, shown(a)).toBe(0);
    expect(a.stdout).toContain('added context dev (http://dev:8083), now current');
    const b = await runKcx(env, [
      'ctx',
      'add',
      'prod',
      '--url',
      'https://prod:8083',
      '--username',
      'ops',
      '--password-env',
      'PROD_PW',
      '--production',
      '--readonly',
    ]);
    expect(b.code, shown(b)).toBe(0);
    expect(b.stdout).toContain('switch with: kcx ctx use prod');
    expect(b.stderr).toContain('$PROD_PW is not set');
    expect(statSync(contextsFile()).mode & 0o777).toBe(0o600);

    const list = await runKcx(env, ['ctx', 'list']);
    expect(list.stdout).toMatch(/^\*\s+dev\s+http:\/\/dev:8083\s+none/m);
    expect(list.stdout).toMatch(/^\s+prod\s+https:\/\/prod:8083\s+basic\s+production,readonly$/m);

    const use = await runKcx(env, ['ctx', 'use', 'prod']);
    expect(use.code).toBe(0);
    const json = JSON.parse((await runKcx(env, ['ctx', 'list', '-o', 'json'])).stdout) as {
      name: string;
      current: boolean;
    }[];
    expect(json.find((c) => c.current)?.name).toBe('prod');

    const show = await runKcx(env, ['ctx', 'show'], { extraEnv: { PROD_PW: 'pw-value-123' } });
    expect(show.code, shown(show)).toBe(0);
    expect(show.stdout).toMatch(/^name:\s+prod$/m);
    expect(show.stdout).toContain('basic (ops, password from $PROD_PW)');
    expect(show.stdout).toContain('$PROD_PW is set');
    expect(show.stdout).not.toContain('pw-value-123');

    const rm = await runKcx(env, ['ctx', 'remove', 'prod']);
    expect(rm.stdout).toContain('it was current: no context is current now');
    expect((await runKcx(env, ['ctx', 'list', '-o', 'name'])).stdout).toBe('dev\n');
  });

  it('never takes a secret on the command line', async () => {
    const run = await runKcx(env, [
      'ctx',
      'add',
      'p',
      '--url',
      'http://p:8083',
      '--username',
      'u',
      '--password',
      'x',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--password'");
    const both = await runKcx(env, ['ctx', 'add', 'p', '--url', 'http://p:8083', '--username', 'u']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give exactly one of --password-env VAR or --password-file FILE');
  });

  it('keeps the comments of a hand-written file when it edits it', async () => {
    mkdirSync(env.configDir, { recursive: true });
    writeFileSync(
      contextsFile(),
      '# my clusters\ncontexts:\n  # the laptop\n  local:\n    url: http://localhost:8083\n  other:\n    url: http://other:8083\n',
      { mode: 0o600 },
    );
    expect((await runKcx(env, ['ctx', 'use', 'other'])).code).toBe(0);
    const text = readFileSync(contextsFile(), 'utf8');
    expect(text).toContain('# my clusters');
    expect(text).toContain('# the laptop');
    expect(text.startsWith('current-context: other\n')).toBe(true);
  });

  it('unknown names for use/remove list the known contexts (exit 2)', async () => {
    await runKcx(env, ['ctx', 'add', 'one', '--url', 'http://one:8083']);
    for (const cmd of ['use', 'remove', 'show']) {
      const run = await runKcx(env, ['ctx', cmd, 'two']);
      expect(run.code, cmd).toBe(2);
      expect(run.stderr, cmd).toContain('unknown context "two"; known contexts: one');
    }
    const dup = await runKcx(env, ['ctx', 'add', 'one', '--url', 'http://x:8083']);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('already exists (use --force');
  });
});

describe('contexts in use', () => {
  let emu: Emulator;
  afterEach(async () => emu?.close());

  it('basic auth with the password from a file; bearer auth with the token from an env variable', async () => {
    emu = await startEmulator({
      port: 0,
      connectors: 2,
      auth: { basic: { username: 'ops', password: 'pw-from-file' }, bearer: 'tok-from-env' },
    });
    const pwFile = join(files.dir, 'pw');
    writeFileSync(pwFile, 'pw-from-file\n', { mode: 0o600 });
    await runKcx(env, [
      'ctx',
      'add',
      'basic',
      '--url',
      emu.url,
      '--username',
      'ops',
      '--password-file',
      pwFile,
    ]);
    await runKcx(env, ['ctx', 'add', 'bearer', '--url', emu.url, '--token-env', 'KCX_TEST_TOKEN']);

    const basic = await runKcx(env, ['get', 'connectors', '-o', 'name', '--context', 'basic']);
    expect(basic.code, shown(basic)).toBe(0);
    expect(basic.stdout.split('\n').filter(Boolean)).toHaveLength(2);

    const bearer = await runKcx(env, ['get', 'connectors', '-o', 'name', '--context', 'bearer'], {
      extraEnv: { KCX_TEST_TOKEN: 'tok-from-env' },
    });
    expect(bearer.code, shown(bearer)).toBe(0);
    const wrong = await runKcx(env, ['get', 'connectors', '--context', 'bearer'], {
      extraEnv: { KCX_TEST_TOKEN: 'wrong' },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('→ 401');
    expect(wrong.stderr).not.toContain('wrong');
  });

  it('KCX_CONTEXT and KCX_URL stand in for the flags; a flag beats both', async () => {
    emu = await startEmulator({ port: 0, connectors: 3 });
    await runKcx(env, ['ctx', 'add', 'emu', '--url', emu.url]);
    await runKcx(env, ['ctx', 'add', 'dead', '--url', 'http://127.0.0.1:9', '--use']);

    const viaEnv = await runKcx(env, ['get', 'connectors', '-o', 'name'], {
      extraEnv: { KCX_CONTEXT: 'emu' },
    });
    expect(viaEnv.code, shown(viaEnv)).toBe(0);
    const viaUrl = await runKcx(env, ['get', 'workers'], { extraEnv: { KCX_URL: emu.url } });
    expect(viaUrl.code, shown(viaUrl)).toBe(0);
    const flagWins = await runKcx(env, ['get', 'workers', '--context', 'emu'], {
      extraEnv: { KCX_URL: 'http://127.0.0.1:9' },
    });
    expect(flagWins.code, shown(flagWins)).toBe(0);
    const current = await runKcx(env, ['get', 'workers']);
    expect(current.code).toBe(1);
    expect(current.stderr).toContain('[dead]');
  });

  it('--url works with no contexts file at all', async () => {
    emu = await startEmulator({ port: 0, connectors: 1 });
    const run = await runKcx(env, ['get', 'connectors', '-o', 'name', '--url', emu.url]);
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout.trim()).not.toBe('');
  });

  it('warns on stderr when a file holding an inline secret is readable by others', async () => {
    emu = await startEmulator({
      port: 0,
      connectors: 1,
      auth: { basic: { username: 'u', password: 'inline-pw' } },
    });
    mkdirSync(env.configDir, { recursive: true });
    writeFileSync(
      contextsFile(),
      `current-context: c\ncontexts:\n  c:\n    url: ${emu.url}\n    auth: {type: basic, username: u, password: inline-pw}\n`,
    );
    chmodSync(contextsFile(), 0o644);
    const open = await runKcx(env, ['get', 'connectors', '-o', 'name']);
    expect(open.code, shown(open)).toBe(0);
    expect(open.stderr).toContain(
      `warning: ${contextsFile()} holds secrets and is readable by others (mode 644)`,
    );
    expect(open.stderr).not.toContain('inline-pw');
    chmodSync(contextsFile(), 0o600);
    const closed = await runKcx(env, ['get', 'connectors', '-o', 'name']);
    expect(closed.stderr).toBe('');
  });
});

describe('the console (TUI) uses the same contexts', () => {
  let emu: Emulator;
  afterEach(async () => emu?.close());

  it('shows the current context, read-only, with auth from the contexts file', async () => {
    emu = await startEmulator({ port: 0, connectors: 5, auth: { bearer: 'tui-token' } });
    await runKcx(env, [
      'ctx',
      'add',
      'guarded',
      '--url',
      emu.url,
      '--readonly',
      '--token-env',
      'KCX_TUI_TOKEN',
    ]);
    const term = spawnKcx([], {
      cols: 120,
      env: { KCX_CONFIG_DIR: env.configDir, KCX_STATE_DIR: env.stateDir, KCX_TUI_TOKEN: 'tui-token' },
    });
    try {
      const screen = await term.waitFor('NAME');
      expect(screen).toContain('guarded');
      expect(screen).toContain('read-only');
      term.write('q');
      expect((await term.exited).exitCode).toBe(0);
    } finally {
      await term.close();
    }
  });

  it('an unknown context exits 2 with the known ones, before taking over the screen', async () => {
    await runKcx(env, ['ctx', 'add', 'only', '--url', 'http://127.0.0.1:9']);
    const term = spawnKcx(['--context', 'other'], {
      cols: 160,
      env: { KCX_CONFIG_DIR: env.configDir, KCX_STATE_DIR: env.stateDir },
    });
    try {
      expect((await term.exited).exitCode).toBe(2);
      expect(term.output()).toContain('unknown context "other"; known contexts: only');
    } finally {
      await term.close();
    }
  });
});
