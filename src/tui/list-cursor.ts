import type { Command } from './keymap.js';

/** The new cursor after a movement command, or undefined when the command is not a movement. */
export function moveCursor(
  command: Command,
  cursor: number,
  count: number,
  page: number,
): number | undefined {
  if (count <= 0)
    return command === 'up' ||
      command === 'down' ||
      command === 'top' ||
      command === 'bottom' ||
      command === 'pageUp' ||
      command === 'pageDown'
      ? 0
      : undefined;
  const last = count - 1;
  switch (command) {
    case 'up':
      return Math.max(0, cursor - 1);
    case 'down':
      return Math.min(last, cursor + 1);
    case 'top':
      return 0;
    case 'bottom':
      return last;
    case 'pageUp':
      return Math.max(0, cursor - Math.max(1, page));
    case 'pageDown':
      return Math.min(last, cursor + Math.max(1, page));
    default:
      return undefined;
  }
}
