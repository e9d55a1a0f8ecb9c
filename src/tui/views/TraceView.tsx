// The full stack trace of a failed task (or connector): root cause pinned on top, scroll, search,
// wrap, `y` copies, `R` restarts that task.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { causeSummary, firstLine } from '../../domain/trace.js';
import { useActions } from '../actions-context.js';
import { TextPager } from '../components/TextPager.js';
import { usePollerState } from '../services.js';
import { useTheme } from '../theme-context.js';
import { useCopy } from '../use-copy.js';

export function TraceView({
  name,
  task,
  height,
}: {
  name: string;
  task: number | null;
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
      : trace.split('\n');
  const causes = causeSummary(trace);
  const cause = causes.first ?? firstLine(trace);
  return (
    <TextPager
      view="trace"
      lines={lines}
      height={height}
      pinnedHeight={causes.deepest ? 3 : 2}
      pinned={
        <Box flexDirection="column">
          <Text wrap="truncate-end">
            <Text
              color={theme.muted}
            >{`${entry?.state ?? 'GONE'} on ${entry?.worker_id ?? '?'} · root cause: `}</Text>
            <Text color={theme.error} bold>
              {cause || '—'}
            </Text>
          </Text>
          {causes.deepest ? (
            <Text wrap="truncate-end">
              <Text color={theme.muted}>{'deepest cause: '}</Text>
              <Text color={theme.error}>{causes.deepest}</Text>
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
