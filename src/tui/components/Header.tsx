// Context (production in red), URL, Connect version, data age, counts by health.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { dataAgeLabel } from '../../domain/format.js';
import { usePollerState, useServices } from '../services.js';
import { stateColour, type Theme } from '../theme.js';
import { useTheme } from '../theme-context.js';
import { useTick } from '../use-tick.js';

const ORDER = ['HEALTHY', 'DEGRADED', 'FAILED', 'UNASSIGNED', 'PAUSED', 'STOPPED'] as const;

export function Header({ version }: { version: string | undefined }): ReactNode {
  const { context, now, poller } = useServices();
  const state = usePollerState();
  const theme = useTheme();
  // Only a stale header ticks: an unchanged live screen writes nothing.
  useTick(state.stale ? 1000 : 0);
  const age = dataAgeLabel(state, now(), { intervalMs: poller.intervalMs });
  const counts = state.snapshot?.countsByHealth;
  return (
    <Box flexDirection="column">
      <Box gap={1} overflow="hidden">
        <Text bold inverse color={context.production ? theme.production : (context.colour ?? theme.accent)}>
          {` ${context.name}${context.production ? ' (production)' : ''} `}
        </Text>
        {context.readonly ? <Text color={theme.warn}>read-only</Text> : null}
        <Text wrap="truncate-end">{context.url}</Text>
        <Text color={theme.muted}>{version ? `Connect ${version}` : 'Connect ?'}</Text>
        <Text color={state.stale ? theme.warn : theme.muted} bold={state.stale}>
          {age}
        </Text>
      </Box>
      {/* One line that truncates: a wrapped header would push the footer off a 24-row screen. */}
      <Text wrap="truncate-end">
        {counts ? (
          ORDER.filter((h) => counts[h] > 0 || h === 'HEALTHY').map((h) => (
            <Text key={h} color={stateColour(theme, h)}>
              {`${countLabel(theme, h, counts[h])}  `}
            </Text>
          ))
        ) : (
          <Text color={theme.muted}>{state.errorMessage ? 'no data yet  ' : 'loading…  '}</Text>
        )}
        {state.snapshot ? (
          <Text color={theme.muted}>{`${state.snapshot.rows.length} connectors`}</Text>
        ) : null}
      </Text>
    </Box>
  );
}

function countLabel(theme: Theme, health: string, n: number): string {
  return `${theme.colour ? '● ' : ''}${n} ${health.toLowerCase()}`;
}
