import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackupStore, BackupStoreError, batchId } from '../../src/domain/backups.js';
import { writeFileDurably } from '../../src/domain/durable-write.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kcx-backups-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const CONFIG = { 'connector.class': 'FileStreamSource', file: '/tmp/x', 'database.password': 'hunter2' };

/** A clock the test moves by hand. */
function clock(start = Date.parse('2025-06-12T10:00:00Z')) {
  let t = start;
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('writeFileDurably', () => {
  it('syncs the data before it appears under its name, then syncs the directory', async () => {
    const file = join(dir, 'a.json');
    const probe = await open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    const seen: boolean[] = [];
    const original = proto.sync;
    vi.spyOn(proto, 'sync').mockImplementation(function (this: unknown) {
      seen.push(existsSync(file));
      return original.call(this);
    });
    await writeFileDurably(file, '{"x":1}\n');
    // First sync: the temporary file's data, before the rename. Second: the directory, after it.
    expect(seen).toEqual([false, true]);
    expect(readFileSync(file, 'utf8')).toBe('{"x":1}\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves no temporary file behind', async () => {
    await writeFileDurably(join(dir, 'b.json'), 'x');
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir)).toEqual(['b.json']);
  });
});

describe('BackupStore', () => {
  it('keeps one directory per batch with its time, context and URL, and one owner-only file per connector', async () => {
    const store = new BackupStore(dir);
    const batch = await store.beginBatch({ context: 'prod', url: 'http://connect:8083' });
    const file = await batch.save('legacy/crm sync 🚀', CONFIG, 'PAUSED');
    expect(file.startsWith(join(dir, 'backups', batch.id))).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      name: 'legacy/crm sync 🚀',
      config: CONFIG,
      state: 'PAUSED',
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'backups', batch.id)).mode & 0o777).toBe(0o700);

    const [summary] = await store.list();
    expect(summary).toMatchObject({
      id: batch.id,
      context: 'prod',
      url: 'http://connect:8083',
      status: 'in-progress',
    });
    // Unfinished: every saved connector counts as possibly deleted.
    expect(summary).toMatchObject({ saved: 1, deleted: 1 });

    await batch.finish({ 'legacy/crm sync 🚀': 'gone' });
    expect(await store.get(batch.id)).toMatchObject({ status: 'finished', saved: 1, deleted: 0 });
    expect(await store.connectors(batch.id)).toEqual([
      expect.objectContaining({ name: 'legacy/crm sync 🚀', file }),
    ]);
  });

  it('gives names that differ only in case, or are very long, files of their own', async () => {
    const batch = await new BackupStore(dir).beginBatch({ context: 'c', url: 'http://x' });
    const long = 'x'.repeat(400);
    const files = [
      await batch.save('Orders', CONFIG),
      await batch.save('orders', CONFIG),
      await batch.save(long, CONFIG),
      await batch.save(`${long}y`, CONFIG),
      await batch.save('..', CONFIG),
    ];
    expect(new Set(files).size).toBe(5);
    for (const f of files) expect(Buffer.byteLength(f.split('/').pop()!)).toBeLessThan(255);
  });

  it('finds a batch by a unique prefix and explains an unknown or ambiguous one', async () => {
    const c = clock();
    const store = new BackupStore(dir, { now: c.now });
    const a = await store.beginBatch({ context: 'c', url: 'http://x' });
    c.advance(86_400_000);
    const b = await store.beginBatch({ context: 'c', url: 'http://x' });
    expect((await store.get(b.id.slice(0, 8))).id).toBe(b.id);
    expect((await store.get(a.id)).id).toBe(a.id);
    await expect(store.get('2025')).rejects.toThrow(/matches 2 backup batches/);
    await expect(store.get('1999')).rejects.toThrow(/no backup batch 1999 in .*kcx undo --list/);
    expect((await store.list()).map((s) => s.id)).toEqual([b.id, a.id]);
  });

  it('finds the newest batch overall or of one cluster', async () => {
    const c = clock();
    const store = new BackupStore(dir, { now: c.now });
    expect(await store.latest()).toBeUndefined();
    const a = await store.beginBatch({ context: 'a', url: 'http://a' });
    c.advance(1000);
    const b = await store.beginBatch({ context: 'b', url: 'http://b' });
    expect((await store.latest())?.id).toBe(b.id);
    expect((await store.latest('http://a'))?.id).toBe(a.id);
    expect(await store.latest('http://c')).toBeUndefined();
  });

  it('prunes beyond the newest N batches when a new one starts', async () => {
    const c = clock();
    const store = new BackupStore(dir, { now: c.now, keepBatches: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await store.beginBatch({ context: 'c', url: 'http://x' })).id);
      c.advance(1000);
    }
    expect((await store.list()).map((s) => s.id)).toEqual(ids.slice(2).reverse());
  });

  it('prunes batches older than the age limit, but never the one being written', async () => {
    const c = clock();
    const store = new BackupStore(dir, { now: c.now, maxAgeDays: 30 });
    const old = await store.beginBatch({ context: 'c', url: 'http://x' });
    c.advance(10 * 86_400_000);
    const recent = await store.beginBatch({ context: 'c', url: 'http://x' });
    c.advance(25 * 86_400_000);
    const now = await store.beginBatch({ context: 'c', url: 'http://x' });
    expect((await store.list()).map((s) => s.id)).toEqual([now.id, recent.id]);
    expect(existsSync(join(store.root, old.id))).toBe(false);
  });

  it('an unwritable state directory is a BackupStoreError naming the directory', async () => {
    const notADir = join(dir, 'state');
    writeFileSync(notADir, 'a file where the state directory should be');
    const store = new BackupStore(notADir);
    const err = await store.beginBatch({ context: 'c', url: 'http://x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupStoreError);
    expect((err as Error).message).toContain(`cannot write delete backups to ${join(notADir, 'backups')}`);
    expect((err as Error).message).toContain('no connector was deleted');
  });

  it('batch ids sort by time', () => {
    const a = batchId(new Date('2025-01-02T03:04:05.006Z'));
    const b = batchId(new Date('2025-01-02T03:04:05.007Z'));
    expect(a).toMatch(/^20250102-030405-006-[0-9a-z]{4}$/);
    expect(a < b).toBe(true);
  });
});
