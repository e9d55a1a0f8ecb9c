// `kcx get …`, `kcx plugins`, `kcx describe` against the emulator, through the built binary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { FILE_SOURCE } from '../support/configs.js';
import { type KcxEnv, kcxEnv, runKcx, shown } from './helpers.js';

let emu: Emulator;
let env: KcxEnv;

const SINK = {
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
  'tasks.max': '2',
  topics: 'orders',
  file: '/tmp/out.txt',
};
const TRACE =
  'org.apache.kafka.connect.errors.ConnectException: disk full\n\tat a.b.C.d(C.java:1)\nCaused by: java.io.IOException: No space left on device\n\tat x.y.Z.w(Z.java:2)\n';

beforeAll(async () => {
  emu = await startEmulator({ port: 0, connectors: 0 });
  emu.cluster.create('alpha-source', { ...FILE_SOURCE, 'db.password': 'hunter2-secret' }, 'RUNNING', true);
  emu.cluster.create('beta-sink', SINK, 'RUNNING', true);
  emu.cluster.create('orders sink (eu)', SINK, 'PAUSED', true);
  emu.cluster.create('한글-커넥터', FILE_SOURCE, 'RUNNING', true);
  emu.cluster.settle();
  emu.cluster.failTask('beta-sink', 1, TRACE);
  env = kcxEnv();
});
afterAll(async () => {
  await emu.close();
  env.cleanup();
});

const kcx = (...args: string[]) => runKcx(env, [...args, '--url', emu.url]);

describe('kcx get connectors', () => {
  it('prints a table with one row per connector, no colour into a pipe', async () => {
    const run = await kcx('get', 'connectors');
    expect(run.code, shown(run)).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+STATE\s+HEALTH\s+TASKS\s+PLUGIN$/);
    expect(lines).toHaveLength(5);
    expect(run.stdout).toContain('beta-sink');
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stderr).toBe('');
  });

  it('keeps the columns aligned with wide characters', async () => {
    const run = await kcx('get', 'connectors');
    const lines = run.stdout.trimEnd().split('\n');
    const hangul = lines.find((l) => l.startsWith('한글'));
    const alpha = lines.find((l) => l.startsWith('alpha-source'));
    // 한글-커넥터 is 11 cells wide in 6 code points; TYPE must start at the same cell on both rows.
    const cellOfType = (line: string) => {
      const idx = line.search(/ (source|sink) /);
      return [...line.slice(0, idx)].reduce((w, ch) => w + (/[\u1100-\uffdc]/.test(ch) ? 2 : 1), 0);
    };
    expect(hangul && alpha).toBeTruthy();
    expect(cellOfType(hangul as string)).toBe(cellOfType(alpha as string));
  });

  it('-o name prints bare names, one per line', async () => {
    const run = await kcx('get', 'connectors', '-o', 'name');
    expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual(
      ['alpha-source', 'beta-sink', 'orders sink (eu)', '한글-커넥터'].sort(),
    );
  });

  it('-o json is parseable and carries state, health and task counts', async () => {
    const run = await kcx('get', 'connectors', '-o', 'json');
    const rows = JSON.parse(run.stdout) as { name: string; health: string; tasks: { failed: number } }[];
    const beta = rows.find((r) => r.name === 'beta-sink');
    expect(beta?.health).toBe('DEGRADED');
    expect(beta?.tasks.failed).toBe(1);
  });

  it('-o yaml lists the same connectors', async () => {
    const run = await kcx('get', 'connectors', '-o', 'yaml');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^- name: /m);
    expect(run.stdout).toContain('name: beta-sink');
  });

  it('--state matches the connector state, its health or a task state', async () => {
    const failed = await kcx('get', 'connectors', '--state', 'failed', '-o', 'name');
    expect(failed.stdout.trim()).toBe('beta-sink');
    const paused = await kcx('get', 'connectors', '--state', 'PAUSED,degraded', '-o', 'name');
    expect(paused.stdout.split('\n').filter(Boolean).sort()).toEqual(['beta-sink', 'orders sink (eu)']);
  });

  it('--match takes a glob or a /regex/', async () => {
    const glob = await kcx('get', 'connectors', '--match', '*-s*', '-o', 'name');
    expect(glob.stdout.split('\n').filter(Boolean).sort()).toEqual(['alpha-source', 'beta-sink']);
    const regex = await kcx('get', 'connectors', '--match', '/^ORDERS/i', '-o', 'name');
    expect(regex.stdout.trim()).toBe('orders sink (eu)');
  });

  it('a bad --state or regex is a usage error (exit 2)', async () => {
    const state = await kcx('get', 'connectors', '--state', 'SLEEPING');
    expect(state.code).toBe(2);
    expect(state.stderr).toContain('unknown state SLEEPING');
    const regex = await kcx('get', 'connectors', '--match', '/[/');
    expect(regex.code).toBe(2);
    expect(regex.stderr).toContain('invalid regular expression');
  });

  it('a named connector that does not exist fails with exit 1 after listing the others', async () => {
    const run = await kcx('get', 'connectors', 'beta-sink', 'nope', '-o', 'name');
    expect(run.code).toBe(1);
    expect(run.stdout.trim()).toBe('beta-sink');
    expect(run.stderr).toContain('connector nope not found');
  });

  it('fits the table into COLUMNS, cutting the flexible columns with …', async () => {
    const run = await runKcx(env, ['get', 'connectors', '--url', emu.url], {
      extraEnv: { COLUMNS: '60' },
    });
    for (const line of run.stdout.trimEnd().split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
    expect(run.stdout).toContain('…');
  });
});

describe('kcx get tasks, plugins, workers, topics, loggers', () => {
  it('tasks: one row per task with the root cause of failures', async () => {
    const run = await kcx('get', 'tasks', '--state', 'FAILED');
    expect(run.code, shown(run)).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^beta-sink\s+1\s+FAILED\s+\S+\s+IOException: No space left on device$/);
  });

  it('tasks -o name: connector and task id separated by a tab', async () => {
    const run = await kcx('get', 'tasks', 'beta-sink', '-o', 'name');
    expect(run.stdout).toBe('beta-sink\t0\nbeta-sink\t1\n');
  });

  it('plugins (and the kcx plugins shortcut)', async () => {
    const get = await kcx('get', 'plugins', '-o', 'name');
    expect(get.stdout).toContain('org.apache.kafka.connect.file.FileStreamSinkConnector\n');
    const short = await kcx('plugins', '--match', '*FileStream*', '-o', 'json');
    const plugins = JSON.parse(short.stdout) as { class: string; type: string }[];
    expect(plugins.map((p) => p.class).sort()).toEqual([
      'org.apache.kafka.connect.file.FileStreamSinkConnector',
      'org.apache.kafka.connect.file.FileStreamSourceConnector',
    ]);
  });

  it('workers: connectors and tasks per worker', async () => {
    const run = await kcx('get', 'workers', '-o', 'json');
    const workers = JSON.parse(run.stdout) as {
      id: string;
      tasks: number;
      failed: number;
      imbalance: number;
    }[];
    expect(workers.length).toBeGreaterThan(0);
    expect(workers.reduce((n, w) => n + w.failed, 0)).toBe(1);
    // Imbalance against the mean: each worker's tasks minus the mean, so they add up to zero.
    const mean = workers.reduce((n, w) => n + w.tasks, 0) / workers.length;
    for (const w of workers) expect(w.imbalance).toBeCloseTo(w.tasks - mean, 1);
    expect((await kcx('get', 'workers')).stdout).toContain('VS MEAN');
  });

  it('topics: the topic → connectors map', async () => {
    const run = await kcx('get', 'topics', '-o', 'json');
    expect(run.code, shown(run)).toBe(0);
    const topics = JSON.parse(run.stdout) as { topic: string; connectors: string[] }[];
    expect(topics.find((t) => t.topic === 'orders')?.connectors).toContain('beta-sink');
  });

  it('loggers: logger and level', async () => {
    const run = await kcx('get', 'loggers', '-o', 'json');
    const loggers = JSON.parse(run.stdout) as { logger: string; level: string }[];
    expect(loggers.some((l) => l.logger === 'root')).toBe(true);
  });

  it('an unknown resource is a usage error', async () => {
    const run = await kcx('get', 'pods');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown resource "pods"');
  });
});

describe('kcx describe', () => {
  it('shows status, tasks, the trace of the failed task and the config with secrets masked', async () => {
    const run = await kcx('describe', 'alpha-source');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toMatch(/^Name:\s+alpha-source$/m);
    expect(run.stdout).toMatch(/db\.password\s+= ••••••/);
    expect(run.stdout).not.toContain('hunter2-secret');

    const beta = await kcx('describe', 'beta-sink');
    expect(beta.stdout).toMatch(/^Health:\s+DEGRADED$/m);
    expect(beta.stdout).toContain('Task 1 trace');
    expect(beta.stdout).toContain('Caused by: java.io.IOException: No space left on device');
    expect(beta.stdout).toMatch(/^Topics:\s+orders$/m);
  });

  it('-o json never holds the secret either', async () => {
    const run = await kcx('describe', 'alpha-source', '-o', 'json');
    const d = JSON.parse(run.stdout) as { config: Record<string, string>; state: string };
    expect(d.config['db.password']).toBe('••••••');
    expect(d.state).toBe('RUNNING');
    expect(run.stdout).not.toContain('hunter2-secret');
  });

  it('a name with spaces, and a connector that does not exist (exit 1, context and status named)', async () => {
    const spaced = await kcx('describe', 'orders sink (eu)');
    expect(spaced.code, shown(spaced)).toBe(0);
    const missing = await kcx('describe', 'no-such-connector');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^kcx: \[127\.0\.0\.1:\d+\] GET http:\/\/127\.0\.0\.1:\d+\/connectors\/no-such-connector\/config → 404/,
    );
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('describe plugin: the config definition with its documentation (short names resolve)', async () => {
    const run = await kcx('describe', 'plugin', 'FileStreamSink');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toContain('Plugin: org.apache.kafka.connect.file.FileStreamSinkConnector');
    expect(run.stdout).toMatch(/tasks\.max \(INT, default 1, HIGH\)/);
    expect(run.stdout).toContain('Maximum number of tasks');
    const json = await kcx(
      'describe',
      'plugin',
      'org.apache.kafka.connect.file.FileStreamSinkConnector',
      '-o',
      'json',
    );
    expect((JSON.parse(json.stdout) as { name: string }[]).some((d) => d.name === 'topics')).toBe(true);
  });
});
