// The app shell: header, breadcrumbs, the current view (or a dialog over it), command line, footer.
// Keys nobody consumed fall through to the global handler at the bottom of the stack.
import { Box, useApp, useWindowSize } from 'ink';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { ActionsProvider, useActions } from './actions-context.js';
import { currentRoute, type Route, useUi, useUiDispatch } from './app-state.js';
import { Breadcrumbs } from './components/Breadcrumbs.js';
import { CommandLine } from './components/CommandLine.js';
import { DialogHost } from './components/DialogHost.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { InputProvider, type KeyHandler } from './input-stack.js';
import { commandFor, type ViewId } from './keymap.js';
import { useServices } from './services.js';
import { ViewSwitch } from './views/ViewSwitch.js';

export function viewOf(route: Route): ViewId {
  return route.view;
}

export function App(): ReactNode {
  return (
    <ActionsProvider>
      <Shell />
    </ActionsProvider>
  );
}

function Shell(): ReactNode {
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const ui = useUi();
  const dispatch = useUiDispatch();
  const actions = useActions();
  const { poller, client, context, switchContext, contextNames } = useServices();
  const [commandLine, setCommandLine] = useState(false);
  const [version, setVersion] = useState<string | undefined>();
  const route = currentRoute(ui);
  const view = viewOf(route);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      client
        .serverInfo()
        .then((info) => !cancelled && setVersion(info.version))
        .catch(() => {
          // Retried with the next successful poll; the header says "Connect ?" meanwhile.
        });
    void load();
    const unsubscribe = poller.subscribe((u) => {
      if (u.staleChanged && !u.state.stale) void load();
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [client, poller]);

  const switchTo = useCallback(
    (name: string | undefined) => {
      const names = contextNames?.() ?? [];
      if (!name) {
        dispatch({
          type: 'notice',
          notice: {
            tone: 'info',
            text:
              names.length > 0
                ? `contexts: ${names.join(', ')} — :ctx NAME switches`
                : 'no contexts file: see kcx ctx add',
          },
        });
        return;
      }
      if (!switchContext) return;
      dispatch({ type: 'notice', notice: { tone: 'info', text: `switching to ${name}…` } });
      void switchContext(name).then((error) => {
        if (error)
          dispatch({ type: 'notice', notice: { tone: 'error', text: `cannot switch to ${name}: ${error}` } });
      });
    },
    [contextNames, switchContext, dispatch],
  );

  const runCommand = useCallback(
    (command: string) => {
      setCommandLine(false);
      const ctx = /^ctx(?:\s+(.+))?$/.exec(command.trim());
      if (ctx) {
        switchTo(ctx[1]?.trim());
        return;
      }
      // A view already on top is not stacked again (`:loggers` on the loggers view).
      const go = (r: Route) => {
        if (r.view === view) return;
        dispatch({ type: r.view === 'connectors' ? 'home' : 'push', route: r });
      };
      switch (command) {
        case 'connectors':
          dispatch({ type: 'home' });
          return;
        case 'cluster':
          go({ view: 'cluster' });
          return;
        case 'plugins':
          go({ view: 'plugins' });
          return;
        case 'topics':
          go({ view: 'topicMap' });
          return;
        case 'workers':
          go({ view: 'workers' });
          return;
        case 'loggers':
          go({ view: 'loggers' });
          return;
        case 'help':
          go({ view: 'help', of: view });
          return;
        case 'quit':
        case 'q':
          exit();
          return;
        default:
          dispatch({
            type: 'notice',
            notice: { tone: 'warn', text: `unknown command ":${command}" — try Tab` },
          });
      }
    },
    [dispatch, exit, view, switchTo],
  );

  const fallback: KeyHandler = (key) => {
    const binding = commandFor(view, key.name);
    switch (binding?.command) {
      case 'help':
        if (view !== 'help') dispatch({ type: 'push', route: { view: 'help', of: view } });
        return true;
      case 'commandLine':
        setCommandLine(true);
        return true;
      case 'refresh':
        dispatch({ type: 'notice', notice: { tone: 'info', text: 'refreshing…' } });
        void poller.refreshNow().then(() => dispatch({ type: 'notice', notice: undefined }));
        return true;
      case 'back':
        if (ui.stack.length > 1) dispatch({ type: 'pop' });
        return true;
      case 'quit':
        if (ui.stack.length > 1) dispatch({ type: 'pop' });
        else exit();
        return true;
      default:
        return false;
    }
  };

  const headerHeight = 2;
  const footerHeight = 2;
  const bodyHeight = Math.max(3, rows - headerHeight - 1 - footerHeight - (commandLine ? 1 : 0));
  return (
    <InputProvider fallback={fallback}>
      <Box flexDirection="column" width={columns} height={rows}>
        <Header version={version} />
        <Breadcrumbs context={context.name} stack={ui.stack} />
        {/* Clipped top and bottom only: the views fit their lines to the width themselves, and a
            horizontal clip makes Ink re-tokenise every line of every frame. */}
        <Box flexDirection="column" height={bodyHeight} overflowY="hidden">
          <Box display={actions.dialog ? 'none' : 'flex'} flexDirection="column">
            <ViewSwitch route={route} width={columns} height={bodyHeight} />
          </Box>
          {actions.dialog ? (
            <DialogHost
              dialog={actions.dialog}
              onClose={actions.closeDialog}
              width={columns}
              height={bodyHeight}
            />
          ) : null}
        </Box>
        {commandLine ? <CommandLine onRun={runCommand} onCancel={() => setCommandLine(false)} /> : null}
        <Footer view={view} notice={ui.notice} />
      </Box>
    </InputProvider>
  );
}
