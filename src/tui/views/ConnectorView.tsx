// One connector: status, tasks (id, state, worker, one-line error), topics, config summary with
// secrets masked. Follows the live snapshot; if the connector disappears, goes back with a message.
import { Box, Text } from 'ink';
import { type ReactNode, useEffect, useState } from 'react';
import { describeError } from '../../connect/errors.js';
import { maskConfig } from '../../domain/masking.js';
import { oneLineError } from '../../domain/trace.js';
import { isConnectorAction, useActions } from '../actions-context.js';
import { useUiDispatch } from '../app-state.js';
import { useKeys } from '../input-stack.js';
import { commandFor } from '../keymap.js';
import { moveCursor } from '../list-cursor.js';
import { usePollerState, useServices } from '../services.js';
import { fitCells } from '../../domain/text-fit.js';
import { stateColour } from '../theme.js';
import { useTheme } from '../theme-context.js';
import { useConnectorConfig } from '../use-connector-config.js';
import { useCopy } from '../use-copy.js';
import { useCreateFlows } from '../editor/use-create-flows.js';

export function ConnectorView({
  name,
  width,
  height,
}: {
  name: string;
  width: number;
  height: number;
}): ReactNode {
  const theme = useTheme();
  const dispatch = useUiDispatch();
  const actions = useActions();
  const { client } = useServices();
  const copyText = useCopy();
  const create = useCreateFlows();
  const { snapshot } = usePollerState();
  const row = snapshot?.byName.get(name);
  const [cursor, setCursor] = useState(0);
  const [topics, setTopics] = useState<string[] | string | undefined>();
  const live = useConnectorConfig(name);

  useEffect(() => {
    let cancelled = false;
    const caps = client.knownCapabilities;
    if (caps && !caps.supports('topics')) {
      setTopics(caps.reason('topics') ?? 'not supported');
      return;
    }
    client
      .connectorTopics(name)
      .then((t) => !cancelled && setTopics(t))
      .catch((e: unknown) => !cancelled && setTopics(describeError(e)));
    return () => {
      cancelled = true;
    };
  }, [client, name]);

  // Deleted by someone else while open: back to the list, saying so.
  useEffect(() => {
    if (snapshot && !row && !snapshot.skipped.includes(name)) {
      dispatch({ type: 'home' });
      dispatch({
        type: 'notice',
        notice: { tone: 'warn', text: `"${name}" no longer exists on the cluster (deleted elsewhere?)` },
      });
    }
  }, [snapshot, row, name, dispatch]);

  const tasks = row?.tasks ?? [];
  const failedConnector = row?.status.connector.state === 'FAILED' && row.status.connector.trace;
  // The first entry is the connector itself when it carries a trace.
  const entries: (number | null)[] = [...(failedConnector ? [null] : []), ...tasks.map((t) => t.id)];
  const safeCursor = Math.min(cursor, Math.max(0, entries.length - 1));

  useKeys((key) => {
    const binding = commandFor('connector', key.name);
    if (!binding) return false;
    const moved = moveCursor(binding.command, safeCursor, entries.length, 5);
    if (moved !== undefined) {
      setCursor(moved);
      return true;
    }
    if (isConnectorAction(binding.command)) {
      actions.request(binding.command, [name], {});
      return true;
    }
    switch (binding.command) {
      case 'open': {
        const entry = entries[safeCursor];
        if (entry === undefined) return true;
        const task = entry === null ? undefined : tasks.find((t) => t.id === entry);
        if (entry !== null && !task?.trace) {
          dispatch({
            type: 'notice',
            notice: { tone: 'info', text: `task ${entry} is ${task?.state ?? 'unknown'} — no trace` },
          });
          return true;
        }
        dispatch({ type: 'push', route: { view: 'trace', name, task: entry } });
        return true;
      }
      case 'config':
        dispatch({ type: 'push', route: { view: 'config', name } });
        return true;
      case 'topics':
        dispatch({ type: 'push', route: { view: 'topics', name } });
        return true;
      case 'edit':
      case 'editExternal':
        if (actions.allowed('editing the config'))
          dispatch({
            type: 'push',
            route: {
              view: 'editor',
              start: { kind: 'edit', name, external: binding.command === 'editExternal' },
            },
          });
        return true;
      case 'clone':
        create.clone(name);
        return true;
      case 'offsets':
        // Opens on old clusters too: the view explains the connect-offsets layout there.
        dispatch({ type: 'push', route: { view: 'offsets', name } });
        return true;
      case 'copy':
        copyText(name, `"${name}"`);
        return true;
      default:
        return false;
    }
  });

  if (!row) {
    return (
      <Text color={theme.muted}>{snapshot ? `Waiting for "${name}" to report a status…` : 'Loading…'}</Text>
    );
  }

  const config = live.config ? maskConfig(live.config) : {};
  const configKeys = Object.keys(config).sort();
  const fixedLines = 6 + Math.max(1, entries.length);
  const configRows = Math.max(0, height - fixedLines - 1);
  const idW = 5;
  const stateW = 11;
  const workerW = Math.min(18, Math.max(10, Math.floor(width / 5)));
  const errW = Math.max(10, width - idW - stateW - workerW - 4);

  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold>{row.name}</Text>
        {'  '}
        <Text color={stateColour(theme, row.state)}>{row.state}</Text>
        {'  '}
        <Text color={stateColour(theme, row.health)}>{row.health}</Text>
        <Text color={theme.muted}>{`  ${row.type} · ${row.pluginClass || '?'} · on ${row.worker}`}</Text>
      </Text>
      <Text
        color={theme.muted}
        wrap="truncate-end"
      >{`tasks ${row.tasksRunning}/${row.tasksTotal} running${row.tasksFailed ? `, ${row.tasksFailed} failed` : ''}`}</Text>
      <Text
        color={theme.muted}
        wrap="truncate-end"
      >{`${fitCells('ID', idW)} ${fitCells('STATE', stateW)} ${fitCells('WORKER', workerW)} ERROR`}</Text>
      {entries.length === 0 ? <Text color={theme.muted}>(no tasks)</Text> : null}
      {entries.map((entry, i) => {
        const selected = i === safeCursor;
        if (entry === null) {
          const c = row.status.connector;
          return (
            <Text key="connector" inverse={selected} wrap="truncate-end">
              {fitCells('conn', idW)}{' '}
              <Text color={stateColour(theme, c.state)}>{fitCells(c.state, stateW)}</Text>{' '}
              {fitCells(c.worker_id, workerW)}{' '}
              <Text color={theme.error}>{fitCells(oneLineError(c.trace), errW)}</Text>
            </Text>
          );
        }
        const t = tasks.find((x) => x.id === entry)!;
        return (
          <Text key={t.id} inverse={selected} wrap="truncate-end">
            {fitCells(String(t.id), idW)}{' '}
            <Text color={stateColour(theme, t.state)}>{fitCells(t.state, stateW)}</Text>{' '}
            {fitCells(t.worker_id, workerW)}{' '}
            <Text color={theme.error}>{fitCells(oneLineError(t.trace), errW)}</Text>
          </Text>
        );
      })}
      <Text wrap="truncate-end">
        <Text color={theme.muted}>topics </Text>
        {topics === undefined ? (
          '…'
        ) : typeof topics === 'string' ? (
          <Text color={theme.muted}>{topics}</Text>
        ) : (
          topics.join(', ') || '(none yet)'
        )}
      </Text>
      <Text color={theme.muted} wrap="truncate-end">
        {live.config
          ? `config (${configKeys.length} keys, secrets masked; c for all)${live.error ? ` — may be out of date: ${live.error}` : ''}`
          : live.error
            ? `config: ${live.error}`
            : 'config …'}
      </Text>
      {configKeys.slice(0, configRows).map((k) => (
        <Text key={k} wrap="truncate-end">
          <Text color={theme.accent}>{k}</Text>
          {` = ${config[k]}`}
        </Text>
      ))}
    </Box>
  );
}
