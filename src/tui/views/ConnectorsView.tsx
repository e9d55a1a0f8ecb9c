// Home: one row per connector, windowed, fuzzy-filtered, sortable, with marks.
import { Box, Text } from 'ink';
import { memo, type ReactNode, useEffect, useMemo, useRef } from 'react';
import { hintFor } from '../../connect/error-hints.js';
import { FuzzyIndex, highlightRuns, type NarrowedList } from '../../domain/fuzzy.js';
import { isProblem } from '../../domain/health.js';
import { followSelection, hiddenMarks, markAll, toggleMark } from '../../domain/selection.js';
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
import { stateColour, type Theme } from '../theme.js';
import { styled, type TextStyle } from '../styled.js';
import { useTheme } from '../theme-context.js';
import { useChangedRows } from '../use-changed-rows.js';
import { useCopy } from '../use-copy.js';
import { useCreateFlows } from '../editor/use-create-flows.js';

/** The rows the list shows, in order, read by index (see FuzzyIndex.narrow). */
export type VisibleRows = NarrowedList<ConnectorRow>;

export function useVisibleRows(): VisibleRows {
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
  // Filtering keeps the sort order, so a row does not jump around as the query grows.
  return useMemo(() => index.narrow(ui.filter), [index, ui.filter]);
}

/** The visible rows' names, for the actions that need them all (marks); not needed per frame. */
function namesOf(visible: VisibleRows): string[] {
  return visible.toArray().map((r) => r.name);
}

export function ConnectorsView({ width, height }: { width: number; height: number }): ReactNode {
  const ui = useUi();
  const dispatch = useUiDispatch();
  const theme = useTheme();
  const actions = useActions();
  const copyText = useCopy();
  const create = useCreateFlows();
  const { snapshot, errorMessage, error } = usePollerState();
  // With nothing to list yet, what to try (credentials, TLS, the URL) goes where the list would be.
  const hint = snapshot === undefined && error !== undefined ? hintFor(error) : undefined;
  const visible = useVisibleRows();
  const changed = useChangedRows();
  // Where the cursor was drawn last: the fallback when the selected connector leaves the list. Kept
  // in a ref, not in the UI state, so that a row moving (a filter keystroke) costs no second render.
  const lastCursor = useRef(ui.selectedIndex);
  const cursor = followSelection(ui.selected, lastCursor.current, {
    length: visible.length,
    indexOf: (name) => visible.findIndex((r) => r.name === name),
  });
  lastCursor.current = Math.max(0, cursor);
  const nameAt = (i: number): string | undefined =>
    i >= 0 && i < visible.length ? visible.item(i).name : undefined;
  const current = nameAt(cursor);
  // The column header takes one row, and the filter line one more while it shows.
  const filterShown = ui.filterEditing || ui.filter !== '';
  const listHeight = Math.max(1, height - 1 - (filterShown ? 1 : 0));

  // Keep the selection on the same connector, or on its neighbour once it has gone.
  useEffect(() => {
    if (current !== undefined && current !== ui.selected)
      dispatch({ type: 'select', name: current, index: cursor });
  }, [current, cursor, ui.selected, dispatch]);

  const select = (index: number) => dispatch({ type: 'select', name: nameAt(index), index });
  const targets = (): string[] => (ui.marks.size > 0 ? [...ui.marks] : current ? [current] : []);

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
    const moved = moveCursor(binding.command, cursor, visible.length, listHeight);
    if (moved !== undefined) {
      select(moved);
      return true;
    }
    if (isConnectorAction(binding.command)) {
      actions.request(binding.command, targets(), {
        hiddenMarked: ui.marks.size > 0 ? hiddenMarks(ui.marks, namesOf(visible)).length : 0,
      });
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
        if (current) {
          dispatch({ type: 'marks', marks: toggleMark(ui.marks, current) });
          select(Math.min(cursor + 1, visible.length - 1));
        }
        return true;
      case 'markAll':
        dispatch({ type: 'marks', marks: markAll(ui.marks, namesOf(visible)) });
        return true;
      case 'open':
        if (current) dispatch({ type: 'push', route: { view: 'connector', name: current } });
        return true;
      case 'copy':
        if (current) copyText(current, `"${current}"`);
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
        if (current) create.clone(current);
        return true;
      default:
        return false;
    }
  });

  const columns = useMemo(() => layoutColumns(width), [width]);
  const header = columns.map((c) => fitCells(c.title, c.width, c.align)).join(' ');
  return (
    <Box flexDirection="column" height={height}>
      <Text color={theme.muted} wrap="truncate-end">
        {header}
      </Text>
      {snapshot === undefined ? (
        <>
          <Text color={errorMessage ? theme.error : theme.muted}>{errorMessage ?? 'Connecting…'}</Text>
          {hint ? <Text color={theme.muted}>{`hint: ${hint}`}</Text> : null}
        </>
      ) : visible.length === 0 ? (
        <Text color={theme.muted}>
          {ui.filter !== '' || ui.problemsOnly ? 'No connector matches.' : 'No connectors on this cluster.'}
        </Text>
      ) : (
        <ListWindow
          count={visible.length}
          cursor={cursor}
          height={listHeight}
          renderRow={(i, selected) => {
            const row = visible.item(i);
            return (
              <ConnectorLine
                row={row}
                query={visible.query}
                positions={() => visible.positions(i)}
                selected={selected}
                marked={ui.marks.has(row.name)}
                changed={changed.has(row.name)}
                columns={columns}
              />
            );
          }}
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

interface LineProps {
  row: ConnectorRow;
  /** The filter; with the row, it decides the highlighted characters. */
  query: string;
  /** Read only when the line is drawn. */
  positions: () => number[];
  selected: boolean;
  marked: boolean;
  changed: boolean;
  columns: Column[];
}

/**
 * One row as one <Text> holding the whole styled line: nested <Text> per cell and per highlighted
 * character made a screenful of rows hundreds of React fibers and Ink nodes on every keystroke.
 * Memoised on what the line shows, so a refresh or a cursor move redraws only the rows it touches.
 */
const ConnectorLine = memo(
  function ConnectorLine(props: LineProps): ReactNode {
    const theme = useTheme();
    return <Text wrap="truncate-end">{connectorLineText(props, props.positions(), theme)}</Text>;
  },
  (a, b) =>
    a.row === b.row &&
    a.query === b.query &&
    a.selected === b.selected &&
    a.marked === b.marked &&
    a.changed === b.changed &&
    a.columns === b.columns,
);

function connectorLineText(
  line: Omit<LineProps, 'positions' | 'query'>,
  positions: readonly number[],
  theme: Theme,
): string {
  const { row, columns } = line;
  let text = '';
  columns.forEach((c, i) => {
    const sep = i < columns.length - 1 ? ' ' : '';
    switch (c.key) {
      case 'mark':
        text += styled((line.marked ? '✓' : ' ') + sep, { color: theme.accent, bold: true });
        return;
      case 'name':
        text += nameText(row.name, positions, c.width, theme) + sep;
        return;
      case 'state':
        text += styled(fitCells(row.state, c.width) + sep, { color: stateColour(theme, row.state) });
        return;
      case 'tasks': {
        const tasks = `${row.tasksRunning}/${row.tasksTotal}${row.tasksFailed > 0 ? ` ${row.tasksFailed}F` : ''}`;
        text += styled(fitCells(tasks, c.width) + sep, {
          color: row.tasksFailed > 0 ? theme.error : undefined,
        });
        return;
      }
      case 'health':
        text += styled(fitCells(row.health, c.width) + sep, {
          color: stateColour(theme, row.health),
          bold: row.health === 'FAILED',
        });
        return;
      case 'type':
        text += fitCells(row.type, c.width) + sep;
        return;
      case 'worker':
        text += styled(fitCells(row.worker ?? '', c.width) + sep, { color: theme.muted });
        return;
      default:
        text += styled(fitCells(row.plugin, c.width) + sep, { color: theme.muted });
    }
  });
  return styled(text, {
    color: line.changed && !line.selected ? theme.changed : undefined,
    inverse: line.selected,
  });
}

/** The name with the fuzzy-matched characters highlighted; padded to the column in cells. */
function nameText(name: string, positions: readonly number[], width: number, theme: Theme): string {
  const highlight: TextStyle = { color: theme.highlight, bold: true, underline: !theme.colour };
  // Positions index code units of the name; the runs are cut from the (possibly truncated) text.
  return highlightRuns(fitCells(name, width), positions)
    .map((run) => (run.match ? styled(run.text, highlight) : run.text))
    .join('');
}
