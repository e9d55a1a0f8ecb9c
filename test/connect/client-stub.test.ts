// Client behaviour that needs exact control over the worker's answers: the pre-2.3 listing fallback
// with connectors vanishing mid-listing, its concurrency bound, and request shapes.
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectClient, type ConnectClientOptions } from '../../src/connect/client.js';
import type { ConnectorInfo, ConnectorStateInfo } from '../../src/connect/types.js';
import { type Stub, type StubRoute, startStub } from '../support/stub-server.js';

const stubs: Stub[] = [];
const clients: ConnectClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

async function setup(
  routes: Record<string, StubRoute>,
  options: Partial<ConnectClientOptions> = {},
): Promise<{ stub: Stub; client: ConnectClient }> {
  const stub = await startStub({ routes });
  const client = new ConnectClient({ url: stub.url, context: 'old', ...options });
  stubs.push(stub);
  clients.push(client);
  return { stub, client };
}

const status = (name: string): ConnectorStateInfo => ({
  name,
  connector: { state: 'RUNNING', worker_id: 'w1:8083' },
  tasks: [{ id: 0, state: 'RUNNING', worker_id: 'w1:8083' }],
  type: 'sink',
});
const info = (name: string): ConnectorInfo => ({
  name,
  config: { 'connector.class': 'FileStreamSink', name },
  tasks: [{ connector: name, task: 0 }],
  type: 'sink',
});
const notFound = (message: string) => ({ status: 404, json: { error_code: 404, message } });

describe('listConnectorsWithStatus below Connect 2.3', () => {
  it('lists, then reads status and info per connector, skipping the ones that vanish', async () => {
    const { stub, client } = await setup({
      'GET /': { status: 200, json: { version: '2.2.1', commit: 'c', kafka_cluster_id: 'k' } },
      'GET /connectors': { status: 200, json: ['a', 'gone', 'fresh', 'x y'] },
      'GET /connectors/a/status': { status: 200, json: status('a') },
      'GET /connectors/a': { status: 200, json: info('a') },
      'GET /connectors/gone/status': notFound('No status found for connector gone'),
      'GET /connectors/gone': notFound('Connector gone not found'),
      'GET /connectors/fresh/status': notFound('No status found for connector fresh'),
      'GET /connectors/fresh': { status: 200, json: info('fresh') },
      'GET /connectors/x%20y/status': { status: 200, json: status('x y') },
      'GET /connectors/x%20y': { status: 200, json: info('x y') },
    });
    const listing = await client.listConnectorsWithStatus();
    expect(listing.mode).toBe('fallback');
    expect(listing.connectors.map((c) => c.name)).toEqual(['a', 'x y']);
    expect(listing.connectors[1]).toEqual({ name: 'x y', status: status('x y'), info: info('x y') });
    expect(listing.skipped).toEqual(['gone', 'fresh']);
    expect(stub.requests.some((r) => r.query.has('expand'))).toBe(false);
  });

  it('keeps at most `fallbackConcurrency` requests in flight', async () => {
    const names = Array.from({ length: 24 }, (_, i) => `c${i}`);
    const routes: Record<string, StubRoute> = {
      'GET /': { status: 200, json: { version: '2.2.0', commit: 'c', kafka_cluster_id: 'k' } },
      'GET /connectors': { status: 200, json: names },
    };
    for (const n of names) {
      routes[`GET /connectors/${n}/status`] = { status: 200, json: status(n), delayMs: 15 };
      routes[`GET /connectors/${n}`] = { status: 200, json: info(n), delayMs: 15 };
    }
    const { stub, client } = await setup(routes, { fallbackConcurrency: 4 });
    const listing = await client.listConnectorsWithStatus();
    expect(listing.connectors).toHaveLength(24);
    expect(stub.requests).toHaveLength(2 + 2 * 24);
    expect(stub.maxInFlight).toBeLessThanOrEqual(4);
    expect(stub.maxInFlight).toBeGreaterThan(1);
  });

  it('fails the whole listing on an error other than 404, rather than showing half of it', async () => {
    const { client } = await setup({
      'GET /': { status: 200, json: { version: '2.2.0', commit: 'c', kafka_cluster_id: 'k' } },
      'GET /connectors': { status: 200, json: ['a'] },
      'GET /connectors/a/status': { status: 500, json: { error_code: 500, message: 'Request timed out' } },
      'GET /connectors/a': { status: 200, json: info('a') },
    });
    await expect(client.listConnectorsWithStatus()).rejects.toMatchObject({ kind: 'http', status: 500 });
  });

  it('falls back when a worker that claims ≥ 2.3 answers `expand` with plain names', async () => {
    const { client } = await setup({
      'GET /': { status: 200, json: { version: 'custom-build', commit: 'c', kafka_cluster_id: 'k' } },
      'GET /connectors': { status: 200, json: ['a'] },
      'GET /connectors/a/status': { status: 200, json: status('a') },
      'GET /connectors/a': { status: 200, json: info('a') },
    });
    const listing = await client.listConnectorsWithStatus();
    expect(listing.mode).toBe('fallback');
    expect(listing.connectors.map((c) => c.name)).toEqual(['a']);
  });
});

describe('request shapes', () => {
  it('sends restart parameters only when one is true, and both then', async () => {
    const { stub, client } = await setup({
      'POST /connectors/a/restart': (req) =>
        req.query.has('includeTasks') ? { status: 202, json: status('a') } : { status: 204 },
    });
    expect(await client.restartConnector('a')).toEqual({ kind: 'restarted' });
    expect(await client.restartConnector('a', { includeTasks: false, onlyFailed: false })).toEqual({
      kind: 'restarted',
    });
    expect(await client.restartConnector('a', { onlyFailed: true })).toEqual({
      kind: 'accepted',
      status: status('a'),
    });
    expect(stub.requests.map((r) => r.url)).toEqual([
      '/connectors/a/restart',
      '/connectors/a/restart',
      '/connectors/a/restart?includeTasks=false&onlyFailed=true',
    ]);
  });

  it('sends a flat config on PUT, a wrapped one on POST, and `offsets` on PATCH', async () => {
    const { stub, client } = await setup({
      'POST /connectors': { status: 201, json: info('a') },
      'PUT /connectors/a/config': { status: 200, json: info('a') },
      'PATCH /connectors/a/offsets': { status: 200, json: { message: 'ok' } },
    });
    await client.createConnector('a', { k: 'v' }, { initialState: 'PAUSED' });
    await client.putConnectorConfig('a', { k: 'v' });
    await client.alterOffsets('a', [{ partition: { p: 1 }, offset: null }]);
    expect(stub.requests.map((r) => JSON.parse(r.body))).toEqual([
      { name: 'a', config: { k: 'v' }, initial_state: 'PAUSED' },
      { k: 'v' },
      { offsets: [{ partition: { p: 1 }, offset: null }] },
    ]);
  });

  it('reads a starting worker from /health as an answer, not an error', async () => {
    const { client } = await setup({
      'GET /health': { status: 503, json: { status: 'starting', message: 'Worker is still starting up.' } },
    });
    expect(await client.health()).toEqual({
      httpStatus: 503,
      status: { status: 'starting', message: 'Worker is still starting up.' },
    });
  });

  it('asks for GET / once even when capabilities are requested concurrently', async () => {
    const { stub, client } = await setup({
      'GET /': { status: 200, json: { version: '3.9.0', commit: 'c', kafka_cluster_id: 'k' }, delayMs: 10 },
    });
    const [a, b] = await Promise.all([client.capabilities(), client.capabilities()]);
    expect(a.kafkaVersion).toBe('3.9');
    expect(b).toBe(a);
    expect(stub.requests).toHaveLength(1);
    await client.capabilities({ refresh: true });
    expect(stub.requests).toHaveLength(2);
  });
});
