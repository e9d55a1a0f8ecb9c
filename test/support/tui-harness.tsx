// Renders the whole TUI (App with its real providers) with ink-testing-library against an
// in-process emulator, a real ConnectClient and a real Poller: keys go in through stdin, frames
// come out of lastFrame(). Waits are on what the frame shows, never on the clock.
import { previousForceColor } from '../tui/force-color.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { EventEmitter } from 'node:events';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { ConnectClient } from '../../src/connect/client.js';
import type { ConnectorConfig, ConnectorStateInfo, InitialState } from '../../src/connect/types.js';
import { BackupStore } from '../../src/domain/backups.js';
import { Poller } from '../../src/domain/poller.js';
import {
  type Emulator,
  type EmulatorOptions,
  type FaultRule,
  startEmulator,
} from '../../src/emulator/index.js';
import { App } from '../../src/tui/App.js';
import { UiStateProvider } from '../../src/tui/app-state.js';
import { type ContextInfo, ServicesProvider, type Services } from '../../src/tui/services.js';
import { pickTheme, type Theme } from '../../src/tui/theme.js';
import { ThemeProvider } from '../../src/tui/theme-context.js';
import { KEYS } from './pty.js';

if (previousForceColor === undefined) delete process.env.FORCE_COLOR;
else process.env.FORCE_COLOR = previousForceColor;

/** Raw bytes a terminal sends for the keys the keymap names (the PTY harness's table, plus Ctrl-U). */
export const KEY = { ...KEYS, ctrlU: '\u0015' } as const;

/** The raw bytes for a keymap key name ("j", "enter", "ctrl+d", "space", …). */
export function bytesFor(name: string): string {
  const special: Record<string, string> = {
    up: KEY.up,
    down: KEY.down,
    left: KEY.left,
    right: KEY.right,
    home: KEY.home,
    end: KEY.end,
    pageup: KEY.pageUp,
    pagedown: KEY.pageDown,
    enter: KEY.enter,
    escape: KEY.escape,
    tab: KEY.tab,
    space: KEY.space,
    backspace: KEY.backspace,
  };
  if (special[name]) return special[name];
  if (name.startsWith('ctrl+') && name.length === 6) {
    return String.fromCharCode(name.charCodeAt(5) - 96);
  }
  if ([...name].length === 1) return name;
  throw new Error(`no bytes known for key "${name}"`);
}

/** A connector the test creates before the TUI starts. */
export interface ConnectorSpec {
  name: string;
  config?: Partial<ConnectorConfig>;
  initial?: InitialState;
  /** Task ids to fail (with an optional trace). */
  failTasks?: { task: number; trace?: string }[];
  failConnector?: boolean | string;
  pause?: boolean;
}

export interface HarnessOptions {
  /** Options for the emulator (port 0 and startDelayMs 0 unless given). */
  emulator?: EmulatorOptions;
  /** Connectors created (immediately started) before the TUI renders. */
  connectors?: ConnectorSpec[];
  context?: Partial<ContextInfo>;
  /** Terminal size; default 100×30. */
  columns?: number;
  rows?: number;
  theme?: Theme;
  /** Poll interval of the Poller; default 150 ms so the screen follows the cluster quickly. */
  refreshMs?: number;
  /** The kcx state directory (delete backups); default a fresh temporary one, removed on close. */
  stateDir?: string;
  /** Stop the emulator listening before the TUI starts (cluster down at start). */
  downAtStart?: boolean;
  /** Faults in place before the TUI starts (a worker that wants credentials, say). */
  faultsAtStart?: FaultRule[];
}

export interface Harness {
  emulator: Emulator;
  client: ConnectClient;
  poller: Poller;
  context: ContextInfo;
  /** The state directory of this session (delete backups); a temporary one is removed on close. */
  stateDir: string;
  backups: BackupStore;
  /**
   * A connector's status as the emulator's next request would report it (due state transitions
   * applied first), or undefined when it has none.
   */
  status(name: string): ConnectorStateInfo | undefined;
  /** Every text handed to the clipboard, in order. */
  copies: string[];
  /** The last frame, with ANSI escapes. */
  raw(): string;
  /** The last frame, without ANSI escapes. */
  frame(): string;
  lines(): string[];
  /** Writes raw bytes to stdin (e.g. "jj", KEY.enter). */
  write(bytes: string): void;
  /** Writes one chunk per argument, waiting for the input queue to drain between them. */
  press(...chunks: string[]): Promise<void>;
  /** Resolves when the plain frame satisfies the predicate (or contains the string). */
  waitFor(what: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Resolves when `predicate` holds (polling), e.g. on the emulator's state. */
  until(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Resolves after `count` more polls have succeeded (the screen has seen the cluster since). */
  polls(count?: number): Promise<void>;
  /** Sets the terminal size and tells Ink about it, as a SIGWINCH would. */
  resize(columns: number, rows: number): void;
  close(): Promise<void>;
}

export const DEFAULT_CONFIG: ConnectorConfig = {
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
  'tasks.max': '2',
  file: '/tmp/out.txt',
  topics: 'lines',
};

/** A plain-text trace with a wrapper exception and a deeper cause. */
export function traceWithCause(marker: string): string {
  return [
    'org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask due to unrecoverable exception.',
    '\tat org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:632)',
    '\tat org.apache.kafka.connect.runtime.WorkerSinkTask.poll(WorkerSinkTask.java:350)',
    '\tat org.apache.kafka.connect.runtime.WorkerTask.run(WorkerTask.java:259)',
    'Caused by: org.apache.kafka.connect.errors.DataException: Converting byte[] failed',
    '\tat io.confluent.connect.avro.AvroConverter.toConnectData(AvroConverter.java:148)',
    '\t... 10 more',
    `Caused by: java.io.FileNotFoundException: /data/${marker}.txt (No such file or directory)`,
    '\tat java.base/java.io.FileInputStream.open0(Native Method)',
    '\tat java.base/java.io.FileInputStream.open(FileInputStream.java:216)',
    '\t... 12 more',
  ].join('\n');
}

export async function startTui(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ port: 0, startDelayMs: 0, ...options.emulator });
  for (const spec of options.connectors ?? []) {
    const config = { ...DEFAULT_CONFIG, ...spec.config } as ConnectorConfig;
    emulator.cluster.create(spec.name, config, spec.initial ?? 'RUNNING', true);
    for (const f of spec.failTasks ?? []) emulator.cluster.failTask(spec.name, f.task, f.trace);
    if (spec.failConnector)
      emulator.cluster.failConnector(
        spec.name,
        typeof spec.failConnector === 'string' ? spec.failConnector : undefined,
      );
    if (spec.pause) emulator.cluster.pause(spec.name);
  }
  emulator.cluster.settle();
  if (options.downAtStart) await emulator.faults.down();
  for (const rule of options.faultsAtStart ?? []) emulator.faults.add(rule);

  const context: ContextInfo = {
    name: 'test-ctx',
    url: emulator.url,
    production: false,
    readonly: false,
    ...options.context,
  };
  const client = new ConnectClient({
    url: emulator.url,
    context: context.name,
    readonly: context.readonly,
    timeouts: { requestMs: 2000 },
  });
  const refreshMs = options.refreshMs ?? 150;
  const poller = new Poller(client, { intervalMs: refreshMs, backoffInitialMs: 50, backoffMaxMs: 300 });
  const copies: string[] = [];
  const ownStateDir = options.stateDir === undefined;
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), 'kcx-tui-test-')));
  const backups = new BackupStore(stateDir);
  const services: Services = {
    client,
    poller,
    context,
    copy: async (text) => {
      copies.push(text);
      return 'test clipboard';
    },
    now: Date.now,
    backups,
  };
  const theme = options.theme ?? pickTheme({});
  const instance = render(
    <ThemeProvider theme={theme}>
      <ServicesProvider services={services}>
        <UiStateProvider>
          <App />
        </UiStateProvider>
      </ServicesProvider>
    </ThemeProvider>,
  );
  // ink-testing-library's stdout reports 100 columns and no rows (Ink would then ask the real
  // terminal); own properties shadow its getter, and 'resize' makes useWindowSize re-read them.
  const stdout = instance.stdout as unknown as EventEmitter & { columns: number; rows: number };
  const resize = (columns: number, rows: number) => {
    Object.defineProperty(stdout, 'columns', { value: columns, configurable: true, writable: true });
    Object.defineProperty(stdout, 'rows', { value: rows, configurable: true, writable: true });
    stdout.emit('resize');
  };
  resize(options.columns ?? 100, options.rows ?? 30);
  poller.start();

  const raw = () => instance.lastFrame() ?? '';
  const frame = () => stripVTControlCharacters(raw());
  const waitFor: Harness['waitFor'] = async (what, timeoutMs = 8000) => {
    const test =
      typeof what === 'string'
        ? (f: string) => f.includes(what)
        : what instanceof RegExp
          ? (f: string) => what.test(f)
          : what;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const f = frame();
      if (test(f)) return f;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${String(what)}; the last frame was:\n${f}`);
      await new Promise((r) => setTimeout(r, 15));
    }
  };
  const until: Harness['until'] = async (predicate, what, timeoutMs = 8000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; the last frame was:\n${frame()}`);
      await new Promise((r) => setTimeout(r, 15));
    }
  };
  // The input stack dispatches one key per timer turn; a few turns more than the keys is enough
  // for every key of a chunk to have been handled and its render committed.
  const settleKeys = async (count: number) => {
    for (let i = 0; i < count + 3; i++) await new Promise((r) => setTimeout(r, 5));
  };
  const write = (bytes: string) => instance.stdin.write(bytes);
  const press: Harness['press'] = async (...chunks) => {
    for (const chunk of chunks) {
      write(chunk);
      // A lone ESC waits for Ink's escape-sequence flush timer before it becomes a key.
      await settleKeys(chunk === KEY.escape ? 12 : [...chunk].length);
    }
  };
  const polls: Harness['polls'] = async (count = 2) => {
    let seen = 0;
    let last = poller.state.lastSuccessAt;
    await until(() => {
      const at = poller.state.lastSuccessAt;
      if (at !== undefined && at !== last && !poller.state.stale) {
        seen++;
        last = at;
      }
      return seen >= count;
    }, `${count} successful polls`);
  };
  let closed = false;
  return {
    emulator,
    client,
    poller,
    context,
    stateDir,
    backups,
    status: (name) => {
      emulator.cluster.tick();
      return emulator.cluster.status(name);
    },
    copies,
    raw,
    frame,
    lines: () => frame().split('\n'),
    write,
    press,
    waitFor,
    until,
    polls,
    resize,
    close: async () => {
      if (closed) return;
      closed = true;
      poller.stop();
      instance.unmount();
      instance.cleanup();
      await client.close();
      await emulator.faults.up();
      await emulator.close();
      if (ownStateDir) await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** Display width of a line (cells), ANSI escapes ignored. */
export const cells = (line: string): number => stringWidth(stripVTControlCharacters(line));

/** The display column (0-based cell) where `needle` starts in `line`, or -1. */
export function cellColumn(line: string, needle: string): number {
  const plain = stripVTControlCharacters(line);
  const i = plain.indexOf(needle);
  return i < 0 ? -1 : stringWidth(plain.slice(0, i));
}

/** The cells [start, end) of a line (display cells, wide characters counting two), ANSI escapes ignored. */
export function sliceCells(line: string, start: number, end = Number.POSITIVE_INFINITY): string {
  let at = 0;
  let out = '';
  for (const ch of stripVTControlCharacters(line)) {
    const w = stringWidth(ch);
    if (at >= start && at + w <= end) out += ch;
    at += w;
  }
  return out;
}

/**
 * What a table row shows under each column title of `header` (trimmed), read by display cells: a
 * value that is not exactly under its title comes out cut or in the wrong column.
 */
export function columnsOf(header: string, row: string, titles: string[]): Record<string, string> {
  const starts = titles.map((t) => cellColumn(header, t));
  const out: Record<string, string> = {};
  titles.forEach((title, i) => {
    const next = starts.filter((s) => s > starts[i]!).sort((a, b) => a - b)[0];
    out[title] = sliceCells(row, starts[i]!, next).trim();
  });
  return out;
}

/** The line of the frame that contains `needle` (first one), or undefined. */
export function lineWith(frame: string, needle: string): string | undefined {
  return frame.split('\n').find((l) => l.includes(needle));
}

/** One printed character and the SGR state it was printed with. */
export interface StyledChar {
  ch: string;
  /** The foreground colour's SGR parameters ("31", "93", "38;5;208"), undefined for the default. */
  fg?: string;
  bg?: string;
  inverse: boolean;
  bold: boolean;
  underline: boolean;
}

/** The raw line (with escapes) whose plain text contains `needle`. */
export function rawLineWith(raw: string, needle: string): string | undefined {
  return raw.split('\n').find((l) => stripVTControlCharacters(l).includes(needle));
}

/** Reads a line with ANSI escapes back into characters with their style. */
export function styledChars(rawLine: string): StyledChar[] {
  const out: StyledChar[] = [];
  let state: Omit<StyledChar, 'ch'> = { inverse: false, bold: false, underline: false };
  const re = /\u001b\[([0-9;]*)m/y;
  let i = 0;
  while (i < rawLine.length) {
    re.lastIndex = i;
    const m = re.exec(rawLine);
    if (m) {
      const params = m[1] === '' ? ['0'] : m[1]!.split(';');
      for (let p = 0; p < params.length; p++) {
        const code = Number(params[p]);
        if (code === 0) state = { inverse: false, bold: false, underline: false };
        else if (code === 1) state = { ...state, bold: true };
        else if (code === 22) state = { ...state, bold: false };
        else if (code === 4) state = { ...state, underline: true };
        else if (code === 24) state = { ...state, underline: false };
        else if (code === 7) state = { ...state, inverse: true };
        else if (code === 27) state = { ...state, inverse: false };
        else if (code === 39) state = { ...state, fg: undefined };
        else if (code === 49) state = { ...state, bg: undefined };
        else if (code === 38 || code === 48) {
          const n = params[p + 1] === '5' ? 2 : 4;
          const value = params.slice(p, p + 1 + n).join(';');
          state = code === 38 ? { ...state, fg: value } : { ...state, bg: value };
          p += n;
        } else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97))
          state = { ...state, fg: String(code) };
        else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107))
          state = { ...state, bg: String(code) };
      }
      i = re.lastIndex;
      continue;
    }
    const ch = String.fromCodePoint(rawLine.codePointAt(i)!);
    out.push({ ch, ...state });
    i += ch.length;
  }
  return out;
}

/** SGR parameters in `raw` that set a colour (foreground or background). */
export function colourCodes(raw: string): string[] {
  const found: string[] = [];
  for (const m of raw.matchAll(/\u001b\[([0-9;]*)m/g)) {
    const params = m[1]!.split(';').map(Number);
    for (let p = 0; p < params.length; p++) {
      const code = params[p]!;
      if (code === 38 || code === 48) {
        found.push(params.slice(p, p + (params[p + 1] === 5 ? 3 : 5)).join(';'));
        p += params[p + 1] === 5 ? 2 : 4;
      } else if (
        (code >= 30 && code <= 37) ||
        (code >= 90 && code <= 97) ||
        (code >= 40 && code <= 47) ||
        (code >= 100 && code <= 107)
      )
        found.push(String(code));
    }
  }
  return found;
}

/** The runs of text drawn in inverse video in a raw line, e.g. the focused button of a dialog. */
export function inverseRuns(rawLine: string): string[] {
  const runs: string[] = [];
  let current = '';
  for (const c of styledChars(rawLine)) {
    if (c.inverse) current += c.ch;
    else if (current !== '') {
      runs.push(current);
      current = '';
    }
  }
  if (current !== '') runs.push(current);
  return runs;
}

/**
 * The body line the cursor is on (drawn in inverse video), without escapes. The header's context
 * chip and the breadcrumbs (the first three lines) are skipped.
 */
export function selectedLine(raw: string): string | undefined {
  const lines = raw.split('\n').slice(3);
  const hit = lines.find((l) => styledChars(l).some((c) => c.inverse && c.ch.trim() !== ''));
  return hit === undefined ? undefined : stripVTControlCharacters(hit);
}
