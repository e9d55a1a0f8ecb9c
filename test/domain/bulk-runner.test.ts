import { afterEach, describe, expect, it } from 'vitest';
import { ConnectClient } from '../../src/connect/client.js';
import { ConnectError } from '../../src/connect/errors.js';
import {
  batchSucceeded,
  type BulkOutcome,
  isBatchFatal,
  runBulk,
  summarise,
  tally,
} from '../../src/domain/bulk-runner.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { FILE_SOURCE } from '../support/configs.js';

const names = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function httpError(status: number, message: string): ConnectError {
  return new ConnectError({
    kind: 'http',
    context: 'test',
    method: 'DELETE',
    url: 'http://connect:8083/connectors/x',
    status,
    statusText: status === 404 ? 'Not Found' : 'Internal Server Error',
    connectMessage: message,
  });
}

describe('runBulk with a fake action', () => {
  it('never has more than `concurrency` actions in flight, and runs them all', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const list = names(10);
    for (const n of list) gates.set(n, deferred());
    const run = runBulk(
      list,
      async (name) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await gates.get(name)!.promise;
        inFlight--;
      },
      { concurrency: 3 },
    );
    // Release them one by one; each release lets exactly one more start.
    for (const n of list) {
      await new Promise((r) => setImmediate(r));
      expect(inFlight).toBeLessThanOrEqual(3);
      gates.get(n)!.resolve();
    }
    const outcomes = await run;
    expect(maxInFlight).toBe(3);
    expect(outcomes.map((o) => o.name)).toEqual(list);
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it('defaults to 8 in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    await runBulk(names(30), async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
    });
    expect(maxInFlight).toBe(8);
  });

  it('reports each connector: success, gone (404), or the exact error; the rest of the batch goes on', async () => {
    const failure = httpError(500, 'Request timed out');
    const progress: string[] = [];
    const outcomes = await runBulk(
      ['a', 'b', 'c', 'd'],
      async (name) => {
        if (name === 'b') throw httpError(404, 'Connector b not found');
        if (name === 'c') throw failure;
        return { detail: `did ${name}` };
      },
      { concurrency: 1, onProgress: (done, total, last) => progress.push(`${done}/${total} ${last.name}`) },
    );
    expect(outcomes).toEqual<BulkOutcome[]>([
      { name: 'a', ok: true, detail: 'did a' },
      {
        name: 'b',
        ok: false,
        gone: true,
        error: expect.stringContaining('404 Not Found: Connector b not found'),
      },
      { name: 'c', ok: false, error: failure.message },
      { name: 'd', ok: true, detail: 'did d' },
    ]);
    expect(failure.message).toBe(
      '[test] DELETE http://connect:8083/connectors/x → 500 Internal Server Error: Request timed out',
    );
    expect(progress).toEqual(['1/4 a', '2/4 b', '3/4 c', '4/4 d']);
    expect(tally(outcomes)).toEqual({ ok: 2, gone: 1, notSent: 0, failed: 1 });
    expect(summarise('deleted', outcomes)).toBe('deleted 2/4, 1 already gone, 1 failed');
    expect(batchSucceeded(outcomes)).toBe(false);
  });

  it('a batch whose only misses are gone connectors succeeded', () => {
    expect(
      batchSucceeded([
        { name: 'a', ok: true },
        { name: 'b', ok: false, gone: true },
      ]),
    ).toBe(true);
    expect(
      batchSucceeded([
        { name: 'a', ok: true },
        { name: 'b', ok: false, notSent: true },
      ]),
    ).toBe(false);
  });

  it('an abort stops sending; what was in flight finishes and the rest is reported not sent', async () => {
    const stop = new AbortController();
    const sent: string[] = [];
    const outcomes = await runBulk(
      names(6),
      async (name) => {
        sent.push(name);
        if (name === 'c-2') stop.abort();
      },
      { concurrency: 1, signal: stop.signal },
    );
    expect(sent).toEqual(['c-1', 'c-2']);
    expect(outcomes.slice(2).every((o) => o.notSent && o.error === 'not sent: aborted')).toBe(true);
    expect(summarise('deleted', outcomes)).toBe('deleted 2/6, 4 not sent');
  });

  it('classifies unreachable clusters and refused credentials as fatal for the batch, not 404/409/500', () => {
    const base = { context: 't', method: 'DELETE', url: 'http://x' };
    expect(isBatchFatal(new ConnectError({ ...base, kind: 'connection-refused' }))).toBe(true);
    expect(isBatchFatal(new ConnectError({ ...base, kind: 'dns' }))).toBe(true);
    expect(isBatchFatal(new ConnectError({ ...base, kind: 'http', status: 401 }))).toBe(true);
    expect(isBatchFatal(new ConnectError({ ...base, kind: 'http', status: 409 }))).toBe(false);
    expect(isBatchFatal(httpError(404, 'gone'))).toBe(false);
    expect(isBatchFatal(httpError(500, 'boom'))).toBe(false);
    expect(isBatchFatal(new Error('plain'))).toBe(false);
  });
});

describe('runBulk against the emulator', () => {
  let emu: Emulator | undefined;
  let client: ConnectClient | undefined;
  afterEach(async () => {
    await client?.close();
    await emu?.close();
    client = undefined;
    emu = undefined;
  });

  async function cluster(count: number, retryBudgetMs = 10_000) {
    emu = await startEmulator({ port: 0 });
    for (const n of names(count)) emu.cluster.create(n, { ...FILE_SOURCE, name: n }, 'RUNNING', true);
    client = new ConnectClient({
      url: emu.url,
      context: 'bulk',
      retry409: { budgetMs: retryBudgetMs, initialDelayMs: 20, maxDelayMs: 100 },
    });
    return { emu, client };
  }

  it('rides out a rebalance: 409s are retried within the budget and every delete lands', async () => {
    const { emu, client } = await cluster(6);
    emu.faults.rebalance(400);
    const outcomes = await runBulk(names(6), (n) => client.deleteConnector(n), { concurrency: 3 });
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(emu.cluster.size).toBe(0);
    // More attempts than connectors: the first ones met the 409 window and were retried.
    expect(client.stats.requests).toBeGreaterThan(6);
  });

  it('a rebalance that outlasts the retry budget fails each connector with the 409, naming context and URL', async () => {
    const { emu, client } = await cluster(3, 150);
    emu.faults.rebalance(60_000);
    const outcomes = await runBulk(names(3), (n) => client.deleteConnector(n));
    expect(outcomes.every((o) => !o.ok && !o.gone && !o.notSent)).toBe(true);
    for (const o of outcomes) {
      expect(o.error).toContain(`[bulk] DELETE ${emu.url}/connectors/${o.name} → 409 Conflict`);
      expect(o.error).toMatch(/gave up after \d+ attempts/);
    }
    expect(emu.cluster.size).toBe(3);
  });

  it('the cluster going away mid-batch: the result says exactly which were done, and nothing more is sent', async () => {
    const { emu, client } = await cluster(10);
    let calls = 0;
    const outcomes = await runBulk(
      names(10),
      async (n) => {
        if (++calls === 5) await emu.faults.down();
        return client.deleteConnector(n);
      },
      { concurrency: 1 },
    );
    expect(outcomes.slice(0, 4).every((o) => o.ok)).toBe(true);
    expect(outcomes[4]!.ok).toBe(false);
    expect(outcomes[4]!.error).toContain(`[bulk] DELETE ${emu.url}/connectors/c-5`);
    expect(
      outcomes.slice(5).every((o) => o.notSent && o.error?.startsWith('not sent: batch stopped after')),
    ).toBe(true);
    expect(calls).toBe(5);
    await emu.faults.up();
    // The report matches the cluster: the first four are gone, the rest are all still there.
    expect(emu.cluster.names().sort()).toEqual(names(10).slice(4).sort());
  });
});
