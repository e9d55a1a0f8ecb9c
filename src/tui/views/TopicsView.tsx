// A connector's active topics (`t`, reset with `T`), and `:topics`: every topic with the
// connectors that use it, filterable, Enter jumps to the connector.
import { Box, Text } from 'ink';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { describeError } from '../../connect/errors.js';
import { runBulk } from '../../domain/bulk-runner.js';
import { fuzzyFilter } from '../../domain/fuzzy.js';
import { useActions } from '../actions-context.js';
import { useUiDispatch } from '../app-state.js';
import { ListWindow } from '../components/ListWindow.js';
import { useKeys } from '../input-stack.js';
import { commandFor } from '../keymap.js';
import { moveCursor } from '../list-cursor.js';
import { usePollerState, useServices } from '../services.js';
import { fitCells } from '../../domain/text-fit.js';
import { useTheme } from '../theme-context.js';
import { FilterLine, useFilterInput } from '../use-filter-input.js';

export function TopicsView({ name, height }: { name: string; height: number }): ReactNode {
  const theme = useTheme();
  const actions = useActions();
  const { client } = useServices();
  const [topics, setTopics] = useState<string[] | string | undefined>();
  const [cursor, setCursor] = useState(0);
  const load = useCallback(() => {
    client
      .connectorTopics(name)
      .then(setTopics)
      .catch((e: unknown) => setTopics(describeError(e)));
  }, [client, name]);
  useEffect(load, [load]);
  const list = Array.isArray(topics) ? topics : [];
  useKeys((key) => {
    const binding = commandFor('topics', key.name);
    if (!binding) return false;
    const moved = moveCursor(binding.command, cursor, list.length, height - 2);
    if (moved !== undefined) {
      setCursor(moved);
      return true;
    }
    if (binding.command === 'resetTopics') {
      actions.resetTopics(name);
      setTimeout(load, 1500);
      return true;
    }
    if (binding.command === 'refresh') {
      load();
      return false;
    }
    return false;
  });
  if (!Array.isArray(topics))
    return <Text color={topics ? theme.error : theme.muted}>{topics ?? 'Loading topics…'}</Text>;
  return (
    <Box flexDirection="column">
      <Text
        color={theme.muted}
        wrap="truncate-end"
      >{`${list.length} active topic(s) of ${name} · T resets them`}</Text>
      {list.length === 0 ? <Text color={theme.muted}>(none recorded yet)</Text> : null}
      <ListWindow
        count={list.length}
        cursor={cursor}
        height={height - 1}
        renderRow={(i, selected) => <Text inverse={selected}>{list[i]}</Text>}
      />
    </Box>
  );
}

interface TopicEntry {
  topic: string;
  connectors: string[];
}

export function TopicMapView({ height, width }: { height: number; width: number }): ReactNode {
  const theme = useTheme();
  const dispatch = useUiDispatch();
  const { client } = useServices();
  const { snapshot } = usePollerState();
  const [entries, setEntries] = useState<TopicEntry[] | undefined>();
  const [progress, setProgress] = useState('');
  const [cursor, setCursor] = useState(0);
  const input = useFilterInput(() => setCursor(0));
  const filter = input.filter;
  const names = useMemo(() => snapshot?.rows.map((r) => r.name) ?? [], [snapshot]);
  const [loadedFor, setLoadedFor] = useState<string[] | undefined>();

  const load = useCallback(async () => {
    const byTopic = new Map<string, string[]>();
    const outcomes = await runBulk(
      names,
      async (n) => {
        for (const t of await client.connectorTopics(n)) byTopic.set(t, [...(byTopic.get(t) ?? []), n]);
      },
      { concurrency: 8, onProgress: (done, total) => setProgress(`reading topics ${done}/${total}…`) },
    );
    const failed = outcomes.filter((o) => !o.ok);
    setProgress(
      failed.length > 0 ? `${failed.length} connector(s) could not be read: ${failed[0]!.error}` : '',
    );
    setEntries(
      [...byTopic]
        .map(([topic, connectors]) => ({ topic, connectors: connectors.sort() }))
        .sort((a, b) => a.topic.localeCompare(b.topic)),
    );
  }, [client, names]);

  useEffect(() => {
    if (loadedFor || names.length === 0) return;
    setLoadedFor(names);
    void load();
  }, [names, loadedFor, load]);

  const visible = useMemo(
    () => (entries ? fuzzyFilter(entries, filter, (e) => e.topic).map((m) => m.item) : []),
    [entries, filter],
  );
  // One row per (topic, connector) pair so Enter can jump to a connector.
  const rows = useMemo(
    () =>
      visible.flatMap((e) => e.connectors.map((c, i) => ({ topic: i === 0 ? e.topic : '', connector: c }))),
    [visible],
  );

  useKeys((key) => {
    if (input.edit(key)) return true;
    const binding = commandFor('topicMap', key.name);
    if (!binding) return false;
    const moved = moveCursor(binding.command, cursor, rows.length, height - 3);
    if (moved !== undefined) {
      setCursor(moved);
      return true;
    }
    if (binding.command === 'filter') {
      input.start();
      return true;
    }
    if (binding.command === 'back' && filter !== '') {
      input.clear();
      return true;
    }
    if (binding.command === 'refresh') {
      void load();
      return false;
    }
    if (binding.command === 'open' && rows[cursor]) {
      dispatch({ type: 'push', route: { view: 'connector', name: rows[cursor]!.connector } });
      return true;
    }
    return false;
  });

  const topicW = Math.max(20, Math.floor(width / 2));
  return (
    <Box flexDirection="column">
      <Text color={theme.muted} wrap="truncate-end">
        {entries ? `${visible.length} topic(s), ${rows.length} connector use(s)` : 'Reading active topics…'}{' '}
        {progress}
      </Text>
      <Text color={theme.muted} wrap="truncate-end">{`${fitCells('TOPIC', topicW)} CONNECTOR`}</Text>
      <ListWindow
        count={rows.length}
        cursor={cursor}
        height={height - 3}
        renderRow={(i, selected) => (
          <Text
            inverse={selected}
            wrap="truncate-end"
          >{`${fitCells(rows[i]!.topic, topicW)} ${rows[i]!.connector}`}</Text>
        )}
      />
      <FilterLine input={input} />
    </Box>
  );
}
