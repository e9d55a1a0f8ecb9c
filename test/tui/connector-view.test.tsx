// One connector (docs/product.md §2 Connector and Config): status, tasks table with state, worker and
// a one-line error, topics, and a config summary with secrets masked everywhere, clipboard included.
import './force-color.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MASK } from '../../src/domain/masking.js';
import {
  columnsOf,
  type ConnectorSpec,
  type Harness,
  KEY,
  lineWith,
  selectedLine,
  startTui,
  traceWithCause,
} from '../support/tui-harness.js';

const SECRET = 'hunter2-Sup3rS3cret';
const ORDERS: ConnectorSpec = {
  name: 'orders-sink',
  config: {
    'tasks.max': '3',
    topics: 'orders,orders-dlq',
    'connection.user': 'kafka_connect',
    'connection.password': SECRET,
  },
  failTasks: [{ task: 1, trace: traceWithCause('orders') }],
};

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function openOrders(connectors: ConnectorSpec[] = [ORDERS]): Promise<Harness> {
  h = await startTui({ connectors, columns: 100, rows: 34 });
  await h.waitFor(`${connectors.length} connectors`);
  await h.press(KEY.enter);
  await h.waitFor('test-ctx › connectors › orders-sink');
  await h.waitFor('config (');
  return h;
}

describe('connector view', () => {
  it('shows the status and the tasks table: id, state, worker, one-line error', async () => {
    const t = await openOrders();
    const frame = t.frame();
    expect(lineWith(frame, 'orders-sink  ')).toMatch(/orders-sink\s+RUNNING\s+DEGRADED/);
    expect(frame).toContain('tasks 2/3 running, 1 failed');
    const header = lineWith(frame, 'ERROR')!;
    const titles = ['ID', 'STATE', 'WORKER', 'ERROR'];
    const task = (id: number) =>
      columnsOf(header, frame.split('\n').find((l) => l.startsWith(`${id}    `))!, titles);
    expect(task(0)).toMatchObject({ STATE: 'RUNNING', ERROR: '' });
    expect(task(0).WORKER).toMatch(/^connect-\d:8083$/);
    expect(task(2)).toMatchObject({ STATE: 'RUNNING', ERROR: '' });
    expect(task(1).STATE).toBe('FAILED');
    expect(task(1).WORKER).toMatch(/^connect-\d:8083$/);
    // One line: the deepest cause without its package, as `kcx get tasks` shows it, cut to the
    // column; not the wrapper that opens the trace, and no frame of the stack.
    expect(task(1).ERROR).toMatch(/^FileNotFoundException: \/data\/orders\.txt/);
    expect(frame).not.toContain('WorkerSinkTask.deliverMessages');
    // The emulator reports a sink's topics as it consumes them.
    await t.waitFor(/topics .*orders/);
    expect(lineWith(t.frame(), 'topics ')).toContain('orders-dlq');
  });

  it('summarises the config with secrets masked', async () => {
    const t = await openOrders();
    const frame = t.frame();
    expect(frame).toMatch(/config \(\d+ keys, secrets masked/);
    expect(lineWith(frame, 'connection.password')).toContain(`connection.password = ${MASK}`);
    expect(lineWith(frame, 'connection.user')).toContain('connection.user = kafka_connect');
    expect(lineWith(frame, 'file =')).toContain('/tmp/out.txt');
    expect(t.raw()).not.toContain(SECRET);
  });

  it('c shows the whole config masked, and y there copies it masked', async () => {
    const t = await openOrders();
    await t.press('c');
    await t.waitFor('"connection.password"');
    expect(lineWith(t.frame(), '"connection.password"')).toContain(`"${MASK}"`);
    expect(t.raw()).not.toContain(SECRET);
    await t.press('y');
    await t.waitFor('copied the config');
    expect(t.copies).toHaveLength(1);
    const copied = JSON.parse(t.copies[0]!) as Record<string, string>;
    expect(copied['connection.password']).toBe(MASK);
    expect(copied.topics).toBe('orders,orders-dlq');
    expect(t.copies[0]).not.toContain(SECRET);
  });

  it('y copies the connector name', async () => {
    const t = await openOrders();
    await t.press('y');
    await t.waitFor('copied');
    expect(t.copies).toEqual(['orders-sink']);
  });

  it('j/k move over the tasks; Enter on a task without a trace says so and stays', async () => {
    const t = await openOrders();
    await t.waitFor(() => selectedLine(t.raw())?.startsWith('0 ') === true);
    await t.press('j');
    await t.waitFor(() => selectedLine(t.raw())?.startsWith('1 ') === true);
    await t.press('j', 'k', 'k');
    await t.waitFor(() => selectedLine(t.raw())?.startsWith('0 ') === true);
    await t.press(KEY.enter);
    await t.waitFor('task 0 is RUNNING — no trace');
    expect(t.frame()).not.toContain('› task 0');
  });

  it('a failed connector shows its own error first, and Enter opens its trace', async () => {
    const trace = traceWithCause('connector-start');
    const t = await openOrders([{ name: 'orders-sink', failConnector: trace }]);
    await t.waitFor(/conn\s+FAILED/);
    expect(lineWith(t.frame(), 'conn ')).toContain('FileNotFoundException: /data/connector-start');
    await t.press(KEY.enter);
    await t.waitFor('› connector trace');
    await t.waitFor('Caused by: java.io.FileNotFoundException: /data/connector-start.txt');
  });

  it('shows a config changed on the cluster, and c reads nothing again', async () => {
    const t = await openOrders();
    await t.waitFor('tasks.max = 3');
    await t.client.putConnectorConfig('orders-sink', {
      ...ORDERS.config,
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
      file: '/tmp/orders.out',
      'tasks.max': '2',
    });
    await t.waitFor('tasks.max = 2');
    const reads = vi.spyOn(t.client, 'connectorConfig');
    await t.press('c');
    await t.waitFor('"tasks.max": "2"');
    expect(reads).not.toHaveBeenCalled();
  });

  it('Esc and q go back to the list', async () => {
    const t = await openOrders();
    await t.press(KEY.escape);
    await t.waitFor((f) => f.includes('1 connectors') && !f.includes('› orders-sink'));
    await t.press(KEY.enter);
    await t.waitFor('› orders-sink');
    await t.press('q');
    await t.waitFor((f) => !f.includes('› orders-sink'));
  });
});
