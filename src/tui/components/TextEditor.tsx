// A multi-line text editor over the pure text-buffer reducer: line numbers, a visible cursor,
// scrolling both ways, JSON colouring where the terminal has colour, messages beside their lines,
// and bracketed paste as one edit. The parent owns what Ctrl-S / Esc / Ctrl-E mean.
import { Box, Text, usePaste } from 'ink';
import { type ReactNode, useEffect, useReducer, useRef } from 'react';
import { displayText, scrollLeft, scrollTop, visibleSlice } from '../../domain/editor/columns.js';
import {
  createTextBuffer,
  type TextBuffer,
  type TextBufferAction,
  textBufferReducer,
  textOf,
} from '../../domain/editor/text-buffer.js';
import type { KeyEvent } from '../keys.js';
import { useKeys } from '../input-stack.js';
import type { Theme } from '../theme.js';
import { useTheme } from '../theme-context.js';
import { jsonTokens } from './json-tokens.js';

export interface LineMessage {
  /** 1-based line. */
  line: number;
  text: string;
  tone: 'error' | 'warn';
}

export interface TextEditorProps {
  initialText: string;
  width: number;
  height: number;
  /** Shown beside their lines (validation errors, conversion notes). */
  messages?: readonly LineMessage[];
  /** Set to move the cursor (e.g. to a JSON syntax error); a new object each time it should move. */
  jump?: { line: number; column: number };
  /** Replaces the text as one undo step (e.g. coming back from $EDITOR); a new object each time. */
  replace?: { text: string };
  /** Keys the editor does not take (Ctrl-S, Esc, Ctrl-E…) go here first; true = handled. */
  onCommand: (key: KeyEvent, text: string) => boolean;
  onChange?: (text: string) => void;
  /** False while something else on screen takes the keys (e.g. a diff pane over a hidden editor). */
  active?: boolean;
}

/** Keys → buffer actions; undefined for keys the editor leaves to its parent. */
export function editorAction(key: KeyEvent, page: number): TextBufferAction | undefined {
  switch (key.name) {
    case 'enter':
      return { type: 'newline' };
    case 'backspace':
      return { type: 'backspace' };
    case 'delete':
      return { type: 'delete' };
    case 'left':
    case 'right':
    case 'up':
    case 'down':
      return { type: 'move', to: key.name };
    case 'meta+left':
    case 'ctrl+left':
    case 'meta+b':
      return { type: 'move', to: 'word-left' };
    case 'meta+right':
    case 'ctrl+right':
    case 'meta+f':
      return { type: 'move', to: 'word-right' };
    case 'home':
    case 'ctrl+a':
      return { type: 'move', to: 'line-start' };
    case 'end':
      return { type: 'move', to: 'line-end' };
    case 'ctrl+home':
      return { type: 'move', to: 'buffer-start' };
    case 'ctrl+end':
      return { type: 'move', to: 'buffer-end' };
    case 'pageup':
      return { type: 'page', direction: 'up', size: page };
    case 'pagedown':
      return { type: 'page', direction: 'down', size: page };
    case 'ctrl+z':
      return { type: 'undo' };
    case 'ctrl+y':
      return { type: 'redo' };
    case 'ctrl+w':
    case 'meta+backspace':
      return { type: 'delete-word-left' };
    case 'ctrl+k':
      return { type: 'delete-to-line-end' };
    case 'tab':
      return { type: 'insert', text: '  ' };
    default:
      return key.text !== '' ? { type: 'insert', text: key.text } : undefined;
  }
}

type EditorAction = TextBufferAction | { type: 'jump'; line: number; column: number };

function reducer(state: TextBuffer, action: EditorAction): TextBuffer {
  if (action.type !== 'jump') return textBufferReducer(state, action);
  const row = Math.max(0, Math.min(state.lines.length - 1, action.line - 1));
  const col = Math.max(0, Math.min([...(state.lines[row] ?? '')].length, action.column - 1));
  return { ...state, cursor: { row, col }, goalColumn: undefined, lastEdit: undefined };
}

export function TextEditor({
  initialText,
  width,
  height,
  messages = [],
  jump,
  replace,
  onCommand,
  onChange,
  active = true,
}: TextEditorProps): ReactNode {
  const theme = useTheme();
  const [buffer, dispatch] = useReducer(reducer, initialText, createTextBuffer);
  const top = useRef(0);
  const left = useRef(0);
  const lastText = useRef(initialText);

  useEffect(() => {
    if (jump) dispatch({ type: 'jump', line: jump.line, column: jump.column });
  }, [jump]);
  useEffect(() => {
    if (replace) dispatch({ type: 'set-text', text: replace.text });
  }, [replace]);
  useEffect(() => {
    const text = textOf(buffer);
    if (text !== lastText.current) {
      lastText.current = text;
      onChange?.(text);
    }
  }, [buffer, onChange]);

  usePaste((text) => dispatch({ type: 'paste', text }), { isActive: active });
  useKeys((key) => {
    if (onCommand(key, textOf(buffer))) return true;
    const action = editorAction(key, height);
    if (action) dispatch(action);
    return true;
  }, active);

  const gutter = String(buffer.lines.length).length + 1;
  const byLine = new Map<number, LineMessage>();
  for (const m of messages) if (!byLine.has(m.line) || m.tone === 'error') byLine.set(m.line, m);
  const textWidth = Math.max(4, width - gutter - 1);
  top.current = scrollTop(top.current, buffer.cursor.row, height, buffer.lines.length);
  const cursorLine = buffer.lines[buffer.cursor.row] ?? '';
  left.current = scrollLeft(left.current, cursorLine, buffer.cursor.col, textWidth);

  const rows: ReactNode[] = [];
  for (let r = top.current; r < Math.min(buffer.lines.length, top.current + height); r++) {
    const line = buffer.lines[r] ?? '';
    const isCursorRow = r === buffer.cursor.row;
    // Sideways scrolling follows the cursor line; other lines scroll with it so columns stay aligned.
    const shown = visibleSlice(line, left.current, textWidth);
    const message = byLine.get(r + 1);
    rows.push(
      <Text key={r} wrap="truncate-end">
        <Text
          color={message ? theme[message.tone] : theme.muted}
        >{`${String(r + 1).padStart(gutter - 1)} `}</Text>
        {isCursorRow ? (
          <CursorLine text={shown} col={buffer.cursor.col - left.current} />
        ) : (
          <Coloured text={shown} theme={theme} />
        )}
        {message ? <Text color={theme[message.tone]}>{`  ← ${message.text}`}</Text> : null}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {rows}
    </Box>
  );
}

function CursorLine({ text, col }: { text: string; col: number }): ReactNode {
  const chars = Array.from(displayText(text));
  const at = Math.max(0, Math.min(col, chars.length));
  return (
    <>
      {chars.slice(0, at).join('')}
      <Text inverse>{chars[at] ?? ' '}</Text>
      {chars.slice(at + 1).join('')}
    </>
  );
}

function Coloured({ text, theme }: { text: string; theme: Theme }): ReactNode {
  if (!theme.colour) return displayText(text);
  return jsonTokens(displayText(text)).map((t, i) => (
    <Text key={i} color={t.kind === 'plain' ? undefined : theme.syntax?.[t.kind]}>
      {t.text}
    </Text>
  ));
}
