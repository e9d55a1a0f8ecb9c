// Home: one row per connector, windowed, fuzzy-filtered, sortable, with marks.
import { Box, Text } from 'ink';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { FuzzyIndex } from '../../domain/fuzzy.js';
import { isProblem } from '../../domain/health.js';
import { followSelection, markAll, toggleMark } from '../../domain/selection.js';
import type { ConnectorRow } from '../../domain/snapshot.js';
import { SORT_KEYS, sortRows } from '../../domain/sort.js';
import { useUi, useUiDispatch } from '../app-state.js';
import { ListWindow } from '../components/ListWindow.js';
import { isConnectorAction, useActions } from '../actions-context.js';
import { useKeys } from '../input-stack.js';
import { commandFor } from '../keymap.js';
import { moveCursor } from '../list-cursor.js';
import { usePollerState } from '../services.js';
import { fitCells } from '../../domain/text-fit.js';
import { stateColour } from '../theme.js';
import { useTheme } from '../theme-context.js';
import { useChangedRows } from '../use-changed-rows.js';
import { useCopy } from '../use-copy.js';
import { useCreateFlows } from '../editor/use-create-flows.js';

export interface VisibleRow {
  row: ConnectorRow;
  positions: number[];
}

export function useVisibleRows(): VisibleRow[] {
  const { snapshot } = usePollerState();
  const ui = useUi();
  // Sorting 10,000 rows is kept apart from filtering: a keystroke in the filter must not re-sort.
  const sorted = useMemo(() => {
    if (!snapshot) return [];
    const base = ui.problemsOnly ? snapshot.rows.filter(isProblem) : snapshot.rows;
    return sortRows(base, ui.sort);
  }, [snapshot, ui.problemsOnly, ui.sort]);
  // Built once per list, not per keystroke: the index also remembers recent queries, so Backspace
  // and re-typing cost a lookup.
  const index = useMemo(() => new FuzzyIndex(sorted, (r) => r.name), [sorted]);
  return useMemo(() => {
    if (ui.filter === '') return sorted.map((row) => ({ row, positions: [] }));
    // Filtering keeps the sort order, so a row does not jump around as the query grows.
    return index.filterInOrder(ui.filter).map((m) => ({
      row: m.item,
      // Read only for the rows drawn.
      get positions() {
        return m.positions;
      },
    }));
  }, [sorted, index, ui.filter]);
}

export function ConnectorsView({ width, height }: { width: number; height: number }): ReactNode {
  const ui = useUi();
  const dispatch = useUiDispatch();
  const theme = useTheme();
  const actions = useActions();
  const copyText = useCopy();
  const create = useCreateFlows();
  const { snapshot, errorMessage } = usePollerState();
  const visible = useVisibleRows();
  const changed = useChangedRows();
  const names = useMemo(() => visible.map((v) => v.row.name), [visible]);
  // Where the cursor was drawn last: the fallback when the selected connector leaves the list. Kept
  // in a ref, not in the UI state, so that a row moving (a filter keystroke) costs no second render.
  const lastCursor = useRef(ui.selectedIndex);
  const cursor = followSelection(ui.selected, lastCursor.current, names);
  lastCursor.current = Math.max(0, cursor);
  // The column header takes one row, and the filter line one more while it shows.
  const filterShown = ui.filterEditing || ui.filter !== '';
  const listHeight = Math.max(1, height - 1 - (filterShown ? 1 : 0));

  // Keep the selection on the same connector, or on its neighbour once it has gone.
  useEffect(() => {
    const name = names[cursor];
    if (name !== undefined && name !== ui.selected) dispatch({ type: 'select', name, index: cursor });
  }, [names, cursor, ui.selected, dispatch]);

  const select = (index: number) => dispatch({ type: 'select', name: names[index], index });
  const targets = (): string[] => (ui.marks.size > 0 ? [...ui.marks] : names[cursor] ? [names[cursor]!] : []);

  useKeys((key) => {
    if (ui.filterEditing) {
      if (key.name === 'enter') {
        dispatch({ type: 'filter', text: ui.filter, editing: false });
        return true;
      }
      if (key.name === 'escape') {
        dispatch({ type: 'filter', text: '', editing: false });
        return true;
      }
      if (key.name === 'backspace' || key.name === 'delete') {
        dispatch({ type: 'filter', text: [...ui.filter].slice(0, -1).join(''), editing: true });
        return true;
      }
      if (key.name === 'ctrl+u') {
        dispatch({ type: 'filter', text: '', editing: true });
        return true;
      }
      if (key.text !== '') {
        dispatch({ type: 'filter', text: ui.filter + key.text, editing: true });
        return true;
      }
    }
    const binding = commandFor('connectors', key.name);
    if (!binding) return false;
    const moved = moveCursor(binding.command, cursor, names.length, listHeight);
    if (moved !== undefined) {
      select(moved);
      return true;
    }
    if (isConnectorAction(binding.command)) {
      actions.request(binding.command, targets(), { hiddenMarked: hiddenMarks(ui.marks, names) });
      return true;
    }
    switch (binding.command) {
      case 'filter':
        dispatch({ type: 'filter', text: ui.filter, editing: true });
        return true;
      case 'back':
        if (ui.filter !== '') dispatch({ type: 'filter', text: '', editing: false });
        else if (ui.marks.size > 0) dispatch({ type: 'marks', marks: new Set() });
        return true;
      case 'problems':
        dispatch({ type: 'problemsOnly', value: !ui.problemsOnly });
        dispatch({
          type: 'notice',
          notice: { tone: 'info', text: ui.problemsOnly ? 'showing all connectors' : 'problems only' },
        });
        return true;
      case 'sort': {
        const next = SORT_KEYS[(SORT_KEYS.indexOf(ui.sort) + 1) % SORT_KEYS.length]!;
        dispatch({ type: 'sort', sort: next });
        dispatch({ type: 'notice', notice: { tone: 'info', text: `sorted by ${next}` } });
        return true;
      }
      case 'mark':
        if (names[cursor]) {
          dispatch({ type: 'marks', marks: toggleMark(ui.marks, names[cursor]!) });
          select(Math.min(cursor + 1, names.length - 1));
        }
        return true;
      case 'markAll':
        dispatch({ type: 'marks', marks: markAll(ui.marks, names) });
        return true;
      case 'open':
        if (names[cursor]) dispatch({ type: 'push', route: { view: 'connector', name: names[cursor]! } });
        return true;
      case 'copy':
        if (names[cursor]) copyText(names[cursor]!, `"${names[cursor]}"`);
        return true;
      case 'restartFailed':
        actions.request('restartFailed', [], {});
        return true;
      case 'undo':
        actions.undo();
        return true;
      case 'newConnector':
        create.newConnector();
        return true;
      case 'clone':
        if (names[cursor]) create.clone(names[cursor]!);
        return true;
      default:
        return false;
    }
  });

  const columns = layoutColumns(width);
  const header = columns.map((c) => fitCells(c.title, c.width, c.align)).join(' ');
  return (
    <Box flexDirection="column" height={height}>
      <Text color={theme.muted} wrap="truncate-end">
        {header}
      </Text>
      {snapshot === undefined ? (
        <Text color={errorMessage ? theme.error : theme.muted}>{errorMessage ?? 'Connecting…'}</Text>
      ) : visible.length === 0 ? (
        <Text color={theme.muted}>
          {ui.filter !== '' || ui.problemsOnly ? 'No connector matches.' : 'No connectors on this cluster.'}
        </Text>
      ) : (
        <ListWindow
          count={visible.length}
          cursor={cursor}
          height={listHeight}
          renderRow={(i, selected) => (
            <ConnectorLine
              entry={visible[i]!}
              selected={selected}
              marked={ui.marks.has(visible[i]!.row.name)}
              changed={changed.has(visible[i]!.row.name)}
              columns={columns}
            />
          )}
        />
      )}
      {filterShown ? (
        <Text wrap="truncate-end">
          <Text color={theme.accent}>/</Text>
          {ui.filter}
          {ui.filterEditing ? <Text inverse> </Text> : null}
          <Text color={theme.muted}>{`  ${visible.length} match${visible.length === 1 ? '' : 'es'}`}</Text>
          {ui.marks.size > 0 ? <Text color={theme.muted}>{`, ${ui.marks.size} marked`}</Text> : null}
        </Text>
      ) : null}
    </Box>
  );
}

function hiddenMarks(marks: ReadonlySet<string>, visible: string[]): number {
  const shown = new Set(visible);
  let hidden = 0;
  for (const m of marks) if (!shown.has(m)) hidden++;
  return hidden;
}

interface Column {
  key: 'mark' | 'name' | 'type' | 'state' | 'tasks' | 'health' | 'worker' | 'plugin';
  title: string;
  width: number;
  align: 'left' | 'right';
}

/** Columns that fit the terminal, the least useful dropped first on narrow screens. */
export function layoutColumns(width: number): Column[] {
  const fixed: Column[] = [
    { key: 'mark', title: '', width: 1, align: 'left' },
    { key: 'type', title: 'TYPE', width: 6, align: 'left' },
    { key: 'state', title: 'STATE', width: 10, align: 'left' },
    { key: 'tasks', title: 'TASKS', width: 8, align: 'left' },
    { key: 'health', title: 'HEALTH', width: 10, align: 'left' },
    { key: 'worker', title: 'WORKER', width: 14, align: 'left' },
    { key: 'plugin', title: 'PLUGIN', width: 14, align: 'left' },
  ];
  const dropOrder: Column['key'][] = ['plugin', 'worker', 'type', 'health', 'tasks'];
  const minName = 16;
  let cols = fixed;
  const total = (cs: Column[]) => cs.reduce((s, c) => s + c.width + 1, 0);
  for (const key of dropOrder) {
    if (total(cols) + minName <= width) break;
    cols = cols.filter((c) => c.key !== key);
  }
  const nameWidth = Math.max(8, width - total(cols) - 1);
  const [mark, ...rest] = cols;
  return [mark!, { key: 'name', title: 'NAME', width: nameWidth, align: 'left' }, ...rest];
}

function ConnectorLine({
  entry,
  selected,
  marked,
  changed,
  columns,
}: {
  entry: VisibleRow;
  selected: boolean;
  marked: boolean;
  changed: boolean;
  columns: Column[];
}): ReactNode {
  const theme = useTheme();
  const { row, positions } = entry;
  const cells = columns.map((c, i) => {
    const sep = i < columns.length - 1 ? ' ' : '';
    switch (c.key) {
      case 'mark':
        return (
          <Text key={c.key} color={theme.accent} bold>
            {(marked ? '✓' : ' ') + sep}
          </Text>
        );
      case 'name':
        return <Name key={c.key} name={row.name} positions={positions} width={c.width} sep={sep} />;
      case 'state':
        return (
          <Text key={c.key} color={stateColour(theme, row.state)}>
            {fitCells(row.state, c.width) + sep}
          </Text>
        );
      case 'tasks': {
        const text = `${row.tasksRunning}/${row.tasksTotal}${row.tasksFailed > 0 ? ` ${row.tasksFailed}F` : ''}`;
        return (
          <Text key={c.key} color={row.tasksFailed > 0 ? theme.error : undefined}>
            {fitCells(text, c.width) + sep}
          </Text>
        );
      }
      case 'health':
        return (
          <Text key={c.key} color={stateColour(theme, row.health)} bold={row.health === 'FAILED'}>
            {fitCells(row.health, c.width) + sep}
          </Text>
        );
      case 'type':
        return <Text key={c.key}>{fitCells(row.type, c.width) + sep}</Text>;
      case 'worker':
        return (
          <Text key={c.key} color={theme.muted}>
            {fitCells(row.worker ?? '', c.width) + sep}
          </Text>
        );
      default:
        return (
          <Text key={c.key} color={theme.muted}>
            {fitCells(row.plugin, c.width) + sep}
          </Text>
        );
    }
  });
  return (
    <Text inverse={selected} color={changed && !selected ? theme.changed : undefined} wrap="truncate-end">
      {cells}
    </Text>
  );
}

/** The name with the fuzzy-matched characters highlighted; padded to the column in cells. */
function Name({
  name,
  positions,
  width,
  sep,
}: {
  name: string;
  positions: number[];
  width: number;
  sep: string;
}): ReactNode {
  const theme = useTheme();
  const text = fitCells(name, width);
  if (positions.length === 0) return <Text>{text + sep}</Text>;
  const hits = new Set(positions);
  const chars = [...text];
  // Positions index code units of the name; map them onto the (possibly truncated) characters.
  let unit = 0;
  const parts = chars.map((ch, i) => {
    const hit = hits.has(unit);
    unit += ch.length;
    return hit ? (
      <Text key={i} color={theme.highlight} bold underline={!theme.colour}>
        {ch}
      </Text>
    ) : (
      ch
    );
  });
  return (
    <Text>
      {parts}
      {sep}
    </Text>
  );
}
