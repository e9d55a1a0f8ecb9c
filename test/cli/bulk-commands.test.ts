// The built `kcx` against the in-process emulator, without a terminal (stdin is a pipe).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorConfig } from '../../src/connect/types.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { FILE_SOURCE } from '../support/configs.js';
import { assertBuilt, KCX_BIN } from '../support/pty.js';
import { cleanEnv, type Run, run } from './helpers.js';

let emu: Emulator;
let state: string;

/** Runs kcx asynchronously: the emulator lives in this process and must keep answering. */
function kcx(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return run(process.execPath, [KCX_BIN, ...args], {
    env: {
      ...cleanEnv(),
      KCX_STATE_DIR: state,
      KCX_CONFIG_DIR: join(state, 'config'),
      NO_COLOR: '1',
      ...env,
    },
  });
}

const configOf = (name: string): ConnectorConfig => ({
  ...FILE_SOURCE,
  name,
  file: `/data/${name}.txt`,
  'database.password': `pw-of-${name}`,
});
const X = ['x-1', 'x-2', 'x-3'];
const OTHERS = ['y-1', 'keep me'];

beforeEach(async () => {
  assertBuilt();
  state = mkdtempSync(join(tmpdir(), 'kcx-cli-bulk-'));
  emu = await startEmulator({ port: 0 });
  for (const n of [...X, ...OTHERS]) emu.cluster.create(n, configOf(n), 'RUNNING', true);
});
afterEach(async () => {
  await emu.close();
  rmSync(state, { recursive: true, force: true });
});

const target = () => ['--url', emu.url, '--context', 'cli-test'];

describe('kcx delete', () => {
  it('--match --yes deletes the matches, saves each config, and logs every DELETE', async () => {
    const r = await kcx(['delete', ...target(), '--match', 'x-*', '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(emu.cluster.names().sort()).toEqual([...OTHERS].sort());
    expect(r.stdout).toContain('  ✓ x-1\n  ✓ x-2\n  ✓ x-3\n');
    expect(r.stdout).toContain(`deleted 3/3 on context cli-test (${emu.url})`);

    const [batch] = readdirSync(join(state, 'backups'));
    const files = readdirSync(join(state, 'backups', batch!)).sort();
    expect(files).toEqual(['0001-x-1.json', '0002-x-2.json', '0003-x-3.json', 'batch.json']);
    for (const [i, n] of X.entries()) {
      const saved = JSON.parse(readFileSync(join(state, 'backups', batch!, files[i]!), 'utf8'));
      expect(saved).toMatchObject({ name: n, config: configOf(n), state: 'RUNNING' });
    }
    expect(r.stdout).toContain(`Undo:    kcx undo ${batch} --context cli-test --url ${emu.url}`);

    const audit = readFileSync(join(state, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit.map((a) => `${a.method} ${a.path} ${a.status}`).sort()).toEqual(
      X.map((n) => `DELETE /connectors/${n} 204`),
    );
    expect(
      audit.every((a) => a.context === 'cli-test' && a.url === emu.url && a.backup.includes(batch)),
    ).toBe(true);
    expect(readFileSync(join(state, 'audit.jsonl'), 'utf8')).not.toContain('pw-of-');
  });

  it('--dry-run prints the plan and sends nothing', async () => {
    const r = await kcx(['delete', ...target(), '--match', '/^x-[12]$/', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Would delete 2 connectors on context cli-test (${emu.url}):`);
    expect(r.stdout).toMatch(/ {2}x-1 +RUNNING\n {2}x-2 +RUNNING\n/);
    expect(r.stdout).toContain('Nothing was sent (--dry-run).');
    expect(emu.cluster.size).toBe(5);
    expect(existsSync(join(state, 'audit.jsonl'))).toBe(false);
    expect(existsSync(join(state, 'backups'))).toBe(false);
  });

  it('no match exits 2 with a message, and sends nothing', async () => {
    const r = await kcx(['delete', ...target(), '--match', 'zz-*', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `kcx: no connector on context cli-test (${emu.url}) matches zz-*; nothing was sent\n`,
    );
    expect(emu.cluster.size).toBe(5);
  });

  it('stop on a cluster older than 3.5 exits 2, saying why and where in plain words, and stops nothing', async () => {
    const old = await startEmulator({ port: 0, version: '2.7.1' });
    try {
      old.cluster.create('x-1', configOf('x-1'), 'RUNNING', true);
      const r = await kcx(['stop', 'x-1', '--url', old.url, '--yes']);
      expect(r.code).toBe(2);
      const host = old.url.replace('http://', '');
      expect(r.stderr).toBe(
        `kcx: stop needs Kafka Connect 3.5, this cluster is 2.7: context ${host} (${old.url}); nothing was sent\n`,
      );
      expect(old.cluster.status('x-1')?.connector.state).toBe('RUNNING');
    } finally {
      await old.close();
    }
  });

  it('a bad regex exits 2 before talking to the cluster', async () => {
    const r = await kcx(['delete', '--url', 'http://127.0.0.1:9', '--match', '/(/', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kcx: --match: invalid regular expression \/\(\/: /);
  });

  it('without a terminal and without --yes it refuses with exit 2 and says to use --yes', async () => {
    const r = await kcx(['delete', ...target(), '--match', 'x-*']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no terminal to ask on; pass --yes');
    expect(emu.cluster.size).toBe(5);
  });

  it('with no names and no terminal it cannot open the picker: exit 2', async () => {
    const r = await kcx(['delete', ...target()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the picker (no names) needs a terminal');
  });

  it('an unknown name exits 2 and deletes none of the others', async () => {
    const r = await kcx(['delete', ...target(), 'x-1', 'nope', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no connector "nope"');
    expect(emu.cluster.size).toBe(5);
  });

  it('an unwritable state directory blocks deletes with a message naming it', async () => {
    const blocked = join(state, 'blocked');
    writeFileSync(blocked, '');
    const r = await kcx(['delete', ...target(), 'x-1', '--yes'], { KCX_STATE_DIR: blocked });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot write delete backups to ${join(blocked, 'backups')}`);
    expect(emu.cluster.has('x-1')).toBe(true);
  });

  it('a cluster that is down: exit 1, the error names context, URL and what failed, no stack trace', async () => {
    await emu.faults.down();
    const r = await kcx(['delete', ...target(), 'x-1', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^kcx: \[cli-test\] GET http:\/\/127\.0\.0\.1:\d+\/.* → connection refused/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('-o json reports every outcome, and a failure makes the exit code 1', async () => {
    emu.faults.add({
      route: 'DELETE /connectors/x-2',
      kind: 'status',
      status: 500,
      message: 'boom',
      times: 1,
    });
    const r = await kcx(['delete', ...target(), 'x-1', 'x-2', '--yes', '-o', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.outcomes).toEqual([
      expect.objectContaining({ name: 'x-1', ok: true }),
      expect.objectContaining({
        name: 'x-2',
        ok: false,
        error: `[cli-test] DELETE ${emu.url}/connectors/x-2 → 500 Internal Server Error: boom`,
      }),
    ]);
    expect(report.batch.id).toMatch(/^\d{8}-/);
  });
});

describe('kcx undo', () => {
  it('brings a deleted batch back with the same configs; a second undo reports them as existing', async () => {
    await kcx(['delete', ...target(), '--match', 'x-*', '--yes']);
    expect(emu.cluster.size).toBe(2);

    const r = await kcx(['undo', ...target()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/re-created 3\/3 from batch \S+ on context cli-test/);
    for (const n of X) expect(emu.cluster.config(n)).toEqual(configOf(n));
    // The undo's POSTs are audited, without the configs' passwords.
    const audit = readFileSync(join(state, 'audit.jsonl'), 'utf8');
    expect(audit.match(/"method":"POST","path":"\/connectors","status":201/g)).toHaveLength(3);
    expect(audit).not.toContain('pw-of-');

    const again = await kcx(['undo', ...target()]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('  ✓ x-1  exists, not overwritten');
    expect(again.stdout).toContain('re-created 0/3, 3 existed already (not overwritten)');
  });

  it('never overwrites a connector that exists again', async () => {
    await kcx(['delete', ...target(), 'x-1', 'x-2', '--yes']);
    emu.cluster.create('x-1', { ...FILE_SOURCE, name: 'x-1', file: '/new' }, 'RUNNING', true);
    const r = await kcx(['undo', ...target()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  ✓ x-1  exists, not overwritten');
    expect(emu.cluster.config('x-1').file).toBe('/new');
    expect(emu.cluster.config('x-2')).toEqual(configOf('x-2'));
  });

  it('--list shows the batches with time, context, URL and counts', async () => {
    const empty = await kcx(['undo', '--list']);
    expect(empty.stdout).toContain('No delete backups in');
    await kcx(['delete', ...target(), 'x-1', '--yes']);
    await kcx(['delete', ...target(), 'x-2', 'x-3', '--yes']);
    const r = await kcx(['undo', '--list']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^BATCH +DELETED AT \(UTC\) +CONTEXT +DELETED +SAVED +UNDONE +URL$/);
    expect(lines[1]).toMatch(
      new RegExp(`^\\d{8}-\\S+ +\\d{4}-\\d\\d-\\d\\d \\S+ +cli-test +2 +2 +- +${emu.url}$`),
    );
    expect(lines[2]).toMatch(/cli-test +1 +1 +-/);
    const json = JSON.parse((await kcx(['undo', '--list', '-o', 'json'])).stdout);
    expect(json).toHaveLength(2);
  });

  it('refuses to restore a batch onto another cluster, and says how to target the right one', async () => {
    await kcx(['delete', ...target(), 'x-1', '--yes']);
    const other = await startEmulator({ port: 0 });
    try {
      const r = await kcx(['undo', '--url', other.url]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`no delete batch for context ${new URL(other.url).host} (${other.url})`);
      expect(r.stderr).toContain(`--context cli-test --url ${emu.url}`);
      expect(other.cluster.size).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('kcx restart|pause|resume|stop', () => {
  it('pause then resume by pattern, stop by name', async () => {
    expect((await kcx(['pause', ...target(), '--match', 'x-*', '--yes'])).code).toBe(0);
    emu.cluster.settle();
    expect(X.map((n) => emu.cluster.status(n)?.connector.state)).toEqual(['PAUSED', 'PAUSED', 'PAUSED']);
    expect((await kcx(['resume', ...target(), '--match', 'x-*', '--yes'])).code).toBe(0);
    const stop = await kcx(['stop', ...target(), 'keep me', '--yes']);
    expect(stop.code).toBe(0);
    expect(stop.stdout).toContain('stopped 1/1');
    emu.cluster.settle();
    expect(emu.cluster.status('keep me')?.connector.state).toBe('STOPPED');
    expect(emu.cluster.status('x-1')?.connector.state).toBe('RUNNING');
  });

  it('restart --include-tasks --only-failed sends the parameters', async () => {
    const r = await kcx(['restart', ...target(), 'x-1', '--include-tasks', '--only-failed', '--yes']);
    expect(r.code).toBe(0);
    const audit = readFileSync(join(state, 'audit.jsonl'), 'utf8');
    expect(audit).toContain(
      '"path":"/connectors/x-1/restart?includeTasks=true&onlyFailed=true","status":202',
    );
  });

  it('stop on a cluster older than 3.5 is refused up front with the reason', async () => {
    const old = await startEmulator({ port: 0, version: '3.4.0' });
    old.cluster.create('o', configOf('o'), 'RUNNING', true);
    try {
      const r = await kcx(['stop', '--url', old.url, 'o', '--yes']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/stop.*3\.5/);
      expect(r.stderr).toContain('nothing was sent');
    } finally {
      await old.close();
    }
  });
});
