// The view's main keys, generated from the keymap, and the last action's result.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Notice } from '../app-state.js';
import { KEYMAP, type ViewId } from '../keymap.js';
import { formatKey } from '../keys.js';
import { useServices } from '../services.js';
import { useTheme } from '../theme-context.js';

export function Footer({ view, notice }: { view: ViewId; notice: Notice | undefined }): ReactNode {
  const theme = useTheme();
  const { client, context } = useServices();
  const caps = client.knownCapabilities;
  // Keys this cluster or context cannot use stay visible but dimmed: `?` says why.
  const hints = KEYMAP.filter((b) => b.footer?.includes(view)).map((b) => ({
    text: `${formatKey(b.keys[0]!)} ${shortLabel(b.command)}`,
    disabled:
      (b.mutating && context.readonly) || (b.feature !== undefined && caps?.supports(b.feature) === false),
  }));
  const tone = notice
    ? { ok: theme.ok, error: theme.error, warn: theme.warn, info: theme.info }[notice.tone]
    : undefined;
  return (
    <Box flexDirection="column">
      {notice ? (
        <Text color={tone} wrap="truncate-end">
          {notice.text}
        </Text>
      ) : (
        <Text> </Text>
      )}
      <Text color={theme.muted} wrap="truncate-end">
        {hints.map((h, i) => (
          <Text key={h.text} dimColor={h.disabled} strikethrough={h.disabled && theme.colour}>
            {`${i > 0 ? '  ' : ''}${h.text}`}
          </Text>
        ))}
      </Text>
    </Box>
  );
}

const SHORT: Record<string, string> = {
  help: 'help',
  commandLine: 'cmd',
  filter: 'filter',
  quit: 'quit',
  open: 'open',
  problems: 'problems',
  pause: 'pause',
  resume: 'resume',
  restart: 'restart',
  delete: 'delete',
  config: 'config',
  topics: 'topics',
  resetTopics: 'reset topics',
  alterOffsets: 'alter',
  edit: 'edit',
  newConnector: 'new',
  resetOffsets: 'reset',
  copy: 'copy',
  search: 'search',
  wrap: 'wrap',
};

const shortLabel = (command: string) => SHORT[command] ?? command;
