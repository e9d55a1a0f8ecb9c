// The full-screen picker of `kcx delete|restart|…` with no names: a query line on top, the fuzzy-
// filtered connectors below (matches highlighted, marks shown), then the confirm. It only chooses;
// the command runs the action after it closes.
import { Box, Text, useApp, useInput, useWindowSize } from 'ink';
import { type ReactNode, useEffect, useMemo, useReducer } from 'react';
import stringWidth from 'string-width';
import { FuzzyIndex, type FuzzyMatch, highlightRuns } from '../../domain/fuzzy.js';
import { ListWindow } from '../components/ListWindow.js';
import { normalizeKeys } from '../keys.js';
import { fitCells } from '../../domain/text-fit.js';
import { pickTheme, stateColour, type Theme } from '../theme.js';
import { type ConfirmMode, initialPickerState, type PickerResult, pickerReducer } from './picker-state.js';

export interface PickerItem {
  name: string;
  /** Shown beside the name, e.g. "RUNNING · 1/3 tasks failed". */
  state: string;
  /** The bare connector state, for its colour. */
  rawState?: string;
}

export interface PickerProps {
  /** Capitalised action, e.g. "Delete". */
  verb: string;
  items: readonly PickerItem[];
  context: { name: string; url: string; production: boolean };
  confirm: ConfirmMode;
  /** A line under the confirm's target list, e.g. where backups go. */
  note?: string;
  theme?: Theme;
}

const PREVIEW = 10;

export function Picker({ verb, items, context, confirm, note, theme = pickTheme() }: PickerProps): ReactNode {
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const names = useMemo(() => items.map((i) => i.name), [items]);
  const byName = useMemo(() => new Map(items.map((i) => [i.name, i])), [items]);
  const index = useMemo(() => new FuzzyIndex(items, (i) => i.name), [items]);
  // The reducer and the view ask for the same query's matches: keep the last answer.
  const search = useMemo(() => {
    let last:
      | { query: string; matches: FuzzyMatch<PickerItem>[]; names: string[]; shown: Set<string> }
      | undefined;
    return (query: string) => {
      if (last?.query !== query) {
        const matches = index.filter(query);
        const names = matches.map((m) => m.item.name);
        last = { query, matches, names, shown: new Set(names) };
      }
      return last;
    };
  }, [index]);
  const reducer = useMemo(
    () => pickerReducer({ names, filter: (q) => search(q).names, confirm, contextName: context.name }),
    [names, search, confirm, context.name],
  );
  const [state, dispatch] = useReducer(reducer, initialPickerState);
  // Query, status and footer lines, plus the terminal's last row left empty: with incremental
  // rendering, a frame exactly as tall as the terminal redraws one row off (seen on Ink 8; the PTY
  // test checks the query line stays on top).
  const listHeight = Math.max(1, rows - 4);

  useInput((input, key) => {
    for (const k of normalizeKeys(input, key)) dispatch({ key: k, pageSize: listHeight });
  });
  useEffect(() => {
    if (state.done) exit(state.done satisfies PickerResult);
  }, [state.done, exit]);

  const { matches, shown } = search(state.query);
  const hiddenMarks = [...state.marks].filter((n) => !shown.has(n)).length;
  const prodColour = context.production ? theme.production : theme.accent;
  const where = (
    <Text color={prodColour} bold={context.production} wrap="truncate-end">
      {`${context.name}${context.production ? ' PRODUCTION' : ''} · ${context.url}`}
    </Text>
  );

  if (state.mode === 'confirm') {
    const targets = state.targets.map((n) => byName.get(n)!);
    const hiddenTargets = state.targets.filter((n) => !shown.has(n)).length;
    const width = Math.min(
      Math.max(...targets.slice(0, PREVIEW).map((t) => stringWidth(t.name))),
      columns - 30,
    );
    const count = `${targets.length} connector${targets.length === 1 ? '' : 's'}`;
    return (
      <Box flexDirection="column" width={columns}>
        <Text bold wrap="truncate-end">{`${verb} ${count} on`}</Text>
        {where}
        {targets.slice(0, PREVIEW).map((t) => (
          <Text key={t.name} wrap="truncate-end">
            {`  ${fitCells(t.name, Math.max(8, width))}  `}
            <Text color={stateColour(theme, t.rawState ?? '')}>{t.state}</Text>
          </Text>
        ))}
        {targets.length > PREVIEW ? <Text>{`  +${targets.length - PREVIEW} more`}</Text> : null}
        {hiddenTargets > 0 ? (
          <Text color={theme.warn}>{`! ${hiddenTargets} of them hidden by the current filter`}</Text>
        ) : null}
        {note ? <Text color={theme.muted}>{note}</Text> : null}
        <Text> </Text>
        {confirm === 'type-name' ? (
          <>
            <Text color={theme.production} bold>
              {`${context.name} is a PRODUCTION context. Type its name to ${verb.toLowerCase()} ${count}:`}
            </Text>
            <Text>{`> ${state.typed}█`}</Text>
            <Text color={theme.muted}>Enter confirm · Esc back to the list · Ctrl-C quit</Text>
          </>
        ) : (
          <Text>
            <Text color={theme.error}>{`[y] ${verb}`}</Text>
            {'   '}
            <Text inverse>[N] Cancel</Text>
            <Text color={theme.muted}>{'   Enter/Esc/n back to the list · Ctrl-C quit'}</Text>
          </Text>
        )}
        {state.message ? <Text color={theme.warn}>{state.message}</Text> : null}
      </Box>
    );
  }

  const nameWidth = Math.max(8, Math.min(60, columns - 32));
  return (
    <Box flexDirection="column" width={columns} height={listHeight + 3}>
      <Box>
        <Text bold>{`${verb} › `}</Text>
        <Text>{state.query}</Text>
        <Text inverse> </Text>
      </Box>
      <Box>
        <Text color={theme.muted} wrap="truncate-end">
          {`${matches.length}/${items.length} shown · ${state.marks.size} marked${hiddenMarks > 0 ? ` (${hiddenMarks} hidden by the filter)` : ''} · `}
        </Text>
        {where}
      </Box>
      <Box flexDirection="column" height={listHeight}>
        {matches.length === 0 ? (
          <Text color={theme.muted}>no connector matches</Text>
        ) : (
          <ListWindow
            count={matches.length}
            cursor={state.cursor}
            height={listHeight}
            renderRow={(i, selected) => {
              const m = matches[i]!;
              const marked = state.marks.has(m.item.name);
              return (
                <Text inverse={selected} wrap="truncate-end">
                  <Text
                    color={marked ? theme.accent : undefined}
                  >{`${selected ? '>' : ' '}${marked ? '●' : ' '} `}</Text>
                  <NameCell name={m.item.name} positions={m.positions} width={nameWidth} theme={theme} />
                  {'  '}
                  <Text color={stateColour(theme, m.item.rawState ?? '')}>{m.item.state}</Text>
                </Text>
              );
            }}
          />
        )}
      </Box>
      <Text color={state.message ? theme.warn : theme.muted} wrap="truncate-end">
        {state.message ??
          `Space/Tab mark · Ctrl-A mark shown · ↑↓ move · Enter ${verb.toLowerCase()} ${state.marks.size > 0 ? 'marked' : 'highlighted'} · Esc cancel`}
      </Text>
    </Box>
  );
}

/** The name padded to `width` cells with the matched characters highlighted; cut with … if longer. */
function NameCell(props: { name: string; positions: number[]; width: number; theme: Theme }): ReactNode {
  const { name, positions, width, theme } = props;
  if (stringWidth(name) > width) return <Text>{fitCells(name, width)}</Text>;
  const pad = ' '.repeat(width - stringWidth(name));
  return (
    <Text>
      {highlightRuns(name, positions).map((r, i) =>
        r.match ? (
          <Text key={i} color={theme.highlight} bold underline={!theme.colour}>
            {r.text}
          </Text>
        ) : (
          <Text key={i}>{r.text}</Text>
        ),
      )}
      {pad}
    </Text>
  );
}
