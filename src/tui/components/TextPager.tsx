// A scrollable, searchable block of text (a stack trace, a config, help). Only the visible lines
// are mounted, so a 1 MB trace scrolls as fast as a short one.
import { Box, Text, useWindowSize } from 'ink';
import { type ReactNode, useMemo, useState } from 'react';
import { useKeys } from '../input-stack.js';
import { commandFor, type ViewId } from '../keymap.js';
import { moveCursor } from '../list-cursor.js';
import { cellWidth } from '../../domain/text-fit.js';
import { useTheme } from '../theme-context.js';

export interface TextPagerProps {
  view: ViewId;
  lines: string[];
  height: number;
  /** Lines pinned above the scrolling text (e.g. the root cause). */
  pinned?: ReactNode;
  pinnedHeight?: number;
  /** Colour a line (e.g. "Caused by:" lines). */
  lineColour?: (line: string) => string | undefined;
  /** Handles the view's own keys first; return true to consume. */
  onKey?: (name: string) => boolean;
}

export function TextPager({
  view,
  lines,
  height,
  pinned,
  pinnedHeight = 0,
  lineColour,
  onKey,
}: TextPagerProps): ReactNode {
  const theme = useTheme();
  const { columns } = useWindowSize();
  const [top, setTop] = useState(0);
  const [wrap, setWrap] = useState(false);
  const [query, setQuery] = useState('');
  const [searching, setSearching] = useState(false);
  const [match, setMatch] = useState(0);
  const bodyHeight = Math.max(1, height - pinnedHeight - 1);
  const maxTop = Math.max(0, lines.length - bodyHeight);
  const matches = useMemo(() => {
    if (query === '') return [];
    const q = query.toLowerCase();
    const out: number[] = [];
    lines.forEach((line, i) => {
      if (line.toLowerCase().includes(q)) out.push(i);
    });
    return out;
  }, [lines, query]);

  const jumpTo = (i: number) => {
    setMatch(i);
    const line = matches[i];
    if (line !== undefined) setTop(Math.min(maxTop, Math.max(0, line - 2)));
  };

  useKeys((key) => {
    if (searching) {
      if (key.name === 'enter') {
        setSearching(false);
        if (matches.length > 0) jumpTo(0);
      } else if (key.name === 'escape') {
        setSearching(false);
        setQuery('');
      } else if (key.name === 'backspace' || key.name === 'delete')
        setQuery((q) => [...q].slice(0, -1).join(''));
      else if (key.text) setQuery((q) => q + key.text);
      return true;
    }
    if (onKey?.(key.name)) return true;
    const binding = commandFor(view, key.name);
    if (!binding) return false;
    const moved = moveCursor(binding.command, top, maxTop + 1, bodyHeight);
    if (moved !== undefined) {
      setTop(moved);
      return true;
    }
    switch (binding.command) {
      case 'search':
        setSearching(true);
        setQuery('');
        return true;
      case 'nextMatch':
        if (matches.length > 0) jumpTo((match + 1) % matches.length);
        return true;
      case 'prevMatch':
        if (matches.length > 0) jumpTo((match - 1 + matches.length) % matches.length);
        return true;
      case 'wrap':
        setWrap((w) => !w);
        return true;
      case 'back':
        if (query !== '') {
          setQuery('');
          return true;
        }
        return false;
      default:
        return false;
    }
  });

  // Wrapped, a long line takes several rows: show only the lines whose rows fit, each whole.
  const rowsOf = (line: string) =>
    wrap ? Math.max(1, Math.ceil(cellWidth(line.replace(/\t/g, '    ')) / Math.max(1, columns))) : 1;
  const visible: string[] = [];
  for (let i = top, used = 0; i < lines.length; i++) {
    const rows = rowsOf(lines[i] ?? '');
    if (used + rows > bodyHeight && visible.length > 0) break;
    visible.push(lines[i] ?? '');
    used += rows;
  }
  const current = matches[match];
  const status = searching
    ? `/${query}`
    : query !== ''
      ? `/${query}  ${matches.length === 0 ? 'no match' : `${match + 1}/${matches.length}`}  n/N next/prev`
      : `${lines.length === 0 ? 0 : top + 1}–${Math.min(lines.length, top + visible.length)} of ${lines.length} lines${wrap ? ' · wrap' : ''}`;
  return (
    <Box flexDirection="column" height={height}>
      {pinned}
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {visible.map((line, i) => {
          const index = top + i;
          const isMatch = query !== '' && line.toLowerCase().includes(query.toLowerCase());
          return (
            <Text
              key={index}
              wrap={wrap ? 'wrap' : 'truncate-end'}
              color={isMatch ? theme.highlight : lineColour?.(line)}
              inverse={index === current && !searching}
            >
              {line === '' ? ' ' : line.replace(/\t/g, '    ')}
            </Text>
          );
        })}
      </Box>
      <Text color={theme.muted} wrap="truncate-end">
        {status}
        {searching ? <Text inverse> </Text> : null}
      </Text>
    </Box>
  );
}
