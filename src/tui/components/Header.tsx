// Context (production in red), URL, Connect version, data age, counts by health, why the data is stale.
import { Box, Text, useWindowSize } from 'ink';
import type { ReactNode } from 'react';
import { describeReason } from '../../connect/errors.js';
import { dataAgeLabel } from '../../domain/format.js';
import { usePollerState, useServices } from '../services.js';
import { cellWidth, fitCells } from '../../domain/text-fit.js';
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
  const { columns } = useWindowSize();
  const chip = ` ${context.name}${context.production ? ' (production)' : ''} `;
  const versionLabel = version ? `Connect ${version}` : 'Connect ?';
  // The URL gives way first on a narrow terminal: the context, the version and the data age matter more.
  const fixed = [chip, context.readonly ? 'read-only' : '', versionLabel, age].filter(Boolean);
  const urlWidth = columns - fixed.reduce((w, part) => w + cellWidth(part) + 1, 0);
  const url = urlWidth >= 8 ? `${fitCells(context.url, urlWidth - 1).trimEnd()} ` : '';
  return (
    <Box flexDirection="column">
      {/* Each header line is one truncating Text: a wrapped header would push the footer off screen. */}
      <Text wrap="truncate-end">
        <Text bold inverse color={context.production ? theme.production : (context.colour ?? theme.accent)}>
          {chip}
        </Text>{' '}
        {context.readonly ? <Text color={theme.warn}>read-only </Text> : null}
        {url}
        <Text color={theme.muted}>{versionLabel}</Text>{' '}
        <Text color={state.stale ? theme.warn : theme.muted} bold={state.stale}>
          {age}
        </Text>
      </Text>
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
        {/* Why the kept data is stale (401, a proxy's HTML page, a timeout…); without data, the
            view shows the whole message instead. */}
        {state.snapshot && state.stale && state.error !== undefined ? (
          <Text color={theme.warn}>{`  ✗ ${describeReason(state.error)}`}</Text>
        ) : null}
      </Text>
    </Box>
  );
}

function countLabel(theme: Theme, health: string, n: number): string {
  return `${theme.colour ? '● ' : ''}${n} ${health.toLowerCase()}`;
}
