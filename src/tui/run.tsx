// Starts the TUI on a client: alternate screen, live poller, and the terminal restored on exit,
// on Ctrl-C and on a crash. `:ctx NAME` swaps the whole session (client, poller, backups, audit)
// for another context's, with fresh UI state.
import { render } from 'ink';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import type { ConnectClient } from '../connect/client.js';
import { describeError } from '../connect/errors.js';
import { stateDir } from '../config/paths.js';
import { auditClient } from '../domain/audit.js';
import { BackupStore } from '../domain/backups.js';
import { Poller } from '../domain/poller.js';
import { IncrementalSnapshots } from '../domain/incremental-snapshots.js';
import { App } from './App.js';
import { UiStateProvider } from './app-state.js';
import { copyToClipboard } from './clipboard.js';
import { keepYoungGenerationSmall } from './heap-tuning.js';
import { type ContextInfo, ServicesProvider, type Services } from './services.js';
import { pickTheme } from './theme.js';
import { ThemeProvider } from './theme-context.js';

/** Another context, opened for `:ctx NAME`. */
export interface OpenedContext {
  client: ConnectClient;
  context: ContextInfo;
}

export interface TuiOptions extends OpenedContext {
  refreshMs: number;
  /** Resolves a context by name (from the contexts file); throws with a message when it cannot. */
  openContext?: (name: string) => Promise<OpenedContext>;
  /** The context names `:ctx` completes. */
  contextNames?: () => string[];
}

function sessionFor(
  { client, context }: OpenedContext,
  refreshMs: number,
  extra: Pick<Services, 'switchContext' | 'contextNames'>,
): Services {
  const state = stateDir();
  return {
    client,
    // Each refresh parses only the connectors whose bytes changed, in slices that let keystrokes in.
    poller: new Poller(
      // KCX_SNAPSHOTS=full parses the whole listing on every refresh instead (a diagnosis aid; the
      // figures in bench/ compare the two).
      process.env.KCX_SNAPSHOTS === 'full' ? client : new IncrementalSnapshots(client),
      {
        intervalMs: refreshMs,
        random: Math.random,
      },
    ),
    context,
    copy: (text) => copyToClipboard(text),
    now: Date.now,
    backups: new BackupStore(state),
    audit: auditClient(client, context.name, state),
    ...extra,
  };
}

function Root({ options, onSession }: { options: TuiOptions; onSession: (s: Services) => void }): ReactNode {
  const { openContext, contextNames, refreshMs } = options;
  const [services, setServices] = useState<Services>(() =>
    sessionFor(options, refreshMs, { ...(contextNames ? { contextNames } : {}) }),
  );

  const switchContext = useCallback(
    async (name: string): Promise<string | undefined> => {
      if (!openContext) return 'this console has no contexts file to switch with';
      let opened: OpenedContext;
      try {
        opened = await openContext(name);
      } catch (e) {
        return describeError(e);
      }
      setServices((old) => {
        old.poller.close();
        void old.client.close();
        return sessionFor(opened, refreshMs, { ...(contextNames ? { contextNames } : {}) });
      });
      return undefined;
    },
    [openContext, contextNames, refreshMs],
  );

  useEffect(() => {
    onSession(services);
    services.poller.start();
    return () => services.poller.stop();
  }, [services, onSession]);

  const withSwitch = useMemo(() => ({ ...services, switchContext }), [services, switchContext]);
  return (
    <ServicesProvider services={withSwitch}>
      {/* A new context starts with fresh UI state: marks and filters belong to one cluster. */}
      <UiStateProvider key={`${services.context.name} ${services.context.url}`}>
        <App />
      </UiStateProvider>
    </ServicesProvider>
  );
}

export async function runTui(options: TuiOptions): Promise<number> {
  keepYoungGenerationSmall();
  let current: Services | undefined;
  const instance = render(
    <ThemeProvider theme={pickTheme()}>
      <Root
        options={options}
        onSession={(s) => {
          current = s;
        }}
      />
    </ThemeProvider>,
    {
      alternateScreen: true,
      // Ink treats CI=true as non-interactive; a real terminal is interactive whatever CI says.
      interactive: Boolean(process.stdout.isTTY),
      exitOnCtrlC: true,
      patchConsole: true,
      incrementalRendering: true,
      // Ink's default 30 fps holds a keystroke's frame back up to 33 ms after the previous frame.
      maxFps: 60,
    },
  );
  const crash = (err: unknown) => {
    instance.unmount();
    process.stdout.write('\u001b[?1049l\u001b[?25h');
    process.stderr.write(`kcx crashed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  try {
    await instance.waitUntilExit();
  } finally {
    current?.poller.close();
    await (current?.client ?? options.client).close();
  }
  return 0;
}
