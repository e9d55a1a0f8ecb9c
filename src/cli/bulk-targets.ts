// Which connectors a bulk command acts on: named ones, those matching --match, or those picked in
// the full-screen picker — always checked against the cluster's current list, with their states.
import type { ConnectClient } from '../connect/client.js';
import type { ConnectorState } from '../connect/types.js';
import { compileMatcher } from '../domain/match.js';
import { compareNames } from '../domain/names.js';
import type { DeleteTarget } from '../domain/safe-delete.js';
import { usageError } from './bulk-exit.js';

export interface Target extends DeleteTarget {
  /** Unknown for a connector the worker lists without a status yet (just created). */
  state?: ConnectorState;
  tasks: number;
  failedTasks: number;
}

/** Every connector on the cluster with its state, sorted by name. One request on Connect ≥ 2.3. */
export async function loadTargets(client: ConnectClient): Promise<Target[]> {
  const listing = await client.listConnectorsWithStatus();
  const targets: Target[] = listing.connectors.map((c) => ({
    name: c.name,
    state: c.status.connector.state,
    tasks: c.status.tasks.length,
    failedTasks: c.status.tasks.filter((t) => t.state === 'FAILED').length,
  }));
  for (const name of listing.skipped) targets.push({ name, tasks: 0, failedTasks: 0 });
  return targets.sort((a, b) => compareNames(a.name, b.name));
}

/** The named connectors, in the order given; a name the cluster does not have is bad input. */
export function selectByNames(all: readonly Target[], names: readonly string[], where: string): Target[] {
  const byName = new Map(all.map((t) => [t.name, t]));
  const unique = [...new Set(names)];
  const unknown = unique.filter((n) => !byName.has(n));
  if (unknown.length > 0) {
    const list = unknown.map((n) => JSON.stringify(n)).join(', ');
    throw usageError(`no connector ${list} on ${where}; nothing was sent`);
  }
  return unique.map((n) => byName.get(n)!);
}

export function selectByMatch(all: readonly Target[], pattern: string, where: string): Target[] {
  const matches = compileMatcher(pattern);
  const selected = all.filter((t) => matches(t.name));
  if (selected.length === 0)
    throw usageError(`no connector on ${where} matches ${pattern}; nothing was sent`);
  return selected;
}

/** `RUNNING`, `RUNNING · 1/3 tasks failed`, `(no status yet)`. */
export function describeState(t: Target): string {
  if (t.state === undefined) return '(no status yet)';
  return t.failedTasks > 0 ? `${t.state} · ${t.failedTasks}/${t.tasks} tasks failed` : t.state;
}
