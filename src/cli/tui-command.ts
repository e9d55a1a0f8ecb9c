// `kcx` (the TUI on a cluster) and `kcx demo` (the TUI on the built-in emulated cluster).
import { ConnectClient } from '../connect/client.js';
import { loadContexts } from '../config/contexts-file.js';
import { clientFor, type ResolvedContext, resolveContext } from '../config/resolve.js';
import { runCommand } from './failure.js';
import { keepStylesInTerminal } from './terminal-styles.js';

export interface TuiCommandOptions {
  url?: string;
  context?: string;
  readonly?: boolean;
  refresh: number;
  /** Per request, ms. */
  timeout?: number;
}

function contextInfo(ctx: ResolvedContext, client: ConnectClient) {
  return {
    name: ctx.name,
    url: client.url,
    production: ctx.production,
    readonly: ctx.readonly,
    ...(ctx.colour ? { colour: ctx.colour } : {}),
  };
}

/** The client for the console: a request that hangs fails after --timeout, not the default. */
function consoleClient(ctx: ResolvedContext, timeout: number | undefined): ConnectClient {
  return clientFor(ctx, timeout === undefined ? {} : { timeouts: { requestMs: timeout } });
}

/** `:ctx NAME` in the console: any context of the contexts file (--readonly and --timeout still apply). */
function contextSwitching(opts: { readonly?: boolean; timeout?: number }) {
  return {
    openContext: async (name: string) => {
      // Warnings (a loose file mode) were printed at start; the screen is the console's now.
      const ctx = await resolveContext({ context: name, readonly: opts.readonly === true }, process.env, {
        warn: () => {},
      });
      const client = consoleClient(ctx, opts.timeout);
      return { client, context: contextInfo(ctx, client) };
    },
    contextNames: () => {
      try {
        return loadContexts().file.contexts.map((c) => c.name);
      } catch {
        return [];
      }
    },
  };
}

function requireTerminal(): boolean {
  if (process.stdout.isTTY && process.stdin.isTTY) {
    keepStylesInTerminal();
    return true;
  }
  process.stderr.write(
    'kcx: the console needs a terminal (stdin and stdout must be a TTY); in scripts use the commands, e.g. kcx get connectors (kcx --help lists them)\n',
  );
  process.exitCode = 2;
  return false;
}

export async function runTuiCommand(opts: TuiCommandOptions): Promise<void> {
  if (!requireTerminal()) return;
  // A bad context is reported like in every other command (exit 2), before the screen is taken over.
  await runCommand(async () => {
    const ctx = await resolveContext(opts);
    const client = consoleClient(ctx, opts.timeout);
    const { runTui } = await import('../tui/run.js');
    return runTui({
      client,
      context: contextInfo(ctx, client),
      refreshMs: opts.refresh,
      ...contextSwitching(opts),
    });
  });
}

export interface DemoOptions {
  connectors: number;
  port: number;
  refresh: number;
  readonly?: boolean;
  version: string;
}

export async function runDemoCommand(opts: DemoOptions): Promise<void> {
  if (!requireTerminal()) return;
  const { startEmulator } = await import('../emulator/index.js');
  const emulator = await startEmulator({
    connectors: opts.connectors,
    port: opts.port,
    startDelayMs: 400,
    version: opts.version,
  });
  const client = new ConnectClient({ url: emulator.url, context: 'demo', readonly: opts.readonly ?? false });
  const { runTui } = await import('../tui/run.js');
  try {
    await runTui({
      client,
      context: {
        name: 'demo',
        url: emulator.url,
        production: false,
        readonly: opts.readonly ?? false,
        colour: 'green',
      },
      refreshMs: opts.refresh,
      ...contextSwitching(opts),
    });
  } finally {
    await emulator.close();
  }
}
