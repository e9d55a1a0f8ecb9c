import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectClient, type MutationEvent } from '../../src/connect/client.js';
import { AuditLog, type AuditRecord, AuditTrail, auditFilePath } from '../../src/domain/audit.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { FILE_SOURCE } from '../support/configs.js';

let dir: string;
let emu: Emulator;
let client: ConnectClient;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kcx-audit-'));
  emu = await startEmulator({ port: 0 });
  client = new ConnectClient({
    url: emu.url,
    context: 'audit-ctx',
    retry409: { budgetMs: 10_000, initialDelayMs: 20, maxDelayMs: 100 },
  });
});
afterEach(async () => {
  await client.close();
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

const SECRET_CONFIG = { ...FILE_SOURCE, 'database.password': 'hunter2-secret', 'sasl.token': 'tok-abcdef' };

function readLog(file: string): AuditRecord[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as AuditRecord);
}

function trailIn(stateDir: string) {
  const log = new AuditLog(auditFilePath(stateDir));
  const trail = new AuditTrail(
    log,
    { context: 'audit-ctx', url: client.url },
    () => new Date('2025-06-12T10:00:00Z'),
  );
  client.observeMutations(trail.observe);
  return { log, trail };
}

describe('the client mutation hook', () => {
  it('reports each mutating request once, after it completes, and nothing for reads or validate', async () => {
    const events: MutationEvent[] = [];
    client.observeMutations((e) => events.push(e));
    await client.listConnectors();
    await client.validateConfig(FILE_SOURCE['connector.class'], FILE_SOURCE);
    await client.createConnector('s 1', FILE_SOURCE);
    // A rebalance: the DELETE is retried through 409s, but it is one mutation.
    emu.faults.rebalance(300);
    await client.deleteConnector('s 1');
    await client.pauseConnector('missing').catch(() => {});
    expect(events.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'POST /connectors 201',
      'DELETE /connectors/s%201 204',
      'PUT /connectors/missing/pause 404',
    ]);
    expect(events[1]!.url).toBe(`${emu.url}/connectors/s%201`);
    expect(events[2]!.error?.message).toContain('[audit-ctx] PUT');
    expect(client.stats.requests).toBeGreaterThan(5);
  });

  it('says nothing about calls refused before sending (read-only), and an observer that throws breaks nothing', async () => {
    const ro = new ConnectClient({ url: emu.url, context: 'ro', readonly: true });
    const events: MutationEvent[] = [];
    ro.observeMutations((e) => events.push(e));
    await expect(ro.deleteConnector('x')).rejects.toThrow(/read-only/);
    expect(events).toEqual([]);
    await ro.close();

    emu.cluster.create('y', { ...FILE_SOURCE, name: 'y' }, 'RUNNING', true);
    const stop = client.observeMutations(() => {
      throw new Error('observer bug');
    });
    await expect(client.deleteConnector('y')).resolves.toBeUndefined();
    stop();
  });
});

describe('audit log', () => {
  it('writes one JSON line per mutating call with time, context, URL, method, path, status and the backup', async () => {
    const { trail } = trailIn(dir);
    emu.cluster.create('orders/sink', { ...FILE_SOURCE, name: 'orders/sink' }, 'RUNNING', true);
    trail.noteBackup('orders/sink', '/state/backups/b1/0001-orders%2Fsink.json');
    await client.deleteConnector('orders/sink');
    await client.restartConnector('gone').catch(() => {});
    const lines = readLog(auditFilePath(dir));
    expect(lines).toEqual([
      {
        time: '2025-06-12T10:00:00.000Z',
        context: 'audit-ctx',
        url: emu.url,
        method: 'DELETE',
        path: '/connectors/orders%2Fsink',
        status: 204,
        backup: '/state/backups/b1/0001-orders%2Fsink.json',
      },
      {
        time: '2025-06-12T10:00:00.000Z',
        context: 'audit-ctx',
        url: emu.url,
        method: 'POST',
        path: '/connectors/gone/restart',
        status: 404,
        error: expect.stringContaining('404 Not Found'),
      },
    ]);
    expect(statSync(auditFilePath(dir)).mode & 0o777).toBe(0o600);
  });

  it('never logs config bodies, and masks secrets quoted in error texts', async () => {
    const { trail } = trailIn(dir);
    trail.noteSecrets(SECRET_CONFIG);
    await client.createConnector('with-secrets', SECRET_CONFIG);
    emu.faults.add({
      route: 'POST /connectors',
      kind: 'status',
      status: 400,
      message:
        'Invalid value hunter2-secret for database.password; cannot reach jdbc:mysql://app:pw-in-url@db/x',
      times: 1,
    });
    await client.createConnector('again', SECRET_CONFIG).catch(() => {});
    const text = readFileSync(auditFilePath(dir), 'utf8');
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('tok-abcdef');
    expect(text).not.toContain('pw-in-url');
    expect(text).not.toContain('FileStreamSource');
    const [created, failed] = readLog(auditFilePath(dir));
    expect(created).toMatchObject({ method: 'POST', path: '/connectors', status: 201 });
    expect(failed!.error).toContain('Invalid value •••••• for database.password');
    expect(failed!.error).toContain('jdbc:mysql://app:••••••@db/x');
  });

  it('never throws when the log cannot be written; the failure names the file', () => {
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, '');
    const log = new AuditLog(join(blocker, 'audit.jsonl'));
    expect(() =>
      log.append({ time: 't', context: 'c', url: 'u', method: 'DELETE', path: '/connectors/x', status: 204 }),
    ).not.toThrow();
    expect(log.failure).toContain(`cannot write the audit log ${join(blocker, 'audit.jsonl')}`);
  });

  it('moves a log past its size limit aside before appending', () => {
    const file = auditFilePath(dir);
    writeFileSync(file, 'x'.repeat(2000));
    const log = new AuditLog(file, 1000);
    log.append({
      time: 't',
      context: 'c',
      url: 'u',
      method: 'PUT',
      path: '/connectors/x/pause',
      status: 202,
    });
    expect(readFileSync(`${file}.1`, 'utf8')).toBe('x'.repeat(2000));
    expect(readLog(file)).toHaveLength(1);
  });
});
