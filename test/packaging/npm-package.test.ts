// The npm package as a user gets it: `npm pack` of the built tree, installed into an empty project,
// run through `npx kcx`. npm test has just built dist/; packing with --ignore-scripts skips prepack's
// rebuild, which would empty dist/ under the other test files running in parallel.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { assertBuilt } from '../support/pty.js';
import {
  type ConnectorRow,
  cleanEnv,
  clusterRows,
  PACKAGE_VERSION,
  run,
  runOrThrow,
  type Scratch,
  SETUP_TIMEOUT,
  scratch,
  shown,
  smallCluster,
  TEST_TIMEOUT,
  withoutHealth,
} from './helpers.js';

interface PackResult {
  filename: string;
  files: { path: string }[];
}

let tmp: Scratch;
let emu: Emulator;
let packed: string[];
let app: string;

// `npx` and the package's `#!/usr/bin/env node` find node on PATH: make it this Node 22.
const env = (): Record<string, string> => {
  const base = cleanEnv();
  return { ...base, ...tmp.kcxVars, PATH: `${dirname(process.execPath)}:${base.PATH ?? ''}` };
};
// --no: if the install went wrong, fail rather than fetch whatever the registry calls kcx; --: the
// rest is kcx's, not npx's (`npx --no kcx --version` prints npm's version).
const kcx = (...args: string[]) => run('npx', ['--no', '--', 'kcx', ...args], { cwd: app, env: env() });

beforeAll(async () => {
  assertBuilt();
  tmp = scratch('kcx-pack-');
  emu = await smallCluster();
  const pack = await runOrThrow(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp.dir],
    {
      env: env(),
    },
  );
  const [result] = JSON.parse(pack.stdout) as PackResult[];
  if (result === undefined) throw new Error(`npm pack reported nothing:\n${pack.stdout}`);
  packed = result.files.map((f) => f.path);
  app = join(tmp.dir, 'app');
  // An empty project of its own, so npm installs here and not into an enclosing one.
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'kcx-install-check', private: true }));
  await runOrThrow(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', join(tmp.dir, result.filename)],
    { cwd: app, env: env() },
  );
}, SETUP_TIMEOUT);

afterAll(async () => {
  await emu?.close();
  tmp?.cleanup();
});

describe('the npm package', { timeout: TEST_TIMEOUT }, () => {
  it('ships the launcher, the built CLI and the README, and no benchmarks, source maps or sources', () => {
    expect(packed).toEqual(
      expect.arrayContaining(['bin/kcx.js', 'dist/kcx.js', 'README.md', 'package.json']),
    );
    const unwanted = packed.filter(
      (p) => p.startsWith('dist/bench/') || p.endsWith('.map') || /^(src|test|bench|scripts)\//.test(p),
    );
    expect(unwanted).toEqual([]);
  });

  it('installs, and `npx kcx --version` prints the package version', async () => {
    const result = await kcx('--version');
    expect(result.code, shown(result)).toBe(0);
    expect(result.stdout.trim()).toBe(PACKAGE_VERSION);
  });

  it('`npx kcx get connectors` lists what the cluster holds', async () => {
    const table = await kcx('get', 'connectors', '--url', emu.url);
    expect(table.code, shown(table)).toBe(0);
    for (const name of emu.cluster.names()) expect(table.stdout).toContain(name);

    const json = await kcx('get', 'connectors', '--url', emu.url, '-o', 'json');
    expect(json.code, shown(json)).toBe(0);
    expect(withoutHealth(JSON.parse(json.stdout) as ConnectorRow[])).toEqual(await clusterRows(emu));
  });
});
