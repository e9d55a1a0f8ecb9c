// Mounts only the visible rows: Ink lays out every mounted node on every commit, so a list of
// 10,000 mounted rows would take seconds per keystroke.
import { Box } from 'ink';
import { Fragment, type ReactNode, useRef } from 'react';

export interface ListWindowProps {
  count: number;
  cursor: number;
  height: number;
  renderRow: (index: number, selected: boolean) => ReactNode;
}

/** The first visible index: sticky, moved only as far as needed to keep the cursor in view. */
export function scrollOffset(previous: number, cursor: number, height: number, count: number): number {
  if (height <= 0 || count <= 0) return 0;
  let offset = Math.min(previous, Math.max(0, count - height));
  if (cursor < offset) offset = cursor;
  if (cursor >= offset + height) offset = cursor - height + 1;
  return Math.max(0, offset);
}

export function ListWindow({ count, cursor, height, renderRow }: ListWindowProps): ReactNode {
  const offset = useRef(0);
  offset.current = scrollOffset(offset.current, cursor, height, count);
  const rows: ReactNode[] = [];
  const end = Math.min(count, offset.current + height);
  // A row is its own element (a <Text> line), with no Box around it: one Yoga node fewer per row
  // to lay out on every frame.
  for (let i = offset.current; i < end; i++)
    rows.push(<Fragment key={i}>{renderRow(i, i === cursor)}</Fragment>);
  return <Box flexDirection="column">{rows}</Box>;
}
