// The view's main keys, generated from the keymap, and the last action's result.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Notice } from '../app-state.js';
import { KEYMAP, type ViewId } from '../keymap.js';
import { formatKey } from '../keys.js';
import { useTheme } from '../theme-context.js';

export function Footer({ view, notice }: { view: ViewId; notice: Notice | undefined }): ReactNode {
  const theme = useTheme();
  const hints = KEYMAP.filter((b) => b.footer?.includes(view)).map(
    (b) => `${formatKey(b.keys[0]!)} ${shortLabel(b.command)}`,
  );
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
        {hints.join('  ')}
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
  copy: 'copy',
  search: 'search',
  wrap: 'wrap',
};

const shortLabel = (command: string) => SHORT[command] ?? command;
