// The `/` filter line of the secondary lists (topics, loggers): typing edits it, Enter keeps it,
// Esc clears it. The connectors list keeps its filter in the app state instead, so it survives
// drilling into a connector and back.
import { Text } from 'ink';
import { type ReactNode, useState } from 'react';
import type { KeyEvent } from './keys.js';
import { editLine } from './line-edit.js';
import { useTheme } from './theme-context.js';

export interface FilterInput {
  filter: string;
  editing: boolean;
  /** Consumes the key while editing; returns false otherwise. */
  edit(key: KeyEvent): boolean;
  start(): void;
  clear(): void;
}

export function useFilterInput(onChange?: () => void): FilterInput {
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState(false);
  return {
    filter,
    editing,
    edit: (key) => {
      if (!editing) return false;
      if (key.name === 'enter') setEditing(false);
      else if (key.name === 'escape') {
        setFilter('');
        setEditing(false);
      } else {
        const edited = editLine(filter, key);
        if (edited !== undefined) setFilter(edited);
      }
      onChange?.();
      return true;
    },
    start: () => setEditing(true),
    clear: () => {
      setFilter('');
      onChange?.();
    },
  };
}

export function FilterLine({ input, suffix }: { input: FilterInput; suffix?: string }): ReactNode {
  const theme = useTheme();
  if (!input.editing && input.filter === '') return null;
  return (
    <Text wrap="truncate-end">
      <Text color={theme.accent}>/</Text>
      {input.filter}
      {input.editing ? <Text inverse> </Text> : null}
      {suffix ? <Text color={theme.muted}>{suffix}</Text> : null}
    </Text>
  );
}
