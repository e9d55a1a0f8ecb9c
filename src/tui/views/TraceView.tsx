// The full stack trace of a failed task (or connector): root cause pinned on top, scroll, search,
// wrap, `y` copies, `R` restarts that task.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { causeSummary, firstLine, shortException, traceLines } from '../../domain/trace.js';
import { useActions } from '../actions-context.js';
import { TextPager } from '../components/TextPager.js';
import { cellWidth, fitCells } from '../../domain/text-fit.js';
import { usePollerState } from '../services.js';
import { useTheme } from '../theme-context.js';
import { useCopy } from '../use-copy.js';

export function TraceView({
  name,
  task,
  width,
  height,
}: {
  name: string;
  task: number | null;
  width: number;
  height: number;
}): ReactNode {
  const theme = useTheme();
  const actions = useActions();
  const copyText = useCopy();
  const { snapshot } = usePollerState();
  const row = snapshot?.byName.get(name);
  const entry = task === null ? row?.status.connector : row?.tasks.find((t) => t.id === task);
  const trace = entry?.trace ?? '';
  const lines =
    trace === ''
      ? [
          `${task === null ? 'The connector' : `Task ${task}`} is ${entry?.state ?? 'gone'} and reports no trace.`,
        ]
      : traceLines(trace);
  const causes = causeSummary(trace);
  // Class names shortened (DataException: …) so the message itself fits on an 80-column line.
  const cause = shortException(causes.first ?? firstLine(trace));
  const deepest = causes.deepest ? shortException(causes.deepest) : undefined;
  const causeLead = `${entry?.state ?? 'GONE'} on ${entry?.worker_id ?? '?'} · root cause: `;
  // The root cause may take two rows (the exception and its message matter most), never more.
  const causeRows = Math.min(
    2,
    Math.max(1, Math.ceil(cellWidth(causeLead + (cause || '—')) / Math.max(1, width))),
  );
  const shownCause =
    causeRows === 2 ? fitCells(cause || '—', 2 * width - cellWidth(causeLead)).trimEnd() : cause || '—';
  return (
    <TextPager
      view="trace"
      lines={lines}
      height={height}
      pinnedHeight={causeRows + (deepest ? 1 : 0) + 1}
      pinned={
        <Box flexDirection="column">
          <Text wrap="wrap">
            <Text color={theme.muted}>{causeLead}</Text>
            <Text color={theme.error} bold>
              {shownCause}
            </Text>
          </Text>
          {deepest ? (
            <Text wrap="truncate-end">
              <Text color={theme.muted}>{'deepest cause: '}</Text>
              <Text color={theme.error}>{deepest}</Text>
            </Text>
          ) : null}
          <Text color={theme.muted}>{'─'.repeat(20)}</Text>
        </Box>
      }
      lineColour={(line) =>
        line.startsWith('Caused by:') ? theme.error : line.startsWith('\tat ') ? theme.muted : undefined
      }
      onKey={(key) => {
        if (key === 'y') {
          copyText(trace, `the trace, ${trace.length} chars`);
          return true;
        }
        if (key === 'R') {
          if (task === null) actions.request('restart', [name], {});
          else actions.restartTask(name, task);
          return true;
        }
        return false;
      }}
    />
  );
}
