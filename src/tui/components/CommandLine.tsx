// `:` — a one-line command prompt with Tab completion, k9s-style.
import { Text } from 'ink';
import { type ReactNode, useState } from 'react';
import { useKeys } from '../input-stack.js';
import { editLine } from '../line-edit.js';
import { useServices } from '../services.js';
import { useTheme } from '../theme-context.js';

export const COMMANDS = [
  'connectors',
  'cluster',
  'workers',
  'plugins',
  'topics',
  'loggers',
  'ctx',
  'help',
  'quit',
] as const;

/** Commands starting with what was typed; after `ctx `, the context names. */
export function completions(input: string, contexts: readonly string[] = []): string[] {
  const ctx = /^\s*ctx\s+(.*)$/i.exec(input);
  if (ctx) return contexts.filter((n) => n.startsWith(ctx[1] ?? '')).map((n) => `ctx ${n}`);
  const word = input.trim().toLowerCase();
  return COMMANDS.filter((c) => c.startsWith(word));
}

export function CommandLine({
  onRun,
  onCancel,
}: {
  onRun: (command: string) => void;
  onCancel: () => void;
}): ReactNode {
  const theme = useTheme();
  const [text, setText] = useState('');
  const { contextNames } = useServices();
  // Read once when the prompt opens (the names come from the contexts file), not on every key.
  const [contexts] = useState(() => contextNames?.() ?? []);
  const candidates = completions(text, contexts);
  useKeys((key) => {
    if (key.name === 'escape') onCancel();
    else if (key.name === 'enter') {
      const exact = COMMANDS.find((c) => c === text.trim().toLowerCase());
      onRun(exact ?? (candidates.length === 1 ? candidates[0]! : text.trim()));
    } else if (key.name === 'tab') {
      if (candidates.length > 0) setText(candidates[0]!);
    } else {
      const edited = editLine(text, key);
      if (edited !== undefined) setText(edited);
    }
    return true;
  });
  return (
    <Text wrap="truncate-end">
      <Text color={theme.accent}>:</Text>
      {text}
      <Text inverse> </Text>
      <Text
        color={theme.muted}
      >{`  ${candidates.join(' ') || 'no such command'}  (Tab completes, Enter runs, Esc cancels)`}</Text>
    </Text>
  );
}
