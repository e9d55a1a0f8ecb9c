// `:workers` — each worker with its connectors, tasks, failed counts and imbalance against the
// mean; Enter lists what runs on it, and from there Enter opens the connector.
import { Box, Text } from 'ink';
import { type ReactNode, useState } from 'react';
import { assignmentsOn, formatImbalance, workerLoads } from '../../domain/workers.js';
import { useUiDispatch } from '../app-state.js';
import { ListWindow } from '../components/ListWindow.js';
import { useKeys } from '../input-stack.js';
import { commandFor, type ViewId } from '../keymap.js';
import { moveCursor } from '../list-cursor.js';
import { usePollerState } from '../services.js';
import { fitCells } from '../../domain/text-fit.js';
import { stateColour } from '../theme.js';
import { useTheme } from '../theme-context.js';

/** Cursor movement and Enter over a list of `count` rows. */
function useListKeys(view: ViewId, count: number, page: number, onOpen: (index: number) => void) {
  const [cursor, setCursor] = useState(0);
  const safe = Math.min(cursor, Math.max(0, count - 1));
  useKeys((key) => {
    const binding = commandFor(view, key.name);
    if (!binding) return false;
    const moved = moveCursor(binding.command, safe, count, page);
    if (moved !== undefined) {
      setCursor(moved);
      return true;
    }
    if (binding.command === 'open' && count > 0) {
      onOpen(safe);
      return true;
    }
    return false;
  });
  return safe;
}

export function WorkersView({ height, width }: { height: number; width: number }): ReactNode {
  const theme = useTheme();
  const dispatch = useUiDispatch();
  const { snapshot } = usePollerState();
  const loads = snapshot ? workerLoads(snapshot) : [];
  const cursor = useListKeys('workers', loads.length, height - 2, (i) =>
    dispatch({ type: 'push', route: { view: 'worker', id: loads[i]!.id } }),
  );
  if (!snapshot) return <Text color={theme.muted}>Loading…</Text>;
  if (loads.length === 0) return <Text color={theme.muted}>No worker reports a connector or task.</Text>;
  const idW = Math.max(12, Math.min(40, width - 42));
  const line = (id: string, c: string, t: string, f: string, imb: string) =>
    `${fitCells(id, idW)} ${fitCells(c, 10, 'right')} ${fitCells(t, 6, 'right')} ${fitCells(f, 6, 'right')} ${fitCells(imb, 9, 'right')}`;
  const mean = loads.reduce((n, l) => n + l.tasks, 0) / loads.length;
  return (
    <Box flexDirection="column">
      <Text color={theme.muted} wrap="truncate-end">
        {line('WORKER', 'CONNECTORS', 'TASKS', 'FAILED', 'VS MEAN')}
      </Text>
      <ListWindow
        count={loads.length}
        cursor={cursor}
        height={height - 2}
        renderRow={(i, selected) => {
          const l = loads[i]!;
          return (
            <Text inverse={selected} wrap="truncate-end" color={l.failed > 0 ? theme.error : undefined}>
              {line(l.id, String(l.connectors), String(l.tasks), String(l.failed), formatImbalance(l))}
            </Text>
          );
        }}
      />
      <Text color={theme.muted} wrap="truncate-end">
        {`${loads.length} workers · mean ${mean.toFixed(1)} tasks per worker · Enter lists a worker's tasks`}
      </Text>
    </Box>
  );
}

export function WorkerView({ id, height, width }: { id: string; height: number; width: number }): ReactNode {
  const theme = useTheme();
  const dispatch = useUiDispatch();
  const { snapshot } = usePollerState();
  const list = snapshot ? assignmentsOn(snapshot, id) : [];
  const cursor = useListKeys('worker', list.length, height - 1, (i) =>
    dispatch({ type: 'push', route: { view: 'connector', name: list[i]!.connector } }),
  );
  if (!snapshot) return <Text color={theme.muted}>Loading…</Text>;
  if (list.length === 0) return <Text color={theme.muted}>{`Nothing runs on ${id} now.`}</Text>;
  const nameW = Math.max(12, Math.min(48, width - 24));
  return (
    <Box flexDirection="column">
      <Text
        color={theme.muted}
        wrap="truncate-end"
      >{`${fitCells('CONNECTOR', nameW)} ${fitCells('TASK', 5)} STATE`}</Text>
      <ListWindow
        count={list.length}
        cursor={cursor}
        height={height - 1}
        renderRow={(i, selected) => {
          const a = list[i]!;
          return (
            <Text inverse={selected} wrap="truncate-end">
              {`${fitCells(a.connector, nameW)} ${fitCells(a.task === null ? 'conn' : String(a.task), 5)} `}
              <Text color={stateColour(theme, a.state)}>{a.state}</Text>
            </Text>
          );
        }}
      />
    </Box>
  );
}
