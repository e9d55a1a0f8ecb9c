// Shared set-up for the end-to-end tests: an in-process emulator with connectors created through
// its REST API (deterministic names, no reliance on the random demo seed), the built kcx in a PTY,
// and clean-up of both after each test.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/index.js';
import { type KcxTerminal, type SpawnOptions, spawnInTerminal, spawnKcx } from '../support/pty.js';

/** Per wait on the screen: generous, for a slow CI machine. */
export const WAIT = 15_000;
/** Per test: several waits in a row, still bounded. */
export const TEST_TIMEOUT = 60_000;
/** Short, so that changes on the cluster reach the screen quickly. */
export const REFRESH = '500ms';
export const CONTEXT = 'e2e';

export type Config = Record<string, string>;

export const FILE_SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
export const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

/** A FileStreamSink with `tasks` tasks (the plugin honours tasks.max). */
export function sinkConfig(topic: string, tasks = 1): Config {
  return {
    'connector.class': FILE_SINK,
    'tasks.max': String(tasks),
    topics: topic,
    file: `/tmp/${topic}.out`,
  };
}

/** A FileStreamSource: always one task. */
export function sourceConfig(topic: string): Config {
  return { 'connector.class': FILE_SOURCE, topic, file: `/tmp/${topic}.in` };
}

export interface Rest {
  status: number;
  body: unknown;
}

export async function rest(emu: Emulator, method: string, path: string, body?: unknown): Promise<Rest> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

export interface Status {
  connector: string;
  tasks: string[];
}

/** The connector's state as the cluster reports it, or undefined when it does not exist. */
export async function statusOf(emu: Emulator, name: string): Promise<Status | undefined> {
  const res = await rest(emu, 'GET', `/connectors/${encodeURIComponent(name)}/status`);
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw new Error(`GET status of ${name}: HTTP ${res.status}`);
  const body = res.body as { connector: { state: string }; tasks: { id: number; state: string }[] };
  return {
    connector: body.connector.state,
    tasks: [...body.tasks].sort((a, b) => a.id - b.id).map((t) => t.state),
  };
}

/** Starts an emulator on an ephemeral port with exactly these connectors, all started. */
export async function startCluster(
  connectors: Record<string, Config>,
  options: EmulatorOptions = {},
): Promise<Emulator> {
  const emu = await startEmulator({ port: 0, connectors: 0, ...options });
  for (const [name, config] of Object.entries(connectors)) {
    const res = await rest(emu, 'POST', '/connectors', { name, config });
    if (res.status !== 201) throw new Error(`create ${name}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  }
  emu.cluster.settle();
  for (const name of Object.keys(connectors)) {
    const status = await statusOf(emu, name);
    if (status?.connector !== 'RUNNING') throw new Error(`${name} did not start: ${JSON.stringify(status)}`);
  }
  return emu;
}

/** A Java trace as Connect reports it: two causes, the first one is the root cause product.md pins. */
export function converterTrace(frames = 30): string {
  const at = (i: number) =>
    `\tat org.apache.kafka.connect.runtime.WorkerSinkTask.step${i}(WorkerSinkTask.java:${100 + i})`;
  return [
    'org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler',
    ...Array.from({ length: frames }, (_, i) => at(i)),
    'Caused by: org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka Connect data failed due to serialization error',
    '\tat io.confluent.connect.avro.AvroConverter.toConnectData(AvroConverter.java:148)',
    '\t... 13 more',
    'Caused by: org.apache.kafka.common.errors.SerializationException: Unknown magic byte!',
    '\tat io.confluent.kafka.serializers.AbstractKafkaSchemaSerDe.getByteBuffer(AbstractKafkaSchemaSerDe.java:600)',
    '\t... 17 more',
    '',
  ].join('\n');
}

/** The screen row that shows `name`, or undefined. */
export function rowOf(screen: string, name: string): string | undefined {
  return screen.split('\n').find((line) => line.includes(name));
}

/** True when the row that shows `name` also shows every one of `words`. */
export function rowShows(name: string, ...words: string[]): (screen: string) => boolean {
  return (screen) => {
    const row = rowOf(screen, name);
    return row !== undefined && words.every((w) => row.includes(w));
  };
}

/** Polls `check` until it holds (for state on the emulator side, which has no screen to wait on). */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = WAIT,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Owns what a test starts: kcx processes (each with throw-away XDG directories, so no personal
 * config or state is read or written) and emulators. `cleanup()` goes in afterEach.
 */
export class Session {
  private readonly terminals: KcxTerminal[] = [];
  private readonly emulators: Emulator[] = [];
  private readonly dirs: string[] = [];

  track(emu: Emulator): Emulator {
    this.emulators.push(emu);
    return emu;
  }

  async cluster(connectors: Record<string, Config>, options: EmulatorOptions = {}): Promise<Emulator> {
    return this.track(await startCluster(connectors, options));
  }

  /** An isolated environment for a kcx process: its own XDG config/state/cache directories. */
  env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    const home = mkdtempSync(join(tmpdir(), 'kcx-e2e-'));
    this.dirs.push(home);
    return {
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_STATE_HOME: join(home, 'state'),
      XDG_CACHE_HOME: join(home, 'cache'),
      XDG_DATA_HOME: join(home, 'data'),
      KCX_URL: undefined,
      KCX_CONTEXT: undefined,
      ...extra,
    };
  }

  /** kcx on `url` as context "e2e", refreshing every 500 ms. */
  kcx(url: string, options: SpawnOptions & { args?: string[] } = {}): KcxTerminal {
    const { args = [], env, ...rest } = options;
    const term = spawnKcx(['--url', url, '--context', CONTEXT, '--refresh', REFRESH, ...args], {
      ...rest,
      env: this.env(env),
    });
    this.terminals.push(term);
    return term;
  }

  /** Any program in a PTY (e.g. a shell pipeline around kcx), with the same isolated environment. */
  terminal(file: string, args: string[], options: SpawnOptions = {}): KcxTerminal {
    const { env, ...rest } = options;
    const term = spawnInTerminal(file, args, { ...rest, env: this.env(env) });
    this.terminals.push(term);
    return term;
  }

  /** A throw-away directory (for KCX_STATE_DIR, a scripted $EDITOR…), removed by `cleanup()`. */
  tempDir(prefix = 'kcx-e2e-'): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  async cleanup(): Promise<void> {
    const terminals = this.terminals.splice(0);
    const emulators = this.emulators.splice(0);
    await Promise.all(terminals.map((t) => t.close()));
    await Promise.all(emulators.map((e) => e.close()));
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Types `/` (if `text` starts with it) and then the query one character at a time, each once the
 * previous one shows on the query line (a line that starts with `/`). Bursts of keys are covered by
 * their own test (typing.test.ts): on a busy machine kcx drops some of them.
 */
export async function typeQuery(kcx: KcxTerminal, text: string): Promise<void> {
  const queryLine = (typed: string) => (screen: string) =>
    screen.split('\n').some((line) => line.startsWith(typed));
  let typed = '';
  for (const ch of text) {
    kcx.write(ch);
    typed += ch;
    await kcx.waitFor(queryLine(typed), WAIT);
  }
}

// ── Added for the undo / editor / offsets / ops-views tests ───────────────────────────────────────

/** One line of `<state dir>/audit.jsonl`. */
export interface AuditLine {
  method: string;
  path: string;
  status?: number;
  context: string;
  url: string;
  backup?: string;
  error?: string;
}

/** The audit log kcx wrote to `stateDir` (empty when it wrote none). */
export function readAudit(stateDir: string): AuditLine[] {
  const file = join(stateDir, 'audit.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as AuditLine);
}

/** Moves the connectors list's selection onto `name` (one `j` at a time, each seen on screen). */
export async function selectRow(kcx: KcxTerminal, name: string): Promise<void> {
  const on = () => kcx.highlighted().some((l) => l.split(' ').includes(name));
  for (let i = 0; i < 50 && !on(); i++) {
    const before = kcx.highlighted().join('\n');
    kcx.write('j');
    await kcx.waitFor(() => kcx.highlighted().join('\n') !== before, WAIT);
  }
  if (!on()) throw new Error(`could not select ${name}; screen:\n${kcx.screen()}`);
}

/** From the connectors list: selects `name`, opens it, waits for its view. */
export async function openConnector(kcx: KcxTerminal, name: string): Promise<void> {
  await selectRow(kcx, name);
  kcx.press('enter');
  await kcx.waitFor((s) => s.includes(`${CONTEXT} › connectors › ${name}`) && /^tasks /m.test(s), WAIT);
}

/** The line number the inline editor shows in front of the first row containing `text`. */
export function editorLineOf(screen: string, text: string): number {
  const row = screen.split('\n').find((l) => l.includes(text));
  const n = row === undefined ? undefined : /^\s*(\d+) /.exec(row)?.[1];
  if (n === undefined) throw new Error(`no editor line shows ${text}; screen:\n${screen}`);
  return Number(n);
}

/** True when a highlighted (selected) line on screen shows `text`. */
export const highlights = (kcx: KcxTerminal, text: string): boolean =>
  kcx.highlighted().some((l) => l.includes(text));

/** Waits until the screen is exactly `expected`, then compares (so a mismatch shows a diff). */
export async function expectScreen(kcx: KcxTerminal, expected: string): Promise<void> {
  await kcx.waitFor((s) => s === expected, WAIT).catch(() => undefined);
  expect(kcx.screen()).toBe(expected);
}

/** Foreground, background and underline colours in SGR sequences (`\e[31m`, `\e[1;38;5;9m`, …). */
export function colourSequences(raw: string): string[] {
  const found: string[] = [];
  for (const m of raw.matchAll(/\u001b\[([0-9;:]*)m/g)) {
    const params = (m[1] ?? '').split(/[;:]/).map(Number);
    if (params.some((p) => (p >= 30 && p <= 38) || (p >= 40 && p <= 48) || (p >= 90 && p <= 107) || p === 58))
      found.push(JSON.stringify(m[0]));
  }
  return found;
}
