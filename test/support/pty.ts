// Drives the built `kcx` binary in a real PTY and reads the screen back through a headless xterm,
// the way a person at a terminal would see it. Used by the end-to-end tests and the benchmarks.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type IPty, spawn } from '@lydell/node-pty';
import xtermHeadless from '@xterm/headless';
import { applyCurrentUnicodeWidths } from './unicode-widths.js';

const { Terminal } = xtermHeadless;

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const KCX_BIN = resolve(REPO_ROOT, 'bin/kcx.js');

/** Key names → the bytes a terminal sends for them. */
export const KEYS = {
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  backspace: '\u007f',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  home: '\u001b[H',
  end: '\u001b[F',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  ctrlR: '\u0012',
  ctrlS: '\u0013',
  space: ' ',
} as const;

export interface SpawnOptions {
  cols?: number;
  rows?: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface Exit {
  exitCode: number;
  signal?: number;
}

export interface KcxTerminal {
  readonly pty: IPty;
  /** Every byte the program wrote so far, as received. */
  readonly output: () => string;
  /** Bytes written by the program since launch (UTF-8). */
  readonly bytesWritten: () => number;
  /** The visible screen, one string per row, trailing spaces trimmed. */
  lines(): string[];
  /** The visible screen as one string (rows joined by newlines). */
  screen(): string;
  /** Types text or key bytes. */
  write(data: string): void;
  /** Presses one of KEYS. */
  press(key: keyof typeof KEYS, times?: number): void;
  resize(cols: number, rows: number): void;
  /** Resolves with the screen once `match` is on it; rejects with the screen after `timeoutMs`. */
  waitFor(match: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Resolves once nothing has been written for `quietMs`. */
  settle(quietMs?: number, timeoutMs?: number): Promise<void>;
  /** Per screen row, the characters drawn in inverse video (the selection, a focused button), trimmed. */
  highlighted(): string[];
  /** Screen rows that are the continuation of the row above: something was wider than the terminal. */
  wrappedRows(): number[];
  /**
   * The cell (0-based column) where `text` starts on screen row `row`, or -1. Unlike an index into
   * lines()[row], it counts a wide character (Hangul, emoji) as the two cells it covers.
   */
  cellColumn(row: number, text: string): number;
  readonly exited: Promise<Exit>;
  /** Kills the program (if still running) and releases the terminal. */
  close(): Promise<void>;
}

export function assertBuilt(): void {
  if (!existsSync(resolve(REPO_ROOT, 'dist/kcx.js'))) {
    throw new Error('dist/kcx.js is missing: run `npm run build` (npm test does it first)');
  }
}

/** Starts `node bin/kcx.js ...args` in a PTY of the given size. */
export function spawnKcx(args: string[], options: SpawnOptions = {}): KcxTerminal {
  assertBuilt();
  return spawnInTerminal(process.execPath, [KCX_BIN, ...args], options);
}

/** Starts any program in a PTY of the given size (e.g. a shell running `kcx … | cat`). */
export function spawnInTerminal(file: string, args: string[], options: SpawnOptions = {}): KcxTerminal {
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 24;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, TERM: 'xterm-256color', ...options.env })) {
    if (v !== undefined) env[k] = v;
  }
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  applyCurrentUnicodeWidths(term);
  const pty = spawn(file, args, {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: options.cwd ?? REPO_ROOT,
    env,
  });
  let raw = '';
  let bytes = 0;
  let lastWrite = Date.now();
  const waiters = new Set<() => void>();
  pty.onData((data) => {
    raw += data;
    bytes += Buffer.byteLength(data);
    lastWrite = Date.now();
    term.write(data, () => {
      // Ink brackets each frame in synchronized-output mode (DEC 2026): a frame that arrives in
      // several chunks is only looked at once it is complete, as a real terminal would show it.
      if (term.modes.synchronizedOutputMode) return;
      for (const w of [...waiters]) w();
    });
  });
  const exited = new Promise<Exit>((res) => {
    pty.onExit((e) => {
      res(e.signal ? { exitCode: e.exitCode, signal: e.signal } : { exitCode: e.exitCode });
      for (const w of [...waiters]) w();
    });
  });
  let done = false;
  void exited.then(() => {
    done = true;
  });

  const lines = (): string[] => {
    const buffer = term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < term.rows; y++) {
      out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    }
    return out;
  };
  const screen = () => lines().join('\n');

  const highlighted = (): string[] => {
    const buffer = term.buffer.active;
    const cell = buffer.getNullCell();
    const out: string[] = [];
    for (let y = 0; y < term.rows; y++) {
      const line = buffer.getLine(buffer.viewportY + y);
      let text = '';
      for (let x = 0; line && x < term.cols; x++) {
        line.getCell(x, cell);
        if (cell.getWidth() === 0) continue;
        text += cell.isInverse() ? cell.getChars() || ' ' : ' ';
      }
      out.push(text.trim().replace(/ {2,}/g, ' '));
    }
    return out;
  };

  const wrappedRows = (): number[] => {
    const buffer = term.buffer.active;
    const out: number[] = [];
    for (let y = 0; y < term.rows; y++) if (buffer.getLine(buffer.viewportY + y)?.isWrapped) out.push(y);
    return out;
  };

  const cellColumn = (row: number, text: string): number => {
    const line = term.buffer.active.getLine(term.buffer.active.viewportY + row);
    if (!line) return -1;
    const cell = term.buffer.active.getNullCell();
    let chars = '';
    // The cell each UTF-16 unit of `chars` was drawn in.
    const cellAt: number[] = [];
    for (let x = 0; x < term.cols; x++) {
      line.getCell(x, cell);
      if (cell.getWidth() === 0) continue;
      const c = cell.getChars() || ' ';
      chars += c;
      for (let i = 0; i < c.length; i++) cellAt.push(x);
    }
    const at = chars.indexOf(text);
    return at < 0 ? -1 : (cellAt[at] ?? -1);
  };

  const waitFor: KcxTerminal['waitFor'] = (match, timeoutMs = 10_000) => {
    const test =
      typeof match === 'function'
        ? match
        : typeof match === 'string'
          ? (s: string) => s.includes(match)
          : (s: string) => match.test(s);
    return new Promise((res, rej) => {
      const check = () => {
        const s = screen();
        if (test(s)) {
          finish();
          res(s);
        } else if (done) {
          finish();
          rej(
            new Error(
              `kcx exited while waiting for ${String(match)}; screen:\n${s}\n--- raw tail:\n${raw.slice(-2000)}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        finish();
        rej(new Error(`timed out after ${timeoutMs} ms waiting for ${String(match)}; screen:\n${screen()}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  };

  const settle: KcxTerminal['settle'] = (quietMs = 300, timeoutMs = 10_000) =>
    new Promise((res, rej) => {
      const started = Date.now();
      const poll = () => {
        const now = Date.now();
        if (now - lastWrite >= quietMs) return res();
        if (now - started > timeoutMs) return rej(new Error(`screen still changing after ${timeoutMs} ms`));
        setTimeout(poll, Math.min(50, quietMs));
      };
      poll();
    });

  return {
    pty,
    output: () => raw,
    bytesWritten: () => bytes,
    lines,
    screen,
    highlighted,
    wrappedRows,
    cellColumn,
    write: (data) => pty.write(data),
    press: (key, times = 1) => {
      for (let i = 0; i < times; i++) pty.write(KEYS[key]);
    },
    resize: (c, r) => {
      pty.resize(c, r);
      term.resize(c, r);
    },
    waitFor,
    settle,
    exited,
    close: async () => {
      if (!done) {
        pty.kill();
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      }
      term.dispose();
    },
  };
}
