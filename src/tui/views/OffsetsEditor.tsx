// The alter step of the offsets view: the current offsets as JSON in the inline editor. Ctrl-S
// checks the JSON and the shape the offsets API wants before anything is sent; Esc with changes
// asks first.
import { Box, Text } from 'ink';
import { type ReactNode, useState } from 'react';
import type { ConnectorOffset, ConnectorType } from '../../connect/types.js';
import { parseJsonText } from '../../domain/editor/json-text.js';
import { parseOffsetsInput } from '../../domain/offsets.js';
import { useActions } from '../actions-context.js';
import { type LineMessage, TextEditor } from '../components/TextEditor.js';
import { useTheme } from '../theme-context.js';

export function OffsetsEditor({
  name,
  type,
  initialText,
  width,
  height,
  onDone,
}: {
  name: string;
  type: ConnectorType | undefined;
  initialText: string;
  width: number;
  height: number;
  /** The checked offsets to apply, or undefined when the user backed out. */
  onDone: (offsets: ConnectorOffset[] | undefined) => void;
}): ReactNode {
  const theme = useTheme();
  const actions = useActions();
  const [problem, setProblem] = useState<string | undefined>();
  const [messages, setMessages] = useState<LineMessage[]>([]);
  const [jump, setJump] = useState<{ line: number; column: number } | undefined>();

  const check = (text: string) => {
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      const { line, column, message } = parsed.error;
      setProblem(`JSON error at line ${line}, column ${column}: ${message}`);
      setMessages([{ line, text: message, tone: 'error' }]);
      setJump({ line, column });
      return;
    }
    const result = parseOffsetsInput(parsed.value, type);
    if (!result.ok) {
      setProblem(result.error);
      setMessages([]);
      return;
    }
    onDone(result.offsets);
  };

  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{`Alter offsets of ${name}`}</Text>
        <Text color={theme.muted}>{'  Ctrl-S check & apply · Esc back · Ctrl-Z undo'}</Text>
      </Text>
      <Text color={problem ? theme.error : theme.muted} wrap="truncate-end">
        {problem ??
          (type === 'sink'
            ? 'Sink: {"partition": {"kafka_topic", "kafka_partition"}, "offset": {"kafka_offset"}} — offset null resets'
            : 'Source: {"partition": {…}, "offset": {…}} as the connector writes them — offset null resets')}
      </Text>
      <TextEditor
        initialText={initialText}
        width={width}
        height={Math.max(3, height - 2)}
        messages={messages}
        {...(jump ? { jump } : {})}
        onChange={() => {
          setProblem(undefined);
          setMessages([]);
        }}
        onCommand={(key, text) => {
          if (key.name === 'ctrl+s') {
            check(text);
            return true;
          }
          if (key.name === 'escape') {
            if (text === initialText) onDone(undefined);
            else
              actions.openDialog({
                kind: 'confirm',
                title: 'Discard the edited offsets?',
                lines: ['Nothing has been sent to the cluster.'],
                confirmLabel: 'Discard',
                onConfirm: () => onDone(undefined),
              });
            return true;
          }
          return false;
        }}
      />
    </Box>
  );
}
