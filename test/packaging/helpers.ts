// Shared by the packaging tests: run an artefact (the installed npm package, the single executable)
// as a user would, with no personal kcx config or KCX_* variables, and a small cluster to point it at.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, type Run, type RunOptions, run, shown } from '../cli/helpers.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { FILE_SOURCE } from '../support/configs.js';
import { REPO_ROOT } from '../support/pty.js';

export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** Building or installing an artefact: npm may have to fetch from the registry on a cold cache. */
export const SETUP_TIMEOUT = 240_000;
/** Per test: each starts a process or two; a console also has to paint. */
export const TEST_TIMEOUT = 60_000;
/** Per wait on a console's screen. */
export const WAIT = 30_000;

export { cleanEnv, type Run, type RunOptions, run, shown };

/** Runs and throws with everything it printed unless it exits 0 (for set-up steps). */
export async function runOrThrow(
  file: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<Run> {
  const result = await run(file, args, options);
  if (result.code !== 0) throw new Error(`${file} ${args.join(' ')} failed:\n${shown(result)}`);
  return result;
}

export interface Scratch {
  dir: string;
  /** KCX_CONFIG_DIR / KCX_STATE_DIR inside `dir`: no personal contexts, no audit log outside it. */
  kcxVars: Record<string, string>;
  cleanup(): void;
}

export function scratch(prefix: string): Scratch {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    kcxVars: { KCX_CONFIG_DIR: join(dir, 'config'), KCX_STATE_DIR: join(dir, 'state') },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A cluster with a little of everything `get connectors` shows: a failed task, a pause, wide names. */
export async function smallCluster(): Promise<Emulator> {
  const emu = await startEmulator({ port: 0, connectors: 0 });
  const sink = {
    'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
    'tasks.max': '2',
    topics: 'orders',
    file: '/tmp/out.txt',
  };
  emu.cluster.create('alpha-source', FILE_SOURCE, 'RUNNING', true);
  emu.cluster.create('beta-sink', sink, 'RUNNING', true);
  emu.cluster.create('gamma-sink', sink, 'PAUSED', true);
  emu.cluster.create('한글-커넥터', FILE_SOURCE, 'RUNNING', true);
  emu.cluster.settle();
  emu.cluster.failTask('beta-sink', 1, 'java.io.IOException: disk full\n\tat a.b.C.d(C.java:1)\n');
  return emu;
}

/** One row of `kcx get connectors -o json`. */
export interface ConnectorRow {
  name: string;
  type: string;
  state: string;
  health: string;
  worker: string;
  class: string;
  tasks: { running: number; failed: number; total: number };
}

interface ExpandedConnector {
  info: { type: string; config: Record<string, string> };
  status: { connector: { state: string; worker_id: string }; tasks: { state: string }[] };
}

/**
 * What the cluster holds, read over its REST API and put in the shape of `-o json` (health is kcx's
 * own roll-up, so it is left out here and compared against the npm build instead).
 */
export async function clusterRows(emu: Emulator): Promise<Omit<ConnectorRow, 'health'>[]> {
  const res = await fetch(`${emu.url}/connectors?expand=status&expand=info`);
  const body = (await res.json()) as Record<string, ExpandedConnector>;
  return Object.entries(body)
    .map(([name, c]) => ({
      name,
      type: c.info.type,
      state: c.status.connector.state,
      worker: c.status.connector.worker_id,
      class: c.info.config['connector.class'] ?? '',
      tasks: {
        running: c.status.tasks.filter((t) => t.state === 'RUNNING').length,
        failed: c.status.tasks.filter((t) => t.state === 'FAILED').length,
        total: c.status.tasks.length,
      },
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function withoutHealth(rows: ConnectorRow[]): Omit<ConnectorRow, 'health'>[] {
  return rows.map(({ health: _health, ...rest }) => rest).sort((a, b) => a.name.localeCompare(b.name));
}
