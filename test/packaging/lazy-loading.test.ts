// Start-up: the non-interactive commands must not load the console's libraries (Ink, React, yoga).
// The built CLI runs with a module-load hook that logs every file Node loads; the chunks among them
// are checked for those libraries. The console itself is the control: it must show them loaded, or
// the check would pass for any build in which they cannot be recognised.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { assertBuilt, type KcxTerminal, KCX_BIN, REPO_ROOT, spawnInTerminal } from '../support/pty.js';
import { cleanEnv, run, type Scratch, scratch, shown, smallCluster, TEST_TIMEOUT, WAIT } from './helpers.js';

const RECORDER = join(dirname(fileURLToPath(import.meta.url)), 'load-recorder.mjs');
const DIST_URL = pathToFileURL(join(REPO_ROOT, 'dist')).href;
// A console library's files, as a chunk's source map lists them (paths like ../node_modules/ink/…).
const TUI_LIBRARY = /(^|\/)node_modules\/(ink|react|react-reconciler|yoga-layout)\//;

let tmp: Scratch;
let emu: Emulator;
let terminal: KcxTerminal | undefined;
let runs = 0;

/** A fresh log file for one run, and the environment that makes the hook write to it. */
function recording(): { log: string; env: Record<string, string> } {
  runs += 1;
  const log = join(tmp.dir, `loads-${runs}.txt`);
  return { log, env: { ...cleanEnv(), ...tmp.kcxVars, KCX_LOAD_LOG: log } };
}

/** The files of dist/ that the run loaded. */
function loadedChunks(log: string): string[] {
  const urls = readFileSync(log, 'utf8').split('\n');
  return [...new Set(urls.filter((u) => u.startsWith(`${DIST_URL}/`)))].map((u) => fileURLToPath(u));
}

/** The chunks bundling a console library, by their source maps (the build is minified: no path comments). */
function withTuiLibraries(files: string[]): string[] {
  return files.filter((f) => {
    const map = JSON.parse(readFileSync(`${f}.map`, 'utf8')) as { sources: string[] };
    return map.sources.some((source) => TUI_LIBRARY.test(source));
  });
}

const kcx = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, ['--import', RECORDER, KCX_BIN, ...args], { env });

beforeAll(async () => {
  assertBuilt();
  tmp = scratch('kcx-lazy-');
  emu = await smallCluster();
});

afterEach(async () => {
  await terminal?.close();
  terminal = undefined;
});

afterAll(async () => {
  await emu?.close();
  tmp?.cleanup();
});

describe('lazy loading in the npm build', { timeout: TEST_TIMEOUT }, () => {
  it('`kcx --version` loads no console library', async () => {
    const { log, env } = recording();
    const result = await kcx(env, '--version');
    expect(result.code, shown(result)).toBe(0);
    const chunks = loadedChunks(log);
    expect(chunks).toContain(join(REPO_ROOT, 'dist/kcx.js'));
    expect(withTuiLibraries(chunks)).toEqual([]);
  });

  it('`kcx get connectors` loads no console library', async () => {
    const { log, env } = recording();
    const result = await kcx(env, 'get', 'connectors', '--url', emu.url);
    expect(result.code, shown(result)).toBe(0);
    expect(result.stdout).toContain('gamma-sink');
    expect(withTuiLibraries(loadedChunks(log))).toEqual([]);
  });

  it('the console does load them (the control for the two checks above)', async () => {
    const { log, env } = recording();
    terminal = spawnInTerminal(
      process.execPath,
      ['--import', RECORDER, KCX_BIN, '--url', emu.url, '--context', 'lazy'],
      { env, cols: 100, rows: 20 },
    );
    await terminal.waitFor((s) => s.includes('lazy › connectors') && s.includes('gamma-sink'), WAIT);
    terminal.write('q');
    expect((await terminal.exited).exitCode).toBe(0);
    expect(withTuiLibraries(loadedChunks(log))).not.toEqual([]);
  });
});
