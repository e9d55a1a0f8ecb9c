// The console's snapshot source against the emulator and the real client, with the worker code built
// from source as the release build embeds it: the same snapshots as digesting in process, deltas
// that carry only what changed, the client's own errors for bodies that are not a listing, and
// polling that goes on in process when the worker dies.
import { buildSync } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectClient } from '../../src/connect/client.js';
import { describeError } from '../../src/connect/errors.js';
import type { ClusterSnapshot } from '../../src/domain/snapshot.js';
import { compareNames } from '../../src/domain/names.js';
import { applyDelta, DeltaMismatchError, deltaOf } from '../../src/domain/snapshot-delta.js';
import { digestListing } from '../../src/domain/snapshot-source.js';
import { WorkerSnapshots } from '../../src/domain/worker-snapshots.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';

let code = '';
beforeAll(() => {
  const out = buildSync({
    entryPoints: ['src/domain/snapshot-worker.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    write: false,
  });
  code = out.outputFiles[0]!.text;
});

let emu: Emulator | undefined;
let client: ConnectClient | undefined;
let source: WorkerSnapshots | undefined;
afterEach(async () => {
  source?.close();
  await client?.close();
  await emu?.close();
  source = undefined;
  client = undefined;
  emu = undefined;
});

async function setUp(connectors = 40, workerCode = code, onFallback?: (reason: string) => void) {
  emu = await startEmulator({ port: 0, connectors, seed: 3 });
  client = new ConnectClient({ url: emu.url, context: 'wtest', retry409: { budgetMs: 0 } });
  source = new WorkerSnapshots(client, { code: workerCode, ...(onFallback ? { onFallback } : {}) });
  return { emu, client, source };
}

const now = () => 1_000;

function summary(s: ClusterSnapshot) {
  return s.rows.map((r) => `${r.name} ${r.state} ${r.tasksRunning}/${r.tasksTotal} ${r.signature}`);
}

describe('WorkerSnapshots', () => {
  it('gives the snapshot the in-process digest gives, then only the changed rows', async () => {
    const { emu, client, source } = await setUp();
    emu.cluster.settle();
    const first = await source.next(undefined, now);
    const inProcess = digestListing(undefined, await client.listConnectorsWithStatus(), 1_000);
    expect(summary(first.snapshot)).toEqual(summary(inProcess.snapshot));
    expect(first.snapshot.countsByState).toEqual(inProcess.snapshot.countsByState);
    expect(first.diff.added).toHaveLength(first.snapshot.rows.length);

    const idle = await source.next(first.snapshot, now);
    expect(idle.diff).toEqual({ added: [], removed: [], changed: [] });

    const target = first.snapshot.rows.find((r) => r.state === 'RUNNING')!;
    await client.pauseConnector(target.name);
    emu.cluster.settle();
    const paused = await source.next(first.snapshot, now);
    expect(paused.diff.changed).toEqual([target.name]);
    expect(paused.snapshot.byName.get(target.name)?.state).toBe('PAUSED');
    // Every other row is the very object of the previous snapshot.
    const other = first.snapshot.rows.find((r) => r.name !== target.name)!;
    expect(paused.snapshot.byName.get(other.name)).toBe(other);
  });

  it('follows connectors that come and go, in name order', async () => {
    const { emu, client, source } = await setUp(5);
    emu.cluster.settle();
    const first = await source.next(undefined, now);
    const gone = first.snapshot.rows[0]!.name;
    await client.deleteConnector(gone);
    await client.createConnector('aaa-new-sink', {
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
      topics: 't',
      file: '/tmp/x',
    });
    emu.cluster.settle();
    const next = await source.next(first.snapshot, now);
    expect(next.diff.removed).toEqual([gone]);
    expect(next.diff.added).toEqual(['aaa-new-sink']);
    expect(next.snapshot.rows.map((r) => r.name)).toEqual([...emu.cluster.names()].sort(compareNames));
  });

  it('reports an HTML page or a cut-off body as the client would, naming context, URL and status', async () => {
    const { emu, source } = await setUp(5);
    const first = await source.next(undefined, now);
    emu.faults.add({ route: 'GET /connectors', kind: 'html', status: 200, times: 1 });
    const html = await source.next(first.snapshot, now).catch((e: unknown) => describeError(e));
    expect(html).toMatch(/wtest/);
    expect(html).toContain(`${emu.url}/connectors?expand=status&expand=info`);
    expect(html).toMatch(/200.*HTML, not JSON/);

    emu.faults.add({ route: 'GET /connectors', kind: 'truncate', times: 1 });
    const cut = await source.next(first.snapshot, now).catch((e: unknown) => describeError(e));
    expect(cut).toMatch(/truncated/);
    // And the next good poll carries on from the same snapshot.
    const again = await source.next(first.snapshot, now);
    expect(again.diff).toEqual({ added: [], removed: [], changed: [] });
  });

  it('recovers from a console snapshot out of step with the worker by taking the whole one', async () => {
    const { emu, client, source } = await setUp(6);
    emu.cluster.settle();
    const first = await source.next(undefined, now);
    const [gone, kept] = [first.snapshot.rows[0]!.name, first.snapshot.rows[1]!.name];
    await client.deleteConnector(gone);
    emu.cluster.settle();
    // A previous snapshot that lacks `kept`, which the worker's delta takes as unchanged.
    const listing = await client.listConnectorsWithStatus();
    const outOfStep = digestListing(
      undefined,
      { ...listing, connectors: listing.connectors.filter((c) => c.name !== kept) },
      1,
    ).snapshot;
    const next = await source.next(outOfStep, now);
    expect(next.snapshot.rows.map((r) => r.name)).toEqual([...emu.cluster.names()].sort(compareNames));
    expect(next.snapshot.byName.has(kept)).toBe(true);
    expect(next.snapshot.byName.has(gone)).toBe(false);
  });

  it('once closed, a poll in flight ends with an error instead of polling again', async () => {
    const { source } = await setUp(5);
    const polling = source.next(undefined, now);
    source.close();
    await expect(polling).rejects.toThrow(/closed/);
  });

  it('polls in process when the worker dies, saying so once', async () => {
    const reasons: string[] = [];
    const { emu, source } = await setUp(5, 'process.exit(7)', (r) => reasons.push(r));
    emu.cluster.settle();
    const first = await source.next(undefined, now);
    expect(first.snapshot.rows).toHaveLength(5);
    const second = await source.next(first.snapshot, now);
    expect(second.diff).toEqual({ added: [], removed: [], changed: [] });
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('exited with code 7');
  });
});

describe('applyDelta', () => {
  it('refuses a delta that relies on a row the previous snapshot lacks, rather than showing a wrong list', async () => {
    emu = await startEmulator({ port: 0, connectors: 6, seed: 5 });
    client = new ConnectClient({ url: emu.url, context: 'wtest' });
    const listing = await client.listConnectorsWithStatus();
    const whole = digestListing(undefined, listing, 1);
    const fewer = digestListing(undefined, { ...listing, connectors: listing.connectors.slice(1) }, 1);
    const delta = deltaOf(fewer.snapshot, whole.snapshot, { added: [], removed: [], changed: [] });
    // Claims nothing was added, but its order names a connector `fewer` does not have.
    expect(() =>
      applyDelta(fewer.snapshot, { ...delta, order: whole.snapshot.rows.map((r) => r.name) }),
    ).toThrow(DeltaMismatchError);
    expect(
      applyDelta(undefined, deltaOf(undefined, whole.snapshot, whole.diff)).rows.map((r) => r.name),
    ).toEqual(whole.snapshot.rows.map((r) => r.name));
  });
});
