// Triage a failure (product.md §1 job 2): jump to the failed task, read its trace with the root
// cause pinned on top, restart, watch it come back.
import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import type { KcxTerminal } from '../support/pty.js';
import {
  CONTEXT,
  converterTrace,
  Session,
  sinkConfig,
  sourceConfig,
  statusOf,
  TEST_TIMEOUT,
  typeQuery,
  WAIT,
} from './helpers.js';

const session = new Session();
afterEach(() => session.cleanup());

const ROOT_CAUSE_CLASS = 'org.apache.kafka.connect.errors.DataException';
const ROOT_CAUSE_MESSAGE = 'Converting byte[] to Kafka Connect data failed';

/** A cluster where task 1 of orders-sink (3 tasks) failed, and kcx on the orders-sink view. */
async function openFailedConnector(trace?: string): Promise<{ kcx: KcxTerminal; emu: Emulator }> {
  const emu = await session.cluster({
    'clicks-source': sourceConfig('clicks'),
    'orders-sink': sinkConfig('orders', 3),
  });
  emu.cluster.failTask('orders-sink', 1, trace);
  const kcx = session.kcx(emu.url);
  await kcx.waitFor((s) => s.includes('2/3 1F'), WAIT);
  // Rows are sorted by name: clicks-source is selected first.
  kcx.write('j');
  await kcx.waitFor(() => kcx.highlighted().some((l) => l.includes('orders-sink')), WAIT);
  kcx.press('enter');
  await kcx.waitFor(`${CONTEXT} › connectors › orders-sink`, WAIT);
  await kcx.waitFor((s) => /^1\s+FAILED/m.test(s), WAIT);
  return { kcx, emu };
}

describe('triage', { timeout: TEST_TIMEOUT }, () => {
  it('drills from the list to a failed task and shows its trace with the root cause on top; q goes back', async () => {
    const trace = converterTrace(40);
    const { kcx } = await openFailedConnector(trace);
    const connectorScreen = kcx.screen();
    expect(connectorScreen).toContain('tasks 2/3 running, 1 failed');
    // The tasks table: id, state, worker, one-line error (the deepest cause, as `kcx get tasks`).
    expect(connectorScreen).toMatch(/^0\s+RUNNING\s+connect-\d:8083/m);
    expect(connectorScreen).toMatch(/^1\s+FAILED\s+connect-\d:8083\s+SerializationException: Unknown magic/m);
    expect(connectorScreen).toMatch(/^2\s+RUNNING\s+connect-\d:8083/m);

    // Task 0 is selected first; move to the failed task 1.
    expect(kcx.highlighted().some((l) => /^0 RUNNING/.test(l))).toBe(true);
    kcx.write('j');
    await kcx.waitFor(() => kcx.highlighted().some((l) => /^1 FAILED/.test(l)), WAIT);
    kcx.press('enter');
    const traceScreen = await kcx.waitFor(`${CONTEXT} › connectors › orders-sink › task 1`, WAIT);
    const lines = kcx.lines();

    // The root cause (the first "Caused by") is pinned just under the breadcrumbs, although the
    // trace is far longer than the screen and its "Caused by" lines are below the fold.
    const causeRow = lines.findIndex((l) => l.includes('root cause'));
    expect(causeRow).toBeGreaterThanOrEqual(0);
    expect(causeRow).toBeLessThanOrEqual(4);
    expect(lines[causeRow]).toContain('FAILED');
    // Shortened to the simple class name so the message fits beside it.
    expect(lines[causeRow]).toContain(ROOT_CAUSE_CLASS.split('.').at(-1));
    // The trace itself, from its first line (long lines are cut at the screen's edge; `w` wraps).
    expect(traceScreen).toContain('org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded');
    expect(traceScreen).toContain('at org.apache.kafka.connect.runtime.WorkerSinkTask.step0(');
    expect(lines.slice(causeRow + 1).some((l) => l.startsWith('Caused by:'))).toBe(false);

    // Searchable: `/` + text + Enter jumps to the match.
    await typeQuery(kcx, '/magic');
    kcx.press('enter');
    const found = await kcx.waitFor(
      (s) => s.includes('Caused by: org.apache.kafka.common.errors.SerializationException: Unknown magic'),
      WAIT,
    );
    expect(found).toMatch(/\/magic\s+1\/1/);
    expect(kcx.highlighted().some((l) => l.includes('SerializationException: Unknown magic'))).toBe(true);

    // q goes back to the connector (Esc first clears the search).
    kcx.press('escape');
    await kcx.waitFor((s) => !s.includes('/magic'), WAIT);
    kcx.write('q');
    const back = await kcx.waitFor((s) => !s.includes('› task 1') && s.includes('tasks 2/3 running'), WAIT);
    expect(back).toContain(`${CONTEXT} › connectors › orders-sink`);
  });

  it('pins a root cause that can be read at 80 columns: the exception and its message', async () => {
    const { kcx } = await openFailedConnector(converterTrace(40));
    kcx.write('j');
    await kcx.waitFor(() => kcx.highlighted().some((l) => /^1 FAILED/.test(l)), WAIT);
    kcx.press('enter');
    await kcx.waitFor('› task 1', WAIT);
    await kcx.waitFor('root cause', WAIT);
    // What an operator needs from the top of the trace view: which exception, and what it says.
    // The pinned cause may wrap onto a second row: read the rows as one text.
    const top = kcx
      .lines()
      .slice(0, 6)
      .map((l) => l.trim())
      .join(' ');
    expect(top).toContain('DataException');
    expect(top).toContain(ROOT_CAUSE_MESSAGE);
  });

  it('counts the lines of the trace, not the newline that ends it', async () => {
    const trace = converterTrace(40);
    const { kcx } = await openFailedConnector(trace);
    const lineCount = trace.trimEnd().split('\n').length;
    kcx.write('j');
    await kcx.waitFor(() => kcx.highlighted().some((l) => /^1 FAILED/.test(l)), WAIT);
    kcx.press('enter');
    const screen = await kcx.waitFor(/of \d+ lines/, WAIT);
    expect(screen).toMatch(new RegExp(`\\b1–\\d+ of ${lineCount} lines`));
    // The last page ends on the trace's last line, not on a blank one.
    kcx.write('G');
    const end = await kcx.waitFor(new RegExp(`–${lineCount} of \\d+ lines`), WAIT);
    const body = end.split('\n');
    const status = body.findIndex((l) => / of \d+ lines/.test(l));
    expect(body[status - 1]).toContain('... 17 more');
  });

  it('restarts the failed tasks from the connector view (R → failed tasks only) and shows them RUNNING', async () => {
    const { kcx, emu } = await openFailedConnector();
    kcx.write('R');
    const dialog = await kcx.waitFor('failed tasks only', WAIT);
    expect(dialog).toContain('Restart "orders-sink" on e2e');
    expect(dialog).toContain('connector only');
    expect(dialog).toContain('connector and all tasks');
    const options = kcx.lines().filter((l) => /\b[1-3]\. /.test(l));
    expect(options).toHaveLength(3);
    const failedOnly = options.findIndex((l) => l.includes('failed tasks only'));
    kcx.write(String(failedOnly + 1));

    const after = await kcx.waitFor((s) => s.includes('tasks 3/3 running') && !/FAILED/.test(s), WAIT);
    expect(after).toMatch(/^1\s+RUNNING/m);
    expect(after).toContain('restarted "orders-sink" on e2e');
    expect(await statusOf(emu, 'orders-sink')).toEqual({
      connector: 'RUNNING',
      tasks: ['RUNNING', 'RUNNING', 'RUNNING'],
    });
  });

  it('restarts the task shown in the trace view with R, and the trace view follows it to RUNNING', async () => {
    const { kcx, emu } = await openFailedConnector();
    kcx.write('j');
    await kcx.waitFor(() => kcx.highlighted().some((l) => /^1 FAILED/.test(l)), WAIT);
    kcx.press('enter');
    await kcx.waitFor((s) => s.includes('› task 1') && s.includes('FAILED on'), WAIT);
    kcx.write('R');
    const after = await kcx.waitFor((s) => s.includes('RUNNING on'), WAIT);
    expect(after).toContain('restarted task 1 of "orders-sink"');
    expect((await statusOf(emu, 'orders-sink'))?.tasks).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    kcx.write('q');
    await kcx.waitFor((s) => s.includes('tasks 3/3 running') && !s.includes('› task 1'), WAIT);
  });

  it('names the connector in the progress notice while a task restart is in flight', async () => {
    const { kcx, emu } = await openFailedConnector();
    // A slow cluster: the progress notice stays on screen long enough to be read.
    emu.faults.latency(3000, 'POST /connectors/*/tasks/*/restart');
    kcx.write('j');
    await kcx.waitFor(() => kcx.highlighted().some((l) => /^1 FAILED/.test(l)), WAIT);
    kcx.press('enter');
    await kcx.waitFor((s) => s.includes('› task 1') && s.includes('FAILED on'), WAIT);
    kcx.write('R');
    const progress = await kcx.waitFor(/restarting task 1/, WAIT);
    const notice = progress.split('\n').find((l) => l.includes('restarting task 1')) ?? '';
    expect(notice).toContain('orders-sink');
    await kcx.waitFor((s) => s.includes('RUNNING on'), WAIT);
  });
});
