// `kcx apply --continue-on-error` against the emulator: the valid connectors are applied, each bad
// file, invalid connector and failed request is reported, and the exit code says whether all went.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { countingProxy, type KcxEnv, kcxEnv, runKcx, scratchDir, shown } from './helpers.js';

let emu: Emulator;
let env: KcxEnv;
let files: { dir: string; cleanup(): void };

const SINK_CLASS = 'org.apache.kafka.connect.file.FileStreamSinkConnector';

beforeAll(() => {
  env = kcxEnv();
});
afterAll(() => env.cleanup());
beforeEach(async () => {
  emu = await startEmulator({ port: 0, connectors: 0 });
  files = scratchDir();
});
afterEach(async () => {
  await emu.close();
  files.cleanup();
});

const kcx = (...args: string[]) => runKcx(env, [...args, '--url', emu.url]);
const write = (name: string, text: string) => {
  const path = join(files.dir, name);
  writeFileSync(path, text);
  return path;
};
const sink = (name: string, extra = '') =>
  `name: ${name}\nconnector.class: ${SINK_CLASS}\ntopics: ${name}-topic\n${extra}`;

/** A directory with two good connectors, one invalid (tasks.max 0) and one file that does not parse. */
function mixedDir(): string {
  write('1-good.yaml', sink('good-a'));
  write('2-invalid.yaml', sink('bad', 'tasks.max: "0"\n'));
  write('3-broken.json', '{\n  "name": "lost",\n  "config": {,}\n}');
  write('4-good.properties', `name=good-b\nconnector.class=${SINK_CLASS}\ntopics=b\n`);
  return files.dir;
}

/** The audit lines of this test's emulator (the state directory is shared by the file's tests). */
function auditOf(url: string): { method: string; path: string; status?: number }[] {
  const file = join(env.stateDir, 'audit.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((r) => r.url === url);
}

describe('kcx apply --continue-on-error', () => {
  it('without it, a file that does not parse stops everything (exit 2, nothing sent)', async () => {
    const proxy = await countingProxy(emu.url);
    try {
      const run = await runKcx(env, ['apply', '-f', mixedDir(), '--url', proxy.url]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('3-broken.json:3:14: invalid JSON');
      expect(proxy.requests).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('applies every valid connector, reports the invalid one and the unreadable file (exit 1)', async () => {
    const run = await kcx('apply', '-f', mixedDir(), '--continue-on-error');
    expect(run.code, shown(run)).toBe(1);
    expect(run.stdout).toMatch(/^good-a\s+created$/m);
    expect(run.stdout).toMatch(/^good-b\s+created$/m);
    expect(run.stdout).toMatch(/^bad\s+invalid \(1 error\)$/m);
    expect(run.stdout).toContain(
      'tasks.max: Invalid value 0 for configuration tasks.max: Value must be at least 1',
    );
    expect(run.stdout).toContain('2 created, 0 updated, 0 unchanged');
    expect(run.stderr).toMatch(/skipped: .*3-broken\.json:3:14: invalid JSON/);
    expect(run.stderr).toContain('not applied: 1 invalid connector, 1 unreadable file');
    expect(emu.cluster.names().sort()).toEqual(['good-a', 'good-b']);
    // The creates went to the audit log like any other change.
    expect(auditOf(emu.url).map((a) => `${a.method} ${a.path} ${a.status}`)).toEqual([
      'POST /connectors 201',
      'POST /connectors 201',
    ]);
  });

  it('exits 0 when everything applied', async () => {
    write('a.yaml', sink('one'));
    write('b.yaml', sink('two'));
    const run = await kcx('apply', '-f', files.dir, '--continue-on-error');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toContain('2 created, 0 updated, 0 unchanged');
    expect(run.stderr).toBe('');
  });

  it('with --dry-run reports what it would skip, sends no change, and exits 1', async () => {
    const run = await kcx('apply', '-f', mixedDir(), '--continue-on-error', '--dry-run');
    expect(run.code, shown(run)).toBe(1);
    expect(run.stdout).toMatch(/^good-a\s+would create$/m);
    expect(run.stdout).toMatch(/^bad\s+invalid \(1 error\)$/m);
    expect(run.stdout).toContain('dry run: 2 to create, 0 to update, 0 unchanged (nothing was sent)');
    expect(run.stderr).toContain('would not apply: 1 invalid connector, 1 unreadable file');
    expect(emu.cluster.names()).toEqual([]);
  });

  it('a failed request (500 on one PUT) does not stop the others', async () => {
    for (const name of ['x', 'y']) {
      emu.cluster.create(name, { 'connector.class': SINK_CLASS, topics: 'old' }, 'RUNNING', true);
    }
    emu.faults.add({ route: 'PUT /connectors/x/config', kind: 'status', status: 500, message: 'boom' });
    write('x.yaml', `name: x\nconnector.class: ${SINK_CLASS}\ntopics: new\n`);
    write('y.yaml', `name: y\nconnector.class: ${SINK_CLASS}\ntopics: new\n`);
    write('z.yaml', sink('z'));
    const run = await kcx('apply', '-f', files.dir, '--continue-on-error');
    expect(run.code, shown(run)).toBe(1);
    expect(run.stdout).toMatch(/^x\s+failed$/m);
    expect(run.stdout).toMatch(new RegExp(`PUT ${emu.url}/connectors/x/config → 500.*boom`));
    expect(run.stdout).toMatch(/^y\s+updated \(1 key changed\)$/m);
    expect(run.stdout).toMatch(/^z\s+created$/m);
    expect(run.stdout).toContain('1 created, 1 updated, 0 unchanged');
    expect(run.stderr).toContain('not applied: 1 failed connector');
    expect(emu.cluster.config('x').topics).toBe('old');
    expect(emu.cluster.config('y').topics).toBe('new');
    expect(emu.cluster.has('z')).toBe(true);
  });

  it('a live config that cannot be read fails that connector only; without the flag, the run', async () => {
    emu.cluster.create('x', { 'connector.class': SINK_CLASS, topics: 'old' }, 'RUNNING', true);
    emu.faults.add({ route: 'GET /connectors/x/config', kind: 'status', status: 500, message: 'db down' });
    write('x.yaml', `name: x\nconnector.class: ${SINK_CLASS}\ntopics: new\n`);
    write('z.yaml', sink('z'));

    const strict = await kcx('apply', '-f', files.dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/GET .*\/connectors\/x\/config → 500.*db down/);
    expect(emu.cluster.has('z')).toBe(false);

    const run = await kcx('apply', '-f', files.dir, '--continue-on-error');
    expect(run.code, shown(run)).toBe(1);
    expect(run.stdout).toMatch(/^x\s+failed$/m);
    expect(run.stdout).toMatch(/^z\s+created$/m);
    expect(emu.cluster.has('z')).toBe(true);
    expect(emu.cluster.config('x').topics).toBe('old');
  });

  it('a duplicate name skips every copy; a mask that cannot be restored makes that connector invalid', async () => {
    write('a.yaml', sink('twin'));
    write('b.yaml', sink('twin'));
    write('c.yaml', sink('masked', 'db.password: "••••••"\n'));
    write('d.yaml', sink('fine'));
    const run = await kcx('apply', '-f', files.dir, '--continue-on-error');
    expect(run.code, shown(run)).toBe(1);
    expect(run.stderr).toMatch(
      /skipped: duplicate connector name "twin": declared at .*a\.yaml:1:1 and at .*b\.yaml:1:1/,
    );
    expect(run.stdout).toMatch(/^masked\s+invalid \(1 error\)$/m);
    expect(run.stdout).toContain('masked value of db.password cannot be restored');
    expect(run.stdout).toMatch(/^fine\s+created$/m);
    expect(run.stderr).toContain('not applied: 1 invalid connector, 1 duplicate name');
    expect(emu.cluster.names()).toEqual(['fine']);
  });

  it('when no file can be read at all it is bad input: exit 2, nothing sent', async () => {
    const proxy = await countingProxy(emu.url);
    try {
      write('a.json', '{');
      const run = await runKcx(env, [
        'apply',
        '-f',
        files.dir,
        '-f',
        join(files.dir, 'missing.yaml'),
        '--continue-on-error',
        '--url',
        proxy.url,
      ]);
      expect(run.code, shown(run)).toBe(2);
      expect(run.stderr).toContain('a.json');
      expect(run.stderr).toContain('missing.yaml: no such file or directory');
      expect(run.stderr).toContain('no connector could be read; nothing was sent');
      expect(proxy.requests).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('a read-only context still refuses before any request (exit 1)', async () => {
    const proxy = await countingProxy(emu.url);
    try {
      const run = await runKcx(env, [
        'apply',
        '-f',
        mixedDir(),
        '--continue-on-error',
        '--readonly',
        '--url',
        proxy.url,
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('is read-only, nothing was sent');
      expect(proxy.requests).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('is documented in --help with an example', async () => {
    const run = await runKcx(env, ['apply', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--continue-on-error');
    expect(run.stdout).toContain('kcx apply -f connectors/ --continue-on-error');
  });
});
