// `o` on a connector: its offsets as a table (sink: topic / partition / offset; source: partition
// map → offset map), `y` copies them as JSON, reset and alter go through the stop → change →
// resume flow. Clusters without the offsets API get the connect-offsets layout explained instead.
import { Box, Text } from 'ink';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { describeError } from '../../connect/errors.js';
import type { ConnectorOffsets } from '../../connect/types.js';
import { legacyOffsetsHelp, offsetsTable } from '../../domain/offsets.js';
import { useActions } from '../actions-context.js';
import { ListWindow } from '../components/ListWindow.js';
import { OffsetsEditor } from './OffsetsEditor.js';
import { useKeys } from '../input-stack.js';
import { commandFor } from '../keymap.js';
import { moveCursor } from '../list-cursor.js';
import { usePollerState, useServices } from '../services.js';
import { cellWidth, fitCells } from '../../domain/text-fit.js';
import { stateColour } from '../theme.js';
import { useTheme } from '../theme-context.js';
import { useCopy } from '../use-copy.js';
import { useOffsetsFlow } from '../use-offsets-flow.js';

export function OffsetsView({
  name,
  width,
  height,
}: {
  name: string;
  width: number;
  height: number;
}): ReactNode {
  const theme = useTheme();
  const { client } = useServices();
  const actions = useActions();
  const { snapshot } = usePollerState();
  const copyText = useCopy();
  const row = snapshot?.byName.get(name);
  const [offsets, setOffsets] = useState<ConnectorOffsets | string | undefined>();
  const [cursor, setCursor] = useState(0);
  const caps = client.knownCapabilities;
  const missing = caps?.reason('offsets');

  const load = useCallback(() => {
    if (missing) return;
    client
      .offsets(name)
      .then(setOffsets)
      .catch((e: unknown) => setOffsets(describeError(e)));
  }, [client, name, missing]);
  useEffect(load, [load]);
  const flow = useOffsetsFlow(name, row?.state, load);
  const [editing, setEditing] = useState<string | undefined>();

  const table = typeof offsets === 'object' ? offsetsTable(offsets, row?.type) : undefined;
  const count = table?.rows.length ?? 0;
  const listHeight = Math.max(1, height - 3);
  useKeys((key) => {
    if (editing !== undefined) return false;
    const binding = commandFor('offsets', key.name);
    if (!binding) return false;
    const moved = moveCursor(binding.command, cursor, count, listHeight);
    if (moved !== undefined) {
      setCursor(moved);
      return true;
    }
    switch (binding.command) {
      case 'copy':
        if (typeof offsets === 'object')
          copyText(JSON.stringify(offsets, null, 2), `the offsets of "${name}"`);
        return true;
      case 'resetOffsets':
        flow.reset();
        return true;
      case 'alterOffsets':
        if (typeof offsets === 'object' && actions.allowed('altering offsets', 'offsets-alter'))
          setEditing(JSON.stringify(offsets, null, 2));
        return true;
      case 'resume':
        flow.resume();
        return true;
      case 'refresh':
        load();
        return false;
      default:
        return false;
    }
  });

  const status = (
    <Text wrap="truncate-end">
      <Text bold>{name}</Text>
      {'  '}
      <Text color={stateColour(theme, row?.state ?? 'UNASSIGNED')}>{row?.state ?? '?'}</Text>
      <Text
        color={theme.muted}
      >{`  ${row?.type ?? ''} connector${table ? ` · ${count} offset(s)` : ''}`}</Text>
    </Text>
  );
  if (editing !== undefined) {
    return (
      <OffsetsEditor
        name={name}
        type={row?.type}
        initialText={editing}
        width={width}
        height={height}
        onDone={(result) => {
          setEditing(undefined);
          if (result) flow.alter(result);
        }}
      />
    );
  }
  if (missing) {
    return (
      <Box flexDirection="column">
        {status}
        <Text color={theme.warn} wrap="wrap">{`The offsets API is not available: ${missing}.`}</Text>
        {legacyOffsetsHelp(name, row?.type).map((line, i) => (
          <Text key={i} color={theme.muted} wrap="truncate-end">
            {line}
          </Text>
        ))}
      </Box>
    );
  }
  if (typeof offsets !== 'object')
    return (
      <Box flexDirection="column">
        {status}
        <Text color={offsets ? theme.error : theme.muted} wrap="wrap">
          {offsets ? `Cannot read the offsets: ${offsets}` : 'Loading offsets…'}
        </Text>
      </Box>
    );
  const widths = columnWidths(table!.columns, table!.rows, width);
  const line = (cells: string[]) => cells.map((c, i) => fitCells(c, widths[i]!)).join(' ');
  return (
    <Box flexDirection="column">
      {status}
      <Text color={theme.muted} wrap="truncate-end">
        {line(table!.columns)}
      </Text>
      {count === 0 ? (
        <Text color={theme.muted}>(no offsets committed yet)</Text>
      ) : (
        <ListWindow
          count={count}
          cursor={Math.min(cursor, count - 1)}
          height={listHeight}
          renderRow={(i, selected) => (
            <Text inverse={selected} wrap="truncate-end">
              {line(table!.rows[i]!)}
            </Text>
          )}
        />
      )}
    </Box>
  );
}

/** The last column takes what is left; the others fit their longest cell (capped at half the width). */
function columnWidths(columns: string[], rows: string[][], width: number): number[] {
  const widths = columns.map((c, i) =>
    Math.min(
      Math.floor(width / 2),
      Math.max(cellWidth(c), ...rows.slice(0, 500).map((r) => cellWidth(r[i] ?? ''))),
    ),
  );
  const used = widths.slice(0, -1).reduce((n, w) => n + w + 1, 0);
  widths[widths.length - 1] = Math.max(4, width - used);
  return widths;
}
