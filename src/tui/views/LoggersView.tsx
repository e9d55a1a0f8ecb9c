// `:loggers` — logger → level on the worker kcx talks to, filterable; Enter changes a level with a
// select, for this worker or (Connect ≥ 3.7) every worker in the cluster.
import { Box, Text } from 'ink';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { describeError } from '../../connect/errors.js';
import type { LoggerLevels, LoggerScope } from '../../connect/types.js';
import { localTime } from '../../domain/format.js';
import { fuzzyFilter } from '../../domain/fuzzy.js';
import { LOG_LEVELS } from '../../domain/log-levels.js';
import { useActions } from '../actions-context.js';
import { ListWindow } from '../components/ListWindow.js';
import { useKeys } from '../input-stack.js';
import { commandFor } from '../keymap.js';
import { moveCursor } from '../list-cursor.js';
import { useServices } from '../services.js';
import { fitCells } from '../../domain/text-fit.js';
import { useTheme } from '../theme-context.js';
import { FilterLine, useFilterInput } from '../use-filter-input.js';

export function LoggersView({ height, width }: { height: number; width: number }): ReactNode {
  const theme = useTheme();
  const actions = useActions();
  const { client, context } = useServices();
  const [loggers, setLoggers] = useState<LoggerLevels | string | undefined>();
  const [cursor, setCursor] = useState(0);
  const input = useFilterInput(() => setCursor(0));

  const load = useCallback(
    () =>
      client
        .loggers()
        .then(setLoggers)
        .catch((e: unknown) => setLoggers(describeError(e))),
    [client],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const names = useMemo(() => (typeof loggers === 'object' ? Object.keys(loggers).sort() : []), [loggers]);
  const visible = useMemo(
    () => fuzzyFilter(names, input.filter, (n) => n).map((m) => m.item),
    [names, input.filter],
  );
  const safe = Math.min(cursor, Math.max(0, visible.length - 1));
  const listHeight = Math.max(1, height - 2 - (input.editing || input.filter !== '' ? 1 : 0));

  const change = (name: string) => {
    if (!actions.allowed('changing a logger level')) return;
    const current = typeof loggers === 'object' ? loggers[name]?.level : undefined;
    const clusterScope = client.knownCapabilities?.supports('logger-scope') ?? false;
    const apply = (level: string, scope: LoggerScope) =>
      void actions
        .perform(
          {
            base: `set ${level} (${scope} scope) on`,
            ing: `setting ${level} (${scope} scope) on`,
            ed: `set ${level} (${scope} scope) on`,
          },
          name,
          () => client.setLoggerLevel(name, level, scope === 'worker' ? undefined : scope),
        )
        .then(load);
    actions.openDialog({
      kind: 'choice',
      title: `Level for ${name}${current ? ` (now ${current})` : ''}`,
      lines: [],
      options: LOG_LEVELS.map((l) => ({ value: l, label: l })),
      onChoose: (level) => {
        if (!clusterScope) {
          apply(level, 'worker');
          return;
        }
        actions.openDialog({
          kind: 'choice',
          title: `Set ${name} to ${level} on…`,
          lines: [],
          options: [
            { value: 'worker', label: `this worker only (${new URL(context.url).host})` },
            { value: 'cluster', label: 'every worker in the cluster (scope=cluster)' },
          ],
          onChoose: (scope) => apply(level, scope as LoggerScope),
        });
      },
    });
  };

  useKeys((key) => {
    if (input.edit(key)) return true;
    const binding = commandFor('loggers', key.name);
    if (!binding) return false;
    const moved = moveCursor(binding.command, safe, visible.length, listHeight);
    if (moved !== undefined) {
      setCursor(moved);
      return true;
    }
    switch (binding.command) {
      case 'filter':
        input.start();
        return true;
      case 'back':
        if (input.filter === '') return false;
        input.clear();
        return true;
      case 'refresh':
        void load();
        return false;
      case 'open':
        if (visible[safe]) change(visible[safe]!);
        return true;
      default:
        return false;
    }
  });

  if (typeof loggers !== 'object')
    return (
      <Text color={loggers ? theme.error : theme.muted}>
        {loggers ? `Cannot read the loggers: ${loggers}` : 'Loading loggers…'}
      </Text>
    );
  const nameW = Math.max(16, width - 30);
  return (
    <Box flexDirection="column">
      <Text color={theme.muted} wrap="truncate-end">
        {`${names.length} loggers on ${new URL(context.url).host} · Enter changes a level`}
      </Text>
      <Text
        color={theme.muted}
        wrap="truncate-end"
      >{`${fitCells('LOGGER', nameW)} ${fitCells('LEVEL', 6)} CHANGED`}</Text>
      <ListWindow
        count={visible.length}
        cursor={safe}
        height={listHeight}
        renderRow={(i, selected) => {
          const name = visible[i]!;
          const entry = loggers[name]!;
          const changed = entry.last_modified ? localTime(entry.last_modified) : '';
          return (
            <Text inverse={selected} wrap="truncate-end">
              {`${fitCells(name, nameW)} ${fitCells(entry.level, 6)} ${changed}`}
            </Text>
          );
        }}
      />
      <FilterLine input={input} suffix={`  ${visible.length} match${visible.length === 1 ? '' : 'es'}`} />
    </Box>
  );
}
