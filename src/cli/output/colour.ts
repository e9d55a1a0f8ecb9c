// Colour only for a person at a terminal: never into a pipe or a file, never with NO_COLOR
// (https://no-color.org) or TERM=dumb. FORCE_COLOR=1 turns it on regardless (CI logs, tests).
import type { ConnectorState } from '../../connect/types.js';
import type { Health } from '../../domain/health.js';

export type Colour = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'gray' | 'bold';

const CODES: Record<Colour, [number, number]> = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
  bold: [1, 22],
};

export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function paint(text: string, colour: Colour | undefined, enabled: boolean): string {
  if (!enabled || colour === undefined || text === '') return text;
  const [open, close] = CODES[colour];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

/** One colour per state and health word, the same in every table. */
export function stateColour(state: ConnectorState | Health | string): Colour | undefined {
  switch (state) {
    case 'RUNNING':
    case 'HEALTHY':
      return 'green';
    case 'FAILED':
      return 'red';
    case 'DEGRADED':
    case 'PAUSED':
    case 'RESTARTING':
    case 'UNASSIGNED':
      return 'yellow';
    case 'STOPPED':
      return 'gray';
    default:
      return undefined;
  }
}
