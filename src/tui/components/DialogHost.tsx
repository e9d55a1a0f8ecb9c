// Modal dialogs. They sit on top of the key-handler stack and consume every key, so nothing
// reaches the view below while one is open. Confirm dialogs start on Cancel.
import { Box, Text } from 'ink';
import { type ReactNode, useState } from 'react';
import type { BulkOutcome } from '../../domain/bulk-runner.js';
import { useKeys } from '../input-stack.js';
import { editLine } from '../line-edit.js';
import { cellWidth } from '../../domain/text-fit.js';
import { useTheme } from '../theme-context.js';

export type Dialog =
  | {
      kind: 'confirm';
      title: string;
      lines: string[];
      confirmLabel: string;
      danger?: boolean;
      /** Production safety: the confirm button works only once this text (the context name) is typed. */
      typeToConfirm?: string;
      onConfirm: () => void;
      /** Called when the dialog closes without confirming. */
      onCancel?: () => void;
    }
  | {
      kind: 'prompt';
      title: string;
      lines: string[];
      initial: string;
      /** An error to show (the prompt stays open), or undefined when the text is acceptable. */
      check?: (text: string) => string | undefined;
      onSubmit: (text: string) => void;
    }
  | {
      kind: 'choice';
      title: string;
      lines: string[];
      options: { value: string; label: string; disabledReason?: string }[];
      onChoose: (value: string) => void;
    }
  | { kind: 'results'; title: string; outcomes: BulkOutcome[] }
  | { kind: 'message'; title: string; lines: string[] };

export function DialogHost({
  dialog,
  onClose,
  width,
  height = 24,
}: {
  dialog: Dialog;
  onClose: () => void;
  width: number;
  /** Rows the dialog may take: on a small terminal its lists shrink ("+N more"), never its buttons. */
  height?: number;
}): ReactNode {
  const theme = useTheme();
  const boxWidth = Math.min(width, 100);
  // On a short screen the title keeps to one row, leaving the rows to the targets and the buttons.
  const short = height < 10;
  const titleRows = short ? 1 : Math.max(1, Math.ceil(cellWidth(dialog.title) / Math.max(1, boxWidth - 4)));
  // Rows inside the border, below the title.
  const room = Math.max(2, height - 2 - titleRows);
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={dialog.kind === 'confirm' && dialog.danger ? theme.error : theme.accent}
      paddingX={1}
      width={boxWidth}
      flexShrink={0}
    >
      <Text bold wrap={short ? 'truncate-end' : 'wrap'}>
        {dialog.title}
      </Text>
      {dialog.kind === 'confirm' ? <Confirm dialog={dialog} onClose={onClose} room={room} /> : null}
      {dialog.kind === 'choice' ? <Choice dialog={dialog} onClose={onClose} room={room} /> : null}
      {dialog.kind === 'results' ? <Results dialog={dialog} onClose={onClose} room={room} /> : null}
      {dialog.kind === 'message' ? <MessageBody lines={dialog.lines} onClose={onClose} room={room} /> : null}
      {dialog.kind === 'prompt' ? <Prompt dialog={dialog} onClose={onClose} /> : null}
    </Box>
  );
}

/** At most `max` of the lines, the last one saying how many were left out. */
export function fitLines(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  if (max <= 1) return lines.slice(0, Math.max(0, max));
  const keep = max - 1;
  return [...lines.slice(0, keep), `  … +${lines.length - keep} more line(s)`];
}

function Confirm({
  dialog,
  onClose,
  room,
}: {
  dialog: Extract<Dialog, { kind: 'confirm' }>;
  onClose: () => void;
  room: number;
}): ReactNode {
  const theme = useTheme();
  const [focus, setFocus] = useState<'cancel' | 'confirm'>('cancel');
  const [typed, setTyped] = useState('');
  const armed = dialog.typeToConfirm === undefined || typed === dialog.typeToConfirm;
  const cancel = () => {
    onClose();
    dialog.onCancel?.();
  };
  useKeys((key) => {
    if (key.name === 'escape') cancel();
    else if (dialog.typeToConfirm !== undefined && (key.text !== '' || key.name === 'backspace')) {
      setTyped((t) => (key.name === 'backspace' ? t.slice(0, -1) : t + key.text));
    } else if (['left', 'right', 'tab', 'shift+tab', 'h', 'l'].includes(key.name))
      setFocus((f) => (f === 'cancel' ? 'confirm' : 'cancel'));
    else if (key.name === 'q' || key.name === 'n') cancel();
    else if (key.name === 'enter') {
      if (focus === 'confirm' && !armed) return true;
      if (focus === 'confirm') {
        onClose();
        dialog.onConfirm();
      } else cancel();
    }
    return true;
  });
  // The buttons always show; then the lines (at least one), then the key hint, then a spacer.
  const avail = room - 1 - (dialog.typeToConfirm !== undefined ? 1 : 0);
  const lines = fitLines(dialog.lines, Math.max(1, avail));
  const showHint = avail - lines.length >= 1;
  const spacer = avail - lines.length - (showHint ? 1 : 0) >= 1;
  return (
    <Box flexDirection="column" flexShrink={0}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end" color={line.startsWith('⚠') ? theme.warn : undefined}>
          {line}
        </Text>
      ))}
      {dialog.typeToConfirm !== undefined ? (
        <Text wrap="truncate-end">
          <Text
            color={theme.warn}
          >{`Production context: type "${dialog.typeToConfirm}" to enable ${dialog.confirmLabel}: `}</Text>
          {typed}
          <Text inverse> </Text>
        </Text>
      ) : null}
      <Box gap={2} marginTop={spacer ? 1 : 0}>
        <Text inverse={focus === 'cancel'}>{' Cancel '}</Text>
        <Text
          inverse={focus === 'confirm'}
          color={armed ? (dialog.danger ? theme.error : theme.accent) : theme.muted}
          bold={armed}
        >
          {` ${dialog.confirmLabel} `}
        </Text>
      </Box>
      {showHint ? (
        <Text color={theme.muted} wrap="truncate-end">
          {dialog.typeToConfirm !== undefined
            ? 'Tab choose · Enter · Esc cancels'
            : '←/→ choose · Enter · Esc cancels'}
        </Text>
      ) : null}
    </Box>
  );
}

function Choice({
  dialog,
  onClose,
  room,
}: {
  dialog: Extract<Dialog, { kind: 'choice' }>;
  onClose: () => void;
  room: number;
}): ReactNode {
  const theme = useTheme();
  const [cursor, setCursor] = useState(0);
  useKeys((key) => {
    if (key.name === 'up' || key.name === 'k') setCursor((c) => Math.max(0, c - 1));
    else if (key.name === 'down' || key.name === 'j')
      setCursor((c) => Math.min(dialog.options.length - 1, c + 1));
    else if (key.name === 'escape' || key.name === 'q') onClose();
    else if (key.name === 'enter') {
      const option = dialog.options[cursor]!;
      if (!option.disabledReason) {
        onClose();
        dialog.onChoose(option.value);
      }
    } else if (/^[1-9]$/.test(key.name)) {
      const option = dialog.options[Number(key.name) - 1];
      if (option && !option.disabledReason) {
        onClose();
        dialog.onChoose(option.value);
      }
    }
    return true;
  });
  // Every option stays visible (scrolling when even they do not fit); the lines give way first.
  const optionRows = Math.min(dialog.options.length, Math.max(1, room));
  const firstOption = Math.max(0, Math.min(cursor - optionRows + 1, dialog.options.length - optionRows));
  const lines = fitLines(dialog.lines, Math.max(0, room - optionRows - 1));
  const showHint = room - optionRows - lines.length >= 1;
  return (
    <Box flexDirection="column" flexShrink={0}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
      {dialog.options.slice(firstOption, firstOption + optionRows).map((option, j) => {
        const i = firstOption + j;
        return (
          <Text
            key={option.value}
            inverse={i === cursor}
            color={option.disabledReason ? theme.muted : undefined}
            wrap="truncate-end"
          >
            {`${i + 1}. ${option.label}${option.disabledReason ? ` — ${option.disabledReason}` : ''}`}
          </Text>
        );
      })}
      {showHint ? (
        <Text color={theme.muted} wrap="truncate-end">
          ↑/↓ or 1–{dialog.options.length} · Enter · Esc cancels
        </Text>
      ) : null}
    </Box>
  );
}

function Results({
  dialog,
  onClose,
  room,
}: {
  dialog: Extract<Dialog, { kind: 'results' }>;
  onClose: () => void;
  room: number;
}): ReactNode {
  const theme = useTheme();
  const [offset, setOffset] = useState(0);
  const page = Math.max(1, Math.min(12, room - 2));
  useKeys((key) => {
    if (key.name === 'down' || key.name === 'j')
      setOffset((o) => Math.min(Math.max(0, dialog.outcomes.length - page), o + 1));
    else if (key.name === 'up' || key.name === 'k') setOffset((o) => Math.max(0, o - 1));
    else if (key.name === 'escape' || key.name === 'enter' || key.name === 'q') onClose();
    return true;
  });
  return (
    <Box flexDirection="column">
      {dialog.outcomes.slice(offset, offset + page).map((o) => (
        <Text key={o.name} color={o.ok ? theme.ok : o.gone ? theme.warn : theme.error} wrap="truncate-end">
          {`${o.ok ? '✓' : o.gone ? '–' : '✗'} ${o.name}${outcomeNote(o)}`}
        </Text>
      ))}
      {dialog.outcomes.length > page ? (
        <Text
          color={theme.muted}
        >{`↑/↓ scroll (${offset + 1}–${Math.min(offset + page, dialog.outcomes.length)} of ${dialog.outcomes.length})`}</Text>
      ) : null}
      <Text color={theme.muted}>Enter or Esc closes</Text>
    </Box>
  );
}

function MessageBody({
  lines,
  onClose,
  room,
}: {
  lines: string[];
  onClose: () => void;
  room: number;
}): ReactNode {
  useKeys((key) => {
    if (key.name === 'escape' || key.name === 'enter' || key.name === 'q') onClose();
    return true;
  });
  // Messages wrap, to as many rows as they need (an error with its URL and reason often takes four
  // at 80 columns, and its end says the most, e.g. "gave up after 9 attempts"); only a screen too
  // small for them all cuts the text.
  return (
    <Box flexDirection="column" maxHeight={room} overflow="hidden">
      {lines.map((l, i) => (
        <Text key={i} wrap="wrap">
          {l}
        </Text>
      ))}
    </Box>
  );
}

function Prompt({
  dialog,
  onClose,
}: {
  dialog: Extract<Dialog, { kind: 'prompt' }>;
  onClose: () => void;
}): ReactNode {
  const theme = useTheme();
  const [text, setText] = useState(dialog.initial);
  const [error, setError] = useState<string | undefined>();
  useKeys((key) => {
    if (key.name === 'escape') onClose();
    else if (key.name === 'enter') {
      const problem = dialog.check?.(text);
      if (problem !== undefined) setError(problem);
      else {
        onClose();
        dialog.onSubmit(text);
      }
    } else {
      const edited = editLine(text, key);
      if (edited !== undefined) setText(edited);
    }
    return true;
  });
  return (
    <Box flexDirection="column">
      {dialog.lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
      <Text wrap="truncate-end">
        <Text color={theme.accent}>{'> '}</Text>
        {text}
        <Text inverse> </Text>
      </Text>
      {error ? <Text color={theme.error}>{error}</Text> : null}
      <Text color={theme.muted}>Enter accepts · Ctrl-U clears · Esc cancels</Text>
    </Box>
  );
}

function outcomeNote(o: BulkOutcome): string {
  if (o.ok) return o.detail ? ` (${o.detail})` : '';
  if (o.gone) return ': already gone (deleted elsewhere)';
  if (o.notSent) return `: not sent${o.error ? ` — ${o.error}` : ''}`;
  return `: ${o.error ?? 'failed'}`;
}
