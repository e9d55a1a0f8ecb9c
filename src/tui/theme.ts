// Semantic colour tokens. NO_COLOR (https://no-color.org) gives a theme with no colour at all,
// where state is still readable from text and inverse video.
import type { ConnectorState } from '../connect/types.js';

export interface Theme {
  colour: boolean;
  accent?: string;
  muted?: string;
  ok?: string;
  warn?: string;
  error?: string;
  info?: string;
  highlight?: string;
  changed?: string;
  production?: string;
  /** JSON colouring in the editors. */
  syntax?: Partial<Record<JsonTokenKind, string>>;
}

export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punctuation';

const COLOUR: Theme = {
  colour: true,
  accent: 'cyan',
  muted: 'gray',
  ok: 'green',
  warn: 'yellow',
  error: 'red',
  info: 'blue',
  highlight: 'yellowBright',
  changed: 'magenta',
  production: 'red',
  syntax: { key: 'cyan', string: 'green', number: 'yellow', literal: 'magenta', punctuation: 'gray' },
};

const PLAIN: Theme = { colour: false };

export function pickTheme(env: NodeJS.ProcessEnv = process.env): Theme {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? PLAIN : COLOUR;
}

export type Health = 'HEALTHY' | 'DEGRADED' | 'FAILED' | 'PAUSED' | 'STOPPED' | 'UNASSIGNED';

export function stateColour(theme: Theme, state: ConnectorState | Health | string): string | undefined {
  switch (state) {
    case 'RUNNING':
    case 'HEALTHY':
      return theme.ok;
    case 'FAILED':
      return theme.error;
    case 'DEGRADED':
    case 'UNASSIGNED':
    case 'RESTARTING':
      return theme.warn;
    case 'PAUSED':
    case 'STOPPED':
      return theme.muted;
    default:
      return undefined;
  }
}
