import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';
import { FILE_SOURCE } from '../support/configs.js';

const FILE_SINK = {
  'connector.class': 'FileStreamSink',
  'tasks.max': '1',
  file: '/tmp/out.txt',
  topics: 'lines',
};

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  emu = await startEmulator({ startDelayMs: 0, ...options });
  return emu;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(emu!.url + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: res.status,
    json: json as Record<string, unknown> & unknown[],
    text,
    headers: res.headers,
  };
}

const create = (name: string, config: Record<string, string> = FILE_SOURCE, extra: object = {}) =>
  call('POST', '/connectors', { name, config, ...extra });

describe('lifecycle', () => {
  it('answers 404 on status until a worker has started the connector, then RUNNING with tasks', async () => {
    let now = 1_000;
    await start({ startDelayMs: 500, clock: () => now });
    expect((await create('c1')).status).toBe(201);
    expect((await call('GET', '/connectors/c1/status')).status).toBe(404);
    expect(await call('GET', '/connectors?expand=status').then((r) => r.json)).toEqual({});
    now += 500;
    const running = await call('GET', '/connectors/c1/status');
    expect(running.json).toMatchObject({ connector: { state: 'RUNNING' }, tasks: [] });
    now += 250;
    expect((await call('GET', '/connectors/c1/status')).json).toMatchObject({
      tasks: [{ id: 0, state: 'RUNNING' }],
    });
  });

  it('pauses (202), stops (204, no tasks) and resumes back to RUNNING', async () => {
    await start();
    await create('c1');
    expect((await call('PUT', '/connectors/c1/pause')).status).toBe(202);
    expect((await call('GET', '/connectors/c1/status')).json).toMatchObject({
      connector: { state: 'PAUSED' },
      tasks: [{ state: 'PAUSED' }],
    });
    expect((await call('PUT', '/connectors/c1/stop')).status).toBe(204);
    expect((await call('GET', '/connectors/c1')).json).toMatchObject({ tasks: [] });
    expect((await call('GET', '/connectors/c1/status')).json).toMatchObject({
      connector: { state: 'STOPPED' },
      tasks: [],
    });
    expect((await call('PUT', '/connectors/c1/resume')).status).toBe(202);
    expect((await call('GET', '/connectors/c1/status')).json).toMatchObject({
      connector: { state: 'RUNNING' },
      tasks: [{ state: 'RUNNING' }],
    });
  });

  it('a restart clears an injected failure but a config-derived failure comes back', async () => {
    const e = await start();
    await create('ok', FILE_SINK);
    await create('broken', { ...FILE_SINK, file: '/nonexistent-dir/out.txt' });
    await call('GET', '/connectors');
    e.cluster.failTask('ok', 0);
    expect((await call('GET', '/connectors/ok/tasks/0/status')).json).toMatchObject({
      state: 'FAILED',
      trace: expect.stringMatching(/Exception/),
    });
    const plan = await call('POST', '/connectors/ok/restart?includeTasks=true&onlyFailed=true');
    expect(plan.status).toBe(202);
    expect(plan.json).toMatchObject({ connector: { state: 'RUNNING' }, tasks: [{ state: 'RESTARTING' }] });
    expect((await call('GET', '/connectors/ok/tasks/0/status')).json).toMatchObject({ state: 'RUNNING' });

    expect((await call('GET', '/connectors/broken/tasks/0/status')).json).toMatchObject({ state: 'FAILED' });
    await call('POST', '/connectors/broken/tasks/0/restart');
    const again = await call('GET', '/connectors/broken/tasks/0/status');
    expect(again.json).toMatchObject({
      state: 'FAILED',
      trace: expect.stringContaining('/nonexistent-dir/out.txt'),
    });
  });

  it('a flapping task alternates between RUNNING and FAILED', async () => {
    let now = 0;
    const e = await start({ clock: () => now });
    await create('flappy');
    await call('GET', '/connectors');
    e.cluster.setFlapping('flappy', 0, 1000);
    const states: string[] = [];
    for (let i = 0; i < 4; i++) {
      states.push(String((await call('GET', '/connectors/flappy/tasks/0/status')).json.state));
      now += 1000;
    }
    expect(states).toEqual(['RUNNING', 'FAILED', 'RUNNING', 'FAILED']);
  });

  it('creates in PAUSED and STOPPED state with no tasks until resumed', async () => {
    await start();
    await create('p', FILE_SOURCE, { initial_state: 'paused' });
    await create('s', FILE_SOURCE, { initial_state: 'STOPPED' });
    expect((await call('GET', '/connectors/p/status')).json).toMatchObject({
      connector: { state: 'PAUSED' },
      tasks: [],
    });
    expect((await call('GET', '/connectors/s/status')).json).toMatchObject({
      connector: { state: 'STOPPED' },
      tasks: [],
    });
    await call('PUT', '/connectors/p/resume');
    expect((await call('GET', '/connectors/p/status')).json).toMatchObject({ tasks: [{ state: 'RUNNING' }] });
    expect((await create('bad', FILE_SOURCE, { initial_state: 'SLEEPING' })).status).toBe(500);
  });

  it('keeps odd connector names intact through percent-encoding', async () => {
    await start();
    for (const name of ['a b', 'a/b', '50%', 'what?', '#1', '한글-커넥터', '🚀-sink']) {
      const created = await create(name);
      expect(created.status, name).toBe(201);
      expect(created.headers.get('location')).toBe(`${emu!.url}/connectors/${encodeURIComponent(name)}`);
      const status = await call('GET', `/connectors/${encodeURIComponent(name)}/status`);
      expect(status.json.name, name).toBe(name);
      expect((await call('DELETE', `/connectors/${encodeURIComponent(name)}`)).status).toBe(204);
    }
    expect((await call('GET', '/connectors')).json).toEqual([]);
  });

  it('refuses offsets changes unless STOPPED and checks sink offsets like the framework', async () => {
    await start();
    await create('sink', FILE_SINK);
    const body = {
      offsets: [{ partition: { kafka_topic: 'lines', kafka_partition: 0 }, offset: { kafka_offset: 5 } }],
    };
    expect((await call('PATCH', '/connectors/sink/offsets', body)).status).toBe(400);
    await call('PUT', '/connectors/sink/pause');
    expect((await call('PATCH', '/connectors/sink/offsets', body)).status).toBe(400);
    await call('PUT', '/connectors/sink/stop');
    expect((await call('PATCH', '/connectors/sink/offsets', { offsets: [] })).json).toMatchObject({
      error_code: 400,
      message: 'Partitions / offsets need to be provided for an alter offsets request',
    });
    const noTopic = await call('PATCH', '/connectors/sink/offsets', {
      offsets: [{ partition: { kafka_partition: 0 }, offset: null }],
    });
    expect(noTopic.json.message).toBe(
      "The partition for a sink connector offset must contain the keys 'kafka_topic' and 'kafka_partition'",
    );
    const badOffset = await call('PATCH', '/connectors/sink/offsets', {
      offsets: [{ partition: { kafka_topic: 'lines', kafka_partition: 0 }, offset: { kafka_offset: 'x' } }],
    });
    expect(badOffset.status).toBe(400);
    expect((await call('PATCH', '/connectors/sink/offsets', [])).status).toBe(500);
    expect((await call('PATCH', '/connectors/sink/offsets', { offsets: [], extra: 1 })).status).toBe(500);
    expect((await call('PATCH', '/connectors/sink/offsets', body)).status).toBe(200);
    expect((await call('GET', '/connectors/sink/offsets')).json.offsets).toContainEqual(body.offsets[0]);
    expect((await call('DELETE', '/connectors/sink/offsets')).status).toBe(200);
    expect((await call('GET', '/connectors/sink/offsets')).json).toEqual({ offsets: [] });
  });

  it('validates before checking existence, and rejects a name that disagrees with the URL', async () => {
    await start();
    await create('c1');
    expect((await create('c1', { 'connector.class': FILE_SOURCE['connector.class'] })).status).toBe(400);
    expect((await create('c1')).status).toBe(409);
    const mismatch = await call('PUT', '/connectors/c1/config', { ...FILE_SOURCE, name: 'other' });
    expect(mismatch.json).toEqual({
      error_code: 400,
      message: "Connector name configuration (other) doesn't match connector name in the URL (c1)",
    });
    const created = await call('PUT', '/connectors/c2/config', FILE_SOURCE);
    expect(created.status).toBe(201);
    expect((await call('PUT', '/connectors/c2/config', { ...FILE_SOURCE, 'tasks.max': 2 })).status).toBe(200);
    expect((await call('GET', '/connectors/c2/config')).json['tasks.max']).toBe('2');
    expect((await call('PATCH', '/connectors/nope/config', { a: 'b' })).status).toBe(404);
    expect((await call('PATCH', '/connectors/c2/config', { topic: null })).status).toBe(400);
    expect(
      (
        await call(
          'POST',
          '/connectors',
          { name: 'x', config: FILE_SOURCE },
          { 'content-type': 'text/plain' },
        )
      ).status,
    ).toBe(415);
  });

  it('tracks topics per connector and resets them', async () => {
    await start();
    await create('c1');
    expect((await call('GET', '/connectors/c1/topics')).json).toEqual({ c1: { topics: ['lines'] } });
    expect((await call('PUT', '/connectors/c1/topics/reset')).status).toBe(202);
    expect((await call('GET', '/connectors/c1/topics')).json).toEqual({ c1: { topics: [] } });
    expect((await call('GET', '/connectors/unknown/topics')).json).toEqual({ unknown: { topics: [] } });
  });

  it('spreads tasks over several workers', async () => {
    await start({ workers: 3 });
    await create('wide', { ...FILE_SINK, topics: 'a,b,c', 'tasks.max': '3' });
    await call('GET', '/connectors');
    const status = (await call('GET', '/connectors/wide/status')).json as unknown as {
      tasks: { worker_id: string }[];
    };
    const workers = new Set([...status.tasks.map((t) => t.worker_id)]);
    expect(workers.size).toBeGreaterThan(1);
  });
});

describe('emulated versions', () => {
  it('2.7 lacks stop, offsets, health, PATCH config and plugin config; ignores restart params', async () => {
    await start({ version: '2.7.1' });
    await create('c1');
    expect((await call('PUT', '/connectors/c1/stop')).json).toEqual({
      error_code: 404,
      message: 'HTTP 404 Not Found',
    });
    expect((await call('GET', '/connectors/c1/offsets')).status).toBe(404);
    expect((await call('GET', '/health')).status).toBe(404);
    expect((await call('PATCH', '/connectors/c1/config', {})).json).toEqual({
      error_code: 405,
      message: 'HTTP 405 Method Not Allowed',
    });
    expect((await call('GET', '/connector-plugins/FileStreamSinkConnector/config')).status).toBe(404);
    expect(Object.keys((await call('GET', '/connectors?expand=status&expand=info')).json)).toEqual(['c1']);
    expect((await call('POST', '/connectors/c1/restart?includeTasks=true&onlyFailed=true')).status).toBe(204);
    const withState = await create('c2', FILE_SOURCE, { initial_state: 'PAUSED' });
    expect(withState.status).toBe(500);
    expect(withState.json.message).toContain('Unrecognized field "initial_state"');
    expect((await call('GET', '/admin/loggers/root')).json).toEqual({ level: 'INFO' });
    const scoped = await call('PUT', '/admin/loggers/org.apache.kafka.connect?scope=cluster', {
      level: 'DEBUG',
    });
    expect(scoped.status).toBe(200);
    expect((await call('GET', '/connectors/c1/tasks-config')).status).toBe(404);
  });

  it('before 2.3, expand is ignored and the list is plain names', async () => {
    await start({ version: '2.2.0' });
    await create('c1');
    expect((await call('GET', '/connectors?expand=status&expand=info')).json).toEqual(['c1']);
    expect((await call('GET', '/admin/loggers')).status).toBe(404);
  });

  it('3.9 (and Confluent 7.9.0-ccs) still has tasks-config; 4.0 does not', async () => {
    await start({ version: '7.9.0-ccs' });
    expect((await call('GET', '/')).json.version).toBe('7.9.0-ccs');
    await create('c1');
    expect((await call('GET', '/connectors/c1/tasks-config')).json).toMatchObject({
      'c1-0': { topic: 'lines' },
    });
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('4.1 reports plugin versions in statuses', async () => {
    await start({ version: '4.1.0' });
    await create('c1');
    expect((await call('GET', '/connectors/c1/status')).json).toMatchObject({
      connector: { version: expect.any(String) },
      tasks: [{ version: expect.any(String) }],
    });
  });

  it('a cluster-scoped logger change answers 204 on 3.7+', async () => {
    await start({ version: '3.7.0' });
    expect(
      (await call('PUT', '/admin/loggers/org.apache.kafka.connect?scope=cluster', { level: 'DEBUG' })).status,
    ).toBe(204);
    expect((await call('PUT', '/admin/loggers/root', {})).status).toBe(400);
    expect((await call('PUT', '/admin/loggers/root', { level: 'LOUD' })).json).toEqual({
      error_code: 404,
      message: "invalid log level 'LOUD'.",
    });
  });
});

describe('faults', () => {
  it('injects errors per route, a limited number of times', async () => {
    const e = await start();
    e.faults.add({ route: 'GET /connectors', kind: 'status', status: 503, times: 2 });
    expect((await call('GET', '/connectors')).status).toBe(503);
    expect((await call('GET', '/')).status).toBe(200);
    expect((await call('GET', '/connectors')).status).toBe(503);
    expect((await call('GET', '/connectors')).status).toBe(200);
  });

  it('serves a proxy HTML page and truncated JSON', async () => {
    const e = await start();
    await create('c1');
    e.faults.add({ route: 'GET /', kind: 'html', times: 1 });
    const html = await call('GET', '/');
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.text).toContain('<html>');
    e.faults.add({ route: 'GET /connectors/*', kind: 'truncate', times: 1 });
    const cut = await call('GET', '/connectors/c1');
    expect(cut.status).toBe(200);
    expect(() => JSON.parse(cut.text)).toThrow();
  });

  it('answers 409 with the real messages during a rebalance, but never on GET /connectors', async () => {
    const e = await start();
    await create('c1');
    e.faults.rebalance(60_000);
    expect((await call('GET', '/connectors')).status).toBe(200);
    expect((await call('GET', '/connectors/c1/status')).status).toBe(200);
    expect((await call('GET', '/connectors/c1')).json.message).toMatch(/stale configuration/);
    expect((await create('c2')).json).toMatchObject({
      error_code: 409,
      message: expect.stringMatching(/no known leader URL/),
    });
    expect((await call('DELETE', '/connectors/c1')).status).toBe(409);
    e.cluster.startRebalance(0);
    expect((await call('DELETE', '/connectors/c1')).status).toBe(204);
  });

  it('goes down (connection refused) and comes back on the same port', async () => {
    const e = await start();
    await e.faults.down();
    await expect(fetch(`${e.url}/`)).rejects.toThrow();
    await e.faults.up();
    expect((await call('GET', '/')).status).toBe(200);
  });

  it('is driven over HTTP by the /__emulator control API', async () => {
    const e = await start();
    await create('c1');
    await call('POST', '/__emulator/faults', {
      route: 'GET /connectors',
      kind: 'status',
      status: 500,
      times: 1,
    });
    expect((await call('GET', '/connectors')).status).toBe(500);
    await call('POST', '/__emulator/fail-task', { connector: 'c1', task: 0 });
    expect((await call('GET', '/connectors/c1/tasks/0/status')).json.state).toBe('FAILED');
    expect((await call('POST', '/__emulator/seed', { count: 5 })).json).toMatchObject({ added: 5 });
    expect(e.cluster.size).toBe(6);
    expect((await call('POST', '/__emulator/latency', { ms: -1 })).status).toBe(400);
  });

  it('adds latency', async () => {
    const e = await start();
    e.faults.latency(150);
    const t0 = performance.now();
    await call('GET', '/');
    // A lower bound on an injected delay, not a performance assertion.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

describe('auth', () => {
  it('requires the configured basic or bearer credentials', async () => {
    await start({ auth: { basic: { username: 'ops', password: 's3cret' }, bearer: 'tok' } });
    expect((await call('GET', '/')).status).toBe(401);
    const basic = `Basic ${Buffer.from('ops:s3cret').toString('base64')}`;
    expect((await call('GET', '/', undefined, { authorization: basic })).status).toBe(200);
    expect((await call('GET', '/', undefined, { authorization: 'Bearer tok' })).status).toBe(200);
    expect((await call('GET', '/', undefined, { authorization: 'Bearer nope' })).status).toBe(401);
  });
});

describe('demo data', () => {
  it('seeds realistic connectors with some trouble, deterministically', async () => {
    const e = await start({ connectors: 300, seed: 7 });
    const expanded = (await call('GET', '/connectors?expand=status&expand=info')).json as unknown as Record<
      string,
      { status: { connector: { state: string }; tasks: { state: string }[] } }
    >;
    const names = Object.keys(expanded);
    expect(names).toHaveLength(300);
    expect(names).toContain('한글-커넥터-sink');
    const states = Object.values(expanded).map((c) => c.status.connector.state);
    expect(states.filter((s) => s === 'RUNNING').length).toBeGreaterThan(200);
    for (const s of ['PAUSED', 'STOPPED', 'FAILED']) expect(states, s).toContain(s);
    const failedTasks = Object.values(expanded).filter((c) =>
      c.status.tasks.some((t) => t.state === 'FAILED'),
    );
    expect(failedTasks.length).toBeGreaterThan(3);
    const again = await startEmulator({ connectors: 300, seed: 7 });
    try {
      expect(again.cluster.names()).toEqual(e.cluster.names());
    } finally {
      await again.close();
    }
  });

  it('seeds 10,000 connectors', async () => {
    const e = await start({ connectors: 10_000 });
    expect(e.cluster.size).toBe(10_000);
    const listed = (await call('GET', '/connectors')).json;
    expect(listed).toHaveLength(10_000);
  });
});
