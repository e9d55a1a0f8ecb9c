// `kcx logger set|get` (and `kcx get loggers`) against the emulator, through the built binary.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { type CountingProxy, countingProxy, type KcxEnv, kcxEnv, runKcx, shown } from './helpers.js';

let emu: Emulator;
let env: KcxEnv;
let proxy: CountingProxy;

const RUNTIME = 'org.apache.kafka.connect.runtime';
const SINK_TASK = 'org.apache.kafka.connect.runtime.WorkerSinkTask';

beforeEach(async () => {
  emu = await startEmulator({ port: 0, connectors: 0 });
  proxy = await countingProxy(emu.url);
  env = kcxEnv();
});
afterEach(async () => {
  await proxy.close();
  await emu.close();
  env.cleanup();
});

/** Through the counting proxy, so every request kcx sent can be checked. */
const kcx = (...args: string[]) => runKcx(env, [...args, '--url', proxy.url]);
const writes = () => proxy.requests.filter((r) => !r.startsWith('GET '));

describe('kcx logger set', () => {
  it('sets a level on the worker (any case) and lists the loggers it changed', async () => {
    const run = await kcx('logger', 'set', RUNTIME, 'debug');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^${RUNTIME} set to DEBUG on the worker at ${proxy.url} \\(context [^)]+\\) only; \\d+ loggers affected:$`,
        'm',
      ),
    );
    expect(run.stdout).toContain(`\n  ${SINK_TASK}\n`);
    expect(emu.cluster.loggers.get(SINK_TASK).level).toBe('DEBUG');
    // Worker scope is every version's default, so no scope parameter is sent.
    expect(writes()).toEqual([`PUT /admin/loggers/${RUNTIME}`]);
    expect(emu.cluster.loggers.get('org.apache.kafka.connect.util.KafkaBasedLog').level).toBe('INFO');
  });

  it('-o json gives the logger, level, scope and affected loggers', async () => {
    const run = await kcx('logger', 'set', SINK_TASK, 'Trace', '-o', 'json');
    expect(run.code, shown(run)).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      logger: SINK_TASK,
      level: 'TRACE',
      scope: 'worker',
      affected: [SINK_TASK],
    });
  });

  it('--scope cluster sends scope=cluster and says every worker applies it (204, no list)', async () => {
    const run = await kcx('logger', 'set', 'root', 'WARN', '--scope', 'cluster');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toContain('root set to WARN on every worker of context');
    expect(run.stdout).toContain('the workers apply it asynchronously');
    expect(writes()).toEqual(['PUT /admin/loggers/root?scope=cluster']);
    expect(emu.cluster.loggers.get('root').level).toBe('WARN');
  });

  it('--scope cluster on Kafka Connect 3.6 is refused before anything is sent (exit 1)', async () => {
    const old = await startEmulator({ port: 0, connectors: 0, version: '3.6.1' });
    try {
      const run = await runKcx(env, [
        'logger',
        'set',
        'root',
        'WARN',
        '--scope',
        'cluster',
        '--url',
        old.url,
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /cluster-wide log level \(scope=cluster\) needs Kafka Connect 3\.7, this cluster is 3\.6/,
      );
      expect(run.stderr).toContain('nothing was sent');
      expect(old.cluster.loggers.get('root').level).toBe('INFO');
      // Worker scope works there.
      const worker = await runKcx(env, ['logger', 'set', 'root', 'WARN', '--url', old.url]);
      expect(worker.code, shown(worker)).toBe(0);
      expect(old.cluster.loggers.get('root').level).toBe('WARN');
    } finally {
      await old.close();
    }
  });

  it('a cluster without /admin/loggers (before 2.4) is told so (exit 1)', async () => {
    const old = await startEmulator({ port: 0, connectors: 0, version: '2.3.1' });
    try {
      const run = await runKcx(env, ['logger', 'set', 'root', 'WARN', '--url', old.url]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/needs Kafka Connect 2\.4, this cluster is 2\.3/);
      const list = await runKcx(env, ['get', 'loggers', '--url', old.url]);
      expect(list.code).toBe(1);
      expect(list.stderr).toMatch(/needs Kafka Connect 2\.4, this cluster is 2\.3/);
    } finally {
      await old.close();
    }
  });

  it('a bad level or scope is bad usage (exit 2) and nothing is sent', async () => {
    const level = await kcx('logger', 'set', RUNTIME, 'verbose');
    expect(level.code).toBe(2);
    expect(level.stderr).toContain(
      'invalid level "verbose": one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF (any case)',
    );
    const scope = await kcx('logger', 'set', RUNTIME, 'DEBUG', '--scope', 'everywhere');
    expect(scope.code).toBe(2);
    expect(scope.stderr).toContain('Allowed choices are worker, cluster');
    const missing = await kcx('logger', 'set', RUNTIME);
    expect(missing.code).toBe(2);
    expect(proxy.requests).toEqual([]);
  });

  it('a read-only context refuses before any request (exit 1), like apply and offsets', async () => {
    const flag = await kcx('logger', 'set', RUNTIME, 'DEBUG', '--readonly');
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('refused: context');
    expect(flag.stderr).toContain('is read-only, nothing was sent');

    const added = await runKcx(env, ['ctx', 'add', 'guarded', '--url', proxy.url, '--readonly', '--force']);
    expect(added.code, shown(added)).toBe(0);
    const ctx = await runKcx(env, ['logger', 'set', RUNTIME, 'DEBUG', '--context', 'guarded']);
    expect(ctx.code).toBe(1);
    expect(ctx.stderr).toContain('[guarded] refused: context guarded is read-only, nothing was sent');
    expect(proxy.requests).toEqual([]);
    expect(emu.cluster.loggers.get(SINK_TASK).level).toBe('INFO');
  });

  it('writes the change to the audit log', async () => {
    const run = await kcx('logger', 'set', RUNTIME, 'ERROR', '--scope', 'cluster');
    expect(run.code, shown(run)).toBe(0);
    const file = join(env.stateDir, 'audit.jsonl');
    expect(existsSync(file)).toBe(true);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({
        url: proxy.url,
        method: 'PUT',
        path: `/admin/loggers/${RUNTIME}?scope=cluster`,
        status: 204,
      }),
    ]);
  });

  it('--help explains the scopes and the 3.7 requirement; kcx get loggers points at it', async () => {
    const help = await runKcx(env, ['logger', 'set', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--scope <scope>');
    expect(help.stdout).toContain('Cluster scope needs Kafka Connect 3.7 or later');
    expect(help.stdout).toContain('kcx logger set org.apache.kafka.connect.runtime.WorkerSinkTask debug');
    const get = await runKcx(env, ['get', '--help']);
    expect(get.stdout).toContain('kcx logger set NAME DEBUG');
  });
});

describe('kcx logger get and kcx get loggers', () => {
  it('show the level just set', async () => {
    emu.cluster.loggers.set(SINK_TASK, 'DEBUG');
    const one = await kcx('logger', 'get', SINK_TASK);
    expect(one.code, shown(one)).toBe(0);
    expect(one.stdout).toMatch(new RegExp(`^${SINK_TASK}\\s+DEBUG\\s+\\d{4}-\\d\\d-\\d\\dT`, 'm'));
    const json = await kcx('logger', 'get', SINK_TASK, '-o', 'json');
    expect(JSON.parse(json.stdout)).toEqual([
      { logger: SINK_TASK, level: 'DEBUG', last_modified: expect.any(Number) },
    ]);
    const all = await kcx('get', 'loggers', '--match', '*WorkerSinkTask');
    expect(all.code, shown(all)).toBe(0);
    expect(all.stdout).toMatch(new RegExp(`^${SINK_TASK}\\s+DEBUG`, 'm'));
  });

  it('an unknown logger is a 404 naming the URL (exit 1)', async () => {
    const run = await kcx('logger', 'get', 'no.such.logger');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`GET ${proxy.url}/admin/loggers/no.such.logger → 404`);
    expect(run.stderr).toContain('Logger no.such.logger not found');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
