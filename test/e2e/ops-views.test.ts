// The operator views reached from the command line (product.md §2): `:workers` (how connectors and
// tasks sit on the workers, failures, imbalance against the mean) and `:loggers` (filter, change a
// level for this worker or, on Connect ≥ 3.7, the cluster).
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import type { KcxTerminal } from '../support/pty.js';
import {
  CONTEXT,
  readAudit,
  rest,
  Session,
  sinkConfig,
  sourceConfig,
  TEST_TIMEOUT,
  typeQuery,
  WAIT,
} from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

/** `:name` Enter, and waits for the view's breadcrumb. */
async function command(kcx: KcxTerminal, name: string): Promise<void> {
  await typeQuery(kcx, `:${name}`);
  kcx.press('enter');
  await kcx.waitFor(`${CONTEXT} › connectors › ${name}`, WAIT);
}

interface Load {
  connectors: number;
  tasks: number;
  failed: number;
}

/** Per worker, from what the cluster itself reports (GET /connectors?expand=status). */
async function loadsReported(emu: Emulator): Promise<Map<string, Load>> {
  type Entry = { state: string; worker_id: string };
  const res = await rest(emu, 'GET', '/connectors?expand=status');
  expect(res.status).toBe(200);
  const body = res.body as Record<string, { status: { connector: Entry; tasks: Entry[] } }>;
  const loads = new Map<string, Load>();
  const of = (id: string) => {
    const l = loads.get(id) ?? { connectors: 0, tasks: 0, failed: 0 };
    loads.set(id, l);
    return l;
  };
  for (const { status } of Object.values(body)) {
    const c = of(status.connector.worker_id);
    c.connectors++;
    if (status.connector.state === 'FAILED') c.failed++;
    for (const t of status.tasks) {
      const w = of(t.worker_id);
      w.tasks++;
      if (t.state === 'FAILED') w.failed++;
    }
  }
  return loads;
}

/** "+0.7" / "−0.3" / "0", as the view writes a worker's tasks against the mean. */
function vsMean(tasks: number, mean: number): string {
  const d = Math.round((tasks - mean) * 10) / 10;
  return d === 0 ? '0' : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(1)}`;
}

const LOGGER = 'org.apache.kafka.connect.file.FileStreamSourceTask';

async function loggerLevel(emu: Emulator, name: string): Promise<{ level: string; last_modified?: unknown }> {
  const res = await rest(emu, 'GET', `/admin/loggers/${name}`);
  expect(res.status).toBe(200);
  return res.body as { level: string; last_modified?: unknown };
}

/** `:loggers`, `/query` Enter, and the selection on `name`. */
async function openLogger(kcx: KcxTerminal, query: string, name: string): Promise<void> {
  await command(kcx, 'loggers');
  await kcx.waitFor(/\d+ loggers on /, WAIT);
  await typeQuery(kcx, `/${query}`);
  kcx.press('enter');
  await kcx.waitFor(() => kcx.highlighted().some((l) => l.startsWith(`${name} `)), WAIT);
}

/** The row of the loggers list that shows `name`, as "NAME LEVEL …" with single spaces. */
const loggerRow = (screen: string, name: string) =>
  screen
    .split('\n')
    .find((l) => l.startsWith(`${name} `))
    ?.replace(/\s+/g, ' ')
    .trim();

describe('workers and loggers', { timeout: TEST_TIMEOUT }, () => {
  it(':workers shows the distribution the cluster reports, with failures and the imbalance', async () => {
    const emu = await session.cluster({
      'a-sink': sinkConfig('a', 3),
      'b-sink': sinkConfig('b', 2),
      'c-source': sourceConfig('c'),
      'd-sink': sinkConfig('d', 4),
      'e-source': sourceConfig('e'),
    });
    emu.cluster.failTask('b-sink', 1);
    const expected = await loadsReported(emu);
    expect(expected.size).toBe(3);
    const totalTasks = [...expected.values()].reduce((n, l) => n + l.tasks, 0);
    expect(totalTasks).toBe(11);
    const mean = totalTasks / expected.size;

    const kcx = session.kcx(emu.url);
    await kcx.waitFor((s) => s.includes('b-sink') && s.includes('1F'), WAIT);
    await command(kcx, 'workers');
    const screen = await kcx.waitFor(/^WORKER\s+CONNECTORS\s+TASKS\s+FAILED\s+VS MEAN$/m, WAIT);

    const rows = screen.split('\n').filter((l) => /^connect-\d:8083\s/.test(l));
    expect(rows).toHaveLength(expected.size);
    for (const [id, load] of expected) {
      const row = rows.find((r) => r.startsWith(`${id} `));
      expect(row, `no row for ${id}:\n${screen}`).toBeDefined();
      expect(row!.trim().split(/\s+/)).toEqual([
        id,
        String(load.connectors),
        String(load.tasks),
        String(load.failed),
        vsMean(load.tasks, mean),
      ]);
    }
    expect(screen).toContain(`3 workers · mean ${mean.toFixed(1)} tasks per worker`);
    // The failed task is on exactly one worker.
    expect([...expected.values()].reduce((n, l) => n + l.failed, 0)).toBe(1);

    // Enter on the worker with the failure lists what runs on it, the failed task first.
    const failing = [...expected].find(([, l]) => l.failed > 0)![0];
    for (let i = 0; i < 5 && !kcx.highlighted().some((l) => l.startsWith(failing)); i++) {
      const before = kcx.highlighted().join('\n');
      kcx.write('j');
      await kcx.waitFor(() => kcx.highlighted().join('\n') !== before, WAIT);
    }
    kcx.press('enter');
    const worker = await kcx.waitFor(/^CONNECTOR\s+TASK\s+STATE/m, WAIT);
    const assignments = worker.split('\n').filter((l) => /^[a-e]-(sink|source)\s/.test(l));
    expect(assignments[0]).toMatch(/^b-sink\s+1\s+FAILED$/);
    expect(assignments).toHaveLength(expected.get(failing)!.connectors + expected.get(failing)!.tasks);
  });

  it(':loggers filters, and a level set for this worker is what the worker reports', async () => {
    const emu = await session.cluster({ 'c-source': sourceConfig('c') });
    const stateDir = session.tempDir('kcx-e2e-state-');
    const all = (await rest(emu, 'GET', '/admin/loggers')).body as Record<string, unknown>;
    expect((await loggerLevel(emu, LOGGER)).level).toBe('INFO');

    // Wide enough for the notice that names the logger.
    const kcx = session.kcx(emu.url, { cols: 120, env: { KCX_STATE_DIR: stateDir } });
    await kcx.waitFor('c-source', WAIT);
    await openLogger(kcx, 'FileStreamSourceTask', LOGGER);
    expect(kcx.screen()).toContain(`${Object.keys(all).length} loggers on ${new URL(emu.url).host}`);
    expect(kcx.screen()).toMatch(/^\/FileStreamSourceTask\s+\d+ match/m);
    expect(loggerRow(kcx.screen(), LOGGER)).toBe(`${LOGGER} INFO`);

    // Enter: the seven levels; 2 = DEBUG; then (4.0 ≥ 3.7) the scope; 1 = this worker.
    kcx.press('enter');
    const levels = await kcx.waitFor(`Level for ${LOGGER} (now INFO)`, WAIT);
    const options = levels.split('\n').filter((l) => /│ [1-7]\. [A-Z]+\s/.test(l));
    expect(options.map((l) => /[1-7]\. ([A-Z]+)/.exec(l)![1])).toEqual([
      'TRACE',
      'DEBUG',
      'INFO',
      'WARN',
      'ERROR',
      'FATAL',
      'OFF',
    ]);
    kcx.write('2');
    const scope = await kcx.waitFor(`Set ${LOGGER} to DEBUG on…`, WAIT);
    expect(scope).toContain(`1. this worker only (${new URL(emu.url).host})`);
    expect(scope).toContain('2. every worker in the cluster');
    kcx.write('1');

    const changed = await kcx.waitFor(
      (s) => loggerRow(s, LOGGER)?.startsWith(`${LOGGER} DEBUG `) ?? false,
      WAIT,
    );
    expect(changed).toContain(`set DEBUG (worker scope) on "${LOGGER}" on ${CONTEXT}`);
    const reported = await loggerLevel(emu, LOGGER);
    expect(reported.level).toBe('DEBUG');
    expect(typeof reported.last_modified).toBe('number');
    // Only that logger (it has no children) changed.
    expect((await loggerLevel(emu, 'org.apache.kafka.connect.file.FileStreamSinkTask')).level).toBe('INFO');
    expect(readAudit(stateDir).map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual([
      `PUT /admin/loggers/${LOGGER} 200`,
    ]);

    // Again, now ERROR for the whole cluster: the request carries scope=cluster.
    kcx.press('enter');
    await kcx.waitFor(`Level for ${LOGGER} (now DEBUG)`, WAIT);
    kcx.write('5');
    await kcx.waitFor(`Set ${LOGGER} to ERROR on…`, WAIT);
    kcx.write('2');
    await kcx.waitFor((s) => loggerRow(s, LOGGER)?.startsWith(`${LOGGER} ERROR `) ?? false, WAIT);
    expect((await loggerLevel(emu, LOGGER)).level).toBe('ERROR');
    expect(readAudit(stateDir).map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual([
      `PUT /admin/loggers/${LOGGER} 200`,
      `PUT /admin/loggers/${LOGGER}?scope=cluster 204`,
    ]);
  });

  it('before Connect 3.7 there is no scope to choose: the level applies to this worker', async () => {
    const emu = await session.cluster({ 'c-source': sourceConfig('c') }, { version: '3.6.1' });
    const kcx = session.kcx(emu.url, { cols: 120 });
    await kcx.waitFor('c-source', WAIT);
    await openLogger(kcx, 'FileStreamSourceTask', LOGGER);

    kcx.press('enter');
    await kcx.waitFor(`Level for ${LOGGER} (now INFO)`, WAIT);
    kcx.write('4');
    const changed = await kcx.waitFor(
      (s) => loggerRow(s, LOGGER)?.startsWith(`${LOGGER} WARN`) ?? false,
      WAIT,
    );
    expect(changed).not.toContain('every worker in the cluster');
    expect(changed).toContain(`set WARN (worker scope) on "${LOGGER}" on ${CONTEXT}`);
    expect((await loggerLevel(emu, LOGGER)).level).toBe('WARN');
  });
});
