// Starts the TUI on a client: alternate screen, live poller, and the terminal restored on exit,
// on Ctrl-C and on a crash.
import { render } from 'ink';
import type { ConnectClient } from '../connect/client.js';
import { stateDir } from '../config/paths.js';
import { auditClient } from '../domain/audit.js';
import { BackupStore } from '../domain/backups.js';
import { Poller } from '../domain/poller.js';
import { App } from './App.js';
import { UiStateProvider } from './app-state.js';
import { copyToClipboard } from './clipboard.js';
import { type ContextInfo, ServicesProvider, type Services } from './services.js';
import { pickTheme } from './theme.js';
import { ThemeProvider } from './theme-context.js';

export interface TuiOptions {
  client: ConnectClient;
  context: ContextInfo;
  refreshMs: number;
}

export async function runTui({ client, context, refreshMs }: TuiOptions): Promise<number> {
  const poller = new Poller(client, { intervalMs: refreshMs, random: Math.random });
  const state = stateDir();
  const services: Services = {
    client,
    poller,
    context,
    copy: (text) => copyToClipboard(text),
    now: Date.now,
    backups: new BackupStore(state),
    audit: auditClient(client, context.name, state),
  };
  const instance = render(
    <ThemeProvider theme={pickTheme()}>
      <ServicesProvider services={services}>
        <UiStateProvider>
          <App />
        </UiStateProvider>
      </ServicesProvider>
    </ThemeProvider>,
    {
      alternateScreen: true,
      // Ink treats CI=true as non-interactive; a real terminal is interactive whatever CI says.
      interactive: Boolean(process.stdout.isTTY),
      exitOnCtrlC: true,
      patchConsole: true,
      incrementalRendering: true,
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
  poller.start();
  try {
    await instance.waitUntilExit();
  } finally {
    poller.stop();
    await client.close();
  }
  return 0;
}
