// `kcx apply`, `kcx export`, `kcx validate` against the emulator, through the built binary.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import {
  type CountingProxy,
  countingProxy,
  type KcxEnv,
  kcxEnv,
  runKcx,
  scratchDir,
  shown,
} from './helpers.js';

let emu: Emulator;
let env: KcxEnv;
let files: { dir: string; cleanup(): void };

const SINK_CLASS = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
const SOURCE_CLASS = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

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

const BUNDLE = `# two sinks sharing settings
defaults:
  tasks.max: 2
  topics: orders
connectors:
  - name: orders-file-sink
    config:
      connector.class: ${SINK_CLASS}
      file: /tmp/orders.txt
  - name: audit-file-sink
    config:
      connector.class: ${SINK_CLASS}
      file: /tmp/audit.txt
      tasks.max: "1"
`;

describe('kcx apply', () => {
  it('creates from a YAML bundle with defaults, then reports unchanged', async () => {
    const file = write('bundle.yaml', BUNDLE);
    const first = await kcx('apply', '-f', file);
    expect(first.code, shown(first)).toBe(0);
    expect(first.stdout).toMatch(/^orders-file-sink\s+created$/m);
    expect(first.stdout).toMatch(/^audit-file-sink\s+created$/m);
    expect(emu.cluster.config('orders-file-sink')).toMatchObject({ 'tasks.max': '2', topics: 'orders' });
    expect(emu.cluster.config('audit-file-sink')['tasks.max']).toBe('1');

    const again = await kcx('apply', '-f', file);
    expect(again.code, shown(again)).toBe(0);
    expect(again.stdout).toMatch(/^orders-file-sink\s+unchanged$/m);
    expect(again.stdout).toMatch(/^audit-file-sink\s+unchanged$/m);
    expect(again.stdout).toContain('0 created, 0 updated, 2 unchanged');
  });

  it('reads JSON (flat, {name, config}, an array), .properties and multi-document YAML', async () => {
    write(
      'flat.json',
      JSON.stringify({ name: 'j1', 'connector.class': SINK_CLASS, topics: 't', file: '/tmp/a' }),
    );
    write(
      'list.json',
      JSON.stringify([
        { name: 'j2', config: { 'connector.class': SINK_CLASS, topics: 't', 'tasks.max': 1 } },
        { name: 'j3', 'connector.class': SOURCE_CLASS, topic: 't', file: '/tmp/in' },
      ]),
    );
    write(
      'p1.properties',
      `# connect-standalone style\nname=p1\nconnector.class=${SOURCE_CLASS}\ntopic=t\nfile=/tmp/in\n`,
    );
    write(
      'multi.yml',
      `defaults:\n  topics: shared\n---\nname: y1\nconnector.class: ${SINK_CLASS}\n---\nname: y2\nconfig:\n  connector.class: ${SINK_CLASS}\n`,
    );
    write('README.md', 'not a connector; ignored in a directory');
    const run = await kcx('apply', '-f', files.dir);
    expect(run.code, shown(run)).toBe(0);
    expect(emu.cluster.names().sort()).toEqual(['j1', 'j2', 'j3', 'p1', 'y1', 'y2']);
    expect(emu.cluster.config('j2')['tasks.max']).toBe('1');
    expect(emu.cluster.config('y1').topics).toBe('shared');
    expect(emu.cluster.config('y2').topics).toBe('shared');
    expect(run.stdout).toContain('6 created, 0 updated, 0 unchanged');
  });

  it('reads stdin with -f -', async () => {
    const yaml = await runKcx(env, ['apply', '-f', '-', '--url', emu.url], {
      input: `name: from-stdin\nconnector.class: ${SINK_CLASS}\ntopics: x\n`,
    });
    expect(yaml.code, shown(yaml)).toBe(0);
    const props = await runKcx(env, ['apply', '-f', '-', '--url', emu.url], {
      input: `name=props-stdin\nconnector.class=${SINK_CLASS}\ntopics=x\n`,
    });
    expect(props.code, shown(props)).toBe(0);
    expect(emu.cluster.names().sort()).toEqual(['from-stdin', 'props-stdin']);
  });

  it('updates what differs and shows the diff with --diff, never the secret', async () => {
    emu.cluster.create(
      'db-sink',
      { 'connector.class': SINK_CLASS, topics: 'a', 'connection.password': 'old-s3cret', file: '/tmp/x' },
      'RUNNING',
      true,
    );
    const file = write(
      'db.yaml',
      `name: db-sink\nconfig:\n  connector.class: ${SINK_CLASS}\n  topics: b\n  connection.password: new-s3cret\n`,
    );
    const dry = await kcx('apply', '-f', file, '--dry-run');
    expect(dry.code, shown(dry)).toBe(0);
    expect(dry.stdout).toMatch(/^db-sink\s+would update \(3 keys changed\)$/m);
    expect(dry.stdout).toContain('~ topics: a → b');
    expect(dry.stdout).toContain('~ connection.password: •••••• (secret changed)');
    expect(dry.stdout).toContain('- file: /tmp/x');
    expect(dry.stdout).toContain('nothing was sent');
    expect(emu.cluster.config('db-sink').topics).toBe('a');

    const run = await kcx('apply', '-f', file, '--diff');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toMatch(/^db-sink\s+updated \(3 keys changed\)$/m);
    expect(run.stdout).toContain('~ topics: a → b');
    expect(emu.cluster.config('db-sink')).toMatchObject({ topics: 'b', 'connection.password': 'new-s3cret' });
    for (const out of [dry.stdout + dry.stderr, run.stdout + run.stderr]) {
      expect(out).not.toContain('old-s3cret');
      expect(out).not.toContain('new-s3cret');
    }
  });

  it('puts back a secret left masked in the file instead of sending the mask', async () => {
    emu.cluster.create(
      'm',
      { 'connector.class': SINK_CLASS, topics: 'a', 'db.password': 'real-pw' },
      'RUNNING',
      true,
    );
    const file = write(
      'm.yaml',
      `name: m\nconfig:\n  connector.class: ${SINK_CLASS}\n  topics: a\n  db.password: "••••••"\n`,
    );
    const run = await kcx('apply', '-f', file);
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toMatch(/^m\s+unchanged$/m);
    expect(emu.cluster.config('m')['db.password']).toBe('real-pw');
  });

  it('validates first: an invalid connector is reported per key and nothing is applied (exit 1)', async () => {
    const file = write(
      'mixed.yaml',
      `connectors:\n  - name: good\n    config: {connector.class: ${SINK_CLASS}, topics: a}\n  - name: bad\n    config: {connector.class: ${SINK_CLASS}, topics: a, tasks.max: "0"}\n`,
    );
    const run = await kcx('apply', '-f', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^bad\s+invalid \(1 error\)$/m);
    expect(run.stdout).toContain(
      'tasks.max: Invalid value 0 for configuration tasks.max: Value must be at least 1',
    );
    expect(run.stderr).toContain('1 connector is invalid; nothing was applied');
    expect(emu.cluster.names()).toEqual([]);
  });
});

describe('kcx apply: bad input (exit 2, nothing sent)', () => {
  let proxy: CountingProxy;
  beforeEach(async () => {
    proxy = await countingProxy(emu.url);
  });
  afterEach(async () => proxy.close());
  const apply = (...f: string[]) =>
    runKcx(env, ['apply', ...f.flatMap((x) => ['-f', x]), '--url', proxy.url]);

  it('a YAML syntax error names the line and column', async () => {
    const file = write('broken.yaml', 'connectors:\n  - name: a\n    config: {topics: [1, 2}\n');
    const run = await apply(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^kcx: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: `));
    expect(proxy.requests).toEqual([]);
  });

  it('a JSON syntax error names the line and column', async () => {
    const file = write('broken.json', '{\n  "name": "a",\n  "config": {,}\n}');
    const run = await apply(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:3:14: invalid JSON`);
  });

  it('a connector without connector.class', async () => {
    const file = write('noclass.yaml', 'connectors:\n  - name: lost\n    config: {topics: a}\n');
    const run = await apply(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:2:5: connector lost has no connector.class`);
    expect(proxy.requests).toEqual([]);
  });

  it('duplicate names across files name both places', async () => {
    const a = write('a.yaml', `name: twin\nconnector.class: ${SINK_CLASS}\n`);
    const b = write('b.json', JSON.stringify({ name: 'twin', config: { 'connector.class': SINK_CLASS } }));
    const run = await apply(a, b);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`duplicate connector name "twin": declared at ${a}:1:1 and at ${b}:1:1`);
    expect(proxy.requests).toEqual([]);
  });

  it('a defaults block that is not a map', async () => {
    const file = write('defaults.yaml', 'defaults: [a, b]\nconnectors: []\n');
    const run = await apply(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:1:11: defaults must be a map of config keys, not a list`);
  });

  it('a .properties file without name=, a missing file, an empty -f -', async () => {
    const props = await apply(write('x.properties', `connector.class=${SINK_CLASS}\n`));
    expect(props.code).toBe(2);
    expect(props.stderr).toContain('needs name=');
    const missing = await apply(join(files.dir, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: no such file or directory');
    const empty = await runKcx(env, ['apply', '-f', '-', '--url', proxy.url], { input: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('<stdin>: the file is empty');
    expect(proxy.requests).toEqual([]);
  });

  it('apply without -f is a usage error', async () => {
    const run = await runKcx(env, ['apply', '--url', proxy.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '-f, --file <path>' not specified");
  });
});

describe('read-only contexts', () => {
  let proxy: CountingProxy;
  beforeEach(async () => {
    proxy = await countingProxy(emu.url);
    const added = await runKcx(env, ['ctx', 'add', 'guarded', '--url', proxy.url, '--readonly', '--force']);
    expect(added.code, shown(added)).toBe(0);
  });
  afterEach(async () => proxy.close());

  it('refuse apply before any request (exit 1), and still allow --dry-run', async () => {
    const file = write('one.yaml', `name: one\nconnector.class: ${SINK_CLASS}\ntopics: a\n`);
    const run = await runKcx(env, ['apply', '-f', file, '--context', 'guarded']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[guarded] refused: context guarded is read-only, nothing was sent');
    expect(proxy.requests).toEqual([]);
    expect(run.stdout).toBe('');

    const dry = await runKcx(env, ['apply', '-f', file, '--context', 'guarded', '--dry-run']);
    expect(dry.code, shown(dry)).toBe(0);
    expect(dry.stdout).toMatch(/^one\s+would create$/m);
    expect(proxy.requests.some((r) => r.startsWith('PUT /connector-plugins/'))).toBe(true);
    expect(proxy.requests.some((r) => r.startsWith('POST'))).toBe(false);
    expect(emu.cluster.names()).toEqual([]);
  });

  it('--readonly on the command line protects an ad-hoc URL the same way', async () => {
    const file = write('one.yaml', `name: one\nconnector.class: ${SINK_CLASS}\ntopics: a\n`);
    const run = await runKcx(env, ['apply', '-f', file, '--url', proxy.url, '--readonly']);
    expect(run.code).toBe(1);
    expect(proxy.requests).toEqual([]);
  });
});

describe('kcx export', () => {
  const SECRET = 'export-s3cret-pw';
  beforeEach(() => {
    emu.cluster.create(
      'legacy/crm sync',
      { 'connector.class': SINK_CLASS, topics: 'crm', 'tasks.max': '3', 'connection.password': SECRET },
      'RUNNING',
      true,
    );
    emu.cluster.create(
      'plain',
      { 'connector.class': SOURCE_CLASS, topic: 'p', file: '/tmp/p', 'batch.size': '1.0' },
      'RUNNING',
      true,
    );
  });

  it('to stdout as YAML, with real values and a warning on stderr; apply reports unchanged', async () => {
    const run = await kcx('export');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toContain(`connection.password: ${SECRET}`);
    expect(run.stdout).toContain('batch.size: "1.0"');
    expect(run.stderr).toContain('the export holds secrets in clear');
    const back = await runKcx(env, ['apply', '-f', '-', '--url', emu.url], { input: run.stdout });
    expect(back.code, shown(back)).toBe(0);
    expect(back.stdout).toMatch(/^legacy\/crm sync\s+unchanged$/m);
    expect(back.stdout).toMatch(/^plain\s+unchanged$/m);
    expect(back.stdout).not.toContain(SECRET);
  });

  it('to a directory as JSON files with mode 0600; apply -f DIR reports unchanged', async () => {
    const out = join(files.dir, 'backup');
    const run = await kcx('export', '--dir', out, '-o', 'json');
    expect(run.code, shown(run)).toBe(0);
    expect(run.stdout).toBe(`exported 2 connectors to ${out}\n`);
    expect(readdirSync(out).sort()).toEqual(['legacy%2Fcrm sync.json', 'plain.json']);
    for (const f of readdirSync(out)) expect(statSync(join(out, f)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(join(out, 'legacy%2Fcrm sync.json'), 'utf8')) as {
      name: string;
      config: Record<string, string>;
    };
    expect(saved.name).toBe('legacy/crm sync');
    expect(saved.config['connection.password']).toBe(SECRET);
    const back = await kcx('apply', '-f', out);
    expect(back.code, shown(back)).toBe(0);
    expect(back.stdout).toContain('0 created, 0 updated, 2 unchanged');
  });

  it('only the named or matching connectors; an unknown name fails with exit 1', async () => {
    const named = await kcx('export', 'plain', '-o', 'json');
    expect((JSON.parse(named.stdout) as { name: string }[]).map((c) => c.name)).toEqual(['plain']);
    // No secret-looking key in `plain`, but the warning stands: only the masking rules say so.
    expect(named.stderr).toContain('any secrets in clear; keep it private');
    const matched = await kcx('export', '--match', 'legacy*', '-o', 'json');
    expect((JSON.parse(matched.stdout) as { name: string }[]).map((c) => c.name)).toEqual([
      'legacy/crm sync',
    ]);
    const missing = await kcx('export', 'ghost');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('connector ghost not found');
  });
});

describe('kcx validate', () => {
  it('valid files exit 0; invalid ones exit 1 with the errors per key; nothing is created', async () => {
    const good = write('good.yaml', `name: v\nconnector.class: ${SINK_CLASS}\ntopics: a\n`);
    const ok = await kcx('validate', '-f', good);
    expect(ok.code, shown(ok)).toBe(0);
    expect(ok.stdout).toMatch(/^v\s+valid$/m);
    const bad = write('bad.yaml', `name: w\nconnector.class: ${SINK_CLASS}\n`);
    const run = await kcx('validate', '-f', bad, '-o', 'json');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as {
      name: string;
      valid: boolean;
      errors: Record<string, string[]>;
    }[];
    expect(result[0]?.valid).toBe(false);
    expect(result[0]?.errors.topics).toEqual(['Must configure one of topics or topics.regex']);
    expect(emu.cluster.names()).toEqual([]);
  });
});
