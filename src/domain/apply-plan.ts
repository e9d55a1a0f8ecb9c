// What `kcx apply` will do with each connector: create what is missing, update what differs, leave
// equal configs alone. Pure: the caller fetches the live configs and does the requests.
import type { ConnectorConfig } from '../connect/types.js';
import type { ConnectorSpec } from './config-files.js';
import { InputError } from './input-error.js';
import { MASK, type MaskOptions, maskValue, unmaskConfig } from './masking.js';

export type ApplyAction = 'create' | 'update' | 'unchanged';

export interface KeyChange {
  key: string;
  kind: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

export interface PlanItem {
  name: string;
  spec: ConnectorSpec;
  action: ApplyAction;
  /** The config to send: the file's, with masks the user left in place replaced by the live values. */
  config: ConnectorConfig;
  /** The live config, when the connector exists. */
  live?: ConnectorConfig;
  /** Against the live config, by key; every key is added for a create. */
  changes: KeyChange[];
}

/**
 * `live` maps a connector name to its live config, or to undefined when it does not exist. A file
 * value that still holds the mask (`••••••`, e.g. copied from `kcx describe`) gets the live secret
 * back; one that cannot be traced to a live value is an input error, never sent as the mask.
 */
export function planApply(
  specs: readonly ConnectorSpec[],
  live: ReadonlyMap<string, ConnectorConfig | undefined>,
): PlanItem[] {
  return specs.map((spec) => {
    const current = live.get(spec.name);
    const liveConfig = current === undefined ? undefined : withName(current, spec.name);
    const config = restoreMasks(spec, liveConfig);
    if (!liveConfig) {
      return { name: spec.name, spec, action: 'create', config, changes: diffConfigs({}, config) };
    }
    const changes = diffConfigs(liveConfig, config);
    return {
      name: spec.name,
      spec,
      action: changes.length === 0 ? 'unchanged' : 'update',
      config,
      live: liveConfig,
      changes,
    };
  });
}

/** Connect stores `name` in the config; a live config without it (an odd worker) still compares equal. */
function withName(config: ConnectorConfig, name: string): ConnectorConfig {
  return config.name === undefined ? { name, ...config } : config;
}

function restoreMasks(spec: ConnectorSpec, live: ConnectorConfig | undefined): ConnectorConfig {
  const masked = Object.keys(spec.config).filter((k) => spec.config[k]?.includes(MASK));
  if (masked.length === 0) return spec.config;
  if (!live) {
    throw new InputError(
      `connector ${spec.name} does not exist, so the masked value of ${masked.join(', ')} cannot be restored; write the real value`,
      spec.where,
    );
  }
  const { config, unresolved } = unmaskConfig(spec.config, live);
  if (unresolved.length > 0) {
    throw new InputError(
      `connector ${spec.name}: ${unresolved.join(', ')} holds a masked value (${MASK}) that does not match the live config; write the real value`,
      spec.where,
    );
  }
  return config;
}

/** Key-level differences, sorted by key. */
export function diffConfigs(before: ConnectorConfig, after: ConnectorConfig): KeyChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: KeyChange[] = [];
  for (const key of keys) {
    const b = Object.hasOwn(before, key) ? before[key] : undefined;
    const a = Object.hasOwn(after, key) ? after[key] : undefined;
    if (b === a) continue;
    if (b === undefined) changes.push({ key, kind: 'added', after: a as string });
    else if (a === undefined) changes.push({ key, kind: 'removed', before: b });
    else changes.push({ key, kind: 'changed', before: b, after: a });
  }
  return changes;
}

/** `+ key: value`, `- key: value`, `~ key: old → new`, with secrets masked. */
export function formatChange(change: KeyChange, options: MaskOptions = {}): string {
  const show = (v: string | undefined) => (v === undefined ? '' : maskValue(change.key, v, options));
  if (change.kind === 'added') return `+ ${change.key}: ${show(change.after)}`;
  if (change.kind === 'removed') return `- ${change.key}: ${show(change.before)}`;
  const before = show(change.before);
  const after = show(change.after);
  // Both sides mask to the same text: say that the secret changed rather than print "•• → ••".
  if (before === after) return `~ ${change.key}: ${after} (secret changed)`;
  return `~ ${change.key}: ${before} → ${after}`;
}

export function countActions(items: readonly PlanItem[]): Record<ApplyAction, number> {
  const counts: Record<ApplyAction, number> = { create: 0, update: 0, unchanged: 0 };
  for (const i of items) counts[i.action]++;
  return counts;
}
