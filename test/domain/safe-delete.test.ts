import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectClient } from '../../src/connect/client.js';
import type { ConnectorConfig } from '../../src/connect/types.js';
import { BackupStore, BackupStoreError } from '../../src/domain/backups.js';
import { writeFileDurably } from '../../src/domain/durable-write.js';
import { planRestore, restoreConnectors, summariseRestore } from '../../src/domain/restore-batch.js';
import { deleteWithBackups, type SafeDeleteClient } from '../../src/domain/safe-delete.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { FILE_SOURCE } from '../support/configs.js';

let dir: string;
let emu: Emulator;
let client: ConnectClient;
const NAMES = ['a-1', 'a-2', 'a/3 ✓', 'a-4'];
const configOf = (name: string): ConnectorConfig => ({ ...FILE_SOURCE, name, file: `/data/${name}.txt` });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kcx-safe-delete-'));
  emu = await startEmulator({ port: 0 });
  for (const n of NAMES) emu.cluster.create(n, configOf(n), 'RUNNING', true);
  client = new ConnectClient({ url: emu.url, context: 'test' });
});
afterEach(async () => {
  await client.close();
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

const where = () => ({ context: 'test', url: emu.url });

describe('deleteWithBackups', () => {
  it('deletes each connector only once its config is on disk, and records the batch', async () => {
    const events: string[] = [];
    const store = new BackupStore(dir, {
      write: async (file, data) => {
        await writeFileDurably(file, data);
        events.push(`durable ${JSON.parse(data).name ?? 'batch'}`);
      },
    });
    // A client that checks, at the moment each DELETE would go out, that the backup is complete.
    const spy: SafeDeleteClient = {
      connectorConfig: (n) => client.connectorConfig(n),
      connectorStatus: (n) => client.connectorStatus(n),
      deleteConnector: async (n) => {
        events.push(`delete ${n}`);
        const saved = await store.connectors((await store.list())[0]!.id);
        expect(saved.find((s) => s.name === n)?.config).toEqual(configOf(n));
        await client.deleteConnector(n);
      },
    };
    const backedUp: string[] = [];
    const result = await deleteWithBackups(spy, NAMES, {
      store,
      ...where(),
      concurrency: 2,
      onBackedUp: (n, file) => backedUp.push(`${n} ${existsSync(file)}`),
    });
    expect(result.outcomes.every((o) => o.ok)).toBe(true);
    expect(emu.cluster.size).toBe(0);
    for (const n of NAMES) {
      expect(events.indexOf(`durable ${n}`)).toBeGreaterThanOrEqual(0);
      expect(events.indexOf(`durable ${n}`)).toBeLessThan(events.indexOf(`delete ${n}`));
    }
    expect(backedUp.sort()).toEqual(NAMES.map((n) => `${n} true`).sort());
    const batch = await store.get(result.batchId);
    expect(batch).toMatchObject({ status: 'finished', context: 'test', url: emu.url, deleted: 4, saved: 4 });
    for (const o of result.outcomes) expect(JSON.parse(readFileSync(o.backup!, 'utf8')).name).toBe(o.name);
  });

  it('does not send the delete of a connector whose backup cannot be written, and says why', async () => {
    const store = new BackupStore(dir, {
      write: async (file, data) => {
        if (JSON.parse(data).name === 'a-2') {
          throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        }
        await writeFileDurably(file, data);
      },
    });
    const result = await deleteWithBackups(client, NAMES, { store, ...where() });
    const failed = result.outcomes.find((o) => o.name === 'a-2')!;
    expect(failed.ok).toBe(false);
    expect(failed.backup).toBeUndefined();
    expect(failed.error).toBe(`not deleted: its backup could not be written to ${result.dir} (ENOSPC)`);
    expect(emu.cluster.names()).toEqual(['a-2']);
    expect((await store.get(result.batchId)).results).toMatchObject({ 'a-2': 'not-sent', 'a-1': 'deleted' });
  });

  it('an unwritable state directory blocks the whole batch before anything is sent', async () => {
    const notADir = join(dir, 'state');
    writeFileSync(notADir, '');
    const before = client.stats.requests;
    await expect(
      deleteWithBackups(client, NAMES, { store: new BackupStore(notADir), ...where() }),
    ).rejects.toThrow(BackupStoreError);
    expect(client.stats.requests).toBe(before);
    expect(emu.cluster.size).toBe(4);
  });

  it('reports a connector deleted by someone else as gone, with no backup', async () => {
    emu.cluster.delete('a-2');
    const result = await deleteWithBackups(client, NAMES, { store: new BackupStore(dir), ...where() });
    const gone = result.outcomes.find((o) => o.name === 'a-2')!;
    expect(gone).toMatchObject({ ok: false, gone: true });
    expect(gone.backup).toBeUndefined();
    expect(result.outcomes.filter((o) => o.ok)).toHaveLength(3);
  });

  it('stops sending when the cluster goes away, and the batch says which were deleted', async () => {
    const store = new BackupStore(dir);
    let calls = 0;
    const flaky: SafeDeleteClient = {
      connectorConfig: (n) => client.connectorConfig(n),
      connectorStatus: (n) => client.connectorStatus(n),
      deleteConnector: async (n) => {
        if (++calls === 3) await emu.faults.down();
        await client.deleteConnector(n);
      },
    };
    const result = await deleteWithBackups(flaky, NAMES, { store, ...where(), concurrency: 1 });
    expect(result.outcomes.map((o) => (o.ok ? 'ok' : o.notSent ? 'not-sent' : 'failed'))).toEqual([
      'ok',
      'ok',
      'failed',
      'not-sent',
    ]);
    expect(result.outcomes[2]!.error).toContain(`[test] DELETE ${emu.url}/connectors/a%2F3%20%E2%9C%93`);
    expect((await store.get(result.batchId)).results).toEqual({
      'a-1': 'deleted',
      'a-2': 'deleted',
      'a/3 ✓': 'failed',
      'a-4': 'not-sent',
    });
  });
});

describe('undo (planRestore + restoreConnectors)', () => {
  it('re-creates every deleted connector with the same config and state', async () => {
    await client.pauseConnector('a-4');
    emu.cluster.settle();
    const store = new BackupStore(dir);
    const { batchId } = await deleteWithBackups(client, NAMES, { store, ...where() });
    expect(emu.cluster.size).toBe(0);

    const plan = await planRestore(store, batchId);
    expect(plan.toCreate.map((s) => s.name)).toEqual(NAMES);
    const outcomes = await restoreConnectors(client, plan.toCreate);
    expect(outcomes.every((o) => o.ok && !o.exists)).toBe(true);
    for (const n of NAMES) expect(await client.connectorConfig(n)).toEqual(configOf(n));
    emu.cluster.settle();
    expect((await client.connectorStatus('a-4')).connector.state).toBe('PAUSED');
    expect((await client.connectorStatus('a-1')).connector.state).toBe('RUNNING');
  });

  it('reports a connector that exists again and leaves it as it is; skips ones that were already gone', async () => {
    const store = new BackupStore(dir);
    emu.cluster.delete('a-4');
    const { batchId } = await deleteWithBackups(client, NAMES, { store, ...where() });
    const replacement = { ...configOf('a-1'), file: '/data/someone-elses.txt' };
    await client.createConnector('a-1', replacement);

    const plan = await planRestore(store, batchId);
    // a-4 was gone before the batch reached it: no backup, so nothing to skip or restore.
    expect(plan.toCreate.map((s) => s.name)).toEqual(['a-1', 'a-2', 'a/3 ✓']);
    const outcomes = await restoreConnectors(client, plan.toCreate);
    expect(outcomes.find((o) => o.name === 'a-1')).toMatchObject({
      ok: true,
      exists: true,
      detail: 'exists, not overwritten',
    });
    expect(await client.connectorConfig('a-1')).toEqual({ ...replacement, name: 'a-1' });
    expect(summariseRestore(outcomes)).toBe('re-created 2/3, 1 existed already (not overwritten)');
  });

  it('skips connectors whose delete found them gone or was never sent', async () => {
    const store = new BackupStore(dir);
    const racing: SafeDeleteClient = {
      connectorConfig: (n) => client.connectorConfig(n),
      connectorStatus: (n) => client.connectorStatus(n),
      deleteConnector: async (n) => {
        // Someone else deletes a-2 between our backup and our DELETE.
        if (n === 'a-2') emu.cluster.delete('a-2');
        await client.deleteConnector(n);
      },
    };
    const { batchId } = await deleteWithBackups(racing, NAMES, { store, ...where(), concurrency: 1 });
    const plan = await planRestore(store, batchId);
    expect(plan.skipped).toEqual([{ name: 'a-2', reason: 'someone else deleted it before this batch did' }]);
    expect(plan.toCreate.map((s) => s.name)).not.toContain('a-2');
  });

  it('an unfinished batch (kcx was killed) offers every saved connector', async () => {
    const store = new BackupStore(dir);
    const batch = await store.beginBatch(where());
    await batch.save('a-1', configOf('a-1'));
    const plan = await planRestore(store, batch.id);
    expect(plan.toCreate.map((s) => s.name)).toEqual(['a-1']);
    const outcomes = await restoreConnectors(client, plan.toCreate);
    expect(outcomes).toEqual([expect.objectContaining({ name: 'a-1', exists: true })]);
  });

  it('on a cluster older than 3.7, a paused connector is re-created and then paused', async () => {
    const old = await startEmulator({ port: 0, version: '3.6.1' });
    const oldClient = new ConnectClient({ url: old.url, context: 'old' });
    try {
      const saved = [{ name: 'p', config: configOf('p'), state: 'PAUSED' as const, savedAt: '', file: '' }];
      const outcomes = await restoreConnectors(oldClient, saved);
      expect(outcomes[0]).toMatchObject({
        ok: true,
        detail: expect.stringContaining('re-created, then paused'),
      });
      old.cluster.settle();
      expect((await oldClient.connectorStatus('p')).connector.state).toBe('PAUSED');
    } finally {
      await oldClient.close();
      await old.close();
    }
  });
});
