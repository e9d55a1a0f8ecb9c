// Every ConnectClient method against the emulator: success paths, Connect's own error answers,
// odd connector names, read-only contexts, version gating and the transport faults it injects.
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectClient, type ConnectClientOptions } from '../../src/connect/client.js';
import {
  type ConnectError,
  isAuthError,
  isConflict,
  isNotFound,
  isUnknownEndpoint,
} from '../../src/connect/errors.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';
import { selfSignedCert } from '../support/stub-server.js';
import { failure } from '../support/connect-failure.js';
import { FILE_SOURCE } from '../support/configs.js';

const FILE_SINK = {
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
  'tasks.max': '1',
  file: '/tmp/out.txt',
  topics: 'lines',
};

const emulators: Emulator[] = [];
const clients: ConnectClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(emulators.splice(0).map((e) => e.close()));
});

async function setup(
  emulator: EmulatorOptions = {},
  client: Partial<ConnectClientOptions> = {},
): Promise<{ emu: Emulator; client: ConnectClient }> {
  const emu = await startEmulator({
    version: '4.0.0',
    workers: 3,
    connectors: 0,
    startDelayMs: 0,
    ...emulator,
  });
  emulators.push(emu);
  const c = new ConnectClient({
    url: emu.url,
    context: 'test',
    retry409: { initialDelayMs: 5, maxDelayMs: 50 },
    ...client,
  });
  clients.push(c);
  return { emu, client: c };
}

/** Requests the client sends while `fn` runs. */
async function requestsDuring(client: ConnectClient, fn: () => Promise<unknown>): Promise<number> {
  const before = client.stats.requests;
  await fn();
  return client.stats.requests - before;
}

describe('cluster', () => {
  it('reads server info and derives capabilities from it, once', async () => {
    const { client } = await setup();
    const info = await client.serverInfo();
    expect(info.version).toBe('4.0.0');
    expect(typeof info.kafka_cluster_id).toBe('string');
    expect(client.knownCapabilities?.kafkaVersion).toBe('4.0');
    expect(await requestsDuring(client, () => client.capabilities())).toBe(0);
    expect((await client.capabilities()).supports('tasks-config')).toBe(false);
  });

  it('reports health on 3.9+', async () => {
    const { client } = await setup();
    const health = await client.health();
    expect(health.httpStatus).toBe(200);
    expect(health.status.status).toBe('healthy');
  });
});

describe('connector lifecycle', () => {
  it('creates, reads, reconfigures, patches and deletes', async () => {
    const { emu, client } = await setup();
    const created = await client.createConnector('src', FILE_SOURCE);
    expect(created).toMatchObject({ name: 'src', type: 'source', config: { ...FILE_SOURCE, name: 'src' } });
    emu.cluster.settle();

    expect(await client.listConnectors()).toEqual(['src']);
    expect(await client.connector('src')).toMatchObject({
      name: 'src',
      tasks: [{ connector: 'src', task: 0 }],
    });
    expect(await client.connectorConfig('src')).toEqual({ ...FILE_SOURCE, name: 'src' });
    const status = await client.connectorStatus('src');
    expect(status).toMatchObject({
      name: 'src',
      connector: { state: 'RUNNING' },
      tasks: [{ id: 0, state: 'RUNNING' }],
    });
    expect(await client.connectorTasks('src')).toMatchObject([{ id: { connector: 'src', task: 0 } }]);
    expect(await client.taskStatus('src', 0)).toMatchObject({ id: 0, state: 'RUNNING' });
    expect(await client.connectorTopics('src')).toEqual(['lines']);

    const replaced = await client.putConnectorConfig('src', { ...FILE_SOURCE, topic: 'other' });
    expect(replaced.created).toBe(false);
    expect(replaced.info.config.topic).toBe('other');
    const fresh = await client.putConnectorConfig('sink', FILE_SINK);
    expect(fresh.created).toBe(true);
    expect(fresh.info.type).toBe('sink');

    const patched = await client.patchConnectorConfig('src', { file: '/tmp/patched.txt', 'tasks.max': null });
    expect(patched.config.file).toBe('/tmp/patched.txt');
    expect(patched.config).not.toHaveProperty('tasks.max');

    await client.deleteConnector('src');
    expect(isNotFound(await failure(client.connector('src')))).toBe(true);
    expect(await client.listConnectors()).toEqual(['sink']);
  });

  it('pauses, resumes, stops, and restarts (204 vs 202)', async () => {
    const { emu, client } = await setup();
    await client.createConnector('c', FILE_SOURCE);
    emu.cluster.settle();

    await client.pauseConnector('c');
    emu.cluster.settle();
    expect((await client.connectorStatus('c')).connector.state).toBe('PAUSED');
    await client.resumeConnector('c');
    emu.cluster.settle();
    expect((await client.connectorStatus('c')).connector.state).toBe('RUNNING');

    expect(await client.restartConnector('c')).toEqual({ kind: 'restarted' });
    const plan = await client.restartConnector('c', { includeTasks: true });
    expect(plan.kind).toBe('accepted');
    if (plan.kind === 'accepted') {
      expect(plan.status.connector.state).toBe('RESTARTING');
      expect(plan.status.tasks.map((t) => t.state)).toEqual(['RESTARTING']);
    }
    emu.cluster.settle();
    await client.restartTask('c', 0);

    await client.stopConnector('c');
    emu.cluster.settle();
    const stopped = await client.connectorStatus('c');
    expect(stopped.connector.state).toBe('STOPPED');
    expect(stopped.tasks).toEqual([]);
    expect(await client.connectorTasks('c')).toEqual([]);
  });

  it('stops, alters and resets offsets, and refuses while running', async () => {
    const { emu, client } = await setup();
    await client.createConnector('sink', FILE_SINK);
    emu.cluster.settle();
    expect(await client.offsets('sink')).toHaveProperty('offsets');

    const running = await failure(
      client.alterOffsets('sink', [
        { partition: { kafka_topic: 'lines', kafka_partition: 0 }, offset: { kafka_offset: 5 } },
      ]),
    );
    expect(running).toMatchObject({ kind: 'http', status: 400 });
    expect(running.connectMessage).toContain('must be in the STOPPED state');

    await client.stopConnector('sink');
    emu.cluster.settle();
    const altered = await client.alterOffsets('sink', [
      { partition: { kafka_topic: 'lines', kafka_partition: 0 }, offset: { kafka_offset: 5 } },
    ]);
    expect(altered.message).toContain('altered successfully');
    expect((await client.offsets('sink')).offsets).toContainEqual({
      partition: { kafka_topic: 'lines', kafka_partition: 0 },
      offset: { kafka_offset: 5 },
    });
    const reset = await client.resetOffsets('sink');
    expect(reset.message).toContain('reset successfully');
  });

  it('resets active topics', async () => {
    const { emu, client } = await setup();
    await client.createConnector('src', FILE_SOURCE);
    emu.cluster.settle();
    expect(await client.connectorTopics('src')).toEqual(['lines']);
    await client.resetConnectorTopics('src');
    expect(await client.connectorTopics('src')).toEqual([]);
  });

  it('creates a connector paused with initial_state', async () => {
    const { emu, client } = await setup();
    await client.createConnector('p', FILE_SOURCE, { initialState: 'PAUSED' });
    emu.cluster.settle();
    expect((await client.connectorStatus('p')).connector.state).toBe('PAUSED');
  });
});

describe("Connect's error answers", () => {
  it('404s carry the worker message', async () => {
    const { client } = await setup();
    const cases: [Promise<unknown>, string][] = [
      [client.connector('nope'), 'Connector nope not found'],
      [client.connectorStatus('nope'), 'No status found for connector nope'],
      [client.pauseConnector('nope'), 'Unknown connector nope'],
      [client.restartConnector('nope'), 'Unknown connector: nope'],
      [client.deleteConnector('nope'), 'Connector nope not found'],
    ];
    for (const [call, message] of cases) {
      const e = await failure(call);
      expect(isNotFound(e)).toBe(true);
      expect(e.connectMessage).toBe(message);
      expect(isUnknownEndpoint(e)).toBe(false);
    }
    const e = await failure(client.connector('nope'));
    expect(e.message).toBe(
      `[test] GET ${client.url}/connectors/nope → 404 Not Found: Connector nope not found`,
    );
  });

  it('409 on a duplicate create is surfaced at once, not retried', async () => {
    const { client } = await setup();
    await client.createConnector('dup', FILE_SOURCE);
    let e: ConnectError | undefined;
    const sent = await requestsDuring(client, async () => {
      e = await failure(client.createConnector('dup', FILE_SOURCE));
    });
    expect(isConflict(e)).toBe(true);
    expect(e?.connectMessage).toBe('Connector dup already exists');
    expect(sent).toBe(1);
  });

  it('400 on an invalid config, with the validation summary', async () => {
    const { client } = await setup();
    const { topic: _omitted, ...noTopic } = FILE_SOURCE;
    const e = await failure(client.createConnector('bad', noTopic));
    expect(e).toMatchObject({ kind: 'http', status: 400, errorCode: 400 });
    expect(e.connectMessage).toContain('Connector configuration is invalid');
    expect(e.connectMessage).toContain('Missing required configuration "topic"');
  });

  it('500 on an unknown connector class', async () => {
    const { client } = await setup();
    const e = await failure(
      client.createConnector('x', { ...FILE_SOURCE, 'connector.class': 'NoSuchConnector' }),
    );
    expect(e).toMatchObject({ kind: 'http', status: 500 });
    expect(e.connectMessage).toContain('Failed to find any class that implements Connector');
  });
});

describe('plugins, validation, loggers', () => {
  it('lists plugins, connectors only unless asked otherwise', async () => {
    const { client } = await setup();
    const connectors = await client.plugins();
    expect(connectors.length).toBeGreaterThan(0);
    expect(connectors.every((p) => p.type === 'source' || p.type === 'sink')).toBe(true);
    const all = await client.plugins({ connectorsOnly: false });
    expect(all.length).toBeGreaterThan(connectors.length);
    expect(all.some((p) => p.type === 'transformation')).toBe(true);
  });

  it('reads a plugin config definition, including nested classes with $', async () => {
    const { client } = await setup();
    const defs = await client.pluginConfig('org.apache.kafka.connect.file.FileStreamSinkConnector');
    expect(defs.some((d) => d.name === 'file')).toBe(true);
    const cast = await client.pluginConfig('org.apache.kafka.connect.transforms.Cast$Value');
    expect(cast.map((d) => d.name)).toContain('spec');
    const unknown = await failure(client.pluginConfig('NoSuchPlugin'));
    expect(unknown.status).toBe(404);
    expect(unknown.connectMessage).toBe('Unknown plugin NoSuchPlugin.');
  });

  it('validates: 200 with error_count, even when invalid', async () => {
    const { client } = await setup();
    const ok = await client.validateConfig('FileStreamSinkConnector', { ...FILE_SINK, name: 'v' });
    expect(ok.error_count).toBe(0);
    const bad = await client.validateConfig('FileStreamSinkConnector', {
      ...FILE_SINK,
      name: 'v',
      'tasks.max': '0',
    });
    expect(bad.error_count).toBeGreaterThan(0);
    const tasksMax = bad.configs.find((c) => c.value?.name === 'tasks.max');
    expect(tasksMax?.value?.errors.join(' ')).toContain('Value must be at least 1');
  });

  it('reads and sets log levels, per worker and cluster-wide', async () => {
    const { client } = await setup();
    const all = await client.loggers();
    expect(all).toHaveProperty('root');
    expect((await client.logger('root')).level).toMatch(/^[A-Z]+$/);
    const affected = await client.setLoggerLevel('org.apache.kafka.connect', 'DEBUG');
    expect(affected).toContain('org.apache.kafka.connect');
    expect(await client.setLoggerLevel('org.apache.kafka.connect', 'INFO', 'cluster')).toBeNull();
    const invalid = await failure(client.setLoggerLevel('org.apache.kafka.connect', 'LOUD'));
    expect(invalid.status).toBe(404);
    expect(invalid.connectMessage).toBe("invalid log level 'LOUD'.");
  });
});

describe('odd connector names', () => {
  const names = ['a b', 'a/b', '50%', 'what?', '#1', '한글-커넥터', '🚀-sink'];
  it.each(names)('%s survives create → status → topics → delete', async (name) => {
    const { emu, client } = await setup();
    const created = await client.createConnector(name, FILE_SOURCE);
    expect(created.name).toBe(name);
    emu.cluster.settle();
    expect(await client.listConnectors()).toEqual([name]);
    expect((await client.connectorStatus(name)).name).toBe(name);
    expect((await client.connectorConfig(name)).name).toBe(name);
    expect(await client.connectorTopics(name)).toEqual(['lines']);
    const listing = await client.listConnectorsWithStatus();
    expect(listing.connectors.map((c) => c.name)).toEqual([name]);
    await client.deleteConnector(name);
    expect(isNotFound(await failure(client.connector(name)))).toBe(true);
  });
});

describe('listConnectorsWithStatus', () => {
  it('is exactly one request per refresh on Connect ≥ 2.3', async () => {
    const { emu, client } = await setup({ connectors: 50 });
    emu.cluster.settle();
    await client.capabilities();
    let listing: Awaited<ReturnType<ConnectClient['listConnectorsWithStatus']>> | undefined;
    const sent = await requestsDuring(client, async () => {
      listing = await client.listConnectorsWithStatus();
    });
    expect(sent).toBe(1);
    expect(listing?.mode).toBe('expand');
    expect(listing?.connectors).toHaveLength(50);
    for (const c of listing?.connectors ?? []) {
      expect(c.status.name).toBe(c.name);
      expect(c.info?.name).toBe(c.name);
    }
  });

  it('falls back to per-connector requests on 2.2', async () => {
    const { emu, client } = await setup({ version: '2.2.0' });
    for (const n of ['a', 'b', 'c']) await client.createConnector(n, FILE_SOURCE);
    emu.cluster.settle();
    await client.capabilities();
    let listing: Awaited<ReturnType<ConnectClient['listConnectorsWithStatus']>> | undefined;
    const sent = await requestsDuring(client, async () => {
      listing = await client.listConnectorsWithStatus();
    });
    expect(listing?.mode).toBe('fallback');
    expect(listing?.connectors.map((c) => c.name).sort()).toEqual(['a', 'b', 'c']);
    expect(sent).toBe(1 + 2 * 3);
  });

  it('leaves out a connector that has no status yet', async () => {
    const { emu, client } = await setup({ startDelayMs: 60_000 });
    await client.createConnector('late', FILE_SOURCE);
    const listing = await client.listConnectorsWithStatus();
    expect(listing.connectors).toEqual([]);
    emu.cluster.settle();
    expect((await client.listConnectorsWithStatus()).connectors.map((c) => c.name)).toEqual(['late']);
  });
});

describe('read-only', () => {
  it('refuses every mutation before sending anything, but reads and validates', async () => {
    const { client } = await setup({}, { readonly: true, context: 'prod' });
    const mutations: [string, () => Promise<unknown>][] = [
      ['create', () => client.createConnector('x', FILE_SOURCE)],
      ['put', () => client.putConnectorConfig('x', FILE_SOURCE)],
      ['patch', () => client.patchConnectorConfig('x', { a: null })],
      ['pause', () => client.pauseConnector('x')],
      ['resume', () => client.resumeConnector('x')],
      ['stop', () => client.stopConnector('x')],
      ['restart', () => client.restartConnector('x', { includeTasks: true })],
      ['restartTask', () => client.restartTask('x', 0)],
      ['delete', () => client.deleteConnector('x')],
      ['resetTopics', () => client.resetConnectorTopics('x')],
      ['alterOffsets', () => client.alterOffsets('x', [])],
      ['resetOffsets', () => client.resetOffsets('x')],
      ['setLoggerLevel', () => client.setLoggerLevel('root', 'DEBUG')],
    ];
    for (const [label, call] of mutations) {
      const e = await failure(call());
      expect(e.kind, label).toBe('read-only');
    }
    expect(client.stats.requests).toBe(0);
    const e = await failure(client.deleteConnector('a b'));
    expect(e.message).toBe(
      `[prod] DELETE ${client.url}/connectors/a%20b → refused: context prod is read-only`,
    );

    expect(await client.listConnectors()).toEqual([]);
    const v = await client.validateConfig('FileStreamSourceConnector', { ...FILE_SOURCE, name: 'x' });
    expect(v.error_count).toBe(0);
  });
});

describe('version gating', () => {
  it('fails fast on 2.7 with the reason, without a request', async () => {
    const { emu, client } = await setup({ version: '2.7.1' });
    await client.createConnector('c', FILE_SOURCE);
    emu.cluster.settle();
    await client.capabilities();
    const gated: [string, () => Promise<unknown>, string][] = [
      ['stop', () => client.stopConnector('c'), 'stop needs Kafka Connect 3.5, this cluster is 2.7'],
      ['offsets', () => client.offsets('c'), 'needs Kafka Connect 3.5'],
      ['alter', () => client.alterOffsets('c', []), 'needs Kafka Connect 3.6'],
      ['reset', () => client.resetOffsets('c'), 'needs Kafka Connect 3.6'],
      ['patch', () => client.patchConnectorConfig('c', { a: 'b' }), 'needs Kafka Connect 3.8'],
      ['restart', () => client.restartConnector('c', { onlyFailed: true }), 'needs Kafka Connect 3.0'],
      [
        'initial',
        () => client.createConnector('d', FILE_SOURCE, { initialState: 'STOPPED' }),
        'needs Kafka Connect 3.7',
      ],
      ['scope', () => client.setLoggerLevel('root', 'INFO', 'cluster'), 'needs Kafka Connect 3.7'],
      ['health', () => client.health(), 'needs Kafka Connect 3.9'],
      ['plugin config', () => client.pluginConfig('FileStreamSink'), 'needs Kafka Connect 3.2'],
      ['all plugins', () => client.plugins({ connectorsOnly: false }), 'needs Kafka Connect 3.2'],
      ['tasks-config', () => client.tasksConfig('c'), 'needs Kafka Connect 2.8'],
    ];
    const before = client.stats.requests;
    for (const [label, call, reason] of gated) {
      const e = await failure(call());
      expect(e.kind, label).toBe('unsupported');
      expect(e.message, label).toContain(reason);
    }
    expect(client.stats.requests).toBe(before);

    // What 2.7 has still works; initial_state RUNNING is the default there and is simply left out.
    expect(await client.restartConnector('c')).toEqual({ kind: 'restarted' });
    expect((await client.createConnector('d', FILE_SOURCE, { initialState: 'RUNNING' })).name).toBe('d');
    expect(await client.connectorTopics('c')).toEqual(['lines']);
    expect(Array.isArray(await client.setLoggerLevel('root', 'INFO'))).toBe(true);
    expect((await client.listConnectorsWithStatus()).mode).toBe('expand');
  });

  it('maps a Confluent version before gating', async () => {
    const { client } = await setup({ version: '6.1.1-ccs' });
    const caps = await client.capabilities();
    expect(caps.kafkaVersion).toBe('2.7');
    const e = await failure(client.stopConnector('c'));
    expect(e.message).toContain(
      'stop needs Kafka Connect 3.5, this cluster is 2.7 (Confluent Platform 6.1.1)',
    );
  });

  it('gates tasks-config on 4.0 where it was removed, and serves it on 3.9', async () => {
    const { emu, client } = await setup({ version: '3.9.0' });
    await client.createConnector('c', FILE_SOURCE);
    emu.cluster.settle();
    await client.capabilities();
    expect(await client.tasksConfig('c')).toHaveProperty('c-0');

    const modern = await setup({ version: '4.0.0' });
    await modern.client.capabilities();
    expect((await failure(modern.client.tasksConfig('c'))).kind).toBe('unsupported');
  });

  it("without known capabilities, leaves it to the worker's 404/405", async () => {
    const { client } = await setup({ version: '2.7.1' });
    const stop = await failure(client.stopConnector('c'));
    expect(isUnknownEndpoint(stop)).toBe(true);
    const patch = await failure(client.patchConnectorConfig('c', { a: 'b' }));
    expect(patch.status).toBe(405);
    expect(isUnknownEndpoint(patch)).toBe(true);
  });
});

describe('faults through the emulator', () => {
  it('500 with a Connect body', async () => {
    const { emu, client } = await setup();
    emu.faults.add({
      route: 'GET /connectors',
      kind: 'status',
      status: 500,
      message: 'Request timed out',
      times: 1,
    });
    const e = await failure(client.listConnectors());
    expect(e).toMatchObject({ kind: 'http', status: 500, connectMessage: 'Request timed out' });
    expect(await client.listConnectors()).toEqual([]);
  });

  it('HTML from a proxy and truncated JSON', async () => {
    const { emu, client } = await setup({ connectors: 5 });
    emu.faults.add({ route: 'GET /connectors', kind: 'html', times: 1 });
    const html = await failure(client.listConnectors());
    expect(html.kind).toBe('bad-body');
    expect(html.status).toBe(502);
    expect(html.message).toContain('the response is HTML, not JSON (a proxy?)');

    emu.faults.add({ route: 'GET /connectors', kind: 'truncate', times: 1 });
    const cut = await failure(client.listConnectors());
    expect(cut.kind).toBe('bad-body');
    expect(cut.message).toMatch(/truncated/);
  });

  it('a hung request times out', async () => {
    const { emu, client } = await setup({}, { timeouts: { requestMs: 300 } });
    emu.faults.add({ route: 'GET /connectors', kind: 'hang', times: 1 });
    const e = await failure(client.listConnectors());
    expect(e.kind).toBe('timeout');
    expect(e.message).toContain('timed out after 300ms');
  });

  it('a worker that goes down is "connection refused", and comes back', async () => {
    const { emu, client } = await setup();
    await emu.faults.down();
    expect((await failure(client.listConnectors())).kind).toBe('connection-refused');
    await emu.faults.up();
    expect(await client.listConnectors()).toEqual([]);
  });

  it('a short rebalance is ridden out by the 409 retry; a long one surfaces the 409', async () => {
    const { emu, client } = await setup();
    await client.createConnector('c', FILE_SOURCE);
    emu.cluster.settle();

    emu.faults.rebalance(150);
    let result: unknown;
    const sent = await requestsDuring(client, async () => {
      result = await client.restartConnector('c');
    });
    expect(result).toEqual({ kind: 'restarted' });
    expect(sent).toBeGreaterThan(1);

    const impatient = new ConnectClient({
      url: emu.url,
      context: 'test',
      retry409: { budgetMs: 100, initialDelayMs: 10 },
    });
    clients.push(impatient);
    emu.faults.rebalance(60_000);
    const e = await failure(impatient.restartConnector('c'));
    expect(isConflict(e)).toBe(true);
    expect(e.connectMessage).toContain('Cannot complete request momentarily');
    expect(e.attempts).toBeGreaterThan(1);
  });
});

describe('auth and TLS against the emulator', () => {
  it('basic auth', async () => {
    const { emu } = await setup({ auth: { basic: { username: 'ops', password: 's3cret' } } });
    const anonymous = new ConnectClient({ url: emu.url });
    const wrong = new ConnectClient({ url: emu.url, auth: { username: 'ops', password: 'nope' } });
    const right = new ConnectClient({ url: emu.url, auth: { username: 'ops', password: 's3cret' } });
    clients.push(anonymous, wrong, right);
    expect(isAuthError(await failure(anonymous.listConnectors()))).toBe(true);
    expect(isAuthError(await failure(wrong.listConnectors()))).toBe(true);
    expect(await right.listConnectors()).toEqual([]);
  });

  it('bearer auth', async () => {
    const { emu } = await setup({ auth: { bearer: 'tok-1' } });
    const wrong = new ConnectClient({ url: emu.url, auth: { token: 'tok-2' } });
    const right = new ConnectClient({ url: emu.url, auth: { token: 'tok-1' } });
    clients.push(wrong, right);
    expect((await failure(wrong.listConnectors())).status).toBe(401);
    expect(await right.listConnectors()).toEqual([]);
  });

  it('TLS with a CA file', async () => {
    const cert = selfSignedCert();
    try {
      const { emu } = await setup({ tls: { key: cert.key, cert: cert.cert } });
      expect(emu.url.startsWith('https://')).toBe(true);
      const untrusting = new ConnectClient({ url: emu.url });
      const trusting = new ConnectClient({ url: emu.url, tls: { caFile: cert.certFile } });
      clients.push(untrusting, trusting);
      expect((await failure(untrusting.listConnectors())).kind).toBe('tls');
      expect(await trusting.listConnectors()).toEqual([]);
    } finally {
      cert.cleanup();
    }
  });
});
