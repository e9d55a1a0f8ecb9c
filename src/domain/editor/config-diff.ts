// What applying an edited config would change, shown before anything is sent, and how to send it.
// Values are masked by default with the same rules as everywhere else (masking.ts), so the diff can be
// shown and copied safely; a change that is only inside a secret is still visible as a change.
import type { Capabilities } from '../../connect/version.js';
import type { ConnectorConfig, CreateConnectorRequest, InitialState } from '../../connect/types.js';
import { type MaskOptions, maskValue } from '../masking.js';

export interface ConfigChange {
  key: string;
  kind: 'added' | 'removed' | 'changed';
  /** Shown value before (removed, changed); masked unless revealed. */
  before?: string;
  /** Shown value after (added, changed); masked unless revealed. */
  after?: string;
  /** What is shown is masked, wholly (a secret key) or partly (a password inside a URL). */
  masked: boolean;
  /** Changed, but the shown values are equal: the change is inside a masked part. */
  hiddenChange?: boolean;
}

export interface ConfigDiff {
  /** Each sorted by key. */
  added: ConfigChange[];
  removed: ConfigChange[];
  changed: ConfigChange[];
}

export interface DiffOptions extends MaskOptions {
  /** Show real values (an explicit "reveal" by the user); masked by default. */
  reveal?: boolean;
}

/**
 * Diffs `next` against `live` (both with real values). A `name` missing from `next` is not a removal:
 * PUT fills it in from the URL and PATCH leaves it alone.
 */
export function diffConfigs(
  live: ConnectorConfig,
  next: ConnectorConfig,
  options: DiffOptions = {},
): ConfigDiff {
  const show = (key: string, value: string) => (options.reveal ? value : maskValue(key, value, options));
  const isMasked = (key: string, value: string) => maskValue(key, value, options) !== value;
  const added: ConfigChange[] = [];
  const removed: ConfigChange[] = [];
  const changed: ConfigChange[] = [];
  for (const key of sortedKeys(live, next)) {
    const inLive = Object.hasOwn(live, key);
    const inNext = Object.hasOwn(next, key);
    if (inLive && !inNext) {
      if (key === 'name') continue;
      const before = live[key]!;
      removed.push({ key, kind: 'removed', before: show(key, before), masked: isMasked(key, before) });
    } else if (!inLive && inNext) {
      const after = next[key]!;
      added.push({ key, kind: 'added', after: show(key, after), masked: isMasked(key, after) });
    } else if (live[key] !== next[key]) {
      const before = show(key, live[key]!);
      const after = show(key, next[key]!);
      changed.push({
        key,
        kind: 'changed',
        before,
        after,
        masked: isMasked(key, live[key]!) || isMasked(key, next[key]!),
        ...(before === after ? { hiddenChange: true } : {}),
      });
    }
  }
  return { added, removed, changed };
}

function sortedKeys(a: ConnectorConfig, b: ConnectorConfig): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

export function isEmptyConfigDiff(diff: ConfigDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length === 0;
}

export function changeCount(diff: ConfigDiff): number {
  return diff.added.length + diff.removed.length + diff.changed.length;
}

/**
 * One line per change, all in key order: `+ key = value`, `- key`, `~ key: old → new` (with
 * "(secret changed)" when the change is inside a masked part and the two sides look the same).
 */
export function renderConfigDiff(diff: ConfigDiff): string[] {
  const all = [...diff.added, ...diff.removed, ...diff.changed].sort((x, y) =>
    x.key < y.key ? -1 : x.key > y.key ? 1 : 0,
  );
  return all.map((c) => {
    if (c.kind === 'added') return `+ ${c.key} = ${c.after}`;
    if (c.kind === 'removed') return `- ${c.key}`;
    return `~ ${c.key}: ${c.before} → ${c.after}${c.hiddenChange ? ' (secret changed)' : ''}`;
  });
}

// --- what to send ----------------------------------------------------------------------------------

export type ApplyPlan =
  | { method: 'none'; reason: string }
  | { method: 'PUT'; body: ConnectorConfig; reason: string }
  /** Removed keys are `null`: PATCH removes them. */
  | { method: 'PATCH'; body: Record<string, string | null>; reason: string }
  | { method: 'POST'; body: CreateConnectorRequest; reason: string };

/** PATCH is suggested up to this many changed keys. */
export const PATCH_MAX_KEYS = 5;

/**
 * PUT replaces the whole config with what the user saw and edited. PATCH (Connect ≥ 3.8) sends only
 * the changed keys, so a change someone else made meanwhile to another key survives; that is worth it
 * for a small, targeted edit, while a larger rewrite is clearer as "this is the config", so:
 *   - nothing changed → none;
 *   - the cluster has PATCH, at most PATCH_MAX_KEYS keys change, and `name` is not one of them → PATCH
 *     with the added and changed keys and `null` for each removed key;
 *   - otherwise → PUT of the whole config. (PATCH does not check `name`: a rename must go by PUT,
 *     which the worker refuses with a clear 400.)
 */
export function choosePatchOrPut(
  live: ConnectorConfig,
  next: ConnectorConfig,
  caps: Pick<Capabilities, 'supports' | 'reason'>,
): ApplyPlan {
  const diff = diffConfigs(live, next, { reveal: true });
  const count = changeCount(diff);
  if (count === 0) return { method: 'none', reason: 'no changes' };
  const put = (reason: string): ApplyPlan => ({ method: 'PUT', body: next, reason });
  if (!caps.supports('patch-config')) return put(caps.reason('patch-config') ?? 'PATCH is not available');
  if (count > PATCH_MAX_KEYS)
    return put(`${count} keys change (PATCH is used for ${PATCH_MAX_KEYS} or fewer)`);
  if ([...diff.added, ...diff.removed, ...diff.changed].some((c) => c.key === 'name')) {
    return put('name changes: PUT lets the worker check it');
  }
  const body: Record<string, string | null> = {};
  for (const c of [...diff.added, ...diff.changed]) body[c.key] = next[c.key]!;
  for (const c of diff.removed) body[c.key] = null;
  return {
    method: 'PATCH',
    body,
    reason: `${count} key${count === 1 ? '' : 's'} change: only they are sent`,
  };
}

/**
 * The body of `POST /connectors` for a new connector whose config names it. A PAUSED or STOPPED start
 * needs `initial_state` (Connect ≥ 3.7); on an older cluster the plan is `none` with the reason,
 * rather than creating a connector that starts running when the user asked for it not to.
 */
export function createPlan(
  config: ConnectorConfig,
  caps: Pick<Capabilities, 'supports' | 'reason'>,
  initialState: InitialState = 'RUNNING',
): ApplyPlan {
  const name = config.name ?? '';
  const body: CreateConnectorRequest = { name, config };
  if (initialState === 'RUNNING') return { method: 'POST', body, reason: `create ${name}` };
  if (!caps.supports('initial-state')) {
    return { method: 'none', reason: caps.reason('initial-state') ?? 'initial_state is not available' };
  }
  body.initial_state = initialState;
  return { method: 'POST', body, reason: `create ${name} ${initialState}` };
}
