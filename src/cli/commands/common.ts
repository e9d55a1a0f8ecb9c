// Small pieces every non-interactive command uses: where output goes and how wide it may be,
// --match and --state parsing.
import type { ConnectorState } from '../../connect/types.js';
import { HEALTHS } from '../../domain/health.js';
import { compileMatcher } from '../../domain/match.js';
import { CONNECTOR_STATES } from '../../domain/snapshot.js';
import { UsageError } from '../failure.js';
import { colourEnabled } from '../output/colour.js';
import { type TableOptions, outputWidth } from '../output/table.js';

export interface Out {
  write(text: string): void;
  warn(text: string): void;
  table: TableOptions;
}

/** stdout for results, stderr for notes; the table fits stdout's terminal. */
export function processOut(env: NodeJS.ProcessEnv = process.env): Out {
  const width = outputWidth(process.stdout, env);
  return {
    write: (text) => {
      process.stdout.write(text);
    },
    warn: (text) => {
      process.stderr.write(`kcx: ${text}\n`);
    },
    table: {
      colour: colourEnabled(process.stdout, env),
      ...(width === undefined ? {} : { maxWidth: width }),
    },
  };
}

/** `--match` as a predicate; a bad regex is a usage error. Without a pattern everything matches. */
export function matcher(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  try {
    return compileMatcher(pattern);
  } catch (e) {
    throw new UsageError(`--match: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `--state failed,paused` → the upper-cased words, each checked against what the resource has. */
export function parseStates(value: string | undefined, allowed: readonly string[]): Set<string> | undefined {
  if (value === undefined) return undefined;
  const words = value
    .split(',')
    .map((w) => w.trim().toUpperCase())
    .filter((w) => w !== '');
  if (words.length === 0) throw new UsageError('--state needs a value, e.g. --state FAILED');
  for (const w of words) {
    if (!allowed.includes(w))
      throw new UsageError(`--state: unknown state ${w} (one of: ${allowed.join(', ')})`);
  }
  return new Set(words);
}

export const CONNECTOR_STATE_WORDS: readonly string[] = [
  ...CONNECTOR_STATES,
  ...HEALTHS.filter((h) => !(CONNECTOR_STATES as readonly string[]).includes(h)),
];
export const TASK_STATE_WORDS: readonly ConnectorState[] = CONNECTOR_STATES;
